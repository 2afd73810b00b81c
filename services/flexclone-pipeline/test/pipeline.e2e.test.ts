import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { deriveAlias, type RunEvent, type RunResult } from '@fsxn/local-stack';
import { beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CLONE, LOCAL_CLONE_ACCESS_POINT } from '../local';
import { SAMPLE_FILES } from '../samples/volume';
import { CLONE_ALIAS, type CloneStack, startCloneStack } from './support/clone-stack';

const OUT = 'fsxn-output/flexclone-pipeline/';

interface Report {
  status: string;
  created: { clone?: { uuid: string; name: string; junctionPath: string }; share?: { name: string; path: string } };
  steps: Record<string, { ms: number; ontapCalls: number; invocations: number }>;
  ontapCalls: number;
  cloneReadyMs: number | null;
  files: { files: number; bytes: number; manifestKey: string | null } | null;
  cleanup: { share: { action: string }; clone: { action: string }; snapshot: { action: string } } | null;
  failure: { error: string; cause: string } | null;
  reportKey: string;
  counts: { discovered: number; succeeded: number; failed: number; skipped: number };
  items?: { key: string; status: string }[];
}

interface Manifest {
  files: number;
  objects: { key: string; size: number; type?: string; headerSha256?: string }[];
}

const collect = (events: RunEvent[]) => (event: RunEvent) => {
  events.push(event);
};

/** What the simulator holds: the parent, clones, snapshots and shares, by name. */
const inventory = (cs: CloneStack) => {
  const state = cs.stack.ontap?.state;
  if (state === undefined) throw new Error('the stack runs without the ONTAP simulator');
  return {
    volumes: state
      .volumes()
      .map((v) => v.name)
      .sort(),
    snapshots: state
      .snapshots()
      .map((s) => `${s.volume}@${s.name}`)
      .sort(),
    shares: state
      .shares()
      .map((s) => s.name)
      .sort(),
  };
};

describe('FlexClone pipeline on the local stack (ONTAP simulator)', () => {
  let cs: CloneStack;
  let happySnapshot = '';
  const happySnapshotName = () => happySnapshot;
  beforeAll(async () => {
    cs = await startCloneStack();
  });

  describe('happy path: snapshot, clone, online, metadata through the clone access point, CIFS share', () => {
    let result: RunResult;
    let report: Report;
    const events: RunEvent[] = [];
    beforeAll(async () => {
      await cs.serveCloneAs('vol1_happy');
      cs.ontapRequests.reset();
      result = await cs.stack.run({
        input: {
          parentVolume: 'vol1',
          cloneName: 'vol1_happy',
          securityStyle: 'unix',
          processFiles: { mode: 'metadata', accessPoint: { alias: CLONE_ALIAS } },
          cifsShare: { name: 'vol1_happy', comment: 'test share' },
        },
        onEvent: collect(events),
      });
      report = result.output as Report;
      happySnapshot = cs.stack.ontap?.state.snapshots().find((snap) => snap.volume === 'vol1')?.name ?? '';
    });

    it('succeeds and leaves an online FlexClone at its junction path, shared over SMB', () => {
      expect(result.status).toBe('SUCCEEDED');
      const clone = cs.stack.ontap?.state.volumes().find((v) => v.name === 'vol1_happy');
      expect(clone).toMatchObject({
        isFlexClone: true,
        state: 'online',
        junctionPath: '/vol1_happy',
        securityStyle: 'unix',
      });
      expect(report.created.clone).toEqual({ uuid: clone?.uuid, name: 'vol1_happy', junctionPath: '/vol1_happy' });
      expect(cs.stack.ontap?.state.shares()).toContainEqual({ svm: 'svm1', name: 'vol1_happy', path: '/vol1_happy' });
      const snapshot = cs.stack.ontap?.state.snapshots().find((s) => s.volume === 'vol1');
      expect(snapshot?.owners).toEqual(['volume_clone']);
    });

    it('reads every sample file through the clone access point and writes a manifest with header metadata', async () => {
      expect(report.files?.files).toBe(SAMPLE_FILES.length);
      const manifestKey = report.files?.manifestKey ?? '';
      expect(manifestKey.startsWith(`${OUT}manifests/`)).toBe(true);
      const manifest = JSON.parse(await readFile(join(cs.dataDir, manifestKey), 'utf8')) as Manifest;
      expect(manifest.objects.map((o) => o.key).sort()).toEqual([...SAMPLE_FILES].sort());
      const types = Object.fromEntries(manifest.objects.map((o) => [o.key, o.type]));
      expect(types['projects/a/report.pdf']).toBe('application/pdf');
      expect(types['projects/a/scan.png']).toBe('image/png');
      expect(types['projects/b/notes.txt']).toBe('text/plain');
      expect(types['projects/b/empty.log']).toBe('application/x-empty');
    });

    it('reports one succeeded item per sample file, so the counts add up', () => {
      expect(report.counts).toEqual({
        discovered: SAMPLE_FILES.length,
        succeeded: SAMPLE_FILES.length,
        failed: 0,
        skipped: 0,
      });
      expect(report.items?.map((i) => `${i.key}:${i.status}`).sort()).toEqual(
        SAMPLE_FILES.map((key) => `${key}:SUCCEEDED`).sort(),
      );
    });

    it('counts the ONTAP requests it sent exactly as a proxy in front of the simulator does', () => {
      expect(report.ontapCalls).toBeGreaterThan(0);
      expect(report.ontapCalls).toBe(cs.ontapRequests.count());
      expect(Object.keys(report.steps)).toEqual(
        expect.arrayContaining([
          'Prepare',
          'CreateSnapshot',
          'CreateClone',
          'CheckOnline',
          'ProcessFiles',
          'CreateShare',
        ]),
      );
      expect(report.cloneReadyMs).not.toBeNull();
    });

    it('writes the report next to the manifests', async () => {
      const written = JSON.parse(await readFile(join(cs.dataDir, report.reportKey), 'utf8')) as Report;
      expect(written.status).toBe('SUCCEEDED');
    });
  });

  describe('cleanup operation on the clone the happy path left', () => {
    let result: RunResult;
    beforeAll(async () => {
      result = await cs.stack.run({
        input: {
          operation: 'cleanup',
          cloneName: 'vol1_happy',
          shareName: 'vol1_happy',
          snapshot: { volume: 'vol1', name: happySnapshotName() },
        },
      });
    });

    it('removes the share, the clone (unmounted first) and the snapshot', () => {
      expect(result.status).toBe('SUCCEEDED');
      const report = result.output as Report;
      expect(report.cleanup).toMatchObject({
        share: { action: 'deleted' },
        clone: { action: 'deleted', unmounted: true },
        snapshot: { action: 'deleted' },
      });
      expect(inventory(cs)).toEqual({ volumes: ['vol1'], snapshots: [], shares: [] });
    });

    it("leaves the clone's access point without a volume: it answers NoSuchBucket", async () => {
      const s3 = new S3Client({
        endpoint: cs.stack.info.endpoints.s3,
        forcePathStyle: true,
        region: 'us-east-1',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      });
      await expect(s3.send(new ListObjectsV2Command({ Bucket: CLONE_ALIAS }))).rejects.toMatchObject({
        name: 'NoSuchBucket',
        message: expect.stringContaining('vol1_happy'),
      });
    });

    it('is repeatable: a second cleanup finds everything already gone', async () => {
      const again = await cs.stack.run({
        input: {
          operation: 'cleanup',
          cloneName: 'vol1_happy',
          shareName: 'vol1_happy',
          snapshot: { volume: 'vol1', name: happySnapshotName() },
        },
      });
      expect(again.status).toBe('SUCCEEDED');
      expect((again.output as Report).cleanup).toMatchObject({
        share: { action: 'absent' },
        clone: { action: 'absent' },
        snapshot: { action: 'absent' },
      });
    });
  });

  describe('an injected ONTAP 5xx', () => {
    let result: RunResult;
    const events: RunEvent[] = [];
    beforeAll(async () => {
      result = await cs.stack.run({
        input: { parentVolume: 'vol1', cloneName: 'vol1_retry' },
        onEvent: (event) => {
          events.push(event);
          // More failures than the client's own retries (ONTAP_RETRIES=2): the step fails as
          // TransientError and the state machine retries it.
          if (event.type === 'state-entered' && event.name === 'CreateClone') cs.stack.ontap?.faults.failNext(3, 503);
        },
      });
    });

    it('is retried by the state machine and the run succeeds with exactly one clone', () => {
      expect(result.status).toBe('SUCCEEDED');
      const retried = events.filter((e) => e.type === 'state-retried' && e.name === 'CreateClone');
      expect(retried.length).toBeGreaterThanOrEqual(1);
      const failed = events.find((e) => e.type === 'task-failed' && e.name === 'CreateClone');
      expect(failed).toMatchObject({ error: 'TransientError' });
      expect(inventory(cs).volumes).toEqual(['vol1', 'vol1_retry']);
    });

    it('bounds the split wait: fewer checks than the split needs end in CloneSplitTimeout', async () => {
      // Its own clone, whose split is made to outlast the one allowed check whatever the machine's load.
      const created = await cs.stack.run({ input: { parentVolume: 'vol1', cloneName: 'vol1_slow' } });
      expect(created.status).toBe('SUCCEEDED');
      cs.stack.ontap?.state.setSplitDuration(3_600_000);
      try {
        const split = await cs.stack.run({
          input: { operation: 'split', cloneName: 'vol1_slow', wait: { pollSeconds: 0, maxChecks: 1 } },
        });
        expect(split.status).toBe('FAILED');
        expect(split.error).toBe('CloneSplitTimeout');
        expect(split.cause).toMatch(/^the split was at \d+% after 1 checks$/);
      } finally {
        cs.stack.ontap?.state.setSplitDuration(200);
      }
    });

    it('splits the clone on request (operation: split), after which the snapshot is no longer busy', async () => {
      const split = await cs.stack.run({
        input: { operation: 'split', cloneName: 'vol1_retry', wait: { pollSeconds: 1 } },
      });
      expect(split.status).toBe('SUCCEEDED');
      const volume = cs.stack.ontap?.state.volumes().find((v) => v.name === 'vol1_retry');
      expect(volume?.isFlexClone).toBe(false);
      expect(cs.stack.ontap?.state.snapshots().every((s) => s.owners.length === 0)).toBe(true);
    });

    it('refuses to delete the split volume in a cleanup (it is no longer a FlexClone)', async () => {
      const cleanup = await cs.stack.run({ input: { operation: 'cleanup', cloneName: 'vol1_retry' } });
      expect((cleanup.output as Report).cleanup?.clone).toMatchObject({ action: 'kept' });
      expect(inventory(cs).volumes).toContain('vol1_retry');
    });
  });

  describe('a failed ONTAP job', () => {
    let result: RunResult;
    let before: ReturnType<typeof inventory>;
    beforeAll(async () => {
      before = inventory(cs);
      cs.stack.ontap?.faults.failJobs(/^POST \/api\/storage\/volumes$/, {
        code: 917927,
        message: 'Insufficient space in aggregate',
      });
      result = await cs.stack.run({ input: { parentVolume: 'vol1', cloneName: 'vol1_jobfail' } });
    });

    it('fails the run with the named error after cleanup has run', () => {
      expect(result.status).toBe('FAILED');
      expect(result.error).toBe('OntapJobFailed');
      expect(result.cause).toMatch(/CreateClone: ONTAP job .* failed: Insufficient space in aggregate \(code 917927\)/);
    });

    it("leaves nothing behind in the simulator: the run's snapshot is deleted, no clone exists", () => {
      expect(inventory(cs)).toEqual(before);
    });
  });

  describe('a failure after the clone exists', () => {
    let result: RunResult;
    let before: ReturnType<typeof inventory>;
    const events: RunEvent[] = [];
    beforeAll(async () => {
      before = inventory(cs);
      result = await cs.stack.run({
        input: { parentVolume: 'vol1', cloneName: 'vol1_late', cifsShare: { name: 'late_share' } },
        onEvent: (event) => {
          events.push(event);
          if (event.type === 'state-entered' && event.name === 'CreateShare') cs.stack.ontap?.faults.failNext(1, 400);
        },
      });
    });

    it('unmounts and deletes the clone and deletes the snapshot', () => {
      expect(result.status).toBe('FAILED');
      expect(result.error).toBe('OntapRequestRejected');
      expect(events.some((e) => e.type === 'state-entered' && e.name === 'CleanupResources')).toBe(true);
      expect(inventory(cs)).toEqual(before);
    });
  });

  describe('an invalid input', () => {
    it('fails with a clear error before any ONTAP call', async () => {
      cs.ontapRequests.reset();
      const result = await cs.stack.run({
        input: { parentVolume: 'vol1', cloneName: 'vol1-bad', junctionPath: '/data/../etc/', securityStyle: 'unified' },
      });
      expect(result.status).toBe('FAILED');
      expect(result.error).toBe('InvalidInputError');
      expect(result.cause).toContain('cloneName: must not contain "-"');
      expect(result.cause).toContain('junctionPath: must not end with "/"');
      expect(result.cause).toContain('securityStyle');
      expect(cs.ontapRequests.count()).toBe(0);
    });

    it('fails before any change when the requested security style differs from the parent', async () => {
      const before = inventory(cs);
      const result = await cs.stack.run({
        input: { parentVolume: 'vol1', cloneName: 'vol1_ntfs', securityStyle: 'ntfs' },
      });
      expect(result.error).toBe('SecurityStyleMismatchError');
      expect(inventory(cs)).toEqual(before);
    });
  });

  describe("the local descriptor's own input (what fsxn run and fsxn demo start)", () => {
    let result: RunResult;
    beforeAll(async () => {
      result = await cs.stack.run();
    });

    it('reads every file through the access point the descriptor attached to the clone volume', () => {
      expect(result.status).toBe('SUCCEEDED');
      const report = result.output as Report;
      expect(cs.stack.info.accessPoints.volumes).toEqual([
        { name: LOCAL_CLONE_ACCESS_POINT, alias: deriveAlias(LOCAL_CLONE_ACCESS_POINT), volume: LOCAL_CLONE },
      ]);
      expect(report.created.clone?.name).toBe(LOCAL_CLONE);
      expect(report.items?.map((i) => `${i.key}:${i.status}`).sort()).toEqual(
        SAMPLE_FILES.map((key) => `${key}:SUCCEEDED`).sort(),
      );
    });
  });
});
