import { type CollectionSpec, parseGetQuery, project, renderCollection } from './collection';
import { cannotSet, ErrorCodes, invalidValue, missingField, OntapRestError } from './errors';
import { getPath, isObject, type Json, type JsonObject, leafPaths } from './json';
import type { Reply, RequestContext } from './router';
import type { SvmModel } from './state';

const at = (body: Json, path: string): Json | undefined =>
  isObject(body) ? getPath(body, path.split('.')) : undefined;

export const optString = (body: Json, path: string): string | undefined => {
  const value = at(body, path);
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalidValue(JSON.stringify(value), path);
  return value;
};

export const reqString = (body: Json, path: string): string => {
  const value = optString(body, path);
  if (value === undefined || value === '') throw missingField(path);
  return value;
};

/** ONTAP accepts booleans and the strings "true"/"false". */
export const optBool = (body: Json, path: string): boolean | undefined => {
  const value = at(body, path);
  if (value === undefined || value === null) return undefined;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw invalidValue(JSON.stringify(value), path);
};

export const optNumber = (body: Json, path: string): number | undefined => {
  const value = at(body, path);
  if (value === undefined || value === null) return undefined;
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n)) throw invalidValue(JSON.stringify(value), path);
  return n;
};

export const optStringArray = (body: Json, path: string): string[] | undefined => {
  const value = at(body, path);
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string'))
    throw invalidValue(JSON.stringify(value), path);
  return value as string[];
};

export const oneOf = <T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  field: string,
): T | undefined => {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw invalidValue(value, field);
  return value as T;
};

/**
 * Every leaf of the body must be settable in this operation: a known-but-read-only field is 262196,
 * anything else 262179 (as ONTAP answers for unknown body keys).
 */
export const assertSettable = (
  body: Json,
  settable: readonly string[],
  known: ReadonlySet<string> = new Set(),
): void => {
  if (!isObject(body)) throw new OntapRestError(400, ErrorCodes.invalidValue, 'The request body must be a JSON object');
  for (const leaf of leafPaths(body)) {
    // `s.startsWith(leaf.)` admits arrays/objects of settable children (`events` for `events.name`).
    if (settable.some((s) => leaf === s || leaf.startsWith(`${s}.`) || s.startsWith(`${leaf}.`))) continue;
    if (known.has(leaf) || known.has(leaf.split('.')[0] as string)) throw cannotSet(leaf);
    throw new OntapRestError(400, ErrorCodes.unexpectedArgument, `Unexpected argument "${leaf}".`, leaf);
  }
};

export const json = (status: number, body: JsonObject = {}): Reply => ({ kind: 'json', status, body });

export const svmLink = (svm: SvmModel): JsonObject => ({
  uuid: svm.uuid,
  name: svm.name,
  _links: { self: { href: `/api/svm/svms/${svm.uuid}` } },
});

/** The SVM a body names (`svm.uuid` wins over `svm.name`). */
export const svmFromBody = (ctx: RequestContext, path = 'svm'): SvmModel => {
  const uuid = optString(ctx.body, `${path}.uuid`);
  const name = optString(ctx.body, `${path}.name`);
  if (uuid === undefined && name === undefined) throw missingField(`${path}.name`);
  const svm = uuid !== undefined ? ctx.sim.state.svms.get(uuid) : ctx.sim.state.svmByName(name ?? '');
  if (svm === undefined) {
    throw new OntapRestError(
      404,
      '13434920',
      `SVM "${uuid ?? name}" does not exist.`,
      `${path}.${uuid ? 'uuid' : 'name'}`,
    );
  }
  return svm;
};

/** Starts the job for an asynchronous request; its description is `"<METHOD> /api/<path>"`. */
export const startJob = (
  ctx: RequestContext,
  svm: SvmModel | undefined,
  doneStatus: 200 | 201,
  work: () => Promise<void> | void,
  records?: readonly JsonObject[],
): Reply => ({
  kind: 'job',
  job: ctx.sim.jobs.start(
    `${ctx.method} ${ctx.apiPath}`,
    svm === undefined ? undefined : { name: svm.name, uuid: svm.uuid },
    work,
  ),
  doneStatus,
  ...(records === undefined ? {} : { records }),
});

/** Answers a collection GET: validates the query, then filters, projects and pages `records`. */
export const listReply = async (
  ctx: RequestContext,
  spec: CollectionSpec,
  records: () => JsonObject[] | Promise<JsonObject[]>,
  extraParams: readonly string[] = [],
): Promise<Reply> => {
  const query = parseGetQuery(ctx.query, spec, 'collection', extraParams);
  return json(200, renderCollection(await records(), spec, query, ctx.selfHref, ctx.query));
};

/** Answers a single-object GET: validates the query first (as ONTAP does), then looks the object up. */
export const singleReply = async (
  ctx: RequestContext,
  spec: CollectionSpec,
  record: () => JsonObject | Promise<JsonObject>,
  extraParams: readonly string[] = [],
): Promise<Reply> => {
  const query = parseGetQuery(ctx.query, spec, 'single', extraParams);
  return json(200, project(await record(), spec, query, 'single'));
};
