import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import {
  cifsShares,
  clones,
  cluster,
  createOntapClient,
  fileSecurity,
  flexcache,
  fpolicy,
  jobs,
  snapmirror,
  snapshots,
  staticCredentials,
  svms,
  volumes,
  waitForJob,
} from '../src';
import { fakeFetch, type RecordedRequest } from './fake-fetch';

interface CatalogEndpoint {
  readonly filters?: Record<string, unknown>;
  readonly fields?: Record<string, unknown>;
}

/** `/work/shared` sits beside the repository (also in CI): repo root is four levels above this file. */
const loadCatalog = async (): Promise<Record<string, CatalogEndpoint>> => {
  const text = await readFile(new URL('../../../../shared/reference/ontap_api_catalog.json', import.meta.url), 'utf8');
  return (JSON.parse(text) as { endpoints: Record<string, CatalogEndpoint> }).endpoints;
};

/**
 * Endpoints the catalog lacks by design (it lists GET collections of ONTAP 9.16's swagger only), with why
 * the client still uses them and what its names are checked against instead.
 */
const KNOWN_EXCEPTIONS: ReadonlyArray<{
  pattern: RegExp;
  reason: string;
  vocabularyPrefix?: string;
  fields?: readonly string[];
}> = [
  {
    pattern: /^\/protocols\/fpolicy\/[^/]+\/engines(\/[^/]+)?$/,
    reason:
      'per-SVM FPolicy sub-collections are absent from the catalog; names checked against /protocols/fpolicy engines.*',
    vocabularyPrefix: 'engines.',
  },
  {
    pattern: /^\/protocols\/fpolicy\/[^/]+\/events(\/[^/]+)?$/,
    reason:
      'per-SVM FPolicy sub-collections are absent from the catalog; names checked against /protocols/fpolicy events.*',
    vocabularyPrefix: 'events.',
  },
  {
    pattern: /^\/protocols\/fpolicy\/[^/]+\/policies(\/[^/]+)?$/,
    reason:
      'per-SVM FPolicy sub-collections are absent from the catalog; names checked against /protocols/fpolicy policies.*',
    vocabularyPrefix: 'policies.',
  },
  {
    pattern: /^\/protocols\/file-security\/permissions\/[^/]+\/[^/]+$/,
    reason:
      'file-security is a single-object API, not in the catalog; fields are the properties of a captured 9.16 response',
    fields: fileSecurity.FILE_SECURITY_FIELDS,
  },
  {
    pattern: /^\/protocols\/fpolicy\/[^/]+\/persistent-stores(\/[^/]+)?$/,
    reason:
      'persistent stores (≥ 9.14.1) are absent from the catalog; fields are the gettable fields of netapp_ontap 9.17.1 FpolicyPersistentStoreSchema',
    fields: [...fpolicy.persistentStores.PERSISTENT_STORE_FIELDS, ...fpolicy.persistentStores.SIZING_FIELDS],
  },
  {
    pattern: /^\/cluster\/peers$/,
    reason:
      'the catalog entry for /cluster/peers has no filter vocabulary and omits status and remote (netapp_ontap 9.17.1 cluster_peer.py documents both); the rest is checked against the catalog below',
    fields: ['uuid', 'name', 'version', 'status', 'remote'],
  },
  {
    pattern: /^\/cluster$/,
    reason: 'the catalog lists /cluster without any field vocabulary; `version` is what clients read from it',
    fields: ['version'],
  },
];

/**
 * Maps a concrete request path to the catalog template that carries its vocabulary: single-object GETs
 * map to their collection (one key segment, or two for CIFS shares' `{svm.uuid}/{name}`); catalog
 * entries without any field vocabulary (e.g. `…/snapshots/{uuid}`) are skipped for their collection.
 */
const templateFor = (path: string, catalog: Record<string, CatalogEndpoint>): string | undefined => {
  const segments = path.split('/').filter((s) => s !== '');
  const candidates = Object.keys(catalog).filter((template) => {
    if (catalog[template]?.filters === undefined) return false;
    const t = template.split('/').filter((s) => s !== '');
    const keySegments = segments.length - t.length;
    if (keySegments < 0 || keySegments > 2) return false;
    return t.every((part, i) => part.startsWith('{') || part === segments[i]);
  });
  return candidates.sort((a, b) => b.split('/').length - a.split('/').length)[0];
};

const UUID = '11111111-2222-3333-4444-555555555555';

const exerciseEveryGet = async (): Promise<RecordedRequest[]> => {
  const { fetch, requests } = fakeFetch(({ url }) => {
    if (url.pathname === '/api/cluster')
      return { status: 200, body: { version: { full: 'x', generation: 9, major: 16, minor: 1 } } };
    if (url.pathname.startsWith('/api/cluster/jobs/')) return { status: 200, body: { uuid: UUID, state: 'success' } };
    const single =
      /\/(svms|volumes|snapshots|flexcaches|relationships|shares\/[^/]+|permissions\/[^/]+|engines|events|policies|persistent-stores)\/[^/]+$/.test(
        url.pathname,
      );
    if (single)
      return {
        status: 200,
        body: { uuid: UUID, name: 'n', path: '/p', state: 'success', clone: { is_flexclone: true } },
      };
    return {
      status: 200,
      body: { records: [{ uuid: UUID, name: 'n', state: 'success', svm: { uuid: UUID } }], num_records: 1 },
    };
  });
  const client = createOntapClient({
    baseUrl: 'https://ontap.invalid',
    credentials: staticCredentials('u', 'p'),
    fetch,
  });
  await cluster.getVersion(client);
  await svms.list(client, { name: 'svm1' });
  await svms.get(client, UUID);
  await svms.findByName(client, 'svm1');
  await volumes.list(client, {
    svmName: 's',
    svmUuid: UUID,
    name: 'v',
    nasPath: '/v',
    isFlexClone: true,
    parentVolumeName: 'p',
  });
  await volumes.get(client, UUID);
  await volumes.findByName(client, 's', 'v');
  await volumes.findByMsid(client, 2157674396);
  await clones.getSplitStatus(client, UUID);
  await snapshots.list(client, UUID, { name: 's' });
  await snapshots.get(client, UUID, UUID);
  await flexcache.list(client, { name: 'f', svmName: 's' });
  await flexcache.get(client, UUID);
  await cifsShares.list(client, { svmUuid: UUID, svmName: 's', name: 'n', path: '/p' });
  await cifsShares.get(client, UUID, 'c$');
  await fileSecurity.get(client, UUID, '/vol1/a b/c.txt', { lookupNames: false });
  await fpolicy.listEngines(client, UUID);
  await fpolicy.getEngine(client, UUID, 'e');
  await fpolicy.listEvents(client, UUID);
  await fpolicy.getEvent(client, UUID, 'e');
  await fpolicy.listPolicies(client, UUID);
  await fpolicy.getPolicy(client, UUID, 'p');
  await fpolicy.getPolicy(client, UUID, 'p', { withPersistentStore: true });
  await fpolicy.listPolicies(client, UUID, { withPersistentStore: true });
  await fpolicy.persistentStores.list(client, UUID);
  await fpolicy.persistentStores.list(client, UUID, { withSizing: true });
  await fpolicy.persistentStores.get(client, UUID, 'ps', { withSizing: true });
  await cluster.listPeers(client);
  await fpolicy.listStatus(client, { svmName: 's' });
  await jobs.list(client, { state: 'running', description: 'POST*' });
  await jobs.get(client, UUID);
  await jobs.status(client, UUID);
  await waitForJob(client, UUID);
  await snapmirror.list(client, { sourcePath: 's:*', destinationPath: 'd:*', listDestinationsOnly: true });
  await snapmirror.get(client, UUID);
  return requests;
};

describe('every GET the client sends exists in the ONTAP catalog', () => {
  it('uses only catalogued paths, fields and filter keys (or a listed, justified exception)', async () => {
    const catalog = await loadCatalog();
    const requests = await exerciseEveryGet();
    expect(requests.length).toBeGreaterThan(25);
    const problems: string[] = [];
    const usedExceptions = new Set<string>();
    for (const { url, init } of requests) {
      expect(init.method).toBe('GET');
      const path = url.pathname.replace(/^\/api/, '');
      const params = [...url.searchParams.entries()];
      const fields = params.filter(([k]) => k === 'fields').flatMap(([, v]) => v.split(','));
      const filters = params.map(([k]) => k).filter((k) => !['fields', 'max_records', 'lookup_names'].includes(k));
      const exception = KNOWN_EXCEPTIONS.find((e) => e.pattern.test(path));
      if (exception !== undefined) {
        usedExceptions.add(exception.reason);
        const fpolicyFilters = Object.keys(catalog['/protocols/fpolicy']?.filters ?? {});
        for (const field of fields) {
          const ok =
            exception.vocabularyPrefix !== undefined
              ? fpolicyFilters.some(
                  (f) =>
                    f === `${exception.vocabularyPrefix}${field}` ||
                    f.startsWith(`${exception.vocabularyPrefix}${field}.`),
                )
              : (exception.fields ?? []).includes(field);
          if (!ok) problems.push(`${path}: field ${field}`);
        }
        if (filters.length > 0) problems.push(`${path}: unexpected filters ${filters.join(',')}`);
        continue;
      }
      const template = templateFor(path, catalog);
      const endpoint = template === undefined ? undefined : catalog[template];
      if (template === undefined || endpoint === undefined) {
        problems.push(`${path}: no catalog endpoint`);
        continue;
      }
      const topLevel = new Set(Object.keys(endpoint.fields ?? {}));
      const filterKeys = new Set(Object.keys(endpoint.filters ?? {}));
      for (const field of fields) {
        const ok = field.includes('.') ? filterKeys.has(field) : topLevel.has(field) || filterKeys.has(field);
        if (!ok) problems.push(`${template}: field ${field}`);
      }
      for (const filter of filters) if (!filterKeys.has(filter)) problems.push(`${template}: filter ${filter}`);
    }
    expect(problems).toEqual([]);
    // Every exception is exercised, so none of them is stale.
    expect(usedExceptions.size).toBe(KNOWN_EXCEPTIONS.length);
  });

  it('asks /cluster/peers only for catalogued fields plus the documented status and remote', async () => {
    const catalog = await loadCatalog();
    const catalogued = Object.keys(catalog['/cluster/peers']?.fields ?? {});
    expect(cluster.PEER_FIELDS.filter((f) => !catalogued.includes(f))).toEqual(['status', 'remote']);
  });

  it('never asks a FlexCache for a top-level state or the write-only prepopulate', () => {
    expect(flexcache.FLEXCACHE_FIELDS).not.toContain('state');
    expect(flexcache.FLEXCACHE_FIELDS).not.toContain('prepopulate');
  });

  it('would catch a field the catalog does not know (the check can fail)', async () => {
    const catalog = await loadCatalog();
    const flexcaches = catalog['/storage/flexcache/flexcaches'];
    expect(Object.keys(flexcaches?.fields ?? {})).not.toContain('state');
    expect(Object.keys(flexcaches?.filters ?? {})).not.toContain('state');
  });
});
