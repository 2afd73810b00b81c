import type { S3ApRequestRecord } from '../s3ap-emulator';

/** What the service's S3 traffic amounted to since the stack started or the last reset. */
export interface S3RequestStats {
  /** Requests by S3 operation (`GetObject`, `ListObjectsV2`, …), failed ones included. */
  requests: Record<string, number>;
  /** Response body bytes: object bytes read by GetObject plus XML answers. */
  bytesSent: number;
  /** Request body bytes: object bytes written by PutObject/UploadPart plus XML requests. */
  bytesReceived: number;
}

/** Sums the emulator's per-request records; `snapshot()` returns a copy the caller may keep. */
export class S3StatsRecorder {
  private stats: S3RequestStats = S3StatsRecorder.empty();

  private static empty(): S3RequestStats {
    return { requests: {}, bytesSent: 0, bytesReceived: 0 };
  }

  record(request: S3ApRequestRecord): void {
    this.stats.requests[request.operation] = (this.stats.requests[request.operation] ?? 0) + 1;
    this.stats.bytesSent += request.bytesSent;
    this.stats.bytesReceived += request.bytesReceived;
  }

  snapshot(): S3RequestStats {
    return { ...this.stats, requests: { ...this.stats.requests } };
  }

  reset(): void {
    this.stats = S3StatsRecorder.empty();
  }
}
