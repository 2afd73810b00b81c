import { createHash } from 'node:crypto';
import { createReadStream, type Stats } from 'node:fs';
import type { ContentFacts } from './sidecar';

interface Cached {
  readonly size: number;
  readonly mtimeMs: number;
  readonly ino: number;
  readonly etag: string;
}

const md5OfFile = (file: string): Promise<string> =>
  new Promise((resolve, reject) => {
    const hash = createHash('md5');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });

const sameVersion = (a: { size: number; mtimeMs: number; ino: number }, info: Stats): boolean =>
  a.size === info.size && a.mtimeMs === info.mtimeMs && a.ino === info.ino;

/**
 * ETags of files, computed once per content version: cached by (path, size, mtime, inode) so repeated GETs
 * of a large file do not rehash it, and concurrent requests for the same file share one hashing pass.
 * A file changed through the file system gets a new mtime, so its ETag is recomputed.
 */
export class EtagCache {
  private readonly cache = new Map<string, Cached>();
  private readonly inFlight = new Map<string, Promise<string>>();

  /** Records an ETag already known (from a PUT, a multipart completion or a sidecar). */
  remember(file: string, facts: ContentFacts | Cached): void {
    this.cache.set(file, { size: facts.size, mtimeMs: facts.mtimeMs, ino: facts.ino, etag: facts.etag });
  }

  async etagOf(file: string, info: Stats, known?: ContentFacts): Promise<string> {
    const cached = this.cache.get(file);
    if (cached && sameVersion(cached, info)) return cached.etag;
    if (known && sameVersion(known, info)) {
      this.remember(file, known);
      return known.etag;
    }
    const flightKey = `${file}\0${info.size}\0${info.mtimeMs}\0${info.ino}`;
    const pending = this.inFlight.get(flightKey);
    if (pending) return pending;
    const computing = md5OfFile(file)
      .then((etag) => {
        this.cache.set(file, { size: info.size, mtimeMs: info.mtimeMs, ino: info.ino, etag });
        return etag;
      })
      .finally(() => this.inFlight.delete(flightKey));
    this.inFlight.set(flightKey, computing);
    return computing;
  }

  forget(file: string): void {
    this.cache.delete(file);
  }
}

export const isCurrent = (facts: ContentFacts | undefined, info: Stats): facts is ContentFacts =>
  facts !== undefined && sameVersion(facts, info);
