/**
 * Every error this package throws extends `OntapError`. None of them carries credentials: the request
 * is recorded as method + path (+ headers with Authorization redacted), never the raw fetch init.
 */

/** The request an error refers to, safe to log and serialise. */
export interface RedactedRequest {
  readonly method: string;
  /** Path and query below the base URL, e.g. `/api/storage/volumes?fields=uuid`. */
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
}

export class OntapError extends Error {
  override readonly name: string = 'OntapError';
  /** True when repeating the same call later may succeed (5xx, 429, network, job still running). */
  readonly transient: boolean;

  constructor(message: string, options: { transient: boolean; cause?: unknown }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.transient = options.transient;
  }
}

/** One entry of ONTAP's `error.arguments`. */
export interface OntapErrorArgument {
  readonly code: string;
  readonly message: string;
}

/** The parsed `{"error":{…}}` body of a non-2xx ONTAP response. */
export interface OntapErrorDetails {
  readonly message: string;
  /** ONTAP sends the code as a string in error bodies; kept as a string. */
  readonly code: string;
  readonly target?: string;
  readonly arguments: readonly OntapErrorArgument[];
}

/** ONTAP answered with a non-2xx status. */
export class OntapApiError extends OntapError {
  override readonly name: string = 'OntapApiError';
  readonly status: number;
  readonly code: string;
  readonly target: string | undefined;
  readonly arguments: readonly OntapErrorArgument[];
  readonly request: RedactedRequest;

  constructor(status: number, details: OntapErrorDetails, request: RedactedRequest, cause?: unknown) {
    super(
      `ONTAP ${request.method} ${stripQuery(request.path)} failed with HTTP ${status}: ${details.message} (code ${details.code})`,
      {
        transient: status >= 500 || status === 429,
        cause,
      },
    );
    this.status = status;
    this.code = details.code;
    this.target = details.target;
    this.arguments = details.arguments;
    this.request = request;
  }
}

/** HTTP 404 / ONTAP code 4: the object does not exist. */
export class OntapNotFoundError extends OntapApiError {
  override readonly name: string = 'OntapNotFoundError';
}

/** A background job ended in `failure`. */
export class OntapJobFailedError extends OntapError {
  override readonly name: string = 'OntapJobFailedError';
  readonly jobUuid: string;
  /** The job's code (an integer in the job object), as a string like API error codes. */
  readonly code: string;
  readonly jobMessage: string;
  readonly description: string | undefined;

  constructor(job: { uuid: string; code: string; message: string; description?: string | undefined }) {
    super(
      `ONTAP job ${job.uuid}${job.description ? ` (${job.description})` : ''} failed: ${job.message} (code ${job.code})`,
      {
        transient: false,
      },
    );
    this.jobUuid = job.uuid;
    this.code = job.code;
    this.jobMessage = job.message;
    this.description = job.description;
  }
}

/** A job was still queued/running when the waiter's deadline passed; waiting again may succeed. */
export class OntapJobTimeoutError extends OntapError {
  override readonly name: string = 'OntapJobTimeoutError';
  readonly jobUuid: string;
  readonly lastState: string;

  constructor(jobUuid: string, lastState: string, timeoutMs: number) {
    super(`ONTAP job ${jobUuid} still ${lastState} after ${timeoutMs} ms`, { transient: true });
    this.jobUuid = jobUuid;
    this.lastState = lastState;
  }
}

/** The request never produced an HTTP response (DNS, connect, TLS, reset, timeout). */
export class OntapTransportError extends OntapError {
  override readonly name: string = 'OntapTransportError';
  readonly request: RedactedRequest;
  /** The low-level error code (e.g. `ECONNREFUSED`, `UND_ERR_CONNECT_TIMEOUT`, `TIMEOUT`) when known. */
  readonly errorCode: string | undefined;
  /** True when the failure certainly happened before ONTAP could have received the request. */
  readonly beforeRequestSent: boolean;

  constructor(
    message: string,
    options: {
      request: RedactedRequest;
      errorCode?: string;
      transient: boolean;
      beforeRequestSent: boolean;
      cause?: unknown;
    },
  ) {
    super(message, { transient: options.transient, cause: options.cause });
    this.request = options.request;
    this.errorCode = options.errorCode;
    this.beforeRequestSent = options.beforeRequestSent;
  }
}

/** ONTAP answered 2xx but the body is not what the API documents (not JSON, missing keys). */
export class OntapResponseError extends OntapError {
  override readonly name: string = 'OntapResponseError';
  readonly request: RedactedRequest;

  constructor(message: string, request: RedactedRequest, cause?: unknown) {
    super(message, { transient: false, cause });
    this.request = request;
  }
}

/** Credentials could not be obtained or are malformed (the secret's content is never echoed). */
export class OntapCredentialsError extends OntapError {
  override readonly name: string = 'OntapCredentialsError';
}

const stripQuery = (path: string): string => {
  const q = path.indexOf('?');
  return q === -1 ? path : path.slice(0, q);
};

/** The caller passed a value ONTAP cannot accept (caught before any request is sent). */
export class OntapInputError extends OntapError {
  override readonly name: string = 'OntapInputError';

  constructor(message: string) {
    super(message, { transient: false });
  }
}
