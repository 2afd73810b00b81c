import { realpath, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { LocalStackError } from '../errors';
import {
  type AccessPointConfig,
  type AccessPointInfo,
  deriveAlias,
  validateAccessPointName,
  validateAlias,
} from './access-points';
import type { EtagCache } from './etags';
import type { MultipartStore } from './multipart-store';
import { detachedAccessPoint, S3ApEmulatorError } from './s3-error';
import { SidecarStore } from './sidecar';
import { Volume } from './volume';

interface Entry {
  readonly info: AccessPointInfo;
  readonly resolveRoot: () => string | undefined;
  readonly sidecars: SidecarStore;
}

const errnoCode = (error: unknown): string | undefined => (error as NodeJS.ErrnoException).code;

/**
 * The access points an emulator serves, addressable by name or alias, added and removed while it runs.
 * A root is resolved (and its symlinks followed) on every request, so a volume that appears, moves or goes
 * away between requests is seen at once, and key checks are always made against the root's current real path.
 */
export class AccessPointRegistry {
  private readonly byBucket = new Map<string, Entry>();
  private readonly ordered: Entry[] = [];

  constructor(
    private readonly stateDir: string,
    private readonly tempDir: string,
    private readonly etags: EtagCache,
    private readonly uploads: MultipartStore,
  ) {}

  /** Adds an access point; a fixed root must be an existing directory now. */
  async add(config: AccessPointConfig): Promise<AccessPointInfo> {
    validateAccessPointName(config.name);
    const alias = config.alias ?? deriveAlias(config.name);
    validateAlias(alias);
    if (this.byBucket.has(config.name) || this.byBucket.has(alias)) {
      throw new LocalStackError(`Duplicate access point ${config.name}`);
    }
    let info: AccessPointInfo;
    let resolveRoot: () => string | undefined;
    if ('rootDir' in config) {
      const rootDir = config.rootDir;
      const rootInfo = await stat(rootDir).catch(() => undefined);
      if (rootInfo?.isDirectory() !== true) {
        throw new LocalStackError(`Access point ${config.name}: rootDir ${rootDir} is not a directory.`);
      }
      info = { name: config.name, alias, rootDir };
      resolveRoot = () => rootDir;
    } else {
      info = { name: config.name, alias };
      resolveRoot = config.resolveRoot;
    }
    // Checked again after the awaits above: two concurrent adds of one name must not both succeed.
    if (this.byBucket.has(config.name) || this.byBucket.has(alias)) {
      throw new LocalStackError(`Duplicate access point ${config.name}`);
    }
    const entry: Entry = { info, resolveRoot, sidecars: new SidecarStore(this.sidecarDir(info.name)) };
    this.byBucket.set(info.name, entry);
    this.byBucket.set(info.alias, entry);
    this.ordered.push(entry);
    return info;
  }

  /**
   * Detaches an access point: its name and alias stop resolving, and the emulator's own state for it (tags,
   * metadata, unfinished multipart uploads) is dropped, as deleting an FSx access point drops it. The files
   * stay. False when no such access point exists.
   */
  async remove(name: string): Promise<boolean> {
    const entry = this.byBucket.get(name);
    if (entry === undefined || entry.info.name !== name) return false;
    this.byBucket.delete(entry.info.name);
    this.byBucket.delete(entry.info.alias);
    this.ordered.splice(this.ordered.indexOf(entry), 1);
    for (const upload of await this.uploads.uploadsOf(name)) await this.uploads.remove(upload.uploadId);
    await rm(this.sidecarDir(name), { recursive: true, force: true });
    return true;
  }

  list(): AccessPointInfo[] {
    return this.ordered.map((entry) => entry.info);
  }

  /** The access point a bucket name or alias refers to, without resolving its root. */
  infoOf(bucket: string): AccessPointInfo | undefined {
    return this.byBucket.get(bucket)?.info;
  }

  /** The volume behind a bucket name or alias for one request, or `NoSuchBucket` naming why it is unreachable. */
  async open(bucket: string): Promise<Volume> {
    const entry = this.byBucket.get(bucket);
    if (entry === undefined) {
      throw new S3ApEmulatorError('NoSuchBucket', 'The specified bucket does not exist', { BucketName: bucket });
    }
    const name = entry.info.name;
    let root: string | undefined;
    try {
      root = entry.resolveRoot();
    } catch (error) {
      if (error instanceof S3ApEmulatorError) throw error;
      throw new S3ApEmulatorError(
        'InternalError',
        `The root of access point ${name} could not be resolved.`,
        {},
        { cause: error },
      );
    }
    if (root === undefined) throw detachedAccessPoint(name, 'is not attached to a directory right now');
    let rootReal: string;
    try {
      rootReal = await realpath(root);
    } catch (error) {
      const code = errnoCode(error);
      if (code === 'ENOENT' || code === 'ENOTDIR') throw detachedAccessPoint(name, `has no directory at ${root}`);
      throw error;
    }
    const rootInfo = await stat(rootReal).catch(() => undefined);
    if (rootInfo?.isDirectory() !== true) throw detachedAccessPoint(name, `has no directory at ${root}`);
    return new Volume(entry.info, rootReal, this.tempDir, this.etags, entry.sidecars);
  }

  private sidecarDir(name: string): string {
    return path.join(this.stateDir, 'objects', name);
  }
}
