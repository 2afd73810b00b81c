import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { bucketOf, getRange, S3ApError, toS3ApError } from '@fsxn/s3ap';
import type { EndpointConfig } from '../domain/endpoints';
import { type CheckResult, type EndpointProbe, fail, pass } from '../domain/health';

export interface ProbeSettings {
  /** Key read by the Range GET; when empty, the first key the listing returns. */
  readonly probeKey: string;
  /** Bytes read by the Range GET (from offset 0). */
  readonly rangeBytes: number;
  /** A read slower than this fails `s3ap.latency`. */
  readonly latencyThresholdMs: number;
}

export interface ProbeDeps {
  readonly s3For: (region: string) => S3Client;
  readonly now?: () => number;
}

const errorName = (error: unknown): string => {
  const mapped = error instanceof S3ApError ? error : toS3ApError(error, { operation: 'probe' });
  return mapped.code === undefined ? mapped.name : `${mapped.name} ${mapped.code}`;
};

/**
 * One probe of an endpoint's data path through its S3 access point: a ListObjectsV2 of one key, then a
 * timed Range GET of the probe key. Every fault becomes a failed check with its error name (the probe
 * must report an unreachable endpoint, not fail the run); latency is the Range GET's wall time.
 */
export const probeEndpoint = async (
  endpoint: EndpointConfig,
  settings: ProbeSettings,
  deps: ProbeDeps,
): Promise<EndpointProbe> => {
  const now = deps.now ?? (() => performance.now());
  const s3 = deps.s3For(endpoint.region);
  const bucket = bucketOf(endpoint.accessPoint);
  const checks: CheckResult[] = [];
  let key = settings.probeKey;
  let listFailed = false;
  try {
    const prefix = key === '' ? undefined : key;
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket, MaxKeys: 1, Prefix: prefix }));
    const firstKey = listed.Contents?.[0]?.Key;
    if (key === '') key = firstKey ?? '';
    checks.push(
      firstKey === undefined
        ? fail('s3ap.list', `no object${prefix === undefined ? '' : ` under ${prefix}`}`, 'ProbeObjectMissing')
        : pass('s3ap.list', `listed ${firstKey}`),
    );
  } catch (error) {
    listFailed = true;
    checks.push(fail('s3ap.list', (error as Error).message, errorName(error)));
  }
  if (key === '') {
    // The listing's own failure already says why; an empty listing is a failure of its own.
    checks.push(
      listFailed
        ? { name: 's3ap.read', status: 'unknown', detail: 'not attempted: the listing failed and no probe key is set' }
        : fail('s3ap.read', 'nothing to read: the access point lists no object', 'ProbeObjectMissing'),
    );
    return { id: endpoint.id, checks, latencyMs: null };
  }
  const started = now();
  try {
    const bytes = await getRange(s3, bucket, key, 0, settings.rangeBytes - 1);
    const latencyMs = Math.round((now() - started) * 100) / 100;
    checks.push(pass('s3ap.read', `read ${bytes.length} bytes of ${key}`));
    checks.push(
      latencyMs <= settings.latencyThresholdMs
        ? pass('s3ap.latency', `${latencyMs} ms`)
        : fail('s3ap.latency', `${latencyMs} ms > ${settings.latencyThresholdMs} ms`, 'ProbeTooSlow'),
    );
    return { id: endpoint.id, checks, latencyMs };
  } catch (error) {
    checks.push(fail('s3ap.read', (error as Error).message, errorName(error)));
    return { id: endpoint.id, checks, latencyMs: null };
  }
};

/** Probes every endpoint at once (they are independent paths; the slowest bounds the run). */
export const probeEndpoints = (
  endpoints: readonly EndpointConfig[],
  settings: ProbeSettings,
  deps: ProbeDeps,
): Promise<EndpointProbe[]> => Promise.all(endpoints.map((e) => probeEndpoint(e, settings, deps)));
