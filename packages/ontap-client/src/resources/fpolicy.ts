import type { ListOptions, MutationOptions } from '../resource-helpers';
import { getRecord, listRecords, mutate } from '../resource-helpers';
import type { OntapClient } from '../transport';

export * as persistentStores from './fpolicy-persistent-stores';

/**
 * FPolicy configuration lives under `/protocols/fpolicy/{svm.uuid}/{engines|events|policies}`, keyed by
 * name. These calls are synchronous on ONTAP (201/200); a job in the answer is awaited anyway.
 * Field lists use the same names as the catalog's `engines.*`, `events.*`, `policies.*` filters of
 * `/protocols/fpolicy` (the per-SVM sub-collections themselves are not in the catalog).
 */

export interface FpolicyEngine {
  readonly name: string;
  readonly primary_servers?: readonly string[];
  readonly secondary_servers?: readonly string[];
  readonly port?: number;
  readonly type?: 'synchronous' | 'asynchronous';
  readonly format?: 'xml' | 'protobuf';
  readonly ssl_option?: 'no_auth' | 'server_auth' | 'mutual_auth';
  /** ISO-8601 duration, e.g. `PT2M`. */
  readonly keep_alive_interval?: string;
  readonly max_server_requests?: number;
}

export type FileOperation =
  | 'close'
  | 'create'
  | 'create_dir'
  | 'delete'
  | 'delete_dir'
  | 'getattr'
  | 'link'
  | 'lookup'
  | 'open'
  | 'read'
  | 'rename'
  | 'rename_dir'
  | 'setattr'
  | 'symlink'
  | 'write'
  | 'access';

export interface FpolicyEvent {
  readonly name: string;
  readonly protocol?: 'cifs' | 'nfsv3' | 'nfsv4';
  readonly file_operations?: Partial<Record<FileOperation, boolean>>;
  readonly filters?: Readonly<Record<string, boolean>>;
  readonly volume_monitoring?: boolean;
  readonly monitor_fileop_failure?: boolean;
}

export interface FpolicyScope {
  readonly include_volumes?: readonly string[];
  readonly exclude_volumes?: readonly string[];
  readonly include_shares?: readonly string[];
  readonly exclude_shares?: readonly string[];
  readonly include_extension?: readonly string[];
  readonly exclude_extension?: readonly string[];
  readonly include_export_policies?: readonly string[];
  readonly exclude_export_policies?: readonly string[];
}

export interface FpolicyPolicy {
  readonly name: string;
  readonly enabled?: boolean;
  readonly priority?: number;
  readonly engine?: { readonly name?: string };
  readonly events?: readonly { readonly name?: string }[];
  readonly mandatory?: boolean;
  readonly passthrough_read?: boolean;
  readonly scope?: FpolicyScope;
  /** Name of the SVM's persistent store (ONTAP ≥ 9.14.1); absent when the policy uses none. */
  readonly persistent_store?: string;
}

export const ENGINE_FIELDS = [
  'name',
  'primary_servers',
  'secondary_servers',
  'port',
  'type',
  'format',
  'ssl_option',
  'keep_alive_interval',
  'max_server_requests',
] as const;
export const EVENT_FIELDS = [
  'name',
  'protocol',
  'file_operations',
  'filters',
  'volume_monitoring',
  'monitor_fileop_failure',
] as const;
export const POLICY_FIELDS = [
  'name',
  'enabled',
  'priority',
  'engine',
  'events',
  'mandatory',
  'passthrough_read',
  'scope',
] as const;
/**
 * `persistent_store` exists from ONTAP 9.14.1 (catalog filter `policies.persistent_store`); an older
 * release rejects the whole GET (262197), so it is asked for only on request.
 */
export const POLICY_FIELDS_WITH_STORE = [...POLICY_FIELDS, 'persistent_store'] as const;

export interface PolicyReadOptions extends ListOptions {
  /** Also read `persistent_store` (ONTAP ≥ 9.14.1 only). */
  readonly withPersistentStore?: boolean;
}

const policyFields = (options: PolicyReadOptions | undefined) =>
  options?.withPersistentStore === true ? POLICY_FIELDS_WITH_STORE : POLICY_FIELDS;

const base = (svmUuid: string, kind: 'engines' | 'events' | 'policies') =>
  `/protocols/fpolicy/${encodeURIComponent(svmUuid)}/${kind}`;
const item = (svmUuid: string, kind: 'engines' | 'events' | 'policies', name: string) =>
  `${base(svmUuid, kind)}/${encodeURIComponent(name)}`;

// Engines
export interface CreateEngineInput {
  readonly name: string;
  readonly port: number;
  readonly primary_servers: readonly string[];
  readonly secondary_servers?: readonly string[];
  readonly type?: 'synchronous' | 'asynchronous';
  readonly format?: 'xml' | 'protobuf';
  readonly ssl_option?: 'no_auth' | 'server_auth' | 'mutual_auth';
  readonly keep_alive_interval?: string;
  readonly max_server_requests?: number;
}
export type PatchEngineInput = Partial<Omit<CreateEngineInput, 'name'>>;

export const listEngines = (client: OntapClient, svmUuid: string, options?: ListOptions) =>
  listRecords<FpolicyEngine>(client, base(svmUuid, 'engines'), ENGINE_FIELDS, ['name'], {}, options);
export const getEngine = (client: OntapClient, svmUuid: string, name: string) =>
  getRecord<FpolicyEngine>(client, item(svmUuid, 'engines', name), ENGINE_FIELDS, ['name']);
export const createEngine = (
  client: OntapClient,
  svmUuid: string,
  input: CreateEngineInput,
  options?: MutationOptions,
) => mutate(client, 'POST', base(svmUuid, 'engines'), input, options);
/** ONTAP refuses while the engine is used by an enabled policy. */
export const patchEngine = (
  client: OntapClient,
  svmUuid: string,
  name: string,
  input: PatchEngineInput,
  options?: MutationOptions,
) => mutate(client, 'PATCH', item(svmUuid, 'engines', name), input, options);
/** ONTAP refuses while any policy references the engine. */
export const deleteEngine = (client: OntapClient, svmUuid: string, name: string, options?: MutationOptions) =>
  mutate(client, 'DELETE', item(svmUuid, 'engines', name), undefined, options);

// Events
export interface CreateEventInput {
  readonly name: string;
  readonly protocol?: 'cifs' | 'nfsv3' | 'nfsv4';
  readonly file_operations?: Partial<Record<FileOperation, boolean>>;
  readonly filters?: Readonly<Record<string, boolean>>;
  readonly volume_monitoring?: boolean;
  readonly monitor_fileop_failure?: boolean;
}
export type PatchEventInput = Partial<Omit<CreateEventInput, 'name'>>;

export const listEvents = (client: OntapClient, svmUuid: string, options?: ListOptions) =>
  listRecords<FpolicyEvent>(client, base(svmUuid, 'events'), EVENT_FIELDS, ['name'], {}, options);
export const getEvent = (client: OntapClient, svmUuid: string, name: string) =>
  getRecord<FpolicyEvent>(client, item(svmUuid, 'events', name), EVENT_FIELDS, ['name']);
export const createEvent = (client: OntapClient, svmUuid: string, input: CreateEventInput, options?: MutationOptions) =>
  mutate(client, 'POST', base(svmUuid, 'events'), input, options);
export const patchEvent = (
  client: OntapClient,
  svmUuid: string,
  name: string,
  input: PatchEventInput,
  options?: MutationOptions,
) => mutate(client, 'PATCH', item(svmUuid, 'events', name), input, options);
export const deleteEvent = (client: OntapClient, svmUuid: string, name: string, options?: MutationOptions) =>
  mutate(client, 'DELETE', item(svmUuid, 'events', name), undefined, options);

// Policies
export interface CreatePolicyInput {
  readonly name: string;
  readonly events: readonly { readonly name: string }[];
  readonly engine?: { readonly name: string };
  readonly scope?: FpolicyScope;
  readonly mandatory?: boolean;
  readonly passthrough_read?: boolean;
  /** 1–10; without it ONTAP creates the policy disabled. */
  readonly priority?: number;
  /**
   * Name of an existing persistent store (ONTAP ≥ 9.14.1); only for an asynchronous engine and a
   * non-mandatory policy.
   */
  readonly persistent_store?: string;
}
export type PatchPolicyInput = Partial<Omit<CreatePolicyInput, 'name'>>;

export const listPolicies = (client: OntapClient, svmUuid: string, options?: PolicyReadOptions) =>
  listRecords<FpolicyPolicy>(client, base(svmUuid, 'policies'), policyFields(options), ['name'], {}, options);
export const getPolicy = (client: OntapClient, svmUuid: string, name: string, options?: PolicyReadOptions) =>
  getRecord<FpolicyPolicy>(
    client,
    item(svmUuid, 'policies', name),
    policyFields(options),
    ['name'],
    {},
    options?.signal,
  );
export const createPolicy = (
  client: OntapClient,
  svmUuid: string,
  input: CreatePolicyInput,
  options?: MutationOptions,
) => mutate(client, 'POST', base(svmUuid, 'policies'), input, options);
/** An enabled policy cannot be modified: disable, patch, enable. */
export const patchPolicy = (
  client: OntapClient,
  svmUuid: string,
  name: string,
  input: PatchPolicyInput,
  options?: MutationOptions,
) => mutate(client, 'PATCH', item(svmUuid, 'policies', name), input, options);
export const enablePolicy = (
  client: OntapClient,
  svmUuid: string,
  name: string,
  priority: number,
  options?: MutationOptions,
) => mutate(client, 'PATCH', item(svmUuid, 'policies', name), { enabled: true, priority }, options);
export const disablePolicy = (client: OntapClient, svmUuid: string, name: string, options?: MutationOptions) =>
  mutate(client, 'PATCH', item(svmUuid, 'policies', name), { enabled: false }, options);
/** ONTAP refuses to delete an enabled policy. */
export const deletePolicy = (client: OntapClient, svmUuid: string, name: string, options?: MutationOptions) =>
  mutate(client, 'DELETE', item(svmUuid, 'policies', name), undefined, options);

// Status (top-level collection, one record per SVM)
export interface FpolicyStatus {
  readonly svm: { readonly name?: string; readonly uuid?: string };
  readonly policies?: readonly { readonly name?: string; readonly enabled?: boolean; readonly priority?: number }[];
  readonly engines?: readonly { readonly name?: string; readonly port?: number; readonly type?: string }[];
}

/** Valid for `/protocols/fpolicy`: `svm` is a top-level field, the rest dotted filter keys. */
export const STATUS_FIELDS = [
  'svm',
  'policies.name',
  'policies.enabled',
  'policies.priority',
  'engines.name',
  'engines.port',
  'engines.type',
] as const;

export const listStatus = (client: OntapClient, filter: { readonly svmName?: string } = {}, options?: ListOptions) =>
  listRecords<FpolicyStatus>(client, '/protocols/fpolicy', STATUS_FIELDS, [], { 'svm.name': filter.svmName }, options);
