import { createHash } from 'node:crypto';
import { lstatSync, realpathSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { RunEvent, RunResult } from '@fsxn/local-stack';
import { beforeAll, describe, expect, it } from 'vitest';
import { type RenderJobFiles, writeRenderJob } from '../samples/render-job';
import type { JobManifest } from '../src/domain/manifest';
import { getJob } from '../src/job-store';
import { type CacheStack, startCacheStack } from './support/cache-stack';

const OUT = 'fsxn-output/fc2-dynamic-flexcache-render/';

interface Report {
  status: string;
  jobId: string | null;
  cacheName: string | null;
  ontapCalls: number;
  manifestKey: string | null;
  cleanup: { action: string } | null;
  failure: { error: string; cause: string } | null;
  counts: { discovered: number; succeeded: number; failed: number; skipped: number };
  failuresByReason: Record<string, number>;
  successMetrics: { id: string; measured: number | null }[];
  reportKey: string;
}

const jobInput = (jobId: string, extra: Record<string, unknown> = {}) => ({
  jobId,
  origin: { volume: 'vol1', svm: 'svm1' },
  files: { prefix: `jobs/${jobId}/` },
  timeouts: { processingSeconds: 60 },
  ...extra,
});

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('FC2 render job on the local stack (ONTAP simulator)', () => {
  let cs: CacheStack;
  const jobs = new Map<string, RenderJobFiles>();
  const ontap = () => {
    const sim = cs.stack.ontap;
    if (sim === undefined) throw new Error('the stack runs without the ONTAP simulator');
    return sim;
  };
  const run = (input: unknown, events: RunEvent[] = []): Promise<RunResult> =>
    cs.stack.run({ input, onEvent: (event) => void events.push(event) });
  /** Points the cache access point at the job's cache volume, then runs the job. */
  const runJob = async (input: { jobId: string }, events: RunEvent[] = []): Promise<RunResult> => {
    await cs.serveJob(input.jobId);
    return run(input, events);
  };
  const cacheCreates = () =>
    ontap()
      .state.jobs()
      .filter((j) => j.description.startsWith('POST /api/storage/flexcache/flexcaches'));
  const jobRecord = (jobId: string) =>
    getJob(
      { db: DynamoDBDocumentClient.from(cs.stack.dynamodb.client()), tableName: cs.stack.info.tables.JobTable ?? '' },
      jobId,
    );
  const nothingLeft = () => {
    expect(ontap().state.flexcaches()).toEqual([]);
    expect(
      ontap()
        .state.volumes()
        .map((v) => v.name),
    ).toEqual(['vol1']);
  };

  beforeAll(async () => {
    cs = await startCacheStack(async (dir) => {
      for (const id of ['happy_1', 'flaky_2', 'jobfail_3', 'slow_4', 'race_5', 'offline_6'])
        jobs.set(id, await writeRenderJob(dir, id));
    });
  });

  describe('happy path: create, prepopulate, read through the cache, delete', () => {
    let result: RunResult;
    let report: Report;
    const events: RunEvent[] = [];
    /** The cache volume as the simulator held it while ProcessFiles read through its access point. */
    let cacheWhileReading: { dir: string; state: string; junctionPath?: string; isLink: boolean; realDir: string };
    beforeAll(async () => {
      await cs.serveJob('happy_1');
      result = await cs.stack.run({
        input: jobInput('happy_1', { prepopulate: { dirPaths: ['/jobs/happy_1/textures'] } }),
        onEvent: (event) => {
          events.push(event);
          if (event.type !== 'state-entered' || event.name !== 'ProcessFiles') return;
          const cache = ontap().state.volume('svm1', 'fc2_happy_1');
          if (cache === undefined) throw new Error('no cache volume while ProcessFiles starts');
          cacheWhileReading = {
            dir: cache.dir,
            state: cache.state,
            ...(cache.junctionPath === undefined ? {} : { junctionPath: cache.junctionPath }),
            isLink: lstatSync(cache.dir).isSymbolicLink(),
            realDir: realpathSync(cache.dir),
          };
        },
      });
      report = result.output as Report;
    });

    it('succeeds and leaves no cache volume behind', () => {
      expect(result.status).toBe('SUCCEEDED');
      expect(report.status).toBe('SUCCEEDED');
      expect(report.cleanup).toEqual({ action: 'deleted', unmounted: true });
      nothingLeft();
    });

    it("read the files through the cache's access point, whose volume was the online, mounted FlexCache link", () => {
      expect(cacheWhileReading).toMatchObject({ state: 'online', junctionPath: '/fc2_happy_1', isLink: true });
      expect(cacheWhileReading.dir).not.toBe(cs.dataDir);
      expect(cacheWhileReading.realDir).toBe(realpathSync(cs.dataDir));
    });

    it('records every file with its bytes and SHA-256; corrupt, truncated and missing files fail with reasons', async () => {
      const job = jobs.get('happy_1');
      const manifest = JSON.parse(await readFile(join(cs.dataDir, report.manifestKey ?? ''), 'utf8')) as JobManifest;
      expect(report.manifestKey?.startsWith(`${OUT}manifests/happy_1/`)).toBe(true);
      expect(report.reportKey.startsWith(`${OUT}reports/happy_1/`)).toBe(true);
      expect(manifest.accessPoint).toBe(cs.cacheAlias);
      expect(manifest.checksumList).toBe(true);
      const byKey = new Map(manifest.files.map((f) => [f.key, f]));
      for (const good of job?.good ?? []) {
        // Hashed independently from the file on disk.
        const onDisk = await readFile(join(cs.dataDir, good.key));
        expect(byKey.get(good.key)).toMatchObject({
          status: 'SUCCEEDED',
          bytesRead: onDisk.length,
          sha256: sha256(onDisk),
        });
      }
      expect(byKey.get(job?.corrupt ?? '')?.reason).toMatch(/^ChecksumMismatch: /);
      expect(byKey.get(job?.truncated ?? '')?.reason).toMatch(/^ChecksumMismatch: /);
      expect(byKey.get(job?.missing ?? '')?.reason).toMatch(/^MissingFile: /);
      const { counts } = report;
      expect(counts.discovered).toBe((job?.good.length ?? 0) + 3);
      expect(counts.discovered).toBe(counts.succeeded + counts.failed + counts.skipped);
      expect(counts.failed).toBe(3);
    });

    it('prepopulated the job directory and waited for the create job in the state machine', () => {
      const entered = events.flatMap((e) => (e.type === 'state-entered' ? [e.name] : []));
      expect(entered).toContain('Prepopulate');
      expect(entered).toContain('CheckPrepopulate');
      expect(entered.indexOf('CheckCache')).toBeLessThan(entered.indexOf('ProcessFiles'));
      expect(cacheCreates()).toHaveLength(1);
      expect(report.ontapCalls).toBeGreaterThan(4);
    });

    it('marks the job DONE with its manifest', async () => {
      expect(await jobRecord('happy_1')).toMatchObject({ state: 'DONE', manifestKey: report.manifestKey });
    });

    it('does not create a second cache when the same job id runs again', async () => {
      const again = await runJob(jobInput('happy_1'));
      expect(again.status).toBe('SUCCEEDED');
      expect(again.output).toMatchObject({ status: 'ALREADY_DONE', previous: { manifestKey: report.manifestKey } });
      expect(cacheCreates()).toHaveLength(1);
      nothingLeft();
    });
  });

  it('survives injected ONTAP 5xx: the client and the state machine retry', async () => {
    const before = cacheCreates().length;
    ontap().faults.failNext(4, 503);
    const events: RunEvent[] = [];
    const result = await runJob(jobInput('flaky_2'), events);
    expect(result.status).toBe('SUCCEEDED');
    expect(events.some((e) => e.type === 'state-retried' && e.name === 'CreateCache')).toBe(true);
    expect(cacheCreates().length - before).toBe(1);
    nothingLeft();
  });

  it('cleans up after a failed ONTAP job and fails with a named error', async () => {
    ontap().faults.failJobs(/POST \/api\/storage\/flexcache/, {
      code: 66846720,
      message: 'aggregate aggr1 is offline',
    });
    const result = await runJob(jobInput('jobfail_3'));
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('OntapJobFailed');
    expect(result.cause).toMatch(/aggregate aggr1 is offline/);
    expect(await jobRecord('jobfail_3')).toMatchObject({ state: 'FAILED' });
    nothingLeft();
  });

  it('cleans up when processing runs past the job timeout', async () => {
    cs.stack.s3Faults.setLatency(400);
    try {
      const result = await runJob(jobInput('slow_4', { timeouts: { processingSeconds: 1 } }));
      expect(result.status).toBe('FAILED');
      expect(result.error).toBe('States.Timeout');
      expect(await jobRecord('slow_4')).toMatchObject({ state: 'FAILED' });
      nothingLeft();
    } finally {
      cs.stack.s3Faults.setLatency(0);
    }
  });

  it('fails the reads with NoSuchBucket when the cache goes offline, and still deletes the cache', async () => {
    await cs.serveJob('offline_6');
    const result = await cs.stack.run({
      input: jobInput('offline_6'),
      onEvent: (event) => {
        if (event.type === 'state-entered' && event.name === 'ProcessFiles') {
          ontap().state.setVolumeState('svm1', 'fc2_offline_6', 'offline');
        }
      },
    });
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('S3ApNotFoundError');
    expect(result.cause).toContain('NoSuchBucket');
    expect(result.cause).toContain('is attached to volume fc2_offline_6 of SVM svm1, which is offline');
    expect(await jobRecord('offline_6')).toMatchObject({ state: 'FAILED' });
    nothingLeft();
  });

  it('refuses an invalid job before any ONTAP call', async () => {
    const jobsBefore = ontap().state.jobs().length;
    const result = await run(
      jobInput('bad-id', { prepopulate: { dirPaths: ['/jobs/../etc'] }, files: { prefix: '/abs/' } }),
    );
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('InvalidJobError');
    expect(result.cause).toMatch(/jobId: must be 1-64 letters/);
    expect(result.cause).toMatch(/prepopulate\.dirPaths\.0: must not contain empty, "\." or "\.\." segments/);
    expect(result.cause).toMatch(/files\.prefix: must be relative/);
    expect(ontap().state.jobs().length).toBe(jobsBefore);
    nothingLeft();
  });

  it('lets only one of two concurrent starts of the same job create its cache', async () => {
    const before = cacheCreates().length;
    await cs.serveJob('race_5');
    const [a, b] = await Promise.all([run(jobInput('race_5')), run(jobInput('race_5'))]);
    const statuses = [a, b].map((r) => r.status).sort();
    expect(statuses).toEqual(['FAILED', 'SUCCEEDED']);
    expect([a, b].find((r) => r.status === 'FAILED')?.error).toBe('JobInProgressError');
    expect(cacheCreates().length - before).toBe(1);
    nothingLeft();
  });
});
