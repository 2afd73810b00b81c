import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AccessPointInfo } from './access-points';
import type { MultipartStore } from './multipart-store';
import type { Volume } from './volume';

/** Size limits of FSx S3 access points (bytes). */
export interface S3ApLimits {
  /** Largest single PutObject / UploadPart body (5 GiB). */
  readonly maxPartSize: number;
  /** Largest object a multipart upload may complete into (50 GiB). */
  readonly maxObjectSize: number;
  /** Smallest part other than the last (5 MiB). */
  readonly minPartSize: number;
}

/** Everything an operation handler needs for one request. */
export interface RequestContext {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly query: URLSearchParams;
  readonly volume: Volume;
  /** Decoded object key; '' for bucket-level requests. */
  readonly key: string;
  readonly requestId: string;
  readonly region: string;
  readonly limits: S3ApLimits;
  readonly uploads: MultipartStore;
  /** The access point a bucket name or alias refers to (CopyObject sources). */
  readonly accessPointOf: (bucket: string) => AccessPointInfo | undefined;
}
