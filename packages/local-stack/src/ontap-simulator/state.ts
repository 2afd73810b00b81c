import { randomUUID } from 'node:crypto';
import { lstat, readdir } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { notFoundError } from './errors';
import type { JsonObject } from './json';

export type SecurityStyle = 'unix' | 'ntfs' | 'mixed' | 'unified';
export type VolumeState = 'online' | 'offline' | 'restricted';

export interface SvmModel {
  readonly uuid: string;
  readonly name: string;
  readonly cifsServerName: string;
}

export interface CloneModel {
  readonly parentVolumeUuid: string;
  readonly parentVolumeName: string;
  readonly parentSnapshotUuid: string;
  readonly parentSnapshotName: string;
  /** Epoch ms when a split was initiated. */
  splitStartedAt: number | undefined;
}

export interface VolumeModel {
  readonly uuid: string;
  name: string;
  readonly svmUuid: string;
  /** The directory holding the volume's files. */
  readonly dir: string;
  /** Created by the simulator (removed on delete), as opposed to a directory the caller supplied. */
  readonly ownsDir: boolean;
  junctionPath: string | undefined;
  securityStyle: SecurityStyle;
  state: VolumeState;
  size: number;
  readonly msid: number;
  readonly createTime: Date;
  comment: string | undefined;
  readonly aggregates: readonly string[];
  flexcacheEndpoint: 'none' | 'cache' | 'origin';
  clone: CloneModel | undefined;
}

export interface SnapshotModel {
  readonly uuid: string;
  name: string;
  readonly volumeUuid: string;
  /** Frozen copy of the volume directory. */
  readonly dir: string;
  readonly createTime: Date;
  comment: string | undefined;
  expiryTime: string | undefined;
  snapmirrorLabel: string | undefined;
  readonly size: number;
  /** Uuids of FlexClones backed by this snapshot (the `volume_clone` owner). */
  readonly cloneOwners: Set<string>;
}

export interface FlexCacheModel {
  readonly uuid: string;
  readonly name: string;
  readonly svmUuid: string;
  /** The cache volume (its directory is a symlink to the origin's directory). */
  readonly volumeUuid: string;
  readonly origins: ReadonlyArray<{ readonly volumeUuid: string; readonly svmUuid: string }>;
  readonly size: number;
  readonly createTime: Date;
  lastPrepopulate: { readonly dirPaths: readonly string[]; readonly at: Date } | undefined;
}

export interface ShareAclModel {
  readonly user_or_group: string;
  readonly type: 'windows' | 'unix_user' | 'unix_group';
  readonly permission: 'no_access' | 'read' | 'change' | 'full_control';
}

export interface ShareModel {
  readonly svmUuid: string;
  readonly name: string;
  readonly path: string;
  readonly comment: string | undefined;
  readonly volumeUuid: string;
  readonly acls: readonly ShareAclModel[];
}

/** One NTFS ACE as configured; missing parts get defaults when rendered. */
export interface AceOption {
  readonly user: string;
  /** The SID ONTAP reports with `lookup_names=false`; derived from `user` when omitted. */
  readonly sid?: string;
  readonly access?: 'access_allow' | 'access_deny' | 'audit_success' | 'audit_failure';
  readonly rights?: 'no_access' | 'full_control' | 'modify' | 'read_and_execute' | 'read' | 'write';
  readonly advanced_rights?: Readonly<Record<string, boolean>>;
  readonly apply_to?: { readonly files?: boolean; readonly sub_folders?: boolean; readonly this_folder?: boolean };
  readonly inherited?: boolean;
}

export interface FileSecurityOption {
  readonly owner?: string;
  readonly group?: string;
  readonly control_flags?: string;
  readonly acls: readonly AceOption[];
}

export interface FpolicyModel {
  readonly engines: Map<string, JsonObject>;
  readonly events: Map<string, JsonObject>;
  readonly policies: Map<string, JsonObject>;
}

/** Everything the simulator knows; handlers read and change it, jobs change it at their end. */
export class SimState {
  readonly svms = new Map<string, SvmModel>();
  readonly volumes = new Map<string, VolumeModel>();
  readonly snapshots = new Map<string, SnapshotModel>();
  readonly flexcaches = new Map<string, FlexCacheModel>();
  readonly shares = new Map<string, ShareModel>();
  /** Key: `${svmUuid}\n${namespace path}`. */
  readonly fileSecurity = new Map<string, FileSecurityOption>();
  readonly fpolicy = new Map<string, FpolicyModel>();
  readonly snapmirror: JsonObject[] = [];
  private nextMsid = 2_157_674_396;

  constructor(
    readonly stateDir: string,
    readonly volumesRoot: string,
    public splitDurationMs: number,
  ) {}

  allocateMsid(): number {
    return this.nextMsid++;
  }

  addSvm(name: string, uuid: string = randomUUID(), cifsServerName = name.toUpperCase()): SvmModel {
    const svm: SvmModel = { uuid, name, cifsServerName };
    this.svms.set(uuid, svm);
    this.fpolicy.set(uuid, { engines: new Map(), events: new Map(), policies: new Map() });
    return svm;
  }

  svm(uuid: string, target = 'svm.uuid'): SvmModel {
    const svm = this.svms.get(uuid);
    if (svm === undefined) throw notFoundError(target);
    return svm;
  }

  svmByName(name: string): SvmModel | undefined {
    return [...this.svms.values()].find((svm) => svm.name === name);
  }

  volume(uuid: string): VolumeModel {
    this.advanceSplits();
    const volume = this.volumes.get(uuid);
    if (volume === undefined) throw notFoundError();
    return volume;
  }

  volumeByName(svmUuid: string, name: string): VolumeModel | undefined {
    return [...this.volumes.values()].find((v) => v.svmUuid === svmUuid && v.name === name);
  }

  snapshotsOf(volumeUuid: string): SnapshotModel[] {
    return [...this.snapshots.values()].filter((s) => s.volumeUuid === volumeUuid);
  }

  clonesOf(volumeUuid: string): VolumeModel[] {
    this.advanceSplits();
    return [...this.volumes.values()].filter((v) => v.clone?.parentVolumeUuid === volumeUuid);
  }

  fpolicyOf(svmUuid: string): FpolicyModel {
    const model = this.fpolicy.get(svmUuid);
    if (model === undefined) throw notFoundError('svm.uuid');
    return model;
  }

  /** Completes splits whose simulated duration has passed: the clone becomes an ordinary volume. */
  advanceSplits(now = Date.now()): void {
    for (const volume of this.volumes.values()) {
      const clone = volume.clone;
      if (clone?.splitStartedAt === undefined || now - clone.splitStartedAt < this.splitDurationMs) continue;
      this.snapshots.get(clone.parentSnapshotUuid)?.cloneOwners.delete(volume.uuid);
      volume.clone = undefined;
    }
  }

  splitPercent(volume: VolumeModel, now = Date.now()): number | undefined {
    const started = volume.clone?.splitStartedAt;
    if (started === undefined) return undefined;
    return Math.min(99, Math.floor(((now - started) / Math.max(1, this.splitDurationMs)) * 100));
  }

  /**
   * Maps an SVM namespace path (`/junction/sub/path`) to the mounted volume with the longest junction
   * path containing it and the matching local file path. Undefined when nothing is mounted there.
   */
  resolveNamespacePath(svmUuid: string, namespacePath: string): { volume: VolumeModel; fsPath: string } | undefined {
    if (!namespacePath.startsWith('/')) return undefined;
    const normalised = posix.normalize(namespacePath).replace(/\/+$/, '') || '/';
    let best: VolumeModel | undefined;
    for (const volume of this.volumes.values()) {
      const junction = volume.junctionPath;
      if (volume.svmUuid !== svmUuid || volume.state !== 'online' || junction === undefined) continue;
      if (normalised !== junction && !normalised.startsWith(`${junction}/`)) continue;
      if (best === undefined || junction.length > (best.junctionPath?.length ?? 0)) best = volume;
    }
    if (best === undefined || best.junctionPath === undefined) return undefined;
    const relative = normalised.slice(best.junctionPath.length);
    return { volume: best, fsPath: join(best.dir, ...relative.split('/').filter((p) => p.length > 0)) };
  }
}

/** Total size of the regular files below `dir` (what a snapshot "holds"). */
export const directorySize = async (dir: string): Promise<number> => {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += await directorySize(path);
    else if (entry.isFile()) total += (await lstat(path)).size;
  }
  return total;
};
