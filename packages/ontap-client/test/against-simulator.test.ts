import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type OntapSimulator, startOntapSimulator } from '@fsxn/local-stack';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  cifsShares,
  clones,
  cluster,
  createOntapClient,
  fileSecurity,
  flexcache,
  fpolicy,
  type JobStatus,
  jobs,
  OntapApiError,
  type OntapClient,
  OntapJobFailedError,
  type OntapLogger,
  OntapTransportError,
  paginate,
  snapshots,
  staticCredentials,
  svms,
  volumes,
  waitForJob,
} from '../src';

const USER = 'fsxadmin';
const PASSWORD = 'Pa55-w0rd-never-logged';
const tlsFixture = (name: string) =>
  readFile(new URL(`../../local-stack/test/fixtures/tls/${name}`, import.meta.url), 'utf8');

const makeTree = async (files: Record<string, string>): Promise<string> => {
  const root = await mkdtemp(join(tmpdir(), 'ontap-client-test-'));
  for (const [path, content] of Object.entries(files)) {
    await mkdir(join(root, path, '..'), { recursive: true });
    await writeFile(join(root, path), content);
  }
  return root;
};

const quickWait = { wait: { intervalMs: 10, timeoutMs: 5_000 } };

/** Follows a submitted job from outside, as a state machine's Wait/Choice loop would (bounded). */
const followJob = async (client: OntapClient, uuid: string | undefined): Promise<JobStatus> => {
  if (uuid === undefined) throw new Error('no job was submitted');
  for (let look = 0; look < 500; look++) {
    const status = await jobs.status(client, uuid);
    if (status.state !== 'queued' && status.state !== 'running') return status;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`job ${uuid} did not finish`);
};
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('ontap-client against the ONTAP simulator over HTTP', () => {
  let sim: OntapSimulator;
  let data: string;
  let client: OntapClient;
  let svmUuid: string;
  const logged: unknown[] = [];
  const logger: OntapLogger = {
    debug: (message, details) => logged.push({ message, details }),
    warn: (message, details) => logged.push({ message, details }),
  };

  beforeAll(async () => {
    data = await makeTree({
      'projects/a.txt': 'alpha',
      'projects/secret plans/b.txt': 'beta',
      'public/c.txt': 'gamma',
    });
    sim = await startOntapSimulator({
      credentials: { username: USER, password: PASSWORD },
      jobLatencyMs: 20,
      splitDurationMs: 30,
      svms: [
        {
          name: 'svm1',
          volumes: [{ name: 'vol1', dir: data, junctionPath: '/vol1', securityStyle: 'ntfs' }],
          fileSecurity: {
            '/vol1/projects': {
              owner: 'CORP\\alice',
              acls: [
                {
                  user: 'CORP\\finance',
                  rights: 'read',
                  apply_to: { this_folder: true, files: true, sub_folders: true },
                },
                {
                  user: 'CORP\\interns',
                  access: 'access_deny',
                  rights: 'full_control',
                  apply_to: { this_folder: true },
                },
              ],
            },
          },
        },
      ],
    });
    client = createOntapClient({
      baseUrl: sim.baseUrl,
      credentials: staticCredentials(USER, PASSWORD),
      retries: 3,
      backoff: { baseMs: 1, capMs: 5 },
      timeoutMs: 2_000,
      logger,
    });
    svmUuid = (await svms.getByName(client, 'svm1')).uuid;
  });
  afterEach(() => sim.faults.reset());
  afterAll(async () => {
    await client.close();
    await sim.stop();
    await rm(data, { recursive: true, force: true });
  });

  it('survives injected 503s on a GET by retrying', async () => {
    sim.faults.failNext(2, 503);
    const list = await volumes.list(client, { svmName: 'svm1', name: 'vol1' });
    expect(list.map((v) => v.name)).toEqual(['vol1']);
    expect(logged.some((entry) => JSON.stringify(entry).includes('retrying'))).toBe(true);
  });

  it('gives up after the configured retries with a transient OntapApiError', async () => {
    sim.faults.failNext(4, 500);
    const error = await volumes.list(client, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OntapApiError);
    expect((error as OntapApiError).status).toBe(500);
    expect((error as OntapApiError).transient).toBe(true);
  });

  it('does not retry a POST that got a 5xx (it may have been acted on)', async () => {
    const vol = await volumes.getByName(client, 'svm1', 'vol1');
    sim.faults.failNext(1, 503);
    const error = await snapshots.create(client, vol.uuid, { name: 'never' }, quickWait).catch((e: unknown) => e);
    expect((error as OntapApiError).status).toBe(503);
    expect(sim.state.snapshots().some((s) => s.name === 'never')).toBe(false);
  });

  it('times out a slow response and succeeds on the retry once latency is gone', async () => {
    const slowClient = createOntapClient({
      baseUrl: sim.baseUrl,
      credentials: staticCredentials(USER, PASSWORD),
      timeoutMs: 100,
      retries: 2,
      backoff: { baseMs: 1, capMs: 1 },
      sleep: async () => sim.faults.latency(0),
    });
    sim.faults.latency(300);
    const list = await svms.list(slowClient);
    expect(list.map((s) => s.name)).toEqual(['svm1']);
    await slowClient.close();
  });

  it('surfaces a failed job as OntapJobFailedError with the job code and message', async () => {
    const vol = await volumes.getByName(client, 'svm1', 'vol1');
    sim.faults.failJobs('/snapshots', { code: 1638555, message: 'Snapshot operation refused' });
    const error = await snapshots.create(client, vol.uuid, { name: 'doomed' }, quickWait).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OntapJobFailedError);
    expect(error).toMatchObject({ code: '1638555', jobMessage: 'Snapshot operation refused', transient: false });
    expect((error as OntapJobFailedError).description).toBe(`POST /api/storage/volumes/${vol.uuid}/snapshots`);
  });

  it('runs the clone lifecycle snapshot → clone → online → split → unmount → delete without residue', async () => {
    const parent = await volumes.getByName(client, 'svm1', 'vol1');
    const volumesBefore = sim.state.volumes().length;
    const snapshotsBefore = sim.state.snapshots();
    const snapshot = await snapshots.create(client, parent.uuid, { name: 'for_clone' }, quickWait);
    const clone = await clones.create(
      client,
      {
        svm: { name: 'svm1' },
        name: 'vol1_clone',
        parentVolume: { uuid: parent.uuid },
        parentSnapshot: { name: 'for_clone' },
        nasPath: '/vol1_clone',
      },
      quickWait,
    );
    expect(clone.clone?.is_flexclone).toBe(true);
    expect(clone.nas?.path).toBe('/vol1_clone');
    const cloneFiles = await readdir(sim.state.volumes().find((v) => v.name === 'vol1_clone')?.dir ?? '', {
      recursive: true,
    });
    expect(cloneFiles.sort()).toEqual([
      'projects',
      'projects/a.txt',
      'projects/secret plans',
      'projects/secret plans/b.txt',
      'public',
      'public/c.txt',
    ]);

    // The parent snapshot is owned by the clone and cannot be deleted.
    expect((await snapshots.get(client, parent.uuid, snapshot.uuid)).owners).toEqual(['volume_clone']);
    const busy = await snapshots.remove(client, parent.uuid, snapshot.uuid, quickWait).catch((e: unknown) => e);
    expect(busy).toBeInstanceOf(OntapJobFailedError);

    await volumes.setState(client, clone.uuid, 'online', quickWait);
    expect((await volumes.get(client, clone.uuid)).state).toBe('online');

    await clones.startSplit(client, clone.uuid, quickWait);
    let status = await clones.getSplitStatus(client, clone.uuid);
    for (let i = 0; i < 100 && status.isFlexClone; i++) {
      await new Promise((r) => setTimeout(r, 10));
      status = await clones.getSplitStatus(client, clone.uuid);
    }
    expect(status.isFlexClone).toBe(false);
    expect((await snapshots.get(client, parent.uuid, snapshot.uuid)).owners).toBeUndefined();

    await clones.remove(client, clone.uuid, quickWait);
    await snapshots.remove(client, parent.uuid, snapshot.uuid, quickWait);
    expect(sim.state.volumes()).toHaveLength(volumesBefore);
    expect(sim.state.snapshots()).toEqual(snapshotsBefore);
    expect(await readdir(join(sim.stateDir, 'snapshots', parent.uuid))).toEqual(snapshotsBefore.map((s) => s.uuid));
    expect(await readdir(join(sim.stateDir, 'volumes'))).toEqual([]);
  });

  it('refuses to delete a mounted volume through the plain delete (the helper unmounts first)', async () => {
    const vol = await volumes.create(
      client,
      { svm: { name: 'svm1' }, name: 'scratch', aggregates: ['aggr1'], nasPath: '/scratch' },
      quickWait,
    );
    const refused = await volumes.remove(client, vol.uuid, quickWait).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(OntapJobFailedError);
    await volumes.unmountAndDelete(client, vol.uuid, quickWait);
    expect(sim.state.volumes().some((v) => v.name === 'scratch')).toBe(false);
  });

  it('reads NTFS ACLs through a single encoded path segment, typed and inherited by children', async () => {
    const own = await fileSecurity.get(client, svmUuid, '/vol1/projects');
    expect(own.owner).toBe('CORP\\alice');
    expect(own.acls.map((a) => [a.user, a.access, a.inherited])).toEqual([
      ['CORP\\finance', 'access_allow', false],
      ['CORP\\interns', 'access_deny', false],
    ]);
    expect(own.acls[0]?.advanced_rights).toEqual({
      read_data: true,
      read_attr: true,
      read_ea: true,
      read_perm: true,
      synchronize: true,
    });

    const child = await fileSecurity.get(client, svmUuid, '/vol1/projects/secret plans/b.txt');
    expect(child.path).toBe('/vol1/projects/secret plans/b.txt');
    // Only the ACE that propagates to files is inherited; the this-folder-only deny is not.
    expect(child.acls.map((a) => [a.user, a.inherited])).toEqual([['CORP\\finance', true]]);

    const sids = await fileSecurity.get(client, svmUuid, '/vol1/public', { lookupNames: false });
    expect(sids.acls[0]?.user).toBe('S-1-1-0');
  });

  it('reports a missing file-security path as an API error with code 655865', async () => {
    const error = await fileSecurity.get(client, svmUuid, '/vol1/nope.txt').catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'OntapNotFoundError', code: '655865' });
  });

  it('shows that the reference client URL (volume uuid + raw slashes) fails like real ONTAP', async () => {
    const vol = await volumes.getByName(client, 'svm1', 'vol1');
    const error = await client
      .request({ method: 'GET', path: `/protocols/file-security/permissions/${svmUuid}/${vol.uuid}/projects/a.txt` })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 404, code: '262179' });
  });

  it('keeps credentials out of errors, serialised errors and logs', async () => {
    const wrong = createOntapClient({
      baseUrl: sim.baseUrl,
      credentials: staticCredentials(USER, 'wrong-password-XYZ'),
      retries: 0,
      logger,
    });
    const unauthorised = await svms.list(wrong).catch((e: unknown) => e);
    expect(unauthorised).toMatchObject({ status: 401, transient: false });
    const badField = await client
      .request({ method: 'GET', path: '/storage/volumes', query: { fields: 'bogus' } })
      .catch((e: unknown) => e);
    const transport = await createOntapClient({
      baseUrl: 'http://127.0.0.1:1',
      credentials: staticCredentials(USER, PASSWORD),
      retries: 0,
    })
      .request({ method: 'GET', path: '/cluster' })
      .catch((e: unknown) => e);
    expect(transport).toBeInstanceOf(OntapTransportError);
    const basic = Buffer.from(`${USER}:${PASSWORD}`).toString('base64');
    for (const error of [unauthorised, badField, transport]) {
      const serialised = [
        JSON.stringify(error),
        String(error),
        (error as Error).stack ?? '',
        JSON.stringify((error as { request?: unknown }).request),
      ].join('\n');
      expect(serialised).not.toContain(PASSWORD);
      expect(serialised).not.toContain('wrong-password-XYZ');
      expect(serialised).not.toContain(basic);
    }
    expect((badField as OntapApiError).request.headers.Authorization).toBe('[REDACTED]');
    const logs = JSON.stringify(logged);
    expect(logs).not.toContain(PASSWORD);
    expect(logs).not.toContain(basic);
    await wrong.close();
  });

  it('catches a bad fields entry as 400 / 262197', async () => {
    const error = await client
      .request({ method: 'GET', path: '/storage/flexcache/flexcaches', query: { fields: ['name', 'state'] } })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400, code: '262197', target: 'fields', transient: false });
  });

  it('pages across many volumes following _links.next, each volume exactly once', async () => {
    const created = Array.from({ length: 23 }, (_, i) => `bulk_${String(i).padStart(2, '0')}`);
    await Promise.all(
      created.map((name) => volumes.create(client, { svm: { name: 'svm1' }, name, aggregates: ['aggr1'] }, quickWait)),
    );
    const requested: string[] = [];
    const spy: OntapClient = {
      ...client,
      request: (req) => {
        requested.push(req.path);
        return client.request(req);
      },
    };
    const names: string[] = [];
    for await (const record of paginate(
      spy,
      '/storage/volumes',
      { name: 'bulk_*', fields: ['name'] },
      { maxRecords: 5 },
    )) {
      names.push((record as { name: string }).name);
    }
    expect(names.sort()).toEqual(created);
    expect(requested).toHaveLength(5);
    expect(requested.slice(1).every((p) => p.startsWith('/api/storage/volumes?start.uuid='))).toBe(true);
    const bulk = await volumes.list(client, { name: 'bulk_*' });
    await Promise.all(bulk.map((vol) => volumes.remove(client, vol.uuid, quickWait)));
    expect(await volumes.list(client, { name: 'bulk_*' })).toEqual([]);
  });

  it('creates, reads and deletes a CIFS share on an existing path and refuses a missing one', async () => {
    await cifsShares.create(client, { svm: { name: 'svm1' }, name: 'proj$', path: '/vol1/projects' });
    const share = await cifsShares.get(client, svmUuid, 'proj$');
    expect(share).toMatchObject({ name: 'proj$', path: '/vol1/projects', volume: { name: 'vol1' } });
    expect(share.acls).toEqual([{ user_or_group: 'Everyone', type: 'windows', permission: 'full_control' }]);
    const missing = await cifsShares
      .create(client, { svm: { name: 'svm1' }, name: 'x', path: '/vol1/none' })
      .catch((e: unknown) => e);
    expect(missing).toMatchObject({ code: '655551' });
    await cifsShares.remove(client, svmUuid, 'proj$');
    expect(await cifsShares.list(client, { svmUuid })).toEqual([]);
  });

  it('creates a FlexCache from an origin by name, prepopulates it and deletes it', async () => {
    const cache = await flexcache.create(
      client,
      { svm: { name: 'svm1' }, name: 'fc1', origins: [{ volumeName: 'vol1', svmName: 'svm1' }], path: '/fc1' },
      quickWait,
    );
    expect(cache.origins?.[0]?.volume?.name).toBe('vol1');
    expect(cache.path).toBe('/fc1');
    await flexcache.prepopulate(client, cache.uuid, { dirPaths: ['/projects'] }, quickWait);
    expect(sim.state.flexcaches()[0]?.lastPrepopulate).toEqual(['/projects']);
    const cachedFile = await readFile(
      join(sim.state.volumes().find((v) => v.name === 'fc1')?.dir ?? '', 'public/c.txt'),
      'utf8',
    );
    expect(cachedFile).toBe('gamma');
    await flexcache.remove(client, cache.uuid, quickWait);
    expect(sim.state.flexcaches()).toEqual([]);
    expect(await readFile(join(data, 'public/c.txt'), 'utf8')).toBe('gamma');
  });

  it('manages FPolicy objects and enforces ONTAP rules on enabled policies and attached engines', async () => {
    await fpolicy.createEngine(client, svmUuid, {
      name: 'eng1',
      port: 9898,
      primary_servers: ['10.0.0.5'],
      type: 'asynchronous',
    });
    await fpolicy.createEvent(client, svmUuid, {
      name: 'ev1',
      protocol: 'cifs',
      file_operations: { create: true, write: true },
    });
    await fpolicy.createPolicy(client, svmUuid, {
      name: 'pol1',
      events: [{ name: 'ev1' }],
      engine: { name: 'eng1' },
      scope: { include_volumes: ['vol1'] },
    });
    expect((await fpolicy.getPolicy(client, svmUuid, 'pol1')).enabled).toBe(false);
    await fpolicy.enablePolicy(client, svmUuid, 'pol1', 1);
    const modify = await fpolicy.patchPolicy(client, svmUuid, 'pol1', { mandatory: false }).catch((e: unknown) => e);
    expect(modify).toMatchObject({ code: '9765029' });
    const engineInUse = await fpolicy.deleteEngine(client, svmUuid, 'eng1').catch((e: unknown) => e);
    expect(engineInUse).toBeInstanceOf(OntapApiError);
    const status = await fpolicy.listStatus(client, { svmName: 'svm1' });
    expect(status[0]?.policies).toEqual([{ name: 'pol1', enabled: true, priority: 1 }]);
    await fpolicy.disablePolicy(client, svmUuid, 'pol1');
    await fpolicy.patchEngine(client, svmUuid, 'eng1', { primary_servers: ['10.0.0.6'] });
    expect((await fpolicy.getEngine(client, svmUuid, 'eng1')).primary_servers).toEqual(['10.0.0.6']);
    await fpolicy.deletePolicy(client, svmUuid, 'pol1');
    await fpolicy.deleteEvent(client, svmUuid, 'ev1');
    await fpolicy.deleteEngine(client, svmUuid, 'eng1');
    expect(sim.state.fpolicy('svm1')).toEqual({ engines: [], events: [], policies: [] });
  });
  it('submits snapshot, clone and their deletes with wait: false and follows each job with jobs.status', async () => {
    const parent = await volumes.getByName(client, 'svm1', 'vol1');
    const snap = await snapshots.create(client, parent.uuid, { name: 'nowait_snap' }, { wait: false });
    expect(snap).toMatchObject({ status: 202, jobUuid: expect.stringMatching(UUID_PATTERN) });
    expect(snap.recordUuid).toMatch(UUID_PATTERN);
    await waitForJob(client, snap.jobUuid ?? '', quickWait.wait);
    expect((await snapshots.get(client, parent.uuid, snap.recordUuid ?? '')).name).toBe('nowait_snap');

    const submitted = await clones.create(
      client,
      {
        svm: { name: 'svm1' },
        name: 'nowait_clone',
        parentVolume: { uuid: parent.uuid },
        parentSnapshot: { uuid: snap.recordUuid ?? '' },
        nasPath: '/nowait_clone',
      },
      { wait: false },
    );
    expect(await followJob(client, submitted.jobUuid)).toMatchObject({
      state: 'success',
      description: 'POST /api/storage/volumes',
    });
    const clone = await volumes.get(client, submitted.recordUuid ?? '');
    expect(clone).toMatchObject({
      name: 'nowait_clone',
      nas: { path: '/nowait_clone' },
      clone: { is_flexclone: true },
    });

    // The unmount is awaited (ONTAP refuses to delete a mounted volume); only the delete is submitted.
    const removal = await clones.remove(client, clone.uuid, { wait: false });
    expect(await followJob(client, removal.jobUuid)).toMatchObject({ state: 'success' });
    expect(await volumes.findByName(client, 'svm1', 'nowait_clone')).toBeUndefined();
    const snapRemoval = await snapshots.remove(client, parent.uuid, snap.recordUuid ?? '', { wait: false });
    expect(await followJob(client, snapRemoval.jobUuid)).toMatchObject({ state: 'success' });
    expect(await snapshots.findByName(client, parent.uuid, 'nowait_snap')).toBeUndefined();
  });

  it('reports a failed submitted job through jobs.status instead of throwing', async () => {
    const vol = await volumes.getByName(client, 'svm1', 'vol1');
    sim.faults.failJobs('/snapshots', { code: 1638555, message: 'Snapshot operation refused' });
    const submitted = await snapshots.create(client, vol.uuid, { name: 'refused' }, { wait: false });
    expect(await followJob(client, submitted.jobUuid)).toEqual({
      uuid: submitted.jobUuid,
      state: 'failure',
      code: '1638555',
      message: 'Snapshot operation refused',
      description: `POST /api/storage/volumes/${vol.uuid}/snapshots`,
    });
    expect(await snapshots.findByName(client, vol.uuid, 'refused')).toBeUndefined();
  });

  it('creates, prepopulates and deletes a FlexCache and a volume with wait: false', async () => {
    const cache = await flexcache.create(
      client,
      { svm: { name: 'svm1' }, name: 'fc_nowait', origins: [{ volumeName: 'vol1', svmName: 'svm1' }], path: '/fcnw' },
      { wait: false },
    );
    expect(await followJob(client, cache.jobUuid)).toMatchObject({ state: 'success' });
    expect((await flexcache.get(client, cache.recordUuid ?? '')).name).toBe('fc_nowait');
    const warm = await flexcache.prepopulate(
      client,
      cache.recordUuid ?? '',
      { dirPaths: ['/public'] },
      { wait: false },
    );
    expect(await followJob(client, warm.jobUuid)).toMatchObject({ state: 'success' });
    expect(sim.state.flexcaches().find((c) => c.name === 'fc_nowait')?.lastPrepopulate).toEqual(['/public']);
    const drop = await flexcache.remove(client, cache.recordUuid ?? '', { wait: false });
    expect(await followJob(client, drop.jobUuid)).toMatchObject({ state: 'success' });
    expect(await flexcache.findByName(client, 'svm1', 'fc_nowait')).toBeUndefined();

    const volume = await volumes.create(
      client,
      { svm: { uuid: svmUuid }, name: 'vol_nowait', aggregates: ['aggr1'] },
      { wait: false },
    );
    expect(await followJob(client, volume.jobUuid)).toMatchObject({ state: 'success' });
    const mount = await volumes.mount(client, volume.recordUuid ?? '', '/vol_nowait', { wait: false });
    expect(await followJob(client, mount.jobUuid)).toMatchObject({ state: 'success' });
    expect((await volumes.get(client, volume.recordUuid ?? '')).nas?.path).toBe('/vol_nowait');
    const gone = await volumes.unmountAndDelete(client, volume.recordUuid ?? '', { wait: false, force: true });
    expect(await followJob(client, gone.jobUuid)).toMatchObject({ state: 'success' });
    expect(await volumes.findByName(client, 'svm1', 'vol_nowait')).toBeUndefined();
  });

  it('lists cluster peers with their availability and remote addresses', async () => {
    expect(await cluster.listPeers(client)).toEqual([]);
    const peersFile = join(sim.stateDir, 'cluster-peers.json');
    await writeFile(
      peersFile,
      JSON.stringify([
        { name: 'dr', uuid: '33333333-0000-4000-a000-000000000001', remoteIpAddresses: ['10.9.0.1'] },
        { name: 'lab', uuid: '33333333-0000-4000-a000-000000000002', state: 'unavailable' },
      ]),
    );
    try {
      const peers = await cluster.listPeers(client, { maxRecords: 1 });
      expect(peers.map((p) => [p.name, p.status?.state, p.remote?.ip_addresses])).toEqual([
        ['dr', 'available', ['10.9.0.1']],
        ['lab', 'unavailable', []],
      ]);
    } finally {
      await rm(peersFile);
    }
  });

  it('manages a persistent store and the policy that uses it, with ONTAP refusing to drop an active store', async () => {
    await fpolicy.createEngine(client, svmUuid, {
      name: 'eng_ps',
      port: 9898,
      primary_servers: ['10.0.0.5'],
      type: 'asynchronous',
    });
    await fpolicy.createEvent(client, svmUuid, { name: 'ev_ps', protocol: 'cifs', file_operations: { write: true } });
    await fpolicy.persistentStores.create(client, svmUuid, { name: 'ps1', volume: 'vol1', autosize_mode: 'grow' });
    expect(await fpolicy.persistentStores.get(client, svmUuid, 'ps1', { withSizing: true })).toMatchObject({
      name: 'ps1',
      volume: 'vol1',
      autosize_mode: 'grow',
      svm: { uuid: svmUuid },
    });
    expect(await fpolicy.persistentStores.list(client, svmUuid)).toEqual([
      expect.objectContaining({ name: 'ps1', volume: 'vol1' }),
    ]);
    await fpolicy.createPolicy(client, svmUuid, {
      name: 'pol_ps',
      events: [{ name: 'ev_ps' }],
      engine: { name: 'eng_ps' },
      mandatory: false,
      persistent_store: 'ps1',
      priority: 2,
    });
    expect(await fpolicy.getPolicy(client, svmUuid, 'pol_ps', { withPersistentStore: true })).toMatchObject({
      enabled: true,
      persistent_store: 'ps1',
    });
    const active = await fpolicy.persistentStores.remove(client, svmUuid, 'ps1').catch((e: unknown) => e);
    expect(active).toBeInstanceOf(OntapApiError);
    expect(active).toMatchObject({ code: '9765064' });

    await fpolicy.persistentStores.patch(client, svmUuid, 'ps1', { size: 2 * 1024 ** 3 });
    expect((await fpolicy.persistentStores.get(client, svmUuid, 'ps1', { withSizing: true })).size).toBe(2 * 1024 ** 3);
    await fpolicy.disablePolicy(client, svmUuid, 'pol_ps');
    await fpolicy.patchPolicy(client, svmUuid, 'pol_ps', { persistent_store: '' });
    expect((await fpolicy.getPolicy(client, svmUuid, 'pol_ps', { withPersistentStore: true })).persistent_store).toBe(
      undefined,
    );
    await fpolicy.persistentStores.remove(client, svmUuid, 'ps1');
    expect(await fpolicy.persistentStores.list(client, svmUuid)).toEqual([]);
    await fpolicy.deletePolicy(client, svmUuid, 'pol_ps');
    await fpolicy.deleteEvent(client, svmUuid, 'ev_ps');
    await fpolicy.deleteEngine(client, svmUuid, 'eng_ps');
  });
});

describe('ontap-client TLS against the simulator over HTTPS', () => {
  let sim: OntapSimulator;

  beforeAll(async () => {
    sim = await startOntapSimulator({
      credentials: { username: USER, password: PASSWORD },
      tls: { key: await tlsFixture('server.key'), cert: await tlsFixture('server.crt') },
    });
  });
  afterAll(() => sim.stop());

  it('verifies certificates by default and rejects the private CA without configuration', async () => {
    const client = createOntapClient({
      baseUrl: sim.baseUrl,
      credentials: staticCredentials(USER, PASSWORD),
      retries: 2,
    });
    const error = await svms.list(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OntapTransportError);
    expect(error).toMatchObject({ transient: false, beforeRequestSent: true });
    await client.close();
  });

  it('connects when the custom CA is supplied', async () => {
    const client = createOntapClient({
      baseUrl: sim.baseUrl,
      credentials: staticCredentials(USER, PASSWORD),
      ca: await tlsFixture('ca.crt'),
    });
    expect(sim.baseUrl.startsWith('https://127.0.0.1:')).toBe(true);
    expect((await svms.list(client)).map((s) => s.name)).toEqual(['svm1']);
    await client.close();
  });

  it('rejects a server whose certificate comes from an unknown CA', async () => {
    const client = createOntapClient({
      baseUrl: sim.baseUrl,
      credentials: staticCredentials(USER, PASSWORD),
      ca: await tlsFixture('other-ca.crt'),
    });
    const error = await svms.list(client).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'OntapTransportError', transient: false });
    await client.close();
  });
});
