import { LineageValidationError } from './errors';

export const RETENTION_PROFILES = ['', 'standard-365d', 'compliance-7y', 'custom'] as const;
export type RetentionProfile = (typeof RETENTION_PROFILES)[number];

/** Days kept when no profile is given: the reference's TTL of now + 365 days. */
export const DEFAULT_RETENTION_DAYS = 365;

/**
 * The instant until which a record (or an exported object) must be kept under a retention profile.
 * `compliance-7y` adds calendar years so leap days never shorten a regulatory period.
 */
export const retainUntil = (profile: RetentionProfile, from: Date, customDays?: number): Date => {
  const until = new Date(from.getTime());
  switch (profile) {
    case 'compliance-7y':
      until.setUTCFullYear(until.getUTCFullYear() + 7);
      return until;
    case 'custom':
      if (customDays === undefined || !Number.isInteger(customDays) || customDays < 1) {
        throw new LineageValidationError('retention profile "custom" needs retention_days (a positive integer)');
      }
      return new Date(from.getTime() + customDays * 86_400_000);
    case 'standard-365d':
    case '':
      return new Date(from.getTime() + DEFAULT_RETENTION_DAYS * 86_400_000);
  }
};

/** DynamoDB TTL value (epoch seconds) for the same instant. */
export const ttlSeconds = (instant: Date): number => Math.floor(instant.getTime() / 1000);
