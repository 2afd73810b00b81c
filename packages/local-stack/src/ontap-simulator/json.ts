export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads a dotted path; through arrays it collects the values of every element. */
export const getPath = (value: Json | undefined, path: readonly string[]): Json | undefined => {
  if (path.length === 0) return value;
  if (Array.isArray(value)) {
    const values = value.map((item) => getPath(item, path)).filter((v): v is Json => v !== undefined);
    return values.flat();
  }
  if (!isObject(value)) return undefined;
  const [head, ...rest] = path;
  return head === undefined ? value : getPath(value[head], rest);
};

/** Keeps only `path` of `value` (with the same nesting); undefined when absent. */
export const pickPath = (value: Json | undefined, path: readonly string[]): Json | undefined => {
  if (path.length === 0) return value;
  if (Array.isArray(value)) return value.map((item) => pickPath(item, path) ?? {});
  if (!isObject(value)) return undefined;
  const [head, ...rest] = path;
  if (head === undefined) return value;
  const picked = pickPath(value[head], rest);
  return picked === undefined ? undefined : { [head]: picked };
};

/** Deep merge of two projections of the same source object. */
export const mergeJson = (a: Json | undefined, b: Json | undefined): Json | undefined => {
  if (a === undefined) return b;
  if (b === undefined) return a;
  if (Array.isArray(a) && Array.isArray(b)) return a.map((item, i) => mergeJson(item, b[i]) ?? item);
  if (isObject(a) && isObject(b)) {
    const out: JsonObject = { ...a };
    for (const [key, value] of Object.entries(b)) {
      const merged = mergeJson(out[key], value);
      if (merged !== undefined) out[key] = merged;
    }
    return out;
  }
  return b;
};

/** A copy of `value` without `path` (applied inside arrays too); emptied objects are dropped. */
export const omitPath = (value: Json, path: readonly string[]): Json => {
  if (Array.isArray(value)) return value.map((item) => omitPath(item, path));
  if (!isObject(value) || path.length === 0) return value;
  const [head, ...rest] = path;
  if (head === undefined || !(head in value)) return value;
  const out: JsonObject = { ...value };
  if (rest.length === 0) delete out[head];
  else {
    const inner = out[head];
    if (inner !== undefined) {
      const reduced = omitPath(inner, rest);
      // An object left without properties disappears, as ONTAP never sends `"nas": {}`.
      if (isObject(reduced) && Object.keys(reduced).length === 0) delete out[head];
      else out[head] = reduced;
    }
  }
  return out;
};

/**
 * ONTAP accepts dotted keys in request bodies (`{"nas.path":"/x"}`); turn them into nested objects,
 * recursively, merging with nested siblings.
 */
export const normaliseDottedKeys = (value: unknown): Json => {
  if (Array.isArray(value)) return value.map(normaliseDottedKeys);
  if (!isObject(value)) return (value ?? null) as Json;
  let out: JsonObject = {};
  for (const [key, raw] of Object.entries(value)) {
    const parts = key.split('.');
    let nested: Json = normaliseDottedKeys(raw);
    for (let i = parts.length - 1; i >= 1; i--) nested = { [parts[i] as string]: nested };
    out = mergeJson(out, { [parts[0] as string]: nested }) as JsonObject;
  }
  return out;
};

/** Dotted paths of every leaf (arrays count as leaves). */
export const leafPaths = (value: Json, prefix = ''): string[] => {
  if (!isObject(value)) return prefix === '' ? [] : [prefix];
  const keys = Object.keys(value);
  if (keys.length === 0 && prefix !== '') return [prefix];
  return keys.flatMap((key) => leafPaths(value[key] as Json, prefix === '' ? key : `${prefix}.${key}`));
};
