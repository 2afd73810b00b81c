export interface BackoffOptions {
  /** Delay cap for the first retry, doubled per attempt; default 200 ms. */
  readonly baseMs: number;
  /** Upper bound of any single delay; default 5 s. */
  readonly capMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 200, capMs: 5_000 };

/**
 * "Full jitter" exponential backoff: a uniform delay in [0, min(cap, base * 2^attempt)).
 * Spreads retries of many concurrent callers instead of synchronising them.
 * @param attempt 0 for the first retry.
 * @param random a number in [0, 1).
 */
export const fullJitterDelay = (attempt: number, options: BackoffOptions, random: number): number => {
  const exponent = Math.min(Math.max(attempt, 0), 30);
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** exponent);
  return Math.floor(Math.max(0, Math.min(random, 1)) * ceiling);
};
