import catalog from './catalog-subset.json';
import { OntapSimulatorError } from './errors';

/** The names a GET may use for one endpoint: `fields` entries and filter keys. */
export interface Vocabulary {
  readonly fields: ReadonlySet<string>;
  readonly filters: ReadonlySet<string>;
}

const fromCatalog = (path: string): Vocabulary => {
  const entry = (catalog.endpoints as Record<string, { fields: string[]; filters: string[] }>)[path];
  if (entry === undefined) throw new OntapSimulatorError(`catalog subset lacks ${path}`);
  return { fields: new Set(entry.fields), filters: new Set(entry.filters) };
};

/** The `engines.*` (etc.) filter keys of `/protocols/fpolicy`, re-rooted for the per-SVM sub-collections. */
const fpolicySub = (prefix: 'engines' | 'events' | 'policies'): Vocabulary => {
  const filters = [...fromCatalog('/protocols/fpolicy').filters]
    .filter((key) => key.startsWith(`${prefix}.`))
    .map((key) => key.slice(prefix.length + 1));
  const fields = new Set(filters.map((key) => key.split('.')[0] as string));
  // These sub-collections are not in the catalog; `svm` is part of every record ([L] netapp_ontap docs).
  fields.add('svm');
  return { fields, filters: new Set([...filters, 'svm.uuid']) };
};

/** Properties of the file-security single-object GET, from a captured ONTAP 9.16 response. */
const FILE_SECURITY: Vocabulary = {
  fields: new Set([
    'svm',
    'path',
    'owner',
    'group',
    'control_flags',
    'acls',
    'inode',
    'security_style',
    'effective_style',
    'dos_attributes',
    'text_dos_attr',
    'user_id',
    'group_id',
    'mode_bits',
    'text_mode_bits',
  ]),
  filters: new Set(['svm.uuid', 'svm.name', 'acls.user', 'acls.access', 'acls.inherited', 'acls.access_control']),
};

/** The catalog's `/cluster` entry has no field list; these are what clients read ([C]). */
const CLUSTER: Vocabulary = {
  fields: new Set(['name', 'uuid', 'version', 'location', 'contact']),
  filters: new Set(['version.full', 'version.generation', 'version.major', 'version.minor']),
};

/**
 * `/cluster/peers`: the catalog names its top-level fields but has no filter vocabulary and omits
 * `status` and `remote`, which ONTAP documents for GET ([L] netapp_ontap 9.17.1 `cluster_peer.py`,
 * incl. the filter `status.state=!available`). Every dotted property is a filter, as on other endpoints.
 */
const clusterPeers = (): Vocabulary => {
  const catalogued = fromCatalog('/cluster/peers');
  return {
    fields: new Set([...catalogued.fields, 'status', 'remote']),
    filters: new Set([
      'uuid',
      'name',
      'status.state',
      'status.update_time',
      'remote.name',
      'remote.ip_addresses',
      'remote.serial_number',
      'version.full',
      'version.generation',
      'version.major',
      'version.minor',
      'ipspace.name',
      'ipspace.uuid',
    ]),
  };
};

/** Not in the catalog; the gettable fields of [L] netapp_ontap 9.17.1 `FpolicyPersistentStoreSchema`. */
const FPOLICY_PERSISTENT_STORES: Vocabulary = {
  fields: new Set(['name', 'volume', 'size', 'autosize_mode', 'svm']),
  filters: new Set(['name', 'volume', 'size', 'autosize_mode', 'svm.uuid']),
};

export const vocabularies = {
  svms: fromCatalog('/svm/svms'),
  volumes: fromCatalog('/storage/volumes'),
  snapshots: fromCatalog('/storage/volumes/{volume.uuid}/snapshots'),
  flexcaches: fromCatalog('/storage/flexcache/flexcaches'),
  flexcacheOrigins: fromCatalog('/storage/flexcache/origins'),
  cifsShares: fromCatalog('/protocols/cifs/shares'),
  fpolicy: fromCatalog('/protocols/fpolicy'),
  fpolicyEngines: fpolicySub('engines'),
  fpolicyEvents: fpolicySub('events'),
  fpolicyPolicies: fpolicySub('policies'),
  fpolicyPersistentStores: FPOLICY_PERSISTENT_STORES,
  jobs: fromCatalog('/cluster/jobs'),
  snapmirror: fromCatalog('/snapmirror/relationships'),
  fileSecurity: FILE_SECURITY,
  cluster: CLUSTER,
  clusterPeers: clusterPeers(),
} as const;

/**
 * A `fields` entry is valid when it is a top-level field, a dotted filter key, or the parent object of
 * filter keys (`nas` for `nas.path`): real ONTAP accepts all three.
 */
export const isValidField = (vocabulary: Vocabulary, name: string): boolean => {
  if (name === '*' || name === '**') return true;
  if (vocabulary.fields.has(name) || vocabulary.filters.has(name)) return true;
  const prefix = `${name}.`;
  for (const key of vocabulary.filters) if (key.startsWith(prefix)) return true;
  return false;
};

export const isValidFilter = (vocabulary: Vocabulary, name: string): boolean => vocabulary.filters.has(name);
