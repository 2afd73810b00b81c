import { IngestionConfigError } from './errors';

/**
 * Persistent store sizing (ONTAP ≥ 9.14.1), use-cases.md §6:
 *   size   = events/s × outage s × bytes per event × safety factor
 *   replay = buffered events ÷ drain rate
 * The reference stops there; `catchUpSeconds` adds what it leaves out: while the store drains, clients keep
 * writing, so the backlog only shrinks at (drain − rate) events/s.
 */
export interface PersistentStoreSizingInput {
  /** Notifications per second the SVM produces for the policy's scope. */
  readonly rate: number;
  /** Longest outage of the FPolicy server the store must absorb, in seconds. */
  readonly outageSeconds: number;
  /** Average bytes one notification takes in the store (reference: 500). */
  readonly eventBytes?: number;
  /** Multiplier for bursts and overhead, ≥ 1 (reference: 2.0). */
  readonly safety?: number;
  /** Events per second the server and its downstream sustain when the store replays. */
  readonly drainRate: number;
}

export interface PersistentStoreSizing {
  readonly bufferedEvents: number;
  /** Volume size in bytes, rounded up to a whole MiB. */
  readonly volumeBytes: number;
  /** Time to replay the buffered events, ignoring new traffic (the reference's figure). */
  readonly replaySeconds: number;
  /** Time until the server is live again when traffic continues at `rate`; null when drain ≤ rate (never). */
  readonly catchUpSeconds: number | null;
  readonly eventBytes: number;
  readonly safety: number;
}

export const DEFAULT_EVENT_BYTES = 500;
export const DEFAULT_SAFETY = 2;
const MIB = 1024 * 1024;

const positive = (name: string, value: number): number => {
  if (!Number.isFinite(value) || value <= 0) throw new IngestionConfigError(`${name} must be a positive number`);
  return value;
};

export const persistentStoreSizing = (input: PersistentStoreSizingInput): PersistentStoreSizing => {
  const rate = positive('rate', input.rate);
  const outage = positive('outage', input.outageSeconds);
  const eventBytes = positive('event-bytes', input.eventBytes ?? DEFAULT_EVENT_BYTES);
  const safety = positive('safety', input.safety ?? DEFAULT_SAFETY);
  if (safety < 1) throw new IngestionConfigError('safety must be at least 1');
  const drainRate = positive('drain-rate', input.drainRate);
  const bufferedEvents = Math.ceil(rate * outage);
  const rawBytes = bufferedEvents * eventBytes * safety;
  if (!Number.isSafeInteger(Math.ceil(rawBytes)))
    throw new IngestionConfigError('the inputs give a size beyond 2^53 bytes');
  return {
    bufferedEvents,
    volumeBytes: Math.ceil(rawBytes / MIB) * MIB,
    replaySeconds: bufferedEvents / drainRate,
    catchUpSeconds: drainRate > rate ? bufferedEvents / (drainRate - rate) : null,
    eventBytes,
    safety,
  };
};

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const;

export const formatBytes = (bytes: number): string => {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(value >= 100 ? 0 : 1)} ${UNITS[unit]}`;
};

export const formatDuration = (seconds: number): string => {
  if (seconds < 120) return `${Math.ceil(seconds)} s`;
  if (seconds < 7200) return `${(seconds / 60).toFixed(1)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
};

/** The text `fsxn sizing persistent-store` prints. */
export const formatSizingReport = (input: PersistentStoreSizingInput, sizing: PersistentStoreSizing): string =>
  [
    `buffered events : ${sizing.bufferedEvents} (${input.rate} events/s × ${input.outageSeconds} s)`,
    `volume size     : ${formatBytes(sizing.volumeBytes)} (${sizing.volumeBytes} bytes = events × ${sizing.eventBytes} B × safety ${sizing.safety}, rounded up to MiB)`,
    `replay time     : ${formatDuration(sizing.replaySeconds)} at ${input.drainRate} events/s`,
    `catch-up time   : ${
      sizing.catchUpSeconds === null
        ? `never: drain rate ${input.drainRate}/s does not exceed the live rate ${input.rate}/s`
        : `${formatDuration(sizing.catchUpSeconds)} while new events keep arriving at ${input.rate}/s`
    }`,
    '',
  ].join('\n');
