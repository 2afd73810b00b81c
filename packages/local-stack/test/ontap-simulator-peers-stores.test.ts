import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OntapSimulator, startOntapSimulator } from '../src/ontap-simulator';
import { CLUSTER_PEERS_FILE, writeClusterPeers } from '../src/ontap-simulator/handlers/cluster-peers';
import { AUTH, call, jobUuid, makeTree, removeTree, waitJob } from './ontap-simulator-helpers';

type Rec = Record<string, unknown>;
const records = (body: Rec) => body.records as Rec[];

describe('ONTAP simulator cluster peers', () => {
  let sim: OntapSimulator;

  beforeAll(async () => {
    sim = await startOntapSimulator({ credentials: AUTH });
  });
  afterAll(() => sim.stop());

  it('answers an empty collection when no peers are configured', async () => {
    const { status, body } = await call(sim.baseUrl, 'GET', '/api/cluster/peers?fields=status');
    expect(status).toBe(200);
    expect(body).toMatchObject({ records: [], num_records: 0 });
  });

  it('serves configured peers with availability and remote addresses, filters on status.state and pages', async () => {
    await writeClusterPeers(sim.stateDir, [
      { name: 'dr_site', uuid: '11111111-0000-4000-a000-000000000001', remoteIpAddresses: ['10.1.0.5', '10.1.0.6'] },
      {
        name: 'lab',
        uuid: '11111111-0000-4000-a000-000000000002',
        state: 'unavailable',
        remoteIpAddresses: ['10.2.0.5'],
      },
      { name: 'edge', uuid: '11111111-0000-4000-a000-000000000003', state: 'partial' },
    ]);
    const plain = await call(sim.baseUrl, 'GET', '/api/cluster/peers');
    // Without fields= only identity and links come back.
    expect(records(plain.body)[0]).toEqual({
      uuid: '11111111-0000-4000-a000-000000000001',
      name: 'dr_site',
      _links: { self: { href: '/api/cluster/peers/11111111-0000-4000-a000-000000000001' } },
    });
    const detailed = await call(sim.baseUrl, 'GET', '/api/cluster/peers?fields=status,remote&name=dr_site');
    expect(records(detailed.body)[0]).toMatchObject({
      status: { state: 'available' },
      remote: { name: 'dr_site', ip_addresses: ['10.1.0.5', '10.1.0.6'] },
    });
    const notAvailable = await call(sim.baseUrl, 'GET', '/api/cluster/peers?status.state=!available');
    expect(records(notAvailable.body).map((r) => r.name)).toEqual(['lab', 'edge']);

    const seen: unknown[] = [];
    let href: string | undefined = '/api/cluster/peers?max_records=2';
    while (href !== undefined) {
      const { body } = await call(sim.baseUrl, 'GET', href);
      seen.push(...records(body).map((r) => r.name));
      href = ((body._links as Rec).next as { href?: string } | undefined)?.href;
    }
    expect(seen).toEqual(['dr_site', 'lab', 'edge']);
  });

  it('re-reads the configuration, so availability can change while the simulator runs', async () => {
    await writeClusterPeers(sim.stateDir, [{ name: 'dr_site', state: 'available' }]);
    const before = await call(sim.baseUrl, 'GET', '/api/cluster/peers?fields=status');
    await writeClusterPeers(sim.stateDir, [{ name: 'dr_site', state: 'unavailable' }]);
    const after = await call(sim.baseUrl, 'GET', '/api/cluster/peers?fields=status');
    expect(records(before.body)[0]).toMatchObject({ status: { state: 'available' } });
    expect(records(after.body)[0]).toMatchObject({ status: { state: 'unavailable' } });
    // A peer given without uuid keeps the same uuid across reads.
    expect(records(after.body)[0]?.uuid).toBe(records(before.body)[0]?.uuid);
  });

  it('serves one peer by uuid and answers 404 / 4 for an unknown one', async () => {
    await writeClusterPeers(sim.stateDir, [{ name: 'dr_site', uuid: '22222222-0000-4000-a000-000000000001' }]);
    const one = await call(sim.baseUrl, 'GET', '/api/cluster/peers/22222222-0000-4000-a000-000000000001?fields=name');
    expect(one).toMatchObject({ status: 200, body: { name: 'dr_site' } });
    const missing = await call(sim.baseUrl, 'GET', '/api/cluster/peers/22222222-0000-4000-a000-000000000009');
    expect(missing).toMatchObject({ status: 404, body: { error: { code: '4' } } });
  });

  it('rejects a field that is not a cluster peer property with 262197', async () => {
    const { status, body } = await call(sim.baseUrl, 'GET', '/api/cluster/peers?fields=state');
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: { code: '262197', target: 'fields' } });
  });

  it('reports a malformed peers file as a server error naming the file', async () => {
    await writeFile(join(sim.stateDir, CLUSTER_PEERS_FILE), '{"name":"not an array"}');
    const { status, body } = await call(sim.baseUrl, 'GET', '/api/cluster/peers');
    expect(status).toBe(500);
    expect(JSON.stringify(body)).toContain(CLUSTER_PEERS_FILE);
  });
});

const version = (major: number, minor: number) => ({
  full: `NetApp Release 9.${major}.${minor}`,
  generation: 9,
  major,
  minor,
});

describe('ONTAP simulator FPolicy persistent stores', () => {
  let dirs: string[];
  const sims: OntapSimulator[] = [];

  const start = async (clusterVersion = version(16, 1)) => {
    const sim = await startOntapSimulator({
      credentials: AUTH,
      jobLatencyMs: 5,
      clusterVersion,
      svms: [
        {
          name: 'svm1',
          volumes: [
            { name: 'psvol', dir: dirs[0] ?? '', junctionPath: '/psvol', size: 2 * 1024 ** 3 },
            { name: 'psvol2', dir: dirs[1] ?? '', junctionPath: '/psvol2' },
            { name: 'unmounted', dir: dirs[2] ?? '' },
          ],
        },
      ],
    });
    sims.push(sim);
    const svm = sim.state.svmUuid('svm1');
    return { sim, base: `/api/protocols/fpolicy/${svm}` };
  };

  beforeAll(async () => {
    dirs = await Promise.all([makeTree({ 'a.txt': 'a' }), makeTree({ 'b.txt': 'b' }), makeTree({ 'c.txt': 'c' })]);
  });
  afterAll(async () => {
    await Promise.all(sims.map((s) => s.stop()));
    await Promise.all(dirs.map(removeTree));
  });

  /** An async engine, one event and a non-mandatory policy without a store (created disabled). */
  const policySetup = async (baseUrl: string, base: string, engineType = 'asynchronous') => {
    await call(baseUrl, 'POST', `${base}/engines`, {
      name: 'eng',
      port: 9898,
      primary_servers: ['10.0.0.1'],
      type: engineType,
    });
    await call(baseUrl, 'POST', `${base}/events`, { name: 'ev', protocol: 'cifs', file_operations: { write: true } });
  };

  it('creates a store on an existing mounted volume, resizes it and serves it like ONTAP 9.15.1+', async () => {
    const { sim, base } = await start();
    const created = await call(sim.baseUrl, 'POST', `${base}/persistent-stores?return_records=true`, {
      name: 'ps1',
      volume: 'psvol',
      size: 1024 ** 3,
    });
    expect(created.status).toBe(201);
    expect(records(created.body)[0]).toMatchObject({ name: 'ps1', volume: 'psvol' });
    const got = await call(sim.baseUrl, 'GET', `${base}/persistent-stores/ps1?fields=*`);
    expect(got.body).toMatchObject({
      name: 'ps1',
      volume: 'psvol',
      size: 1024 ** 3,
      autosize_mode: 'off',
      svm: { uuid: sim.state.svmUuid('svm1') },
    });
    const volumes = await call(sim.baseUrl, 'GET', '/api/storage/volumes?name=psvol&fields=size');
    expect(records(volumes.body)[0]?.size).toBe(1024 ** 3);
    const list = await call(sim.baseUrl, 'GET', `${base}/persistent-stores`);
    expect(list.body).toMatchObject({ num_records: 1, records: [{ name: 'ps1' }] });
  });

  it('allows one store per SVM and refuses a duplicate name', async () => {
    const { sim, base } = await start();
    await call(sim.baseUrl, 'POST', `${base}/persistent-stores`, { name: 'ps1', volume: 'psvol' });
    const again = await call(sim.baseUrl, 'POST', `${base}/persistent-stores`, { name: 'ps1', volume: 'psvol' });
    expect(again).toMatchObject({ status: 409, body: { error: { code: '1' } } });
    const second = await call(sim.baseUrl, 'POST', `${base}/persistent-stores`, { name: 'ps2', volume: 'psvol2' });
    expect(second).toMatchObject({ status: 409, body: { error: { code: '9765073' } } });
  });

  it('creates a missing store volume mounted at its name from 9.15.1', async () => {
    const { sim, base } = await start(version(15, 1));
    const created = await call(sim.baseUrl, 'POST', `${base}/persistent-stores`, {
      name: 'ps1',
      volume: 'fpolicy_ps',
      size: 512 * 1024 ** 2,
      autosize_mode: 'grow',
    });
    expect(created.status).toBe(201);
    const volumes = await call(sim.baseUrl, 'GET', '/api/storage/volumes?name=fpolicy_ps&fields=nas.path,size');
    expect(records(volumes.body)[0]).toMatchObject({ nas: { path: '/fpolicy_ps' }, size: 512 * 1024 ** 2 });
  });

  it('requires an existing mounted volume and knows neither size nor autosize_mode on 9.14.1', async () => {
    const { sim, base } = await start(version(14, 1));
    const missing = await call(sim.baseUrl, 'POST', `${base}/persistent-stores`, { name: 'ps1', volume: 'nope' });
    expect(missing).toMatchObject({ status: 400, body: { error: { code: '9765053', target: 'volume' } } });
    const unmounted = await call(sim.baseUrl, 'POST', `${base}/persistent-stores`, {
      name: 'ps1',
      volume: 'unmounted',
    });
    expect(unmounted).toMatchObject({ status: 400, body: { error: { code: '9765071' } } });
    const sized = await call(sim.baseUrl, 'POST', `${base}/persistent-stores`, {
      name: 'ps1',
      volume: 'psvol',
      size: 1024,
    });
    expect(sized).toMatchObject({ status: 400, body: { error: { code: '262179', target: 'size' } } });
    const ok = await call(sim.baseUrl, 'POST', `${base}/persistent-stores`, { name: 'ps1', volume: 'psvol' });
    expect(ok.status).toBe(201);
    const bySize = await call(sim.baseUrl, 'GET', `${base}/persistent-stores?fields=size`);
    expect(bySize).toMatchObject({ status: 400, body: { error: { code: '262197' } } });
  });

  it('answers every persistent-store call like an unknown path segment before 9.14.1', async () => {
    const { sim, base } = await start(version(13, 1));
    for (const [method, path, body] of [
      ['GET', `${base}/persistent-stores`, undefined],
      ['POST', `${base}/persistent-stores`, { name: 'ps1', volume: 'psvol' }],
      ['DELETE', `${base}/persistent-stores/ps1`, undefined],
    ] as const) {
      const answer = await call(sim.baseUrl, method, path, body);
      expect(answer.status).toBe(404);
      expect(answer.body).toEqual({
        error: { message: 'Unexpected argument "persistent-stores".', code: '262179' },
      });
    }
  });

  it('enforces the store rules on policies, store updates and deletes', async () => {
    const { sim, base } = await start();
    await policySetup(sim.baseUrl, base);
    const unknownStore = await call(sim.baseUrl, 'POST', `${base}/policies`, {
      name: 'pol',
      events: [{ name: 'ev' }],
      engine: { name: 'eng' },
      mandatory: false,
      persistent_store: 'ps1',
    });
    expect(unknownStore).toMatchObject({ status: 404, body: { error: { code: '9765056' } } });
    await call(sim.baseUrl, 'POST', `${base}/persistent-stores`, { name: 'ps1', volume: 'psvol' });
    const mandatory = await call(sim.baseUrl, 'POST', `${base}/policies`, {
      name: 'pol',
      events: [{ name: 'ev' }],
      engine: { name: 'eng' },
      persistent_store: 'ps1',
    });
    // `mandatory` defaults to true, which persistent stores do not serve.
    expect(mandatory).toMatchObject({ status: 400, body: { error: { code: '9765074' } } });
    const created = await call(sim.baseUrl, 'POST', `${base}/policies`, {
      name: 'pol',
      events: [{ name: 'ev' }],
      engine: { name: 'eng' },
      mandatory: false,
      persistent_store: 'ps1',
      priority: 1,
    });
    expect(created.status).toBe(201);
    const policy = await call(sim.baseUrl, 'GET', `${base}/policies/pol?fields=persistent_store,enabled`);
    expect(policy.body).toMatchObject({ persistent_store: 'ps1', enabled: true });

    const moveVolume = await call(sim.baseUrl, 'PATCH', `${base}/persistent-stores/ps1`, { volume: 'psvol2' });
    expect(moveVolume).toMatchObject({ status: 400, body: { error: { code: '9765070' } } });
    const resize = await call(sim.baseUrl, 'PATCH', `${base}/persistent-stores/ps1`, { size: 3 * 1024 ** 3 });
    expect(resize.status).toBe(200);
    const autosize = await call(sim.baseUrl, 'PATCH', `${base}/persistent-stores/ps1`, { autosize_mode: 'grow' });
    expect(autosize).toMatchObject({ status: 400, body: { error: { code: '262196' } } });
    const activeDelete = await call(sim.baseUrl, 'DELETE', `${base}/persistent-stores/ps1`);
    expect(activeDelete).toMatchObject({ status: 400, body: { error: { code: '9765064' } } });

    await call(sim.baseUrl, 'PATCH', `${base}/policies/pol`, { enabled: false });
    const moved = await call(sim.baseUrl, 'PATCH', `${base}/persistent-stores/ps1`, { volume: 'psvol2' });
    expect(moved.status).toBe(200);
    const store = await call(sim.baseUrl, 'GET', `${base}/persistent-stores/ps1?fields=volume`);
    expect(store.body).toMatchObject({ volume: 'psvol2' });
    const missingStore = await call(sim.baseUrl, 'PATCH', `${base}/persistent-stores/other`, { size: 1024 });
    expect(missingStore).toMatchObject({ status: 404, body: { error: { code: '9765056' } } });
    const deleted = await call(sim.baseUrl, 'DELETE', `${base}/persistent-stores/ps1`);
    expect(deleted.status).toBe(200);
    const gone = await call(sim.baseUrl, 'GET', `${base}/persistent-stores/ps1`);
    expect(gone).toMatchObject({ status: 404, body: { error: { code: '4' } } });
  });

  it('refuses a store on a policy whose engine is synchronous', async () => {
    const { sim, base } = await start();
    await policySetup(sim.baseUrl, base, 'synchronous');
    await call(sim.baseUrl, 'POST', `${base}/persistent-stores`, { name: 'ps1', volume: 'psvol' });
    const answer = await call(sim.baseUrl, 'POST', `${base}/policies`, {
      name: 'pol',
      events: [{ name: 'ev' }],
      engine: { name: 'eng' },
      mandatory: false,
      persistent_store: 'ps1',
    });
    expect(answer).toMatchObject({ status: 400, body: { error: { code: '9765074', target: 'persistent_store' } } });
  });
});

describe('ONTAP simulator return_records on asynchronous creates', () => {
  let sim: OntapSimulator;
  let dir: string;

  beforeAll(async () => {
    dir = await makeTree({ 'a.txt': 'a' });
    sim = await startOntapSimulator({
      credentials: AUTH,
      jobLatencyMs: 5,
      svms: [{ name: 'svm1', volumes: [{ name: 'origin', dir, junctionPath: '/origin' }] }],
    });
  });
  afterAll(async () => {
    await sim.stop();
    await removeTree(dir);
  });

  it('names the volume, snapshot and FlexCache the job creates, under the uuid they end up with', async () => {
    const volume = await call(sim.baseUrl, 'POST', '/api/storage/volumes?return_records=true', {
      name: 'vol_rr',
      svm: { name: 'svm1' },
      aggregates: [{ name: 'aggr1' }],
    });
    expect(volume.status).toBe(202);
    expect(volume.body).toMatchObject({ num_records: 1, records: [{ name: 'vol_rr' }] });
    await waitJob(sim.baseUrl, jobUuid(volume.body));
    const listed = await call(sim.baseUrl, 'GET', '/api/storage/volumes?name=vol_rr');
    expect(records(listed.body)[0]?.uuid).toBe(records(volume.body)[0]?.uuid);

    const volumeUuid = String(records(volume.body)[0]?.uuid);
    const snapshot = await call(
      sim.baseUrl,
      'POST',
      `/api/storage/volumes/${volumeUuid}/snapshots?return_records=true`,
      {
        name: 'snap_rr',
      },
    );
    await waitJob(sim.baseUrl, jobUuid(snapshot.body));
    const snaps = await call(sim.baseUrl, 'GET', `/api/storage/volumes/${volumeUuid}/snapshots?name=snap_rr`);
    expect(records(snaps.body)[0]?.uuid).toBe(records(snapshot.body)[0]?.uuid);

    const cache = await call(sim.baseUrl, 'POST', '/api/storage/flexcache/flexcaches?return_records=true', {
      name: 'fc_rr',
      svm: { name: 'svm1' },
      origins: [{ volume: { name: 'origin' }, svm: { name: 'svm1' } }],
      path: '/fc_rr',
    });
    await waitJob(sim.baseUrl, jobUuid(cache.body));
    const caches = await call(sim.baseUrl, 'GET', '/api/storage/flexcache/flexcaches?name=fc_rr');
    expect(records(caches.body)[0]?.uuid).toBe(records(cache.body)[0]?.uuid);
  });

  it('returns no records without return_records', async () => {
    const volume = await call(sim.baseUrl, 'POST', '/api/storage/volumes', {
      name: 'vol_plain',
      svm: { name: 'svm1' },
      aggregates: [{ name: 'aggr1' }],
    });
    expect(Object.keys(volume.body)).toEqual(['job']);
    await waitJob(sim.baseUrl, jobUuid(volume.body));
  });
});
