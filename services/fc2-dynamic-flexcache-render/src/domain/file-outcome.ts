/** What reading one file through the cache found, before it becomes an item result. */
export interface FileRead {
  readonly key: string;
  readonly listedSize: number;
  readonly bytesRead: number;
  readonly sha256: string;
}

export type FileVerdict = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/**
 * Judges one read: fewer or more bytes than the listing promised means the file changed or was cut while
 * the job ran (truncated); a checksum list entry that differs means the content is not what the job shipped.
 */
export const judgeRead = (read: FileRead, expectedSha256: string | undefined): FileVerdict => {
  if (read.bytesRead !== read.listedSize) {
    return {
      ok: false,
      reason: `SizeMismatch: listed ${read.listedSize} bytes, read ${read.bytesRead} (file changed or truncated)`,
    };
  }
  if (expectedSha256 !== undefined && expectedSha256 !== read.sha256) {
    return {
      ok: false,
      reason: `ChecksumMismatch: sha256 ${read.sha256} differs from the job's list (${expectedSha256})`,
    };
  }
  return { ok: true };
};
