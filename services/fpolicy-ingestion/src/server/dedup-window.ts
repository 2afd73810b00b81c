/**
 * Remembers the notifications already accepted, keyed by `SessionId#ReqId`. ONTAP resends a notification on
 * the same SessionId when it reconnects within `session_timeout`, and replays buffered ones (≤ 10 minutes on
 * the node, longer from a persistent store), so the window is bounded both by age and by count. Entries are
 * kept in insertion order, which is also expiry order (one TTL for all), so eviction is O(1) amortised.
 */
export class DedupWindow {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly options: { readonly maxEntries: number; readonly ttlMs: number; readonly now: () => number },
  ) {}

  get size(): number {
    return this.seen.size;
  }

  /** True the first time a key is seen within the window; false for a duplicate. */
  firstSeen(key: string): boolean {
    const now = this.options.now();
    this.evictExpired(now);
    const expiresAt = this.seen.get(key);
    if (expiresAt !== undefined && expiresAt > now) return false;
    this.seen.set(key, now + this.options.ttlMs);
    while (this.seen.size > this.options.maxEntries) {
      const oldest = this.seen.keys().next();
      if (oldest.done === true) break;
      this.seen.delete(oldest.value);
    }
    return true;
  }

  private evictExpired(now: number): void {
    for (const [key, expiresAt] of this.seen) {
      if (expiresAt > now) return;
      this.seen.delete(key);
    }
  }
}

export const dedupKey = (sessionId: string, reqId: string): string => `${sessionId}#${reqId}`;

/** Next sequence number per FPolicy session; survives reconnects that reuse the SessionId. */
export class SessionSequences {
  private readonly sessions = new Map<string, { next: number; lastUsed: number }>();

  constructor(
    private readonly options: { readonly idleMs: number; readonly maxSessions: number; readonly now: () => number },
  ) {}

  /** The number the next event of the session will get, without using it. */
  peek(sessionId: string): number {
    return this.sessions.get(sessionId)?.next ?? 0;
  }

  next(sessionId: string): number {
    const now = this.options.now();
    const current = this.sessions.get(sessionId);
    const value = current?.next ?? 0;
    // Delete + set keeps the map ordered by last use, so the first entries are the idlest.
    this.sessions.delete(sessionId);
    this.sessions.set(sessionId, { next: value + 1, lastUsed: now });
    for (const [id, session] of this.sessions) {
      if (this.sessions.size <= this.options.maxSessions && now - session.lastUsed < this.options.idleMs) break;
      this.sessions.delete(id);
    }
    return value;
  }
}
