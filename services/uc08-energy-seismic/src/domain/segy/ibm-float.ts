/**
 * IBM System/360 single precision: sign bit, 7-bit base-16 exponent biased by 64, 24-bit fraction
 * (value = ±0.fraction × 16^(exponent − 64)). Every IBM value is exactly representable as a double.
 */
export const ibmToNumber = (word: number): number => {
  const negative = (word & 0x80000000) !== 0;
  const exponent = (word >>> 24) & 0x7f;
  const fraction = word & 0x00ffffff;
  if (fraction === 0) return 0;
  const magnitude = fraction * 2 ** (4 * (exponent - 64) - 24);
  return negative ? -magnitude : magnitude;
};

const IBM_MAX = (1 - 2 ** -24) * 16 ** 63;

/**
 * Nearest IBM single (round half away from zero on the 24-bit fraction); values beyond the IBM range clamp
 * to its largest magnitude and values too small for it become 0. NaN has no IBM form and is refused.
 */
export const numberToIbm = (value: number): number => {
  if (Number.isNaN(value)) throw new RangeError('NaN has no IBM float representation');
  if (value === 0) return 0;
  const sign = value < 0 ? 0x80000000 : 0;
  const magnitude = Math.min(Math.abs(value), IBM_MAX);
  // Exponent such that magnitude / 16^e is in [1/16, 1).
  let exponent = Math.floor(Math.log2(magnitude) / 4) + 1;
  let fraction = Math.round(magnitude * 2 ** (24 - 4 * exponent));
  if (fraction >= 2 ** 24) {
    exponent += 1;
    fraction = Math.round(magnitude * 2 ** (24 - 4 * exponent));
  } else if (fraction < 2 ** 20) {
    exponent -= 1;
    fraction = Math.round(magnitude * 2 ** (24 - 4 * exponent));
  }
  if (exponent + 64 < 0) return 0;
  if (exponent + 64 > 127) {
    exponent = 63;
    fraction = 0xffffff;
  }
  return (sign | ((exponent + 64) << 24) | fraction) >>> 0;
};
