import { Agent, type Dispatcher, fetch as undiciFetch } from 'undici';
import { type BackoffOptions, DEFAULT_BACKOFF, fullJitterDelay } from './backoff';
import type { BasicCredentials, CredentialsProvider } from './credentials';
import { parseOntapErrorBody } from './error-body';
import {
  OntapApiError,
  OntapError,
  OntapNotFoundError,
  OntapResponseError,
  OntapTransportError,
  type RedactedRequest,
} from './errors';
import { appendQuery, type Query } from './query';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** The subset of `fetch`'s init this client passes; `dispatcher` is undici's TLS/connection agent. */
export interface FetchInit {
  readonly method: HttpMethod;
  readonly headers: Record<string, string>;
  readonly body?: string;
  readonly signal: AbortSignal;
  readonly dispatcher?: Dispatcher;
}

/** The subset of a fetch `Response` this client reads, so tests can hand in a plain fake. */
export interface FetchResponseLike {
  readonly status: number;
  text(): Promise<string>;
}

export type FetchLike = (url: string, init: FetchInit) => Promise<FetchResponseLike>;

/** Structured log sink; entries never contain credentials or headers. */
export interface OntapLogger {
  debug(message: string, data: Readonly<Record<string, unknown>>): void;
  warn(message: string, data: Readonly<Record<string, unknown>>): void;
}

export type SvmTunnel = { readonly name: string } | { readonly uuid: string };

export interface OntapClientOptions {
  /** `https://<management-ip>` (a trailing `/api` is accepted and ignored). */
  readonly baseUrl: string;
  readonly credentials: CredentialsProvider;
  /** Defaults to undici's fetch, which honours the TLS dispatcher below. */
  readonly fetch?: FetchLike;
  /** Extra trusted CA certificate(s) in PEM, for clusters with a private CA or self-signed certificate. */
  readonly ca?: string | Buffer | ReadonlyArray<string | Buffer>;
  /** TLS certificate verification; on unless explicitly disabled. */
  readonly rejectUnauthorized?: boolean;
  /** Per attempt, including reading the body; default 30 s. */
  readonly timeoutMs?: number;
  /** Retries after the first attempt for retryable failures; default 3. */
  readonly retries?: number;
  readonly backoff?: Partial<BackoffOptions>;
  /** Act inside one SVM (`X-Dot-SVM-Name` / `X-Dot-SVM-UUID`) as a cluster admin. */
  readonly svmTunnel?: SvmTunnel;
  /** Sent as `X-Dot-Client-App`. */
  readonly clientApp?: string;
  readonly logger?: OntapLogger;
  /** Injectable for deterministic tests. */
  readonly random?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface OntapRequest {
  readonly method: HttpMethod;
  /** Path below `/api` (`/storage/volumes`) or an ONTAP href (`/api/storage/volumes?start.uuid=…`). */
  readonly path: string;
  readonly query?: Query;
  readonly body?: unknown;
  readonly signal?: AbortSignal;
}

export interface OntapResponse {
  readonly status: number;
  /** Parsed JSON body; `{}` when ONTAP sent none. */
  readonly body: unknown;
}

export interface OntapClient {
  readonly baseUrl: string;
  request(request: OntapRequest): Promise<OntapResponse>;
  /** Releases the TLS agent's sockets. */
  close(): Promise<void>;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_RETRIES = 3;
export const DEFAULT_CLIENT_APP = 'fsxn-ontap-client/0.1.0';

/** Errors raised while connecting: the request bytes never reached ONTAP. */
const CONNECT_PHASE_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** TLS verification failures: configuration problems, retrying cannot help. */
const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

const IDEMPOTENT: ReadonlySet<HttpMethod> = new Set(['GET', 'PATCH', 'DELETE']);

const errorCodeOf = (error: unknown): string | undefined => {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
};

const normaliseBaseUrl = (baseUrl: string): string => {
  const url = new URL(baseUrl);
  const path = url.pathname.replace(/\/+$/, '').replace(/\/api$/, '');
  return `${url.origin}${path}`;
};

/** `/storage/volumes` and `/api/storage/volumes?x=1` both become `/api/storage/volumes…`. */
const toApiPath = (path: string): string => {
  if (!path.startsWith('/')) throw new TypeError(`ONTAP path must start with "/": ${path}`);
  return path.startsWith('/api/') ? path : `/api${path}`;
};

const redact = (method: HttpMethod, path: string, headers: Record<string, string>): RedactedRequest => {
  const copy: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) {
    copy[key] = key.toLowerCase() === 'authorization' ? '[REDACTED]' : value;
  }
  return { method, path, headers: copy };
};

const basicAuth = ({ username, password }: BasicCredentials): string =>
  `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;

const toCaList = (ca: string | Buffer | ReadonlyArray<string | Buffer>): Array<string | Buffer> =>
  typeof ca === 'string' || Buffer.isBuffer(ca) ? [ca] : [...ca];

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Retry policy (documented in the README):
 * - GET/PATCH/DELETE are retried on HTTP 5xx, 429 and transient transport errors (ONTAP PATCH/DELETE
 *   set absolute state, so repeating them is safe).
 * - POST is retried only when ONTAP cannot have acted on it: HTTP 429, or a transport error raised while
 *   connecting. A POST that timed out or got a 5xx may already have created an object or a job.
 * - 4xx (other than the single 401 credential refresh) are never retried.
 */
export const isRetryable = (method: HttpMethod, error: unknown): boolean => {
  if (error instanceof OntapApiError) {
    if (error.status === 429) return true;
    return error.status >= 500 && IDEMPOTENT.has(method);
  }
  if (error instanceof OntapTransportError) {
    if (!error.transient) return false;
    return IDEMPOTENT.has(method) || error.beforeRequestSent;
  }
  return false;
};

export const createOntapClient = (options: OntapClientOptions): OntapClient => {
  const baseUrl = normaliseBaseUrl(options.baseUrl);
  const rejectUnauthorized = options.rejectUnauthorized ?? true;
  const needsAgent = options.ca !== undefined || !rejectUnauthorized;
  const agent = needsAgent
    ? new Agent({
        connect: {
          rejectUnauthorized,
          ...(options.ca === undefined ? {} : { ca: toCaList(options.ca) }),
        },
      })
    : undefined;
  const doFetch: FetchLike =
    options.fetch ?? ((url, init) => undiciFetch(url, init) as unknown as Promise<FetchResponseLike>);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const retries = options.retries ?? DEFAULT_RETRIES;
  const backoff: BackoffOptions = { ...DEFAULT_BACKOFF, ...options.backoff };
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? defaultSleep;
  const logger = options.logger;

  const staticHeaders: Record<string, string> = {
    Accept: 'application/hal+json',
    'X-Dot-Client-App': options.clientApp ?? DEFAULT_CLIENT_APP,
  };
  if (options.svmTunnel !== undefined) {
    if ('name' in options.svmTunnel) staticHeaders['X-Dot-SVM-Name'] = options.svmTunnel.name;
    else staticHeaders['X-Dot-SVM-UUID'] = options.svmTunnel.uuid;
  }

  const sendOnce = async (
    request: OntapRequest,
    path: string,
    credentials: BasicCredentials,
  ): Promise<OntapResponse> => {
    const headers: Record<string, string> = { ...staticHeaders, Authorization: basicAuth(credentials) };
    const body = request.body === undefined ? undefined : JSON.stringify(request.body);
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const redacted = redact(request.method, path, headers);
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = request.signal === undefined ? timeout : AbortSignal.any([request.signal, timeout]);

    let status: number;
    let text: string;
    try {
      const response = await doFetch(`${baseUrl}${path}`, {
        method: request.method,
        headers,
        signal,
        ...(body === undefined ? {} : { body }),
        ...(agent === undefined ? {} : { dispatcher: agent }),
      });
      status = response.status;
      text = await response.text();
    } catch (error) {
      throw toTransportError(error, redacted, request.signal, timeout, timeoutMs);
    }

    if (status >= 200 && status < 300) {
      if (text.trim().length === 0) return { status, body: {} };
      try {
        return { status, body: JSON.parse(text) as unknown };
      } catch (error) {
        throw new OntapResponseError(
          `ONTAP ${request.method} answered HTTP ${status} with a non-JSON body`,
          redacted,
          error,
        );
      }
    }
    const details = parseOntapErrorBody(text, status);
    if (status === 404) throw new OntapNotFoundError(status, details, redacted);
    throw new OntapApiError(status, details, redacted);
  };

  const request = async (req: OntapRequest): Promise<OntapResponse> => {
    const path = appendQuery(toApiPath(req.path), req.query);
    let refreshedCredentials = false;
    for (let attempt = 0; ; attempt++) {
      const credentials = await options.credentials.get();
      try {
        const response = await sendOnce(req, path, credentials);
        logger?.debug('ontap request', { method: req.method, path, status: response.status, attempt });
        return response;
      } catch (error) {
        if (error instanceof OntapApiError && error.status === 401 && !refreshedCredentials) {
          // A rotated secret: drop the cache and try once more with fresh credentials.
          refreshedCredentials = true;
          options.credentials.invalidate();
          logger?.warn('ontap request unauthorised, refreshing credentials', { method: req.method, path });
          attempt--;
          continue;
        }
        if (attempt >= retries || !isRetryable(req.method, error)) throw error;
        const delayMs = fullJitterDelay(attempt, backoff, random());
        logger?.warn('ontap request failed, retrying', {
          method: req.method,
          path,
          attempt,
          delayMs,
          error: error instanceof OntapError ? error.name : 'Error',
          status: error instanceof OntapApiError ? error.status : undefined,
        });
        await sleep(delayMs);
      }
    }
  };

  return {
    baseUrl,
    request,
    async close() {
      await agent?.close();
    },
  };
};

const toTransportError = (
  error: unknown,
  request: RedactedRequest,
  callerSignal: AbortSignal | undefined,
  timeout: AbortSignal,
  timeoutMs: number,
): OntapTransportError => {
  const where = `${request.method} ${request.path.split('?')[0]}`;
  if (callerSignal?.aborted) {
    return new OntapTransportError(`ONTAP ${where} was aborted by the caller`, {
      request,
      errorCode: 'ABORTED',
      transient: false,
      beforeRequestSent: false,
      cause: error,
    });
  }
  if (timeout.aborted) {
    return new OntapTransportError(`ONTAP ${where} timed out after ${timeoutMs} ms`, {
      request,
      errorCode: 'TIMEOUT',
      transient: true,
      beforeRequestSent: false,
      cause: error,
    });
  }
  const code = errorCodeOf(error);
  if (code !== undefined && TLS_CODES.has(code)) {
    return new OntapTransportError(`ONTAP ${where}: TLS certificate rejected (${code})`, {
      request,
      errorCode: code,
      transient: false,
      beforeRequestSent: true,
      cause: error,
    });
  }
  return new OntapTransportError(`ONTAP ${where}: network error${code === undefined ? '' : ` (${code})`}`, {
    request,
    ...(code === undefined ? {} : { errorCode: code }),
    transient: true,
    beforeRequestSent: code !== undefined && CONNECT_PHASE_CODES.has(code),
    cause: error,
  });
};
