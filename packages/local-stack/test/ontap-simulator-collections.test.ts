import { readFile } from 'node:fs/promises';
import { request } from 'node:https';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OntapSimulator, startOntapSimulator } from '../src/ontap-simulator';
import subset from '../src/ontap-simulator/catalog-subset.json';
import { matchesFilter } from '../src/ontap-simulator/filter-match';
import { normaliseDottedKeys } from '../src/ontap-simulator/json';
import { AUTH, call, jobUuid, makeTree, removeTree, waitJob } from './ontap-simulator-helpers';

describe('ONTAP simulator collections, filters and faults', () => {
  let sim: OntapSimulator;
  let dirs: string[];

  beforeAll(async () => {
    dirs = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((n) => makeTree({ [`${n}.txt`]: n })));
    sim = await startOntapSimulator({
      credentials: AUTH,
      jobLatencyMs: 10,
      svms: [
        {
          name: 'svm1',
          volumes: dirs.map((dir, i) => ({ name: `data_${i}`, dir, ...(i < 3 ? { junctionPath: `/data_${i}` } : {}) })),
        },
      ],
    });
  });
  afterAll(async () => {
    await sim.stop();
    await Promise.all(dirs.map(removeTree));
  });

  it('pages with max_records and a start.uuid cursor that repeats the query', async () => {
    const seen: string[] = [];
    let href: string | undefined = '/api/storage/volumes?name=data_*&max_records=2';
    let pages = 0;
    while (href !== undefined) {
      const { body } = await call(sim.baseUrl, 'GET', href);
      pages++;
      seen.push(...(body.records as Array<{ name: string }>).map((r) => r.name));
      expect(body.num_records).toBe((body.records as unknown[]).length);
      href = (body._links as { next?: { href: string } }).next?.href;
      if (href !== undefined)
        expect(href).toMatch(/^\/api\/storage\/volumes\?start\.uuid=[0-9a-f-]+&name=data_\*&max_records=2$/);
    }
    expect(pages).toBe(3);
    expect(seen.sort()).toEqual(['data_0', 'data_1', 'data_2', 'data_3', 'data_4']);
  });

  it('supports | OR, ! NOT and null in filters', async () => {
    const names = async (query: string) =>
      ((await call(sim.baseUrl, 'GET', `/api/storage/volumes?${query}`)).body.records as Array<{ name: string }>)
        .map((r) => r.name)
        .sort();
    expect(await names('name=data_1|data_3')).toEqual(['data_1', 'data_3']);
    expect(await names('name=!data_0&nas.path=!null')).toEqual(['data_1', 'data_2']);
    expect(await names('nas.path=null')).toEqual(['data_3', 'data_4']);
  });

  it('returns only num_records with return_records=false', async () => {
    const { body } = await call(sim.baseUrl, 'GET', '/api/storage/volumes?return_records=false');
    expect(body.records).toBeUndefined();
    expect(body.num_records).toBe(5);
  });

  it('answers the next N requests with an injected status, then recovers', async () => {
    sim.faults.failNext(2, 502);
    expect((await call(sim.baseUrl, 'GET', '/api/svm/svms')).status).toBe(502);
    expect((await call(sim.baseUrl, 'GET', '/api/svm/svms')).status).toBe(502);
    expect((await call(sim.baseUrl, 'GET', '/api/svm/svms')).status).toBe(200);
  });

  it('fails the next matching job with the given code and leaves the state unchanged', async () => {
    const { body } = await call(sim.baseUrl, 'GET', '/api/storage/volumes?name=data_0');
    const uuid = (body.records as Array<{ uuid: string }>)[0]?.uuid ?? '';
    sim.faults.failJobs(/PATCH \/api\/storage\/volumes\//, { code: 917536, message: 'Volume is locked' });
    const patch = await call(sim.baseUrl, 'PATCH', `/api/storage/volumes/${uuid}`, { nas: { path: '' } });
    const failed = await waitJob(sim.baseUrl, jobUuid(patch.body));
    expect(failed).toMatchObject({
      state: 'failure',
      code: 917536,
      message: 'Volume is locked',
      error: { code: '917536' },
    });
    const after = await call(sim.baseUrl, 'GET', `/api/storage/volumes/${uuid}?fields=nas.path`);
    expect(after.body.nas).toEqual({ path: '/data_0' });
  });

  it('returns 404 262179 when a file-security path arrives with unencoded slashes, and serves it encoded', async () => {
    const svm = sim.state.svmUuid('svm1');
    const raw = await call(sim.baseUrl, 'GET', `/api/protocols/file-security/permissions/${svm}/data_0/a.txt`);
    expect(raw.status).toBe(404);
    expect(raw.body).toEqual({ error: { message: 'Unexpected argument "a.txt".', code: '262179' } });
    const encoded = await call(
      sim.baseUrl,
      'GET',
      `/api/protocols/file-security/permissions/${svm}/${encodeURIComponent('/data_0/a.txt')}`,
    );
    expect(encoded.status).toBe(200);
    expect(encoded.body).toMatchObject({
      path: '/data_0/a.txt',
      security_style: 'ntfs',
      acls: [{ user: 'Everyone', access: 'access_allow' }],
    });
  });

  it('reports SIDs with lookup_names=false: well-known names, SIDs as given, and an explicit sid', async () => {
    const svm = sim.state.svmUuid('svm1');
    sim.state.setFileSecurity('svm1', '/data_1/b.txt', {
      acls: [
        { user: 'NT AUTHORITY\\Authenticated Users', rights: 'full_control' },
        { user: 'S-1-5-21-1-2-3-1013', rights: 'read' },
        { user: 'CORP\\Domain Users', sid: 'S-1-5-21-1-2-3-513', rights: 'full_control' },
      ],
    });
    const path = `/api/protocols/file-security/permissions/${svm}/${encodeURIComponent('/data_1/b.txt')}`;
    const bySid = await call(sim.baseUrl, 'GET', `${path}?lookup_names=false`);
    expect((bySid.body.acls as Array<{ user: string }>).map((a) => a.user)).toEqual([
      'S-1-5-11',
      'S-1-5-21-1-2-3-1013',
      'S-1-5-21-1-2-3-513',
    ]);
    const byName = await call(sim.baseUrl, 'GET', path);
    expect((byName.body.acls as Array<{ user: string }>)[2]?.user).toBe('CORP\\Domain Users');
  });

  it('answers 655551 for a path outside any mounted volume', async () => {
    const svm = sim.state.svmUuid('svm1');
    const { status, body } = await call(
      sim.baseUrl,
      'GET',
      `/api/protocols/file-security/permissions/${svm}/${encodeURIComponent('/data_3/d.txt')}`,
    );
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: { code: '655551' } });
  });

  it('keeps its catalog subset identical to the shared ONTAP catalog', async () => {
    const text = await readFile(
      new URL('../../../../shared/reference/ontap_api_catalog.json', import.meta.url),
      'utf8',
    );
    const catalog = JSON.parse(text) as { endpoints: Record<string, { filters?: object; fields?: object }> };
    for (const [path, entry] of Object.entries(subset.endpoints)) {
      const source = catalog.endpoints[path];
      expect(entry.filters).toEqual(Object.keys(source?.filters ?? {}).sort());
      expect(entry.fields).toEqual(Object.keys(source?.fields ?? {}).sort());
    }
  });
});

describe('simulator codecs (properties)', () => {
  it('an exact or wildcard filter of a value matches it, and its negation does not', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 10 }).filter((s) => !/[|!*<>]/.test(s) && s !== 'null'),
        (value) => {
          expect(matchesFilter(value, value)).toBe(true);
          expect(matchesFilter(value, `${value.slice(0, 1)}*`)).toBe(true);
          expect(matchesFilter(value, `!${value}`)).toBe(false);
          expect(matchesFilter(value, `zz_no_match|${value}`)).toBe(true);
        },
      ),
    );
  });

  it('dotted and nested request bodies normalise to the same object', () => {
    const key = fc.stringMatching(/^[a-z]{1,6}$/);
    fc.assert(
      fc.property(
        fc.dictionary(key, fc.dictionary(key, fc.oneof(fc.integer(), fc.boolean(), fc.string()), { maxKeys: 3 }), {
          maxKeys: 3,
        }),
        (nested) => {
          const dotted: Record<string, unknown> = {};
          for (const [outer, inner] of Object.entries(nested)) {
            if (Object.keys(inner).length === 0) dotted[outer] = {};
            for (const [k, v] of Object.entries(inner)) dotted[`${outer}.${k}`] = v;
          }
          expect(normaliseDottedKeys(dotted)).toEqual(normaliseDottedKeys(nested));
        },
      ),
    );
  });
});

describe('ONTAP simulator over HTTPS', () => {
  it('serves the API with the given certificate', async () => {
    const fixture = (name: string) => readFile(new URL(`./fixtures/tls/${name}`, import.meta.url), 'utf8');
    const sim = await startOntapSimulator({
      credentials: AUTH,
      tls: { key: await fixture('server.key'), cert: await fixture('server.crt') },
    });
    try {
      expect(sim.baseUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const ca = await fixture('ca.crt');
      const status = await new Promise<number | undefined>((resolve, reject) => {
        const req = request(`${sim.baseUrl}/api/cluster?fields=version`, {
          ca,
          headers: { Authorization: `Basic ${Buffer.from(`${AUTH.username}:${AUTH.password}`).toString('base64')}` },
        });
        req.on('response', (res) => {
          res.resume();
          resolve(res.statusCode);
        });
        req.on('error', reject);
        req.end();
      });
      expect(status).toBe(200);
    } finally {
      await sim.stop();
    }
  });
});
