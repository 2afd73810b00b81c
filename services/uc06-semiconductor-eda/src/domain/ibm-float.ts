import { EdaError } from './errors';

/**
 * GDSII 8-byte reals are IBM System/360 hexadecimal floats: sign bit, 7-bit exponent of 16 in excess-64,
 * 56-bit fraction with the binary point before it: value = ±0.F × 16^(E−64).
 */
export const IBM_FLOAT_BYTES = 8;

const TWO_POW_32 = 2 ** 32;

export const decodeIbmFloat64 = (bytes: Uint8Array, offset = 0): number => {
  if (offset < 0 || offset + IBM_FLOAT_BYTES > bytes.length) {
    throw new EdaError(`IBM float needs 8 bytes at offset ${offset}, ${Math.max(0, bytes.length - offset)} available`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, IBM_FLOAT_BYTES);
  const first = view.getUint8(0);
  const high = view.getUint32(0) & 0x00ffffff;
  const low = view.getUint32(4);
  if (high === 0 && low === 0) return 0;
  // One rounding at most (56 → 53 bits); the power of two is exact inside the IBM range.
  const fraction = high * TWO_POW_32 + low;
  const value = fraction * 2 ** (4 * ((first & 0x7f) - 64) - 56);
  return first & 0x80 ? -value : value;
};

/**
 * Nearest IBM float of a JavaScript number (every normal double in range is exact: a normalised IBM
 * fraction keeps at least 53 significant bits). Magnitudes below 16^-65 become zero; above 16^63, an error.
 */
export const encodeIbmFloat64 = (value: number): Uint8Array => {
  const out = new Uint8Array(IBM_FLOAT_BYTES);
  if (!Number.isFinite(value)) throw new EdaError(`IBM float cannot hold ${value}`);
  if (value === 0) return out;
  const magnitude = Math.abs(value);
  // Smallest e with magnitude < 16^e, so the fraction magnitude / 16^e lies in [1/16, 1).
  let exponent = Math.floor(Math.log2(magnitude) / 4) + 1;
  while (magnitude >= 2 ** (4 * exponent)) exponent += 1;
  while (magnitude < 2 ** (4 * (exponent - 1))) exponent -= 1;
  let fraction = Math.round(magnitude * 2 ** (56 - 4 * exponent));
  if (fraction >= 2 ** 56) {
    exponent += 1;
    fraction = Math.round(fraction / 16);
  }
  if (exponent + 64 > 127) throw new EdaError(`IBM float overflow for ${value}`);
  if (exponent + 64 < 0) return out;
  const view = new DataView(out.buffer);
  view.setUint8(0, (value < 0 ? 0x80 : 0) | (exponent + 64));
  const high = Math.floor(fraction / TWO_POW_32);
  view.setUint8(1, (high >>> 16) & 0xff);
  view.setUint16(2, high & 0xffff);
  view.setUint32(4, fraction - high * TWO_POW_32);
  return out;
};
