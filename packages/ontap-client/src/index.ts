export type { BackoffOptions } from './backoff';
export { DEFAULT_BACKOFF, fullJitterDelay } from './backoff';
export type { BasicCredentials, CredentialsProvider, SecretsManagerCredentialsOptions } from './credentials';
export { secretsManagerCredentials, staticCredentials } from './credentials';
export { parseOntapErrorBody } from './error-body';
export type { OntapErrorArgument, OntapErrorDetails, RedactedRequest } from './errors';
export {
  OntapApiError,
  OntapCredentialsError,
  OntapError,
  OntapInputError,
  OntapJobFailedError,
  OntapJobTimeoutError,
  OntapNotFoundError,
  OntapResponseError,
  OntapTransportError,
} from './errors';
export { decodeNamespacePath, encodeNamespacePath, fileSecurityPath } from './file-security-path';
export type {
  AsyncResult,
  Job,
  JobOutcome,
  JobState,
  JobStatus,
  JobStatusOptions,
  Submitted,
  WaitForJobOptions,
} from './jobs';
export { completeAsync, getJob, jobStatus, jobUuidsOf, submittedOf, waitForJob } from './jobs';
export type { PaginateOptions } from './paginate';
export { listAll, paginate } from './paginate';
export type { Query, QueryValue } from './query';
export type { ListOptions, MutationOptions, SubmitOptions, SvmRef } from './resource-helpers';
export * as cifsShares from './resources/cifs-shares';
export * as clones from './resources/clones';
export * as cluster from './resources/cluster';
export * as fileSecurity from './resources/file-security';
export * as flexcache from './resources/flexcache';
export * as fpolicy from './resources/fpolicy';
export * as jobs from './resources/jobs';
export * as snapmirror from './resources/snapmirror';
export * as snapshots from './resources/snapshots';
export * as svms from './resources/svms';
export * as volumes from './resources/volumes';
export type {
  FetchInit,
  FetchLike,
  FetchResponseLike,
  HttpMethod,
  OntapClient,
  OntapClientOptions,
  OntapLogger,
  OntapRequest,
  OntapResponse,
  SvmTunnel,
} from './transport';
export { createOntapClient, DEFAULT_CLIENT_APP, isRetryable } from './transport';
