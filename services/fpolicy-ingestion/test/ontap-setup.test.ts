import { startOntapSimulator } from '@fsxn/local-stack';
import { createOntapClient, type FetchLike, staticCredentials } from '@fsxn/ontap-client';
import { makeTempDir } from '@fsxn/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configureFpolicy, type FpolicySetupSpec } from '../src/index';

const spec: FpolicySetupSpec = {
  svmName: 'svm1',
  engine: { name: 'fsxn_engine', port: 9898, primaryServers: ['10.0.1.10'] },
  eventPrefix: 'fsxn_event',
  policy: { name: 'fsxn_policy', includeVolumes: ['vol1'] },
};

type Sim = Awaited<ReturnType<typeof startOntapSimulator>>;
let sim: Sim;
const calls: string[] = [];

/** The real simulator, with each request recorded (method + path) so idempotence is visible. */
const recordingFetch = (): FetchLike => async (url, init) => {
  calls.push(`${init?.method ?? 'GET'} ${new URL(String(url)).pathname}`);
  return fetch(url, init as RequestInit) as ReturnType<FetchLike>;
};

beforeAll(async () => {
  sim = await startOntapSimulator({
    credentials: { username: 'fsxadmin', password: 'pw' },
    svms: [{ name: 'svm1', volumes: [{ name: 'vol1', dir: await makeTempDir('fpolicy-vol-') }] }],
  });
});
afterAll(() => sim.stop());

const client = () =>
  createOntapClient({
    baseUrl: sim.baseUrl,
    credentials: staticCredentials('fsxadmin', 'pw'),
    fetch: recordingFetch(),
    retries: 0,
  });

const mutations = () => calls.filter((c) => !c.startsWith('GET'));

describe('configureFpolicy against the ONTAP simulator', () => {
  it('creates an async XML engine, one event per protocol, and an enabled non-mandatory policy', async () => {
    calls.length = 0;
    const result = await configureFpolicy(client(), spec);
    expect(result).toMatchObject({
      engine: 'created',
      events: { fsxn_event_cifs: 'created', fsxn_event_nfsv3: 'created', fsxn_event_nfsv4: 'created' },
      policy: 'created',
      persistentStore: 'not-requested',
      enabled: true,
    });
    const state = sim.state.fpolicy('svm1');
    expect(state.engines[0]).toMatchObject({
      name: 'fsxn_engine',
      port: 9898,
      primary_servers: ['10.0.1.10'],
      type: 'asynchronous',
      format: 'xml',
      keep_alive_interval: 'PT2M',
    });
    const nfsv3 = state.events.find((e) => e.name === 'fsxn_event_nfsv3');
    // NFSv3 has no close operation in ONTAP's support table.
    expect(nfsv3?.file_operations).toEqual({ create: true, write: true, rename: true, delete: true });
    expect(state.events.find((e) => e.name === 'fsxn_event_cifs')?.file_operations).toEqual({
      create: true,
      write: true,
      close: true,
      rename: true,
      delete: true,
    });
    expect(state.policies[0]).toMatchObject({
      name: 'fsxn_policy',
      enabled: true,
      priority: 1,
      mandatory: false,
      engine: { name: 'fsxn_engine' },
      scope: { include_volumes: ['vol1'] },
    });
  });

  it('changes nothing on a second run', async () => {
    calls.length = 0;
    const result = await configureFpolicy(client(), spec);
    expect(result).toMatchObject({ engine: 'unchanged', policy: 'unchanged', reEnabled: false, enabled: true });
    expect(mutations()).toEqual([]);
  });

  it('disables the enabled policy, patches the engine, and enables it again when the server IP changes', async () => {
    calls.length = 0;
    const result = await configureFpolicy(client(), {
      ...spec,
      engine: { ...spec.engine, primaryServers: ['10.0.2.20'] },
    });
    expect(result).toMatchObject({ engine: 'updated', policy: 'unchanged', reEnabled: true, enabled: true });
    const svm = sim.state.svmUuid('svm1');
    expect(mutations()).toEqual([
      `PATCH /api/protocols/fpolicy/${svm}/policies/fsxn_policy`,
      `PATCH /api/protocols/fpolicy/${svm}/engines/fsxn_engine`,
      `PATCH /api/protocols/fpolicy/${svm}/policies/fsxn_policy`,
    ]);
    expect(sim.state.fpolicy('svm1').engines[0]?.primary_servers).toEqual(['10.0.2.20']);
  });

  it('reports the persistent store as unsupported before ONTAP 9.14.1 and still configures the rest', async () => {
    const old = await startOntapSimulator({
      credentials: { username: 'fsxadmin', password: 'pw' },
      svms: [{ name: 'svm1', volumes: [{ name: 'vol1', dir: await makeTempDir('fpolicy-vol-') }] }],
      clusterVersion: { full: 'NetApp Release 9.13.1', generation: 9, major: 13, minor: 1 },
    });
    try {
      const c = createOntapClient({
        baseUrl: old.baseUrl,
        credentials: staticCredentials('fsxadmin', 'pw'),
        retries: 0,
      });
      const result = await configureFpolicy(c, {
        ...spec,
        persistentStore: { name: 'ps1', volume: 'psvol', sizeBytes: 1024 ** 3 },
      });
      expect(result).toMatchObject({ persistentStore: 'unsupported', enabled: true, ontapVersion: '9.13.1' });
      expect(old.state.fpolicy('svm1').policies[0]?.persistent_store).toBeUndefined();
    } finally {
      await old.stop();
    }
  });

  it('refuses an invalid spec before calling ONTAP', async () => {
    calls.length = 0;
    await expect(configureFpolicy(client(), { ...spec, engine: { ...spec.engine, port: 70000 } })).rejects.toThrow(
      /invalid setup spec: engine.port/,
    );
    expect(calls).toEqual([]);
  });
});

describe('configureFpolicy persistent store against the ONTAP simulator', () => {
  type Rec = Record<string, unknown>;
  let storeSim: Sim;
  const storeCalls: string[] = [];
  const storeSpec: FpolicySetupSpec = {
    ...spec,
    persistentStore: { name: 'ps1', volume: 'fpolicy_ps', sizeBytes: 1024 ** 3 },
  };

  const clientOf = (target: Sim, record?: string[]) =>
    createOntapClient({
      baseUrl: target.baseUrl,
      credentials: staticCredentials('fsxadmin', 'pw'),
      retries: 0,
      fetch: async (url, init) => {
        record?.push(`${init?.method ?? 'GET'} ${new URL(String(url)).pathname}`);
        return fetch(url, init as RequestInit) as ReturnType<FetchLike>;
      },
    });

  /** Reads what the simulator holds through plain REST, independent of the code under test. */
  const rest = async (target: Sim, path: string): Promise<Rec> => {
    const auth = `Basic ${Buffer.from('fsxadmin:pw').toString('base64')}`;
    const response = await fetch(`${target.baseUrl}/api${path}`, { headers: { Authorization: auth } });
    return (await response.json()) as Rec;
  };

  beforeAll(async () => {
    storeSim = await startOntapSimulator({
      credentials: { username: 'fsxadmin', password: 'pw' },
      svms: [{ name: 'svm1', volumes: [{ name: 'vol1', dir: await makeTempDir('fpolicy-vol-') }] }],
    });
  });
  afterAll(() => storeSim.stop());

  it('creates the store (ONTAP 9.15.1+ creates its volume) and an enabled policy that uses it', async () => {
    const result = await configureFpolicy(clientOf(storeSim), storeSpec);
    expect(result).toMatchObject({
      persistentStore: 'created',
      policy: 'created',
      enabled: true,
      ontapVersion: '9.16.1',
    });
    const svm = storeSim.state.svmUuid('svm1');
    expect(
      await rest(storeSim, `/protocols/fpolicy/${svm}/persistent-stores/ps1?fields=volume,size,autosize_mode`),
    ).toMatchObject({
      volume: 'fpolicy_ps',
      size: 1024 ** 3,
      autosize_mode: 'off',
    });
    expect(storeSim.state.fpolicy('svm1').policies[0]).toMatchObject({
      persistent_store: 'ps1',
      mandatory: false,
      enabled: true,
    });
    expect(storeSim.state.volumes().find((v) => v.name === 'fpolicy_ps')?.junctionPath).toBe('/fpolicy_ps');
  });

  it('leaves an unchanged store alone on a second run', async () => {
    storeCalls.length = 0;
    const result = await configureFpolicy(clientOf(storeSim, storeCalls), storeSpec);
    expect(result).toMatchObject({ persistentStore: 'unchanged', policy: 'unchanged', reEnabled: false });
    expect(storeCalls.filter((c) => !c.startsWith('GET'))).toEqual([]);
  });

  it('resizes the store with the policy disabled around the change, then enables it again', async () => {
    storeCalls.length = 0;
    const result = await configureFpolicy(clientOf(storeSim, storeCalls), {
      ...storeSpec,
      persistentStore: { name: 'ps1', volume: 'fpolicy_ps', sizeBytes: 2 * 1024 ** 3 },
    });
    expect(result).toMatchObject({ persistentStore: 'updated', policy: 'unchanged', reEnabled: true, enabled: true });
    const svm = storeSim.state.svmUuid('svm1');
    expect(storeCalls.filter((c) => !c.startsWith('GET'))).toEqual([
      `PATCH /api/protocols/fpolicy/${svm}/policies/fsxn_policy`,
      `PATCH /api/protocols/fpolicy/${svm}/persistent-stores/ps1`,
      `PATCH /api/protocols/fpolicy/${svm}/policies/fsxn_policy`,
    ]);
    expect(await rest(storeSim, `/protocols/fpolicy/${svm}/persistent-stores/ps1?fields=size`)).toMatchObject({
      size: 2 * 1024 ** 3,
    });
  });

  it('sends only name and volume on ONTAP 9.14.1, where the store volume must already be mounted', async () => {
    const old = await startOntapSimulator({
      credentials: { username: 'fsxadmin', password: 'pw' },
      clusterVersion: { full: 'NetApp Release 9.14.1', generation: 9, major: 14, minor: 1 },
      svms: [
        {
          name: 'svm1',
          volumes: [
            { name: 'vol1', dir: await makeTempDir('fpolicy-vol-') },
            { name: 'fpolicy_ps', dir: await makeTempDir('fpolicy-ps-'), junctionPath: '/fpolicy_ps' },
          ],
        },
      ],
    });
    try {
      const first = await configureFpolicy(clientOf(old), storeSpec);
      expect(first).toMatchObject({ persistentStore: 'created', enabled: true, ontapVersion: '9.14.1' });
      const svm = old.state.svmUuid('svm1');
      expect(await rest(old, `/protocols/fpolicy/${svm}/persistent-stores/ps1?fields=volume`)).toMatchObject({
        volume: 'fpolicy_ps',
      });
      // 9.14.1 has no size to compare, so a size change alone is no difference.
      const second = await configureFpolicy(clientOf(old), {
        ...storeSpec,
        persistentStore: { name: 'ps1', volume: 'fpolicy_ps', sizeBytes: 5 * 1024 ** 3 },
      });
      expect(second).toMatchObject({ persistentStore: 'unchanged', reEnabled: false });
    } finally {
      await old.stop();
    }
  });
});
