import { createHash } from 'node:crypto';

/**
 * Job ids become part of an ONTAP volume name, so they follow FSx for ONTAP volume naming: letters, digits
 * and underscore only (FSx rejects hyphens). The cache name `fc2_<jobId>` starts with a letter, as ONTAP
 * requires, and stays far below ONTAP's 203-character volume name limit.
 */
export const JOB_ID_PATTERN = /^[A-Za-z0-9_]{1,64}$/;
export const CACHE_NAME_PREFIX = 'fc2_';
/** ONTAP volume / aggregate / SVM object names: a letter or underscore first, then letters, digits, underscore. */
export const ONTAP_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,202}$/;
/** SVM names may also carry `-` and `.` (they are DNS-like); 47 characters at most on FSx. */
export const SVM_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_.-]{0,46}$/;

/** The FlexCache of a job: derived from the job id alone, so a re-run finds the same cache by name. */
export const cacheNameOf = (jobId: string): string => `${CACHE_NAME_PREFIX}${jobId}`;

/** Where the cache is mounted in the SVM namespace (an S3 access point needs a junction path). */
export const junctionPathOf = (cacheName: string): string => `/${cacheName}`;

const S3AP_NAME_MAX = 50;

/**
 * Name of the S3 access point attached to the job's cache. Access point names are lowercase letters,
 * digits and hyphens (3-50 characters); lowercasing could make two job ids collide (`A` vs `a`), so a
 * short hash of the exact job id keeps the name unique per job.
 */
export const accessPointNameOf = (prefix: string, jobId: string): string => {
  const hash = createHash('sha256').update(jobId).digest('hex').slice(0, 8);
  const room = S3AP_NAME_MAX - prefix.length - hash.length - 1;
  const slug = jobId
    .toLowerCase()
    .replace(/_/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, Math.max(0, room))
    .replace(/-$/, '');
  return slug === '' ? `${prefix}${hash}` : `${prefix}${slug}-${hash}`;
};
