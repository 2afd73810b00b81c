import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunEvent, RunResult } from '@fsxn/local-stack';
import { beforeAll, describe, expect, it } from 'vitest';
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
  beforeAll(async () => {
    cs = await startCloneStack();
  });

  describe('happy path: snapshot, clone, online, metadata through the clone access point, CIFS share', () => {
    let result: RunResult;
    let report: Report;
    const events: RunEvent[] = [];
    beforeAll(async () => {
      cs.serveCloneAs('vol1_happy');
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
});
