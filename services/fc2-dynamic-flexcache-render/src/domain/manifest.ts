/** One file of the job as the processing step read it through the cache. */
export interface ManifestFile {
  readonly key: string;
  readonly status: 'SUCCEEDED' | 'FAILED';
  readonly size: number;
  readonly bytesRead: number;
  readonly sha256: string | null;
  readonly latencyMs: number;
  readonly reason?: string;
}

/** The processing output: every selected file with its bytes and SHA-256, read through the cache. */
export interface JobManifest {
  readonly jobId: string;
  readonly cacheName: string;
  readonly accessPoint: string;
  readonly prefix: string;
  readonly suffixes: readonly string[];
  /** True when the job shipped a SHA256SUMS list and every file was checked against it. */
  readonly checksumList: boolean;
  /** The listing stopped at the job's maxFiles. */
  readonly listingLimited: boolean;
  readonly totals: {
    readonly files: number;
    readonly succeeded: number;
    readonly failed: number;
    readonly bytes: number;
  };
  readonly files: readonly ManifestFile[];
}

export const totalsOf = (files: readonly ManifestFile[]): JobManifest['totals'] => ({
  files: files.length,
  succeeded: files.filter((f) => f.status === 'SUCCEEDED').length,
  failed: files.filter((f) => f.status === 'FAILED').length,
  bytes: files.reduce((sum, f) => sum + f.bytesRead, 0),
});
