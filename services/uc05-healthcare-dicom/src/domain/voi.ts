/**
 * Value-of-interest transforms of PS3.3 §C.11.2.1.2 and §C.8.11.3.1.5 onto 8-bit output (ymin 0, ymax 255).
 * Inputs are modality values (stored value × Rescale Slope + Rescale Intercept).
 */

export type VoiFunction = 'LINEAR' | 'LINEAR_EXACT' | 'SIGMOID';

export interface VoiWindow {
  readonly center: number;
  readonly width: number;
  readonly fn: VoiFunction;
}

const OUT_MAX = 255;

const VOI_FUNCTIONS: ReadonlySet<string> = new Set<VoiFunction>(['LINEAR', 'LINEAR_EXACT', 'SIGMOID']);

/**
 * The window the file asks for, or null when there is none usable: centre or width missing, a VOI LUT
 * Function outside the defined terms, or a width the function cannot take (LINEAR needs ≥ 1, the others > 0).
 */
export const voiWindowOf = (
  center: number | null,
  width: number | null,
  voiLutFunction: string | null,
): VoiWindow | null => {
  if (center === null || width === null) return null;
  const fn = voiLutFunction === null || voiLutFunction === '' ? 'LINEAR' : voiLutFunction;
  if (!isVoiFunction(fn)) return null;
  if (fn === 'LINEAR' ? width < 1 : width <= 0) return null;
  return { center, width, fn };
};

const isVoiFunction = (value: string): value is VoiFunction => VOI_FUNCTIONS.has(value);

/**
 * The 0–255 output (unrounded) of a window for one modality value. The standard's ((x − c)/w + 0.5)·ymax is
 * rearranged to multiply before dividing, so integer inputs on a half step land exactly on .5.
 */
export const applyWindow = (x: number, window: VoiWindow): number => {
  const { center: c, width: w } = window;
  switch (window.fn) {
    case 'LINEAR': {
      // w = 1 never reaches the division: every x falls in one of the two clamps.
      if (x <= c - 0.5 - (w - 1) / 2) return 0;
      if (x > c - 0.5 + (w - 1) / 2) return OUT_MAX;
      return ((x - (c - 0.5)) * OUT_MAX) / (w - 1) + OUT_MAX / 2;
    }
    case 'LINEAR_EXACT': {
      if (x <= c - w / 2) return 0;
      if (x > c + w / 2) return OUT_MAX;
      return ((x - c) * OUT_MAX) / w + OUT_MAX / 2;
    }
    case 'SIGMOID':
      return OUT_MAX / (1 + Math.exp((-4 * (x - c)) / w));
  }
};

/** Stretches [min, max] onto 0–255; a flat frame (min = max) is all 0. */
export const applyMinMax = (x: number, min: number, max: number): number =>
  max === min ? 0 : ((x - min) * OUT_MAX) / (max - min);

/** Rounds half up and clamps to a byte; NaN (∞ − ∞ from absurd rescale values) is black. */
export const toByte = (value: number): number =>
  Number.isNaN(value) ? 0 : Math.min(OUT_MAX, Math.max(0, Math.round(value)));
