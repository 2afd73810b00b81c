import { randomBytes } from 'node:crypto';
import type { Stats } from 'node:fs';
import { copyFile, mkdir, rename, rm, rmdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { AccessPointInfo } from './access-points';
import { type EtagCache, isCurrent } from './etags';
import { resolveExisting, resolveForWrite, type ValidKey, validateKey } from './object-paths';
import { S3ApEmulatorError } from './s3-error';
import type { ContentFacts, ObjectSidecar, SidecarStore } from './sidecar';

/** An existing object: its file, current stat, sidecar and ETag. */
export interface StoredObject {
  readonly key: string;
  readonly file: string;
  readonly info: Stats;
  readonly sidecar: ObjectSidecar;
  readonly etag: string;
  /** Facts recorded at write time that still describe the file (multipart parts, checksum). */
  readonly facts?: ContentFacts;
}

const conflict = (key: string): S3ApEmulatorError =>
  new S3ApEmulatorError(
    'InvalidArgument',
    `Cannot store "${key}": a file and a directory of the same name cannot both exist on the volume.`,
  );

const errnoCode = (error: unknown): string | undefined => (error as NodeJS.ErrnoException).code;

/**
 * One access point's view of its directory for one request: object lookup, atomic writes, deletes, sidecar
 * state. Built by the access point registry once the root has been resolved.
 */
export class Volume {
  constructor(
    readonly info: AccessPointInfo,
    /** The access point's root after symlinks, resolved for this request: every key must stay inside it. */
    readonly rootReal: string,
    private readonly tempDir: string,
    private readonly etags: EtagCache,
    readonly sidecars: SidecarStore,
  ) {}

  /** A fresh temp file path in the state dir (same file system as the volume in the usual setup). */
  tempPath(): string {
    return path.join(this.tempDir, `upload-${randomBytes(8).toString('hex')}`);
  }

  /** The object, or NoSuchKey. Directories are objects only as `dir/` keys. */
  async get(keyText: string): Promise<StoredObject> {
    const key = validateKey(keyText);
    const file = await resolveExisting(this.rootReal, key);
    const info = file === undefined ? undefined : await stat(file).catch(() => undefined);
    if (
      file === undefined ||
      info === undefined ||
      info.isDirectory() !== key.directory ||
      !(info.isFile() || info.isDirectory())
    ) {
      throw new S3ApEmulatorError('NoSuchKey', 'The specified key does not exist.', { Key: keyText });
    }
    const sidecar = (await this.sidecars.read(keyText)) ?? { key: keyText };
    if (key.directory) return { key: keyText, file, info, sidecar, etag: EMPTY_MD5 };
    const facts = isCurrent(sidecar.content, info) ? sidecar.content : undefined;
    const etag = await this.etags.etagOf(file, info, facts);
    return { key: keyText, file, info, sidecar, etag, facts };
  }

  /**
   * Moves a fully received temp file into place (rename, so readers see the old or the new content, never
   * a partial file), then records the ETag and sidecar. Returns the stored object's facts.
   */
  async commit(
    keyText: string,
    tempFile: string,
    content: Omit<ContentFacts, 'size' | 'mtimeMs' | 'ino'>,
    sidecar: Omit<ObjectSidecar, 'key' | 'content'>,
  ): Promise<ContentFacts> {
    const key = validateKey(keyText);
    if (key.directory)
      throw new S3ApEmulatorError('InvalidArgument', 'Only an empty body can be stored under a key ending in "/".');
    const target = await resolveForWrite(this.rootReal, key);
    try {
      await mkdir(path.dirname(target), { recursive: true });
      await this.moveInto(tempFile, target);
    } catch (error) {
      const code = errnoCode(error);
      if (code === 'EEXIST' || code === 'ENOTDIR' || code === 'EISDIR') throw conflict(keyText);
      throw error;
    }
    const info = await stat(target);
    const facts: ContentFacts = { ...content, size: info.size, mtimeMs: info.mtimeMs, ino: info.ino };
    this.etags.remember(target, facts);
    await this.sidecars.write({ key: keyText, ...sidecar, content: facts });
    return facts;
  }

  private async moveInto(tempFile: string, target: string): Promise<void> {
    try {
      await rename(tempFile, target);
    } catch (error) {
      if (errnoCode(error) !== 'EXDEV') throw error;
      // State dir on another file system: stage beside the target so the final step is still a rename.
      const staged = path.join(path.dirname(target), `.s3ap-tmp-${randomBytes(6).toString('hex')}`);
      try {
        await copyFile(tempFile, staged);
        await rename(staged, target);
      } finally {
        await rm(staged, { force: true });
        await rm(tempFile, { force: true });
      }
    }
  }

  /** PUT of a `dir/` key: the directory is the object. */
  async makeDirectory(keyText: string): Promise<void> {
    const key = validateKey(keyText);
    const target = await resolveForWrite(this.rootReal, key);
    try {
      await mkdir(target, { recursive: true });
    } catch (error) {
      const code = errnoCode(error);
      if (code === 'EEXIST' || code === 'ENOTDIR') throw conflict(keyText);
      throw error;
    }
    await this.sidecars.remove(keyText);
  }

  /** Deletes a file, or an empty directory for a `dir/` key; a missing key is not an error (as in S3). */
  async delete(keyText: string): Promise<void> {
    const key = validateKey(keyText);
    const file = await resolveExisting(this.rootReal, key);
    if (file !== undefined) {
      // Unlink the name inside the volume (a symlink itself, never its target).
      const own = path.join(this.rootReal, ...key.segments);
      const info = await stat(file);
      if (key.directory && info.isDirectory()) {
        await rmdir(own).catch((error: unknown) => {
          if (errnoCode(error) !== 'ENOTEMPTY' && errnoCode(error) !== 'EEXIST') throw error;
        });
      } else if (!key.directory && !info.isDirectory()) {
        await rm(own, { force: true });
        this.etags.forget(file);
      }
    }
    await this.sidecars.remove(keyText);
  }

  /** Validates a key for writing without writing anything (CreateMultipartUpload). */
  async checkWritable(keyText: string): Promise<ValidKey> {
    const key = validateKey(keyText);
    await resolveForWrite(this.rootReal, key);
    return key;
  }
}

/** md5 of the empty string: the ETag of a directory marker. */
export const EMPTY_MD5 = 'd41d8cd98f00b204e9800998ecf8427e';
