import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeIbmFloat64, EdaError, encodeIbmFloat64 } from '../../src/domain';

/**
 * An independent encoder: takes the IEEE-754 bits apart with BigInt and re-bases the binary exponent to
 * a hexadecimal one by shifting the 53-bit significand, instead of the float arithmetic the service uses.
 */
const referenceEncode = (value: number): Uint8Array => {
  const out = new Uint8Array(8);
  if (value === 0) return out;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  const bits = view.getBigUint64(0);
  const sign = bits >> 63n;
  const biased = Number((bits >> 52n) & 0x7ffn);
  const significand = (bits & ((1n << 52n) - 1n)) | (1n << 52n); // normal numbers only
  // value = significand × 2^(biased − 1075); want fraction56 × 16^(e − 64) × 2^−56.
  let binaryExponent = biased - 1075 + 56; // value = significand × 2^binaryExponent / 2^56
  let fraction = significand;
  while (binaryExponent % 4 !== 0) {
    fraction <<= 1n;
    binaryExponent -= 1;
  }
  let hexExponent = binaryExponent / 4;
  while (fraction >= 1n << 56n) {
    fraction >>= 4n; // exact here: the low bits shifted out are zero for 53-bit significands
    hexExponent += 1;
  }
  while (fraction < 1n << 52n) {
    fraction <<= 4n;
    hexExponent -= 1;
  }
  out[0] = Number(sign << 7n) | (hexExponent + 64);
  for (let i = 7; i >= 1; i -= 1) {
    out[i] = Number(fraction & 0xffn);
    fraction >>= 8n;
  }
  return out;
};

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
/** Normal doubles whose IBM exponent fits (16^-64 … 16^63). */
const inRange = fc
  .double({ noNaN: true, noDefaultInfinity: true })
  .filter((v) => v !== 0 && Math.abs(v) > 2 ** -255 && Math.abs(v) < 2 ** 251);

describe('IBM System/360 8-byte floats', () => {
  it('decodes the UNITS values every GDSII writer emits (1e-3 user units, 1e-9 m per database unit)', () => {
    // Expected values from exact rational arithmetic (Python fractions) rounded once to a double: the
    // 1e-9 bytes in files are the decimal truncated to 56 bits, one double step below 1e-9.
    expect(decodeIbmFloat64(Buffer.from('3e4189374bc6a7ef', 'hex'))).toBe(1e-3);
    expect(decodeIbmFloat64(Buffer.from('3944b82fa09b5a51', 'hex'))).toBe(9.999999999999999e-10);
    expect(decodeIbmFloat64(Buffer.from('4110000000000000', 'hex'))).toBe(1);
    expect(decodeIbmFloat64(Buffer.from('c110000000000000', 'hex'))).toBe(-1);
    expect(decodeIbmFloat64(Buffer.from('4080000000000000', 'hex'))).toBe(0.5);
    expect(decodeIbmFloat64(Buffer.from('425a000000000000', 'hex'))).toBe(90);
    expect(decodeIbmFloat64(new Uint8Array(8))).toBe(0);
  });

  it('encodes the doubles 1e-3 and 1e-9 exactly: one unit in the 56th bit from the decimal-rounded file bytes', () => {
    // The double 1e-3 is 0x3F50624DD2F1A9FC = 0x4189374BC6A7EF9D… × 16^-2 rounded; ×2^56 gives …A7F0 exactly.
    expect(hex(encodeIbmFloat64(1e-3))).toBe('3e4189374bc6a7f0');
    expect(decodeIbmFloat64(encodeIbmFloat64(1e-3))).toBe(1e-3);
    expect(decodeIbmFloat64(encodeIbmFloat64(1e-9))).toBe(1e-9);
    expect(hex(encodeIbmFloat64(90))).toBe('425a000000000000');
  });

  it('agrees byte for byte with an independent BigInt encoder, and decodes either back exactly', () => {
    fc.assert(
      fc.property(inRange, (value) => {
        const reference = referenceEncode(value);
        expect(hex(encodeIbmFloat64(value))).toBe(hex(reference));
        expect(decodeIbmFloat64(reference)).toBe(value);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses values beyond the IBM range and short input with its own error', () => {
    expect(() => encodeIbmFloat64(2 ** 260)).toThrow(EdaError);
    expect(() => encodeIbmFloat64(Number.NaN)).toThrow(EdaError);
    expect(() => decodeIbmFloat64(new Uint8Array(7))).toThrow(EdaError);
  });
});
