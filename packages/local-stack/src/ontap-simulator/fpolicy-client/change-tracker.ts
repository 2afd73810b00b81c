/** What a scan knows about one regular file. `identity` survives a rename and changes when the file is replaced. */
export interface FileFacts {
  readonly identity: string;
  readonly size: number;
  readonly mtimeMs: number;
}

/** Volume-relative path (`a/b.txt`, no leading slash) → facts, for the regular files of one scan. */
export type TreeSnapshot = ReadonlyMap<string, FileFacts>;

/** A settled change, in the form the client reports it. */
export type FileChange =
  | { readonly kind: 'created'; readonly path: string; readonly size: number }
  | { readonly kind: 'modified'; readonly path: string; readonly size: number }
  | { readonly kind: 'renamed'; readonly path: string; readonly newPath: string; readonly size: number }
  | { readonly kind: 'deleted'; readonly path: string; readonly size: number };

interface Pending {
  readonly kind: 'created' | 'modified';
  facts: FileFacts;
  stableSinceMs: number;
}

const sameContent = (a: FileFacts, b: FileFacts): boolean => a.size === b.size && a.mtimeMs === b.mtimeMs;

/**
 * Turns successive directory snapshots into file changes the way a NAS client would have caused them:
 * - a file that disappears while a file with the same identity appears elsewhere was renamed (reported at once);
 * - a new or changed file is reported only after its size and mtime stayed the same for `settleMs`, so a file still
 *   being written yields one notification, and a file created and removed between settles yields none;
 * - a file replaced in place by another (atomic write: temp file renamed over it) was modified, not deleted;
 * - a file that disappears without a matching identity was deleted.
 * Pure: the caller supplies snapshots and the clock.
 */
export class ChangeTracker {
  /** What has been reported as existing, with the facts reported. */
  private readonly reported = new Map<string, FileFacts>();
  private readonly pending = new Map<string, Pending>();

  constructor(
    baseline: TreeSnapshot,
    private readonly settleMs: number,
  ) {
    for (const [path, facts] of baseline) this.reported.set(path, facts);
  }

  /** True while some new or changed file has not settled yet. */
  get unsettled(): boolean {
    return this.pending.size > 0;
  }

  observe(current: TreeSnapshot, nowMs: number): FileChange[] {
    const changes: FileChange[] = [];
    const goneByIdentity = new Map<string, string>();
    for (const [path, facts] of this.reported) {
      if (current.get(path)?.identity !== facts.identity) goneByIdentity.set(facts.identity, path);
    }

    // Renames first: an identity that left one path and shows up at a path that did not hold it before.
    for (const [path, facts] of current) {
      const from = goneByIdentity.get(facts.identity);
      if (from === undefined || from === path || this.reported.get(path)?.identity === facts.identity) continue;
      const before = this.reported.get(from);
      goneByIdentity.delete(facts.identity);
      this.reported.delete(from);
      this.pending.delete(from);
      // A rename over an existing file replaces it; ONTAP reports only the rename.
      const replaced = this.reported.get(path);
      if (replaced !== undefined) goneByIdentity.delete(replaced.identity);
      this.pending.delete(path);
      this.reported.set(path, before ?? facts);
      changes.push({ kind: 'renamed', path: from, newPath: path, size: facts.size });
    }

    for (const path of goneByIdentity.values()) {
      const before = this.reported.get(path);
      if (before === undefined) continue;
      if (!current.has(path)) {
        this.reported.delete(path);
        this.pending.delete(path);
        changes.push({ kind: 'deleted', path, size: before.size });
      }
    }

    for (const [path, facts] of current) {
      const known = this.reported.get(path);
      if (known !== undefined && known.identity === facts.identity && sameContent(known, facts)) {
        this.pending.delete(path);
        continue;
      }
      const waiting = this.pending.get(path);
      if (waiting === undefined) {
        this.pending.set(path, { kind: known === undefined ? 'created' : 'modified', facts, stableSinceMs: nowMs });
      } else if (waiting.facts.identity !== facts.identity || !sameContent(waiting.facts, facts)) {
        waiting.facts = facts;
        waiting.stableSinceMs = nowMs;
      }
    }

    for (const [path, waiting] of this.pending) {
      if (!current.has(path)) {
        this.pending.delete(path);
        continue;
      }
      if (nowMs - waiting.stableSinceMs < this.settleMs) continue;
      this.pending.delete(path);
      this.reported.set(path, waiting.facts);
      changes.push({ kind: waiting.kind, path, size: waiting.facts.size });
    }
    return changes;
  }
}
