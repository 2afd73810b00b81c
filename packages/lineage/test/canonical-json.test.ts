import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CanonicalJsonError, canonicalJson, sha256Hex } from '../src';

/** Rebuilds a JSON value with every object's keys inserted in a shuffled order. */
const shuffleKeys = (value: unknown, random: () => number): unknown => {
  if (Array.isArray(value)) return value.map((v) => shuffleKeys(v, random));
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    for (let i = entries.length - 1; i > 0; i -= 1) {
      const j = Math.floor(random() * (i + 1));
      const a = entries[i];
      const b = entries[j];
      if (a && b) [entries[i], entries[j]] = [b, a];
    }
    // fromEntries defines own properties: assigning out['__proto__'] would set the prototype instead.
    return Object.fromEntries(entries.map(([k, v]) => [k, shuffleKeys(v, random)]));
  }
  return value;
};

/** fast-check JSON values normalised through JSON (turns -0 into 0, as any JSON round trip does). */
const jsonValue = fc.jsonValue().map((v) => JSON.parse(JSON.stringify(v)) as unknown);

describe('canonicalJson', () => {
  it('sorts keys by UTF-16 code unit at every depth and writes no whitespace', () => {
    // Expected strings written by hand: "10" < "9" and "B" < "a" by code unit.
    expect(canonicalJson({ b: 1, a: [true, null, 'x y'], '9': { z: 0, y: -1.5 }, '10': 2, B: 'é' })).toBe(
      '{"10":2,"9":{"y":-1.5,"z":0},"B":"é","a":[true,null,"x y"],"b":1}',
    );
  });

  it('drops properties whose value is undefined, as DynamoDB marshalling does', () => {
    expect(canonicalJson({ a: undefined, b: 'kept' })).toBe('{"b":"kept"}');
  });

  it('escapes strings as JSON.stringify does', () => {
    expect(canonicalJson({ 'q"k': 'line\nbreak\u0001' })).toBe('{"q\\"k":"line\\nbreak\\u0001"}');
  });

  it('refuses values that have no single JSON form', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(CanonicalJsonError);
    expect(() => canonicalJson({ n: Number.POSITIVE_INFINITY })).toThrow(CanonicalJsonError);
    expect(() => canonicalJson([1, undefined])).toThrow(CanonicalJsonError);
    expect(() => canonicalJson({ when: new Date(0) })).toThrow(/plain objects/);
    expect(() => canonicalJson({ big: 1n })).toThrow(CanonicalJsonError);
  });

  it('gives the same text and hash whatever the key insertion order', () => {
    fc.assert(
      fc.property(jsonValue, fc.integer(), (value, seed) => {
        let state = seed >>> 0;
        const random = () => {
          state = (state * 1664525 + 1013904223) >>> 0;
          return state / 2 ** 32;
        };
        const shuffled = shuffleKeys(value, random);
        expect(canonicalJson(shuffled)).toBe(canonicalJson(value));
        expect(sha256Hex(canonicalJson(shuffled))).toBe(sha256Hex(canonicalJson(value)));
      }),
    );
  });

  it('round-trips through JSON.parse to an equal value', () => {
    fc.assert(
      fc.property(jsonValue, (value) => {
        expect(JSON.parse(canonicalJson(value))).toEqual(value);
      }),
    );
  });

  it('has no whitespace outside string literals', () => {
    fc.assert(
      fc.property(jsonValue, (value) => {
        const withoutStrings = canonicalJson(value).replace(/"(?:[^"\\]|\\.)*"/g, '""');
        expect(withoutStrings).not.toMatch(/\s/);
      }),
    );
  });

  it('is a fixed point: canonicalising parsed canonical text changes nothing', () => {
    fc.assert(
      fc.property(jsonValue, (value) => {
        const text = canonicalJson(value);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
      }),
    );
  });
});

describe('sha256Hex', () => {
  it('is the lowercase hex SHA-256 of the UTF-8 text', () => {
    // Known-answer value of SHA-256("abc") (FIPS 180-2 example).
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('é')).toBe(
      createHash('sha256')
        .update(Buffer.from([0xc3, 0xa9]))
        .digest('hex'),
    );
  });
});
