import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidJobError } from '../src/domain/errors';
import { type PlanSettings, planJob } from '../src/domain/job-input';
import { accessPointNameOf, cacheNameOf, JOB_ID_PATTERN } from '../src/domain/names';

const settings: PlanSettings = {
  svmName: 'fsx',
  defaultAggregates: ['aggr1'],
  pollSeconds: 15,
  cacheReadySeconds: 600,
  accessPoint: {
    mode: 'attach',
    prefix: 'fc2-cache-',
    fileSystemId: 'fs-0123',
    identity: { type: 'UNIX', user: 'root' },
  },
};
const valid = {
  jobId: 'shot010_v3',
  origin: { volume: 'renders', svm: 'svm_origin' },
  files: { prefix: 'jobs/shot010/' },
};

describe('planJob', () => {
  it('derives the cache name, junction path, access point and bounded wait from the job', () => {
    const plan = planJob({ ...valid, cache: { sizeGiB: 2 }, prepopulate: { dirPaths: ['/jobs/shot010'] } }, settings);
    expect(plan).toMatchObject({
      cacheName: 'fc2_shot010_v3',
      junctionPath: '/fc2_shot010_v3',
      svmName: 'fsx',
      sizeBytes: 2 * 1024 ** 3,
      aggregates: ['aggr1'],
      prepopulate: { dirPaths: ['/jobs/shot010'], excludeDirPaths: [] },
      files: { prefix: 'jobs/shot010/', suffixes: [], maxFiles: 10_000 },
      timeouts: { processingSeconds: 3600 },
      // 600 s at one check per 15 s
      wait: { pollSeconds: 15, maxChecks: 40 },
    });
    expect(plan.accessPoint).toMatchObject({ mode: 'attach', fileSystemId: 'fs-0123' });
  });

  it.each([
    [{ jobId: 'shot-010' }, /jobId: must be 1-64 letters/],
    [{ jobId: 'x'.repeat(65) }, /jobId/],
    [{ origin: { volume: 'my-vol', svm: 'svm1' } }, /origin\.volume: must be an ONTAP volume name/],
    [{ prepopulate: { dirPaths: ['relative/dir'] } }, /prepopulate\.dirPaths\.0: must be absolute/],
    [{ prepopulate: { dirPaths: ['/a/../b'] } }, /prepopulate\.dirPaths\.0: must not contain empty, "\." or "\.\."/],
    [{ prepopulate: { dirPaths: ['/a/'] } }, /must not end with "\/"/],
    [{ files: { prefix: '/jobs/' } }, /files\.prefix: must be relative/],
    [{ files: { prefix: 'jobs/../etc/' } }, /files\.prefix/],
    [{ files: { prefix: 'jobs/', suffixes: ['exr'] } }, /files\.suffixes\.0/],
    [{ cache: { sizeGiB: 0 } }, /cache\.sizeGiB/],
    [{ timeouts: { processingSeconds: 0 } }, /timeouts\.processingSeconds/],
    [{ unexpected: true }, /unexpected|Unrecognized/i],
  ])('refuses %j with a clear error', (patch, message) => {
    expect(() => planJob({ ...valid, ...patch }, settings)).toThrow(InvalidJobError);
    expect(() => planJob({ ...valid, ...patch }, settings)).toThrow(message);
  });

  it('refuses a job whose cache name would be the origin volume', () => {
    expect(() => planJob({ ...valid, jobId: 'x', origin: { volume: 'fc2_x', svm: 'svm1' } }, settings)).toThrow(
      /equals the origin volume/,
    );
  });
});

describe('names', () => {
  const jobId = fc.stringMatching(JOB_ID_PATTERN);

  it('makes FSx-valid cache names (letter first, letters/digits/underscore, ≤ 203) from any valid job id', () => {
    fc.assert(
      fc.property(jobId, (id) => {
        expect(cacheNameOf(id)).toMatch(/^[A-Za-z][A-Za-z0-9_]{0,202}$/);
      }),
    );
  });

  it('makes valid, distinct S3 access point names (3-50, lowercase, digits, hyphens)', () => {
    fc.assert(
      fc.property(jobId, jobId, (a, b) => {
        const name = accessPointNameOf('fc2-cache-', a);
        expect(name).toMatch(/^[a-z0-9][a-z0-9-]{1,48}[a-z0-9]$/);
        expect(name).not.toMatch(/--|-ext-s3alias$/);
        if (a !== b) expect(accessPointNameOf('fc2-cache-', b)).not.toBe(name);
      }),
    );
    expect(accessPointNameOf('fc2-cache-', 'Shot_A')).not.toBe(accessPointNameOf('fc2-cache-', 'shot_a'));
  });
});
