import { laplacianVariance } from './laplacian';

/**
 * When an image is sent to a person. The values are the usual starting points for inspection photos and
 * are documented in the README; a deployment tunes them to its cameras.
 */
export interface QualityThresholds {
  /** Long side × short side at least this (pixels), in either orientation. */
  readonly minLongSide: number;
  readonly minShortSide: number;
  /** Below this the image counts as blurred (variance of the Laplacian on 0–255 luminance). */
  readonly minLaplacianVariance: number;
  /** Mean luminance (0–255) outside [min, max] is under- or over-exposed. */
  readonly minMeanLuminance: number;
  readonly maxMeanLuminance: number;
  /** Share of pixels at ≤ 5 (shadows) or ≥ 250 (highlights) above which detail is lost. */
  readonly maxClippedShare: number;
}

export const DEFAULT_QUALITY_THRESHOLDS: QualityThresholds = {
  minLongSide: 640,
  minShortSide: 480,
  minLaplacianVariance: 100,
  minMeanLuminance: 40,
  maxMeanLuminance: 215,
  maxClippedShare: 0.05,
};

const SHADOW_CLIP = 5;
const HIGHLIGHT_CLIP = 250;

export interface ImageQuality {
  readonly width: number;
  readonly height: number;
  readonly laplacianVariance: number;
  readonly meanLuminance: number;
  readonly shadowClippedShare: number;
  readonly highlightClippedShare: number;
  /** Each threshold the image misses, in words; empty when it passes. */
  readonly issues: readonly string[];
  readonly flaggedForReview: boolean;
}

/** Exposure of a luminance plane: mean and the shares of clipped shadows and highlights. */
export const exposureOf = (lum: Float64Array) => {
  let sum = 0;
  let shadows = 0;
  let highlights = 0;
  for (const v of lum) {
    sum += v;
    if (v <= SHADOW_CLIP) shadows += 1;
    if (v >= HIGHLIGHT_CLIP) highlights += 1;
  }
  const n = Math.max(1, lum.length);
  return { meanLuminance: sum / n, shadowClippedShare: shadows / n, highlightClippedShare: highlights / n };
};

const round = (value: number, digits: number) => Number(value.toFixed(digits));

/** Resolution, sharpness and exposure of one image against the thresholds. */
export const assessImageQuality = (
  image: { readonly width: number; readonly height: number; readonly luminance: Float64Array },
  thresholds: QualityThresholds = DEFAULT_QUALITY_THRESHOLDS,
): ImageQuality => {
  const { width, height, luminance } = image;
  const variance = laplacianVariance(luminance, width, height);
  const exposure = exposureOf(luminance);
  const issues: string[] = [];
  const long = Math.max(width, height);
  const short = Math.min(width, height);
  if (long < thresholds.minLongSide || short < thresholds.minShortSide) {
    issues.push(`resolution ${width}x${height} below ${thresholds.minLongSide}x${thresholds.minShortSide}`);
  }
  if (variance < thresholds.minLaplacianVariance) {
    issues.push(`blurred: Laplacian variance ${round(variance, 1)} < ${thresholds.minLaplacianVariance}`);
  }
  if (exposure.meanLuminance < thresholds.minMeanLuminance) {
    issues.push(`under-exposed: mean luminance ${round(exposure.meanLuminance, 1)} < ${thresholds.minMeanLuminance}`);
  }
  if (exposure.meanLuminance > thresholds.maxMeanLuminance) {
    issues.push(`over-exposed: mean luminance ${round(exposure.meanLuminance, 1)} > ${thresholds.maxMeanLuminance}`);
  }
  if (exposure.shadowClippedShare > thresholds.maxClippedShare) {
    issues.push(`clipped shadows: ${round(exposure.shadowClippedShare * 100, 1)} % of pixels`);
  }
  if (exposure.highlightClippedShare > thresholds.maxClippedShare) {
    issues.push(`clipped highlights: ${round(exposure.highlightClippedShare * 100, 1)} % of pixels`);
  }
  return {
    width,
    height,
    laplacianVariance: variance,
    ...exposure,
    issues,
    flaggedForReview: issues.length > 0,
  };
};
