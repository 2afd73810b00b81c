export interface AmplitudeStats {
  readonly samples: number;
  /** NaN or infinite samples (IEEE formats), left out of the statistics. */
  readonly nonFinite: number;
  readonly min: number | null;
  readonly max: number | null;
  readonly mean: number | null;
  readonly rms: number | null;
}

/** Accumulates min/max/mean/RMS over samples from several traces (Kahan-free: sampled traces are small). */
export class AmplitudeAccumulator {
  private count = 0;
  private nonFinite = 0;
  private sum = 0;
  private sumSquares = 0;
  private min = Number.POSITIVE_INFINITY;
  private max = Number.NEGATIVE_INFINITY;

  add(value: number): void {
    if (!Number.isFinite(value)) {
      this.nonFinite += 1;
      return;
    }
    this.count += 1;
    this.sum += value;
    this.sumSquares += value * value;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
  }

  result(): AmplitudeStats {
    if (this.count === 0) return { samples: 0, nonFinite: this.nonFinite, min: null, max: null, mean: null, rms: null };
    return {
      samples: this.count,
      nonFinite: this.nonFinite,
      min: this.min,
      max: this.max,
      mean: this.sum / this.count,
      rms: Math.sqrt(this.sumSquares / this.count),
    };
  }
}
