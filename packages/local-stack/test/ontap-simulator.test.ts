import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OntapSimulator, startOntapSimulator } from '../src/ontap-simulator';
import { AUTH, call, jobUuid, makeTree, removeTree, waitJob } from './ontap-simulator-helpers';

describe('ONTAP simulator REST behaviour', () => {
  let sim: OntapSimulator;
  let data: string;

  beforeAll(async () => {
    data = await makeTree({ 'reports/q1.txt': 'q1', 'reports/q2.txt': 'q2', 'readme.md': 'hello' });
    sim = await startOntapSimulator({
      credentials: AUTH,
      jobLatencyMs: 20,
      svms: [{ name: 'svm1', volumes: [{ name: 'vol1', dir: data, junctionPath: '/vol1', securityStyle: 'ntfs' }] }],
      snapmirror: [{ sourcePath: 'svm1:vol1', destinationPath: 'svm2:vol1_dst' }],
    });
  });
  afterAll(async () => {
    await sim.stop();
    await removeTree(data);
  });

  it('binds to 127.0.0.1 on a random port', () => {
    expect(sim.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sim.baseUrl.endsWith(':0')).toBe(false);
  });

  it('answers 401 for wrong credentials and for none', async () => {
    const wrong = await call(
      sim.baseUrl,
      'GET',
      '/api/svm/svms',
      undefined,
      `Basic ${Buffer.from('admin:nope').toString('base64')}`,
    );
    expect(wrong.status).toBe(401);
    const none = await call(sim.baseUrl, 'GET', '/api/svm/svms', undefined, '');
    expect(none.status).toBe(401);
  });

  it('returns only identity fields and links in a default collection record', async () => {
    const { status, body } = await call(sim.baseUrl, 'GET', '/api/storage/volumes');
    expect(status).toBe(200);
    const records = body.records as Array<Record<string, unknown>>;
    expect(records).toHaveLength(1);
    expect(Object.keys(records[0] ?? {}).sort()).toEqual(['_links', 'name', 'uuid']);
    expect(body.num_records).toBe(1);
    expect(body._links).toEqual({ self: { href: '/api/storage/volumes' } });
  });

  it('rejects an invalid fields entry with 400 / 262197 naming the value', async () => {
    const { status, body } = await call(sim.baseUrl, 'GET', '/api/storage/flexcache/flexcaches?fields=name,state');
    expect(status).toBe(400);
    expect(body).toEqual({
      error: { message: 'The value "state" is invalid for field "fields"', code: '262197', target: 'fields' },
    });
  });

  it('rejects an unknown query parameter with 400 / 262179', async () => {
    const { status, body } = await call(sim.baseUrl, 'GET', '/api/storage/volumes?foo=1');
    expect(status).toBe(400);
    expect(body).toEqual({ error: { message: 'Unexpected argument "foo".', code: '262179', target: 'foo' } });
  });

  it('accepts parent objects and dotted filter names in fields', async () => {
    const nested = await call(sim.baseUrl, 'GET', '/api/storage/volumes?fields=nas');
    expect(nested.status).toBe(200);
    const dotted = await call(sim.baseUrl, 'GET', '/api/storage/volumes?fields=nas.path,clone.is_flexclone');
    expect((dotted.body.records as Array<Record<string, unknown>>)[0]).toMatchObject({
      nas: { path: '/vol1' },
      clone: { is_flexclone: false },
    });
  });

  it('leaves expensive volume fields out of fields=* and includes them with fields=**', async () => {
    const star = await call(sim.baseUrl, 'GET', '/api/storage/volumes?fields=*');
    const record = (star.body.records as Array<Record<string, unknown>>)[0] ?? {};
    expect(record.state).toBe('online');
    expect(record.nas).toBeUndefined();
    const all = await call(sim.baseUrl, 'GET', '/api/storage/volumes?fields=**');
    expect((all.body.records as Array<Record<string, unknown>>)[0]).toMatchObject({
      nas: { path: '/vol1', security_style: 'ntfs' },
    });
  });

  it('returns a bare object with expensive fields on a single GET and 404 code 4 for a missing key', async () => {
    const list = await call(sim.baseUrl, 'GET', '/api/storage/volumes?name=vol1');
    const uuid = (list.body.records as Array<{ uuid: string }>)[0]?.uuid;
    const single = await call(sim.baseUrl, 'GET', `/api/storage/volumes/${uuid}`);
    expect(single.body).toMatchObject({ uuid, name: 'vol1', nas: { path: '/vol1' } });
    expect(single.body.records).toBeUndefined();
    const missing = await call(sim.baseUrl, 'GET', '/api/storage/volumes/00000000-0000-0000-0000-000000000000');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ error: { message: "entry doesn't exist", code: '4', target: 'uuid' } });
  });

  it('shows a filtered field in each record', async () => {
    const { body } = await call(sim.baseUrl, 'GET', '/api/storage/volumes?nas.path=/vol*');
    expect((body.records as Array<Record<string, unknown>>)[0]).toMatchObject({ name: 'vol1', nas: { path: '/vol1' } });
  });

  it('runs an async POST as a 202 job that goes queued → success and is described as "<METHOD> /api/<path>"', async () => {
    const list = await call(sim.baseUrl, 'GET', '/api/storage/volumes?name=vol1');
    const uuid = (list.body.records as Array<{ uuid: string }>)[0]?.uuid ?? '';
    const post = await call(sim.baseUrl, 'POST', `/api/storage/volumes/${uuid}/snapshots`, { name: 'snap_a' });
    expect(post.status).toBe(202);
    const job = jobUuid(post.body);
    expect(post.body).toEqual({ job: { uuid: job, _links: { self: { href: `/api/cluster/jobs/${job}` } } } });
    const early = await call(sim.baseUrl, 'GET', `/api/cluster/jobs/${job}`);
    expect(['queued', 'running']).toContain(early.body.state);
    const done = await waitJob(sim.baseUrl, job);
    expect(done).toMatchObject({
      state: 'success',
      code: 0,
      description: `POST /api/storage/volumes/${uuid}/snapshots`,
    });
    const snaps = await call(sim.baseUrl, 'GET', `/api/storage/volumes/${uuid}/snapshots?name=snap_a&fields=size`);
    expect((snaps.body.records as Array<{ size: number }>)[0]?.size).toBe(2 + 2 + 5);
  });

  it('answers 201 when the job ends within return_timeout', async () => {
    const list = await call(sim.baseUrl, 'GET', '/api/storage/volumes?name=vol1');
    const uuid = (list.body.records as Array<{ uuid: string }>)[0]?.uuid ?? '';
    const post = await call(sim.baseUrl, 'POST', `/api/storage/volumes/${uuid}/snapshots?return_timeout=5`, {
      name: 'snap_rt',
    });
    expect(post.status).toBe(201);
    expect(jobUuid(post.body)).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('normalises dotted keys in request bodies', async () => {
    const post = await call(sim.baseUrl, 'POST', '/api/storage/volumes?return_timeout=5', {
      name: 'dotted',
      'svm.name': 'svm1',
      aggregates: [{ name: 'aggr1' }],
      'nas.path': '/dotted',
      'nas.security_style': 'unix',
    });
    expect(post.status).toBe(201);
    const { body } = await call(
      sim.baseUrl,
      'GET',
      '/api/storage/volumes?name=dotted&fields=nas.path,nas.security_style,svm.name',
    );
    expect((body.records as unknown[])[0]).toMatchObject({
      nas: { path: '/dotted', security_style: 'unix' },
      svm: { name: 'svm1' },
    });
  });

  it('refuses fields that cannot be set with 262196', async () => {
    const list = await call(sim.baseUrl, 'GET', '/api/storage/volumes?name=vol1');
    const uuid = (list.body.records as Array<{ uuid: string }>)[0]?.uuid ?? '';
    const patch = await call(sim.baseUrl, 'PATCH', `/api/storage/volumes/${uuid}`, { svm: { name: 'other' } });
    expect(patch.status).toBe(400);
    expect(patch.body).toMatchObject({
      error: { code: '262196', message: 'Field "svm.name" cannot be set in this operation' },
    });
  });

  it('serves the cluster version and configured SnapMirror relationships', async () => {
    const cluster = await call(sim.baseUrl, 'GET', '/api/cluster?fields=version');
    expect(cluster.body.version).toMatchObject({ generation: 9, major: 16 });
    const sm = await call(
      sim.baseUrl,
      'GET',
      '/api/snapmirror/relationships?source.path=svm1:*&fields=state,destination.path',
    );
    expect(sm.body.records).toEqual([
      expect.objectContaining({ state: 'snapmirrored', destination: { path: 'svm2:vol1_dst' } }),
    ]);
  });
});
