import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ibmToNumber, numberToIbm } from '../../src/domain';

/**
 * An IBM encoder written independently of src/: exact rational arithmetic with BigInt, truncating the
 * fraction (as IBM hardware does); only used on values it can represent exactly, so rounding never matters.
 */
const encodeExact = (value: number): number => {
  if (value === 0) return 0;
  const sign = value < 0 ? 1 : 0;
  // value = m · 2^e with m an odd integer (or 0), found from the double's bits.
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(value));
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  let mantissa = bits & ((1n << 52n) - 1n);
  let exp2 = biased - 1075;
  if (biased !== 0) mantissa |= 1n << 52n;
  else exp2 = -1074;
  // value = mantissa · 2^exp2; find hex exponent E with value = fraction · 16^(E-64) / 2^24, 2^20 <= fraction < 2^24.
  for (let hexExp = -64; hexExp <= 63; hexExp++) {
    const shift = exp2 - (4 * hexExp - 24); // fraction = mantissa · 2^shift
    const fraction = shift >= 0 ? mantissa << BigInt(shift) : mantissa >> BigInt(-shift);
    const exact = shift >= 0 || fraction << BigInt(-shift) === mantissa;
    if (exact && fraction >= 1n << 20n && fraction < 1n << 24n) {
      return ((sign << 31) | ((hexExp + 64) << 24) | Number(fraction)) >>> 0;
    }
  }
  throw new Error(`not exactly representable: ${value}`);
};

describe('IBM float', () => {
  it('decodes the textbook values', () => {
    expect(ibmToNumber(0x41100000)).toBe(1);
    expect(ibmToNumber(0xc276a000)).toBe(-118.625);
    expect(ibmToNumber(0x40280000)).toBe(0.15625);
    expect(ibmToNumber(0x42640000)).toBe(100);
    expect(ibmToNumber(0x7fffffff)).toBe((1 - 2 ** -24) * 16 ** 63);
    expect(ibmToNumber(0x00000000)).toBe(0);
    expect(ibmToNumber(0x80000000)).toBe(0);
  });

  it('agrees with the independent encoder on the textbook values', () => {
    expect(encodeExact(1)).toBe(0x41100000);
    expect(encodeExact(-118.625)).toBe(0xc276a000);
    expect(encodeExact(0.15625)).toBe(0x40280000);
    expect(numberToIbm(-118.625)).toBe(0xc276a000);
  });

  it('decodes every normalised word to a value the independent encoder maps back to the same word', () => {
    const normalised = fc
      .tuple(fc.boolean(), fc.integer({ min: 0, max: 127 }), fc.integer({ min: 0x100000, max: 0xffffff }))
      .map(([neg, exp, frac]) => ((neg ? 0x80000000 : 0) | (exp << 24) | frac) >>> 0);
    fc.assert(fc.property(normalised, (word) => encodeExact(ibmToNumber(word)) === word));
  });

  // 21 significant bits always fit: base-16 alignment costs at most 3 of the 24 fraction bits.
  it('encodes every exactly representable value to the word the independent encoder gives', () => {
    const representable = fc
      .tuple(fc.integer({ min: -(2 ** 21) + 1, max: 2 ** 21 - 1 }), fc.integer({ min: -40, max: 40 }))
      .filter(([m]) => m !== 0)
      .map(([m, e]) => m * 2 ** e);
    fc.assert(fc.property(representable, (value) => numberToIbm(value) === encodeExact(value)));
  });

  it('rounds any finite double to within half a unit of the last fraction digit', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e30, max: 1e30, noNaN: true }).filter((v) => Math.abs(v) > 1e-30),
        (value) => {
          const back = ibmToNumber(numberToIbm(value));
          const ulp = 16 ** (Math.floor(Math.log2(Math.abs(value)) / 4) + 1) * 2 ** -24;
          return Math.abs(back - value) <= ulp / 2 + Number.EPSILON * Math.abs(value);
        },
      ),
    );
  });
});
