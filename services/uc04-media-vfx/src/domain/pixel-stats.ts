/** Luminance statistics over the pixels sampled from a frame (values normalised so that 1.0 is white). */
export interface PixelStats {
  sampledPixels: number;
  minLuma: number;
  maxLuma: number;
  meanLuma: number;
  /** NaN or infinite samples (float data); they are left out of min/max/mean. */
  nonFiniteSamples: number;
}

/** What the blank/black check concluded for one frame. */
export type FrameCheck =
  | {
      decoded: true;
      /** Which channels fed the luminance, e.g. `R,G,B` or `Y`. */
      channels: string;
      stats: PixelStats;
      /** Every sampled pixel is at (or within `tolerance` of) the format's black level. */
      black: boolean;
      /** Every sampled pixel has the same luminance (within `tolerance`): a flat frame, black or not. */
      uniform: boolean;
      tolerance: number;
    }
  | { decoded: false; reason: string };

/** Running min/max/mean, so sampled pixels are never kept in memory. */
export class LumaAccumulator {
  private count = 0;
  private sum = 0;
  private min = Number.POSITIVE_INFINITY;
  private max = Number.NEGATIVE_INFINITY;
  private nonFinite = 0;

  add(luma: number): void {
    if (!Number.isFinite(luma)) {
      this.nonFinite += 1;
      return;
    }
    this.count += 1;
    this.sum += luma;
    if (luma < this.min) this.min = luma;
    if (luma > this.max) this.max = luma;
  }

  get sampled(): number {
    return this.count + this.nonFinite;
  }

  stats(): PixelStats {
    const sampledPixels = this.count + this.nonFinite;
    if (this.count === 0)
      return { sampledPixels, minLuma: 0, maxLuma: 0, meanLuma: 0, nonFiniteSamples: this.nonFinite };
    return {
      sampledPixels,
      minLuma: this.min,
      maxLuma: this.max,
      meanLuma: this.sum / this.count,
      nonFiniteSamples: this.nonFinite,
    };
  }
}

/** Rec. 709 luminance weights (scene-linear RGB, as in EXR renders). */
export const rec709Luma = (r: number, g: number, b: number): number => 0.2126 * r + 0.7152 * g + 0.0722 * b;

/**
 * Judges a frame from its sampled statistics: black when the brightest sample is within `tolerance` of
 * `blackLevel`, uniform when all samples lie within `tolerance` of each other. NaN samples (possible in
 * float data) make a frame neither black nor uniform.
 */
export const judgeFrame = (
  channels: string,
  stats: PixelStats,
  blackLevel: number,
  tolerance: number,
): Extract<FrameCheck, { decoded: true }> => {
  const valid = stats.sampledPixels > 0 && stats.nonFiniteSamples === 0;
  return {
    decoded: true,
    channels,
    stats,
    black: valid && stats.maxLuma <= blackLevel + tolerance,
    uniform: valid && stats.maxLuma - stats.minLuma <= tolerance,
    tolerance,
  };
};

/** Evenly spaced indices in [0, length): at most `n` of them, always including 0. */
export const evenlySpaced = (length: number, n: number): number[] => {
  if (length <= 0 || n <= 0) return [];
  if (length <= n) return Array.from({ length }, (_, i) => i);
  return Array.from({ length: n }, (_, i) => Math.floor((i * length) / n));
};
