/**
 * Rec. 601 luma (0.299 R + 0.587 G + 0.114 B) per pixel, 0–255, the luminance most blur measures use.
 * Alpha is ignored: a transparent pixel is measured by its stored colour.
 */
export const luminanceOf = (rgba: Uint8Array, width: number, height: number): Float64Array => {
  const out = new Float64Array(width * height);
  for (let p = 0, i = 0; p < out.length; p++, i += 4) {
    out[p] = 0.299 * (rgba[i] ?? 0) + 0.587 * (rgba[i + 1] ?? 0) + 0.114 * (rgba[i + 2] ?? 0);
  }
  return out;
};
