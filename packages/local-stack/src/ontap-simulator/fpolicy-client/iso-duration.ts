import { FpolicyClientError } from './errors';

// ONTAP writes engine timings as ISO-8601 durations (`PT2M`, `PT10S`); only day and time parts are meaningful here.
const DURATION = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** `PT2M` → 120000. Refuses years/months/weeks (no fixed length) and an empty `P`/`PT`. */
export const isoDurationToMs = (text: string): number => {
  const match = DURATION.exec(text.trim());
  if (match === null || text.trim() === 'P' || text.trim().endsWith('T')) {
    throw new FpolicyClientError(`"${text.slice(0, 40)}" is not an ISO-8601 duration of days/hours/minutes/seconds`);
  }
  const [, days, hours, minutes, seconds] = match;
  const ms =
    Number(days ?? 0) * 86_400_000 +
    Number(hours ?? 0) * 3_600_000 +
    Number(minutes ?? 0) * 60_000 +
    Number(seconds ?? 0) * 1000;
  return Math.round(ms);
};
