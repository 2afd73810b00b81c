import { createHash } from 'node:crypto';
import { CanonicalJsonError } from './errors';

/**
 * Canonical JSON: object keys sorted by UTF-16 code unit, no whitespace, properties whose value is
 * `undefined` omitted (as DynamoDB's marshaller drops them), numbers and strings as `JSON.stringify`
 * writes them. Two equal JSON values always give the same text, whatever their key order.
 */
export const canonicalJson = (value: unknown): string => write(value, '$');

const write = (value: unknown, path: string): string => {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError(`non-finite number at ${path}`);
      return JSON.stringify(value);
    case 'object':
      return Array.isArray(value) ? writeArray(value, path) : writeObject(value, path);
    default:
      throw new CanonicalJsonError(`${typeof value} is not a JSON value at ${path}`);
  }
};

const writeArray = (items: readonly unknown[], path: string): string => {
  const parts = items.map((item, index) => {
    if (item === undefined) throw new CanonicalJsonError(`undefined array element at ${path}[${index}]`);
    return write(item, `${path}[${index}]`);
  });
  return `[${parts.join(',')}]`;
};

const writeObject = (value: object, path: string): string => {
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    throw new CanonicalJsonError(`only plain objects are JSON values (found ${proto?.constructor?.name} at ${path})`);
  }
  const entries = Object.entries(value)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const parts = entries.map(([key, v]) => `${JSON.stringify(key)}:${write(v, `${path}.${key}`)}`);
  return `{${parts.join(',')}}`;
};

/** Lowercase hex SHA-256 of a UTF-8 string. */
export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
