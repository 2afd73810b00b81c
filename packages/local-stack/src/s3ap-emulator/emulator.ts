import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LocalStackError } from '../errors';
import { countRequestBodyBytes, countResponseBodyBytes } from '../http/byte-counters';
import { closeServer, listen } from '../http/listen';
import { sleep } from '../util/sleep';
import type { AccessPointConfig, AccessPointInfo } from './access-points';
import {
  checkAuthorization,
  deleteObjects,
  getBucketLocation,
  headBucket,
  listObjectsV1,
  listObjectsV2,
} from './bucket-handlers';
import type { RequestContext, S3ApLimits } from './context';
import { EtagCache } from './etags';
import { header, sendError } from './http-util';
import {
  abortMultipartUpload,
  completeMultipartUpload,
  createMultipartUpload,
  listMultipartUploads,
  listParts,
  uploadPart,
  uploadPartCopy,
} from './multipart-handlers';
import { MultipartStore } from './multipart-store';
import {
  copyObject,
  deleteObject,
  deleteObjectTagging,
  getObject,
  getObjectAttributes,
  getObjectTagging,
  putObject,
  putObjectTagging,
} from './object-handlers';
import { refuseUnsupportedHeaders, refuseUnsupportedSubresource } from './refusals';
import { AccessPointRegistry } from './registry';
import { notImplemented, S3ApEmulatorError } from './s3-error';

const GiB = 1024 ** 3;

/** FSx S3AP limits: 5 GiB per PutObject/UploadPart, 50 GiB per multipart object, 5 MiB minimum part. */
export const FSX_S3AP_LIMITS: S3ApLimits = {
  maxPartSize: 5 * GiB,
  maxObjectSize: 50 * GiB,
  minPartSize: 5 * 1024 * 1024,
};

export interface S3ApFaultOptions {
  /** Delay before every request is handled. */
  latencyMs?: number;
  /** Answer the next N requests with 503 SlowDown. */
  failNextRequests?: number;
}

/** One handled request, reported after the response is sent (for tests and benchmarks that count calls). */
export interface S3ApRequestRecord {
  readonly operation: string;
  readonly method: string;
  readonly bucket?: string;
  readonly key?: string;
  readonly status: number;
  /** Response body bytes (a GET's object bytes, a List's XML); 0 for HEAD and bodiless answers. */
  readonly bytesSent: number;
  /**
   * Request body bytes received by the time the response finished (a PUT's payload as sent, including
   * aws-chunked framing and trailers when the client streams).
   */
  readonly bytesReceived: number;
}

export interface S3ApEmulatorOptions {
  accessPoints: readonly AccessPointConfig[];
  /** Where multipart parts, tags and other sidecar state live; a fresh temp dir (removed on stop) by default. */
  stateDir?: string;
  host?: string;
  port?: number;
  region?: string;
  /** Override FSx limits (tests of the limits use small values). */
  limits?: Partial<S3ApLimits>;
  faults?: S3ApFaultOptions;
  onRequest?: (record: S3ApRequestRecord) => void;
}

/** Runtime control of injected faults. */
export interface S3ApFaults {
  setLatency(ms: number): void;
  /** The next `count` requests get `503 SlowDown` (retryable for the SDK). */
  failNextRequests(count: number): void;
  /** How many injected failures are still pending. */
  readonly pendingFailures: number;
}

export interface S3ApEmulator {
  /** `http://127.0.0.1:<port>`; use with `forcePathStyle: true`. */
  readonly endpoint: string;
  readonly region: string;
  /** The access points served right now, in the order they were added. */
  readonly accessPoints: readonly AccessPointInfo[];
  readonly stateDir: string;
  /** The alias of an access point by name. */
  aliasOf(name: string): string;
  /** Serves one more access point from the next request on (a fixed root must be an existing directory). */
  addAccessPoint(config: AccessPointConfig): Promise<AccessPointInfo>;
  /**
   * Stops serving an access point (its name and alias become `NoSuchBucket`) and drops the emulator's tags,
   * metadata and unfinished uploads for it; the files stay. False when there was none of that name.
   */
  removeAccessPoint(name: string): Promise<boolean>;
  readonly faults: S3ApFaults;
  stop(): Promise<void>;
}

interface Route {
  readonly operation: string;
  readonly handle: (ctx: RequestContext) => Promise<void>;
}

const route = (operation: string, handle: (ctx: RequestContext) => Promise<void>): Route => ({ operation, handle });

/** Maps method + sub-resources to an S3 operation, as S3's REST API does. */
const routeOf = (req: IncomingMessage, query: URLSearchParams, hasKey: boolean): Route => {
  const method = req.method ?? 'GET';
  const has = (name: string) => query.has(name);
  if (!hasKey) {
    if (method === 'GET' && has('location')) return route('GetBucketLocation', getBucketLocation);
    if (method === 'GET' && has('uploads')) return route('ListMultipartUploads', listMultipartUploads);
    if (method === 'GET' && query.get('list-type') === '2') return route('ListObjectsV2', listObjectsV2);
    if (method === 'GET' && !has('tagging')) return route('ListObjects', listObjectsV1);
    if (method === 'HEAD') return route('HeadBucket', headBucket);
    if (method === 'POST' && has('delete')) return route('DeleteObjects', deleteObjects);
    if (method === 'POST') throw notImplemented('Browser-based POST uploads (presigned POST policies)');
    if (method === 'PUT' || method === 'DELETE')
      throw notImplemented('Creating, configuring or deleting the bucket through an access point');
    throw notImplemented('Bucket tagging');
  }
  switch (method) {
    case 'GET':
      if (has('tagging')) return route('GetObjectTagging', getObjectTagging);
      if (has('attributes')) return route('GetObjectAttributes', getObjectAttributes);
      if (has('uploadId')) return route('ListParts', listParts);
      return route('GetObject', (ctx) => getObject(ctx, false));
    case 'HEAD':
      return route('HeadObject', (ctx) => getObject(ctx, true));
    case 'PUT':
      if (has('tagging')) return route('PutObjectTagging', putObjectTagging);
      if (has('uploadId') && header(req, 'x-amz-copy-source')) return route('UploadPartCopy', uploadPartCopy);
      if (has('uploadId')) return route('UploadPart', uploadPart);
      if (header(req, 'x-amz-copy-source')) return route('CopyObject', copyObject);
      return route('PutObject', putObject);
    case 'DELETE':
      if (has('tagging')) return route('DeleteObjectTagging', deleteObjectTagging);
      if (has('uploadId')) return route('AbortMultipartUpload', abortMultipartUpload);
      return route('DeleteObject', deleteObject);
    case 'POST':
      if (has('uploads')) return route('CreateMultipartUpload', createMultipartUpload);
      if (has('uploadId')) return route('CompleteMultipartUpload', completeMultipartUpload);
      throw notImplemented(`POST on an object with ${[...query.keys()].join(',') || 'no sub-resource'}`);
    default:
      throw new S3ApEmulatorError('MethodNotAllowed', 'The specified method is not allowed against this resource.');
  }
};

/** Splits a path-style request path into bucket and decoded key. */
const splitPath = (pathname: string): { bucket: string; key: string } => {
  if (!pathname.startsWith('/')) throw new S3ApEmulatorError('InvalidURI', "Couldn't parse the specified URI.");
  const withoutSlash = pathname.slice(1);
  const slash = withoutSlash.indexOf('/');
  const rawBucket = slash === -1 ? withoutSlash : withoutSlash.slice(0, slash);
  const rawKey = slash === -1 ? '' : withoutSlash.slice(slash + 1);
  try {
    return { bucket: decodeURIComponent(rawBucket), key: decodeURIComponent(rawKey) };
  } catch (cause) {
    throw new S3ApEmulatorError('InvalidURI', "Couldn't parse the specified URI.", {}, { cause });
  }
};

/**
 * Starts an S3 access point emulator on loopback: each access point serves an ordinary directory through the
 * S3 REST API (path-style), file = object, with the operations and refusals of FSx for ONTAP S3 access points.
 */
export const startS3ApEmulator = async (options: S3ApEmulatorOptions): Promise<S3ApEmulator> => {
  const region = options.region ?? 'us-east-1';
  const limits: S3ApLimits = { ...FSX_S3AP_LIMITS, ...options.limits };
  const ownsStateDir = options.stateDir === undefined;
  const stateDir = options.stateDir ?? (await mkdtemp(path.join(tmpdir(), 's3ap-emulator-state-')));
  const etags = new EtagCache();
  const uploads = new MultipartStore(path.join(stateDir, 'uploads'));

  const tempDir = path.join(stateDir, 'tmp');
  await mkdir(tempDir, { recursive: true });
  const registry = new AccessPointRegistry(stateDir, tempDir, etags, uploads);
  for (const accessPoint of options.accessPoints) await registry.add(accessPoint);
  const accessPointOf = (bucket: string) => registry.infoOf(bucket);

  let latencyMs = options.faults?.latencyMs ?? 0;
  let pendingFailures = options.faults?.failNextRequests ?? 0;

  const handle = async (
    req: IncomingMessage,
    res: ServerResponse,
    requestId: string,
    record: { operation: string; bucket?: string; key?: string },
  ): Promise<void> => {
    res.setHeader('x-amz-request-id', requestId);
    res.setHeader('x-amz-id-2', requestId);
    res.setHeader('server', 'FsxS3ApEmulator');
    if (latencyMs > 0) await sleep(latencyMs);
    if (pendingFailures > 0) {
      pendingFailures--;
      record.operation = 'InjectedFault';
      throw new S3ApEmulatorError('SlowDown', 'Please reduce your request rate.');
    }
    checkAuthorization(header(req, 'authorization'));
    // The raw request target, not `new URL()`: URL parsing would resolve `..` segments of hostile keys.
    const target = req.url ?? '/';
    const queryAt = target.indexOf('?');
    const searchParams = new URLSearchParams(queryAt === -1 ? '' : target.slice(queryAt + 1));
    const { bucket, key } = splitPath(queryAt === -1 ? target : target.slice(0, queryAt));
    record.bucket = bucket;
    record.key = key || undefined;
    if (bucket === '') throw notImplemented('ListBuckets');
    // Resolved for this request: an access point over a volume created or unmounted since is seen at once.
    const volume = await registry.open(bucket);
    refuseUnsupportedSubresource(searchParams);
    const { operation, handle: run } = routeOf(req, searchParams, key !== '');
    record.operation = operation;
    refuseUnsupportedHeaders(req, operation);
    await run({ req, res, query: searchParams, volume, key, requestId, region, limits, uploads, accessPointOf });
  };

  const server = createServer((req, res) => {
    const requestId = randomBytes(8).toString('hex').toUpperCase();
    const record: { operation: string; bucket?: string; key?: string } = { operation: 'Unknown' };
    const onRequest = options.onRequest;
    if (onRequest) {
      const bytesReceived = countRequestBodyBytes(req);
      const bytesSent = countResponseBodyBytes(res);
      res.on('finish', () =>
        onRequest({
          ...record,
          method: req.method ?? '',
          status: res.statusCode,
          bytesSent: bytesSent(),
          bytesReceived: bytesReceived(),
        }),
      );
    }
    handle(req, res, requestId, record).catch((error: unknown) => sendError(req, res, error, requestId));
  });
  server.keepAliveTimeout = 5_000;
  const { port, address } = await listen(server, options.port, options.host);

  return {
    endpoint: `http://${address}:${port}`,
    region,
    get accessPoints() {
      return registry.list();
    },
    stateDir,
    aliasOf(name) {
      const info = registry.infoOf(name);
      if (info?.name !== name) throw new LocalStackError(`No access point named ${name}`);
      return info.alias;
    },
    addAccessPoint: (config) => registry.add(config),
    removeAccessPoint: (name) => registry.remove(name),
    faults: {
      setLatency(ms) {
        latencyMs = ms;
      },
      failNextRequests(count) {
        pendingFailures = count;
      },
      get pendingFailures() {
        return pendingFailures;
      },
    },
    async stop() {
      await closeServer(server);
      if (ownsStateDir) await rm(stateDir, { recursive: true, force: true });
    },
  };
};
