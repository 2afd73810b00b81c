import { createHash } from 'node:crypto';
import type { S3Client } from '@aws-sdk/client-s3';
import { getBytes, listObjects, readStream, S3ApAccessDeniedError, S3ApNotFoundError } from '@fsxn/s3ap';
import { CHECKSUM_LIST_NAME, type ChecksumList, parseChecksumList } from '../domain/checksum-list';
import { ProcessingTimeoutError } from '../domain/errors';
import { judgeRead } from '../domain/file-outcome';
import type { JobPlan } from '../domain/job-input';
import { type JobManifest, type ManifestFile, totalsOf } from '../domain/manifest';

export interface ProcessFilesDeps {
  /** The S3 client that reaches the cache's access point. */
  readonly s3: S3Client;
  readonly concurrency: number;
  readonly signal: AbortSignal;
  readonly onProgress: (progress: { files: number; bytes: number; failed: number }) => Promise<void>;
  readonly progressEvery: number;
  readonly now?: () => number;
}

const MAX_CHECKSUM_LIST_BYTES = 16 * 1024 * 1024;

const timedOut = (signal: AbortSignal) =>
  new ProcessingTimeoutError('processing stopped: the job ran past its processing timeout', { cause: signal.reason });

/** The job's SHA256SUMS (next to its files) when it ships one. */
const loadChecksumList = async (s3: S3Client, alias: string, prefix: string): Promise<ChecksumList | null> => {
  if (prefix !== '' && !prefix.endsWith('/')) return null;
  try {
    const bytes = await getBytes(s3, alias, `${prefix}${CHECKSUM_LIST_NAME}`, { maxBytes: MAX_CHECKSUM_LIST_BYTES });
    return parseChecksumList(bytes.toString('utf8'));
  } catch (error) {
    if (error instanceof S3ApNotFoundError) return null;
    throw error;
  }
};

/** Streams one object through SHA-256; the body is destroyed on abort so a timed-out step stops reading. */
const hashObject = (s3: S3Client, alias: string, key: string, signal: AbortSignal) =>
  readStream(s3, alias, key, async (body) => {
    const hash = createHash('sha256');
    let bytes = 0;
    const abort = () => body.destroy(timedOut(signal));
    signal.addEventListener('abort', abort, { once: true });
    try {
      for await (const chunk of body) {
        const buffer = chunk as Buffer;
        bytes += buffer.length;
        hash.update(buffer);
      }
    } finally {
      signal.removeEventListener('abort', abort);
    }
    return { bytes, sha256: hash.digest('hex') };
  });

/** Per-file faults that belong to the file (not to S3 or the run): recorded, and the run goes on. */
const fileFault = (error: unknown): string | undefined => {
  if (error instanceof S3ApNotFoundError) return `Vanished: ${error.message}`;
  if (error instanceof S3ApAccessDeniedError) return `AccessDenied: ${error.message}`;
  return undefined;
};

/**
 * Reads every selected file of the job through the cache's access point: a streamed GET per file (bounded
 * concurrency), bytes counted and SHA-256 computed, checked against the job's SHA256SUMS when it ships
 * one (mismatches and listed-but-missing files fail with a reason). Progress goes to `onProgress`.
 */
export const processFiles = async (plan: JobPlan, alias: string, deps: ProcessFilesDeps): Promise<JobManifest> => {
  const now = deps.now ?? (() => performance.now());
  const { prefix, suffixes, maxFiles } = plan.files;
  if (deps.signal.aborted) throw timedOut(deps.signal);
  const checksums = await loadChecksumList(deps.s3, alias, prefix);
  const listKey = `${prefix}${CHECKSUM_LIST_NAME}`;

  const listed: { key: string; size: number }[] = [];
  let listingLimited = false;
  for await (const object of listObjects(deps.s3, alias, { prefix, suffixes })) {
    if (deps.signal.aborted) throw timedOut(deps.signal);
    if (object.key === listKey) continue;
    if (listed.length === maxFiles) {
      listingLimited = true;
      break;
    }
    listed.push({ key: object.key, size: object.size });
  }

  const results: ManifestFile[] = new Array(listed.length);
  let next = 0;
  let done = 0;
  let bytes = 0;
  let failed = 0;
  const worker = async () => {
    for (;;) {
      const index = next++;
      const item = listed[index];
      if (item === undefined) return;
      if (deps.signal.aborted) throw timedOut(deps.signal);
      const started = now();
      let result: ManifestFile;
      try {
        const read = await hashObject(deps.s3, alias, item.key, deps.signal);
        const expected = checksums?.entries.get(item.key.slice(prefix.length));
        const verdict = judgeRead(
          { key: item.key, listedSize: item.size, bytesRead: read.bytes, sha256: read.sha256 },
          expected,
        );
        const base = {
          key: item.key,
          size: item.size,
          bytesRead: read.bytes,
          sha256: read.sha256,
          latencyMs: Math.round(now() - started),
        };
        result = verdict.ok ? { ...base, status: 'SUCCEEDED' } : { ...base, status: 'FAILED', reason: verdict.reason };
      } catch (error) {
        if (deps.signal.aborted) throw timedOut(deps.signal);
        const reason = fileFault(error);
        if (reason === undefined) throw error;
        result = { key: item.key, status: 'FAILED', size: item.size, bytesRead: 0, sha256: null, latencyMs: 0, reason };
      }
      results[index] = result;
      done++;
      bytes += result.bytesRead;
      if (result.status === 'FAILED') failed++;
      if (done % deps.progressEvery === 0) await deps.onProgress({ files: done, bytes, failed });
    }
  };
  await Promise.all(Array.from({ length: Math.min(deps.concurrency, Math.max(1, listed.length)) }, worker));

  const files: ManifestFile[] = [...results];
  if (checksums !== null && !listingLimited) {
    const seen = new Set(listed.map((f) => f.key));
    for (const name of checksums.entries.keys()) {
      const key = `${prefix}${name}`;
      const selected = suffixes.length === 0 || suffixes.some((s) => key.endsWith(s));
      if (selected && !seen.has(key)) {
        files.push({
          key,
          status: 'FAILED',
          size: 0,
          bytesRead: 0,
          sha256: null,
          latencyMs: 0,
          reason: `MissingFile: listed in ${CHECKSUM_LIST_NAME} but not on the volume`,
        });
      }
    }
  }
  const totals = totalsOf(files);
  await deps.onProgress({ files: totals.files, bytes: totals.bytes, failed: totals.failed });
  return {
    jobId: plan.jobId,
    cacheName: plan.cacheName,
    accessPoint: alias,
    prefix,
    suffixes,
    checksumList: checksums !== null,
    listingLimited,
    totals,
    files,
  };
};
