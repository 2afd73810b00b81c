import type { Json } from './json';

const escapeRegExp = (text: string): string => text.replace(/[.+?^${}()[\]\\]/g, '\\$&');

const scalarText = (value: Json): string | undefined => {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
};

const compare = (value: Json, operator: string, operand: string): boolean => {
  const text = scalarText(value);
  if (text === undefined) return false;
  const a = Number(text);
  const b = Number(operand);
  const numeric = text.trim() !== '' && operand.trim() !== '' && Number.isFinite(a) && Number.isFinite(b);
  const order = numeric ? Math.sign(a - b) : text < operand ? -1 : text > operand ? 1 : 0;
  switch (operator) {
    case '<':
      return order < 0;
    case '<=':
      return order <= 0;
    case '>':
      return order > 0;
    default:
      return order >= 0;
  }
};

/** One term without OR: `null`, `*` patterns, comparison operators, or an exact value. */
const matchTerm = (value: Json | undefined, term: string): boolean => {
  if (term === 'null') return value === undefined || value === null || value === '';
  if (value === undefined || value === null) return false;
  if (Array.isArray(value)) return value.some((item) => matchTerm(item, term));
  const operator = /^(<=|>=|<|>)/.exec(term)?.[1];
  if (operator !== undefined) return compare(value, operator, term.slice(operator.length));
  const text = scalarText(value);
  if (text === undefined) return false;
  if (term.includes('*')) {
    const pattern = new RegExp(`^${term.split('*').map(escapeRegExp).join('.*')}$`, 's');
    return pattern.test(text);
  }
  // ONTAP matches names case-insensitively; booleans arrive as "true"/"false".
  return text.toLowerCase() === term.toLowerCase();
};

/**
 * ONTAP query value semantics: `a|b` OR, `!x` NOT, `*` wildcard, `<`/`>`/`<=`/`>=` comparisons, `null`.
 * A value that is an array (e.g. `acls.user_or_group` across ACL entries) matches when any element does.
 */
export const matchesFilter = (value: Json | undefined, expression: string): boolean =>
  expression
    .split('|')
    .some((term) => (term.startsWith('!') ? !matchTerm(value, term.slice(1)) : matchTerm(value, term)));
