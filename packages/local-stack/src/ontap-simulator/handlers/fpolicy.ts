import type { CollectionSpec } from '../collection';
import { ErrorCodes, invalidValue, missingField, notFoundError, OntapRestError } from '../errors';
import {
  assertSettable,
  json,
  listReply,
  oneOf,
  optBool,
  optNumber,
  optString,
  optStringArray,
  reqString,
  singleReply,
} from '../handler-kit';
import { isObject, type Json, type JsonObject, mergeJson } from '../json';
import type { RequestContext, Route } from '../router';
import type { FpolicyModel, SvmModel } from '../state';
import { vocabularies } from '../vocabulary';
import { assertPolicyStore } from './fpolicy-persistent-stores';

type Kind = 'engines' | 'events' | 'policies';

const specs: Record<Kind, CollectionSpec> = {
  engines: { vocabulary: vocabularies.fpolicyEngines, identity: ['name'], cursor: ['name'] },
  events: { vocabulary: vocabularies.fpolicyEvents, identity: ['name'], cursor: ['name'] },
  policies: { vocabulary: vocabularies.fpolicyPolicies, identity: ['name'], cursor: ['name'] },
};
const statusSpec: CollectionSpec = { vocabulary: vocabularies.fpolicy, identity: ['svm'], cursor: ['svm.uuid'] };

const settable: Record<Kind, readonly string[]> = {
  engines: [...vocabularies.fpolicyEngines.filters].filter((f) => f !== 'svm.uuid'),
  events: [...vocabularies.fpolicyEvents.filters].filter((f) => f !== 'svm.uuid'),
  policies: [...vocabularies.fpolicyPolicies.filters].filter((f) => f !== 'svm.uuid'),
};

const collectionOf = (model: FpolicyModel, kind: Kind): Map<string, JsonObject> => model[kind];

const view = (svm: SvmModel, kind: Kind, record: JsonObject): JsonObject => ({
  ...record,
  svm: { uuid: svm.uuid },
  _links: { self: { href: `/api/protocols/fpolicy/${svm.uuid}/${kind}/${encodeURIComponent(String(record.name))}` } },
});

const statusView = (svm: SvmModel, model: FpolicyModel): JsonObject => ({
  svm: { uuid: svm.uuid, name: svm.name },
  engines: [...model.engines.values()],
  events: [...model.events.values()],
  policies: [...model.policies.values()],
  _links: { self: { href: `/api/protocols/fpolicy/${svm.uuid}` } },
});

const inUse = (message: string) => new OntapRestError(409, ErrorCodes.fpolicyObjectInUse, message);

const policiesUsing = (model: FpolicyModel, kind: 'engines' | 'events', name: string): JsonObject[] =>
  [...model.policies.values()].filter((policy) => {
    if (kind === 'engines') return isObject(policy.engine) && policy.engine.name === name;
    return Array.isArray(policy.events) && policy.events.some((e) => isObject(e) && e.name === name);
  });

const validateEngine = (record: Json): JsonObject => {
  const port = optNumber(record, 'port');
  if (port === undefined) throw missingField('port');
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw invalidValue(String(port), 'port');
  const primary = optStringArray(record, 'primary_servers');
  if (primary === undefined || primary.length === 0) throw missingField('primary_servers');
  return {
    ...(record as JsonObject),
    port,
    primary_servers: primary,
    type: oneOf(optString(record, 'type'), ['synchronous', 'asynchronous'] as const, 'type') ?? 'synchronous',
    format: oneOf(optString(record, 'format'), ['xml', 'protobuf'] as const, 'format') ?? 'xml',
    ssl_option:
      oneOf(optString(record, 'ssl_option'), ['no_auth', 'server_auth', 'mutual_auth'] as const, 'ssl_option') ??
      'no_auth',
    keep_alive_interval: optString(record, 'keep_alive_interval') ?? 'PT2M',
    max_server_requests: optNumber(record, 'max_server_requests') ?? 500,
  };
};

const validateEvent = (record: Json): JsonObject => {
  const operations = isObject(record) && isObject(record.file_operations) ? record.file_operations : {};
  for (const key of Object.keys(operations)) optBool(operations, key);
  return {
    ...(record as JsonObject),
    ...(optString(record, 'protocol') === undefined
      ? {}
      : { protocol: oneOf(optString(record, 'protocol'), ['cifs', 'nfsv3', 'nfsv4'] as const, 'protocol') ?? 'cifs' }),
    volume_monitoring: optBool(record, 'volume_monitoring') ?? false,
    monitor_fileop_failure: optBool(record, 'monitor_fileop_failure') ?? false,
  };
};

const validatePolicy = (model: FpolicyModel, record: Json): JsonObject => {
  const events = isObject(record) && Array.isArray(record.events) ? record.events : undefined;
  if (events === undefined || events.length === 0) throw missingField('events');
  for (const event of events) {
    const name = reqString(event, 'name');
    if (!model.events.has(name))
      throw new OntapRestError(404, ErrorCodes.notFound, `FPolicy event "${name}" does not exist.`, 'events.name');
  }
  const engine = optString(record, 'engine.name') ?? 'native';
  if (engine !== 'native' && !model.engines.has(engine)) {
    throw new OntapRestError(404, ErrorCodes.notFound, `FPolicy engine "${engine}" does not exist.`, 'engine.name');
  }
  const priority = optNumber(record, 'priority');
  if (priority !== undefined && (!Number.isInteger(priority) || priority < 1 || priority > 10))
    throw invalidValue(String(priority), 'priority');
  const enabled = optBool(record, 'enabled');
  if (enabled === true && priority === undefined) throw missingField('priority');
  const { persistent_store: store, ...rest } = record as JsonObject;
  const validated: JsonObject = {
    ...rest,
    engine: { name: engine },
    mandatory: optBool(record, 'mandatory') ?? true,
    passthrough_read: optBool(record, 'passthrough_read') ?? false,
    // Without a priority the policy is created but not enabled.
    enabled: enabled ?? priority !== undefined,
    // An empty name detaches the store.
    ...(store === undefined || store === null || store === '' ? {} : { persistent_store: store }),
  };
  assertPolicyStore(model, validated);
  return validated;
};

const context = (ctx: RequestContext): { svm: SvmModel; model: FpolicyModel } => {
  const svm = ctx.sim.state.svm(ctx.params.svm ?? '');
  return { svm, model: ctx.sim.state.fpolicyOf(svm.uuid) };
};

const itemOf = (ctx: RequestContext, kind: Kind): JsonObject => {
  const { model } = context(ctx);
  const record = collectionOf(model, kind).get(ctx.params.name ?? '');
  if (record === undefined) throw notFoundError('name');
  return record;
};

const create = (kind: Kind) => (ctx: RequestContext) => {
  const { svm, model } = context(ctx);
  assertSettable(
    ctx.body,
    ['name', ...settable[kind]],
    vocabularies[kind === 'engines' ? 'fpolicyEngines' : kind === 'events' ? 'fpolicyEvents' : 'fpolicyPolicies']
      .filters,
  );
  const name = reqString(ctx.body, 'name');
  const collection = collectionOf(model, kind);
  if (collection.has(name))
    throw new OntapRestError(409, ErrorCodes.duplicate, `duplicate entry: ${kind} "${name}" already exists`, 'name');
  const record =
    kind === 'engines'
      ? validateEngine(ctx.body)
      : kind === 'events'
        ? validateEvent(ctx.body)
        : validatePolicy(model, ctx.body);
  collection.set(name, record);
  return json(
    201,
    ctx.query.get('return_records') === 'true' ? { num_records: 1, records: [view(svm, kind, record)] } : {},
  );
};

const patch = (kind: Kind) => (ctx: RequestContext) => {
  const { model } = context(ctx);
  const current = itemOf(ctx, kind);
  assertSettable(ctx.body, settable[kind], new Set(['name']));
  const name = String(current.name);
  if (kind === 'policies' && current.enabled === true) {
    const wantsDisable = optBool(ctx.body, 'enabled') === false;
    const onlyEnableFlags =
      isObject(ctx.body) && Object.keys(ctx.body).every((k) => k === 'enabled' || k === 'priority');
    if (!wantsDisable && !onlyEnableFlags) {
      throw new OntapRestError(
        400,
        ErrorCodes.fpolicyPolicyEnabled,
        `Cannot modify policy "${name}" while it is enabled. Disable the policy first.`,
      );
    }
  }
  if (kind === 'engines') {
    const enabledUser = policiesUsing(model, 'engines', name).find((p) => p.enabled === true);
    if (enabledUser !== undefined) {
      throw inUse(
        `Cannot modify FPolicy engine "${name}" because it is used by enabled policy "${String(enabledUser.name)}".`,
      );
    }
  }
  const merged = mergeJson(current, ctx.body) as JsonObject;
  const record =
    kind === 'engines'
      ? validateEngine(merged)
      : kind === 'events'
        ? validateEvent(merged)
        : validatePolicy(model, { ...merged, enabled: merged.enabled ?? false });
  collectionOf(model, kind).set(name, { ...record, name });
  return json(200);
};

const remove = (kind: Kind) => (ctx: RequestContext) => {
  const { model } = context(ctx);
  const current = itemOf(ctx, kind);
  const name = String(current.name);
  if (kind === 'policies' && current.enabled === true) {
    throw new OntapRestError(
      400,
      ErrorCodes.fpolicyPolicyEnabled,
      `Cannot delete policy "${name}" while it is enabled. Disable the policy first.`,
    );
  }
  if (kind !== 'policies') {
    const users = policiesUsing(model, kind, name);
    if (users.length > 0) {
      throw inUse(
        `Cannot delete FPolicy ${kind === 'engines' ? 'engine' : 'event'} "${name}": it is used by policy "${String(users[0]?.name)}".`,
      );
    }
  }
  collectionOf(model, kind).delete(name);
  return json(200);
};

/** FPolicy configuration calls are synchronous on ONTAP. */
export const fpolicyRoutes = (): Route[] => [
  {
    method: 'GET',
    pattern: '/protocols/fpolicy',
    handle: (ctx) =>
      listReply(ctx, statusSpec, () =>
        [...ctx.sim.state.svms.values()].map((svm) => statusView(svm, ctx.sim.state.fpolicyOf(svm.uuid))),
      ),
  },
  {
    method: 'GET',
    pattern: '/protocols/fpolicy/{svm}',
    handle: (ctx) => singleReply(ctx, statusSpec, () => statusView(context(ctx).svm, context(ctx).model)),
  },
  ...(['engines', 'events', 'policies'] as const).flatMap((kind): Route[] => [
    {
      method: 'GET',
      pattern: `/protocols/fpolicy/{svm}/${kind}`,
      handle: (ctx) =>
        listReply(ctx, specs[kind], () => {
          const { svm, model } = context(ctx);
          return [...collectionOf(model, kind).values()].map((r) => view(svm, kind, r));
        }),
    },
    {
      method: 'GET',
      pattern: `/protocols/fpolicy/{svm}/${kind}/{name}`,
      handle: (ctx) => singleReply(ctx, specs[kind], () => view(context(ctx).svm, kind, itemOf(ctx, kind))),
    },
    { method: 'POST', pattern: `/protocols/fpolicy/{svm}/${kind}`, handle: create(kind) },
    { method: 'PATCH', pattern: `/protocols/fpolicy/{svm}/${kind}/{name}`, handle: patch(kind) },
    { method: 'DELETE', pattern: `/protocols/fpolicy/{svm}/${kind}/{name}`, handle: remove(kind) },
  ]),
];
