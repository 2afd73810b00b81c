import { isJsonObject } from '../json';

/** Values for `Ref`s to pseudo parameters and template parameters, by name. */
export type RefValues = Readonly<Record<string, string>>;

export type Resolved = { readonly ok: true; readonly value: string } | { readonly ok: false; readonly reason: string };

const fail = (reason: string): Resolved => ({ ok: false, reason });

const SUB_VARIABLE = /\$\{([^}!][^}]*)\}/g;

const resolveSub = (pattern: string, variables: Readonly<Record<string, unknown>>, refs: RefValues): Resolved => {
  let unresolved: string | undefined;
  const value = pattern.replace(SUB_VARIABLE, (whole, name: string) => {
    const local = variables[name];
    const resolved = local === undefined ? refs[name] : resolveString(local, refs);
    if (typeof resolved === 'string') return resolved;
    if (resolved?.ok) return resolved.value;
    unresolved ??= name;
    return whole;
  });
  // `${!Literal}` is Fn::Sub's escape for a literal `${Literal}`.
  return unresolved === undefined
    ? { ok: true, value: value.replace(/\$\{!/g, '${') }
    : fail(`cannot resolve \${${unresolved}}`);
};

/**
 * Resolves a template value built from literals, `Fn::Join`, `Fn::Sub` and `Ref`s to known names into the
 * string CloudFormation would produce; anything else (GetAtt, ImportValue, ...) is reported as unresolved.
 */
export const resolveString = (value: unknown, refs: RefValues): Resolved => {
  if (typeof value === 'string') return { ok: true, value };
  if (typeof value === 'number' || typeof value === 'boolean') return { ok: true, value: String(value) };
  if (!isJsonObject(value)) return fail('not a string');
  const ref = value.Ref;
  if (typeof ref === 'string') {
    const known = refs[ref];
    return known === undefined ? fail(`cannot resolve Ref ${ref}`) : { ok: true, value: known };
  }
  const join = value['Fn::Join'];
  if (Array.isArray(join)) {
    const [delimiter, parts] = join;
    if (typeof delimiter !== 'string' || !Array.isArray(parts)) return fail('malformed Fn::Join');
    const resolved: string[] = [];
    for (const part of parts) {
      const r = resolveString(part, refs);
      if (!r.ok) return r;
      resolved.push(r.value);
    }
    return { ok: true, value: resolved.join(delimiter) };
  }
  const sub = value['Fn::Sub'];
  if (typeof sub === 'string') return resolveSub(sub, {}, refs);
  if (Array.isArray(sub) && typeof sub[0] === 'string' && isJsonObject(sub[1])) return resolveSub(sub[0], sub[1], refs);
  return fail(`cannot resolve ${Object.keys(value)[0] ?? 'value'}`);
};
