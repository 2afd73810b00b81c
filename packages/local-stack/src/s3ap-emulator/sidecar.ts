import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ChecksumAlgorithm } from './checksums';

export interface Tag {
  readonly Key: string;
  readonly Value: string;
}

/** Facts about one content version; valid only while the file's size, mtime and inode are unchanged. */
export interface ContentFacts {
  readonly size: number;
  readonly mtimeMs: number;
  readonly ino: number;
  /** ETag without quotes. */
  readonly etag: string;
  readonly partsCount?: number;
  readonly checksum?: { readonly algorithm: ChecksumAlgorithm; readonly value: string };
}

/** What S3 keeps beside an object that a file system has no place for. Lives in the state dir, never the volume. */
export interface ObjectSidecar {
  readonly key: string;
  contentType?: string;
  metadata?: Record<string, string>;
  tags?: Tag[];
  content?: ContentFacts;
}

/** Sidecar files under `<stateDir>/objects/<access point>/`, one JSON file per key (named by the key's hash). */
export class SidecarStore {
  constructor(private readonly dir: string) {}

  private fileOf(key: string): string {
    return path.join(this.dir, `${createHash('sha256').update(key).digest('hex')}.json`);
  }

  async read(key: string): Promise<ObjectSidecar | undefined> {
    try {
      const parsed = JSON.parse(await readFile(this.fileOf(key), 'utf8')) as ObjectSidecar;
      return parsed.key === key ? parsed : undefined;
    } catch {
      return undefined;
    }
  }

  async write(sidecar: ObjectSidecar): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const file = this.fileOf(sidecar.key);
    const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(temp, JSON.stringify(sidecar));
    await rename(temp, file);
  }

  async remove(key: string): Promise<void> {
    await rm(this.fileOf(key), { force: true });
  }
}
