import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { OntapSimulatorError } from './errors';
import {
  basicRoutes,
  type ClusterVersion,
  DEFAULT_CLUSTER_VERSION,
  type SnapMirrorOption,
  snapMirrorToJson,
} from './handlers/basics';
import { cifsShareRoutes } from './handlers/cifs-shares';
import { fileSecurityRoutes, setFileSecurity } from './handlers/file-security';
import { flexcacheRoutes } from './handlers/flexcache';
import { fpolicyRoutes } from './handlers/fpolicy';
import { volumeRoutes } from './handlers/volumes';
import { type InjectedJobFailure, JobManager, type JobMatcher } from './jobs';
import type { JsonObject } from './json';
import { Router } from './router';
import { type FaultState, listen } from './server';
import { type FileSecurityOption, type SecurityStyle, SimState, type VolumeModel, type VolumeState } from './state';

export { OntapRestError, OntapSimulatorError } from './errors';
export {
  configFromSimulator,
  type EngineType,
  type EventProtocol,
  type FileOperationFlags,
  type FpolicyClient,
  type FpolicyClientConfig,
  FpolicyClientError,
  type FpolicyClientOptions,
  type FpolicyClientStats,
  type FpolicyServerAddress,
  type LinkInfo,
  type LinkTiming,
  type NotifiedOperation,
  type NotifyExtra,
  S3AP_TEMP_NAME,
  type SimulatorPolicySource,
  startFpolicyClient,
  type WatchOptions,
} from './fpolicy-client';
export type { ClusterVersion, SnapMirrorOption } from './handlers/basics';
export type { InjectedJobFailure, JobMatcher } from './jobs';
export type { AceOption, FileSecurityOption, SecurityStyle, VolumeState } from './state';

export interface SimulatedVolumeOption {
  readonly name: string;
  /** Existing directory whose files are the volume's contents (used in place, never deleted). */
  readonly dir: string;
  /** Where the volume is mounted in the SVM namespace; unmounted when omitted. */
  readonly junctionPath?: string;
  readonly securityStyle?: SecurityStyle;
  /** Bytes; default 1 GiB. */
  readonly size?: number;
  readonly uuid?: string;
}

export interface SimulatedSvmOption {
  readonly name: string;
  readonly uuid?: string;
  readonly cifsServerName?: string;
  readonly volumes?: readonly SimulatedVolumeOption[];
  /** NTFS descriptors by namespace path (`/vol1/dir`); children inherit propagating ACEs. */
  readonly fileSecurity?: Readonly<Record<string, FileSecurityOption>>;
}

export interface OntapSimulatorOptions {
  /** Basic-auth user; default `fsxadmin` / `fsxadmin-password`. */
  readonly credentials?: { readonly username: string; readonly password: string };
  /** Default: one SVM `svm1` without volumes. */
  readonly svms?: readonly SimulatedSvmOption[];
  /**
   * Snapshots, clone and FlexCache directories live here, plus an optional `file-security.json`
   * (`{"<svm>":{"<path>":FileSecurityOption}}`). A temporary directory (removed on stop) by default.
   */
  readonly stateDir?: string;
  /** Directories of volumes created through the API; default `<stateDir>/volumes`. */
  readonly volumesRoot?: string;
  /** Serve HTTPS with this key/certificate (PEM). */
  readonly tls?: { readonly key: string | Buffer; readonly cert: string | Buffer };
  readonly host?: string;
  readonly port?: number;
  /** Time for a job to go from queued to success/failure; default 50 ms. */
  readonly jobLatencyMs?: number;
  /** How long finished jobs stay readable; default 300 s like ONTAP. */
  readonly jobRetentionMs?: number;
  /** How long a FlexClone split takes; default 200 ms. */
  readonly splitDurationMs?: number;
  readonly snapmirror?: readonly SnapMirrorOption[];
  readonly clusterVersion?: ClusterVersion;
  readonly clusterName?: string;
}

export interface OntapSimulatorFaults {
  /** Adds `ms` of delay before every response (0 turns it off). */
  latency(ms: number): void;
  /** The next `count` requests fail with `status` (default 503) before any processing. */
  failNext(count: number, status?: number): void;
  /** The next job whose description matches ends in `failure` (default code 13107406) and changes nothing. */
  failJobs(matcher: JobMatcher, failure?: InjectedJobFailure): void;
  /** Clears every pending fault. */
  reset(): void;
}

export interface VolumeSnapshotView {
  readonly uuid: string;
  readonly name: string;
  readonly svm: string;
  readonly dir: string;
  readonly junctionPath: string | undefined;
  readonly state: string;
  readonly securityStyle: SecurityStyle;
  readonly msid: number;
  readonly isFlexClone: boolean;
  readonly flexcacheEndpoint: string;
}

export interface OntapSimulatorState {
  volumes(): VolumeSnapshotView[];
  /** One volume of an SVM by name, or undefined (an unknown SVM is an error). */
  volume(svmName: string, volumeName: string): VolumeSnapshotView | undefined;
  /**
   * Sets a volume's state at once, as `PATCH /storage/volumes/{uuid}` `{"state":…}` does through a job.
   * Offline or restricted also removes the junction path, as in ONTAP; going online does not remount it.
   */
  setVolumeState(svmName: string, volumeName: string, state: VolumeState): void;
  snapshots(): Array<{ uuid: string; name: string; volume: string; dir: string; owners: string[] }>;
  flexcaches(): Array<{
    uuid: string;
    name: string;
    svm: string;
    origin: string;
    lastPrepopulate: readonly string[] | undefined;
  }>;
  shares(): Array<{ svm: string; name: string; path: string }>;
  jobs(): Array<{ uuid: string; description: string; state: string; code: number; message: string }>;
  fpolicy(svmName: string): { engines: JsonObject[]; events: JsonObject[]; policies: JsonObject[] };
  svmUuid(name: string): string;
  /** Sets the NTFS descriptor of a namespace path at run time. */
  setFileSecurity(svmName: string, path: string, security: FileSecurityOption): void;
  /** True while any job is queued or running. */
  busy(): boolean;
  /** How long a FlexClone split takes from now on (tests that need a split to stay in progress). */
  setSplitDuration(ms: number): void;
}

export interface OntapSimulator {
  readonly baseUrl: string;
  readonly stateDir: string;
  readonly faults: OntapSimulatorFaults;
  readonly state: OntapSimulatorState;
  stop(): Promise<void>;
}

const DEFAULT_CREDENTIALS = { username: 'fsxadmin', password: 'fsxadmin-password' };

const assertDirectory = async (dir: string, what: string): Promise<void> => {
  const info = await stat(dir).catch(() => undefined);
  if (info?.isDirectory() !== true) throw new OntapSimulatorError(`${what}: ${dir} is not a directory`);
};

const loadFileSecurityFile = async (stateDir: string): Promise<Record<string, Record<string, FileSecurityOption>>> => {
  const file = join(stateDir, 'file-security.json');
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return {};
  try {
    return JSON.parse(text) as Record<string, Record<string, FileSecurityOption>>;
  } catch (error) {
    throw new OntapSimulatorError(`${file} is not valid JSON`, { cause: error });
  }
};

const buildState = async (options: OntapSimulatorOptions, stateDir: string, volumesRoot: string): Promise<SimState> => {
  const state = new SimState(stateDir, volumesRoot, options.splitDurationMs ?? 200);
  const fromFile = await loadFileSecurityFile(stateDir);
  for (const svmOption of options.svms ?? [{ name: 'svm1' }]) {
    const svm = state.addSvm(svmOption.name, svmOption.uuid ?? randomUUID(), svmOption.cifsServerName);
    for (const volume of svmOption.volumes ?? []) {
      await assertDirectory(volume.dir, `volume ${volume.name}`);
      const uuid = volume.uuid ?? randomUUID();
      state.volumes.set(uuid, {
        uuid,
        name: volume.name,
        svmUuid: svm.uuid,
        dir: resolve(volume.dir),
        ownsDir: false,
        junctionPath: volume.junctionPath,
        securityStyle: volume.securityStyle ?? 'ntfs',
        state: 'online',
        size: volume.size ?? 1024 ** 3,
        msid: state.allocateMsid(),
        createTime: new Date(),
        comment: undefined,
        aggregates: ['aggr1'],
        flexcacheEndpoint: 'none',
        clone: undefined,
      });
    }
    const security = { ...(fromFile[svm.name] ?? {}), ...(svmOption.fileSecurity ?? {}) };
    for (const [path, descriptor] of Object.entries(security)) setFileSecurity(state, svm.uuid, path, descriptor);
  }
  for (const relationship of options.snapmirror ?? []) state.snapmirror.push(snapMirrorToJson(relationship));
  return state;
};

const volumeView = (state: SimState, v: VolumeModel): VolumeSnapshotView => ({
  uuid: v.uuid,
  name: v.name,
  svm: state.svm(v.svmUuid).name,
  dir: v.dir,
  junctionPath: v.junctionPath,
  state: v.state,
  securityStyle: v.securityStyle,
  msid: v.msid,
  isFlexClone: v.clone !== undefined,
  flexcacheEndpoint: v.flexcacheEndpoint,
});

const svmNamed = (state: SimState, name: string) => {
  const svm = state.svmByName(name);
  if (svm === undefined) throw new OntapSimulatorError(`No SVM named ${name}`);
  return svm;
};

const stateView = (state: SimState, jobs: JobManager): OntapSimulatorState => ({
  volumes: () => {
    state.advanceSplits();
    return [...state.volumes.values()].map((v) => volumeView(state, v));
  },
  volume: (svmName, volumeName) => {
    state.advanceSplits();
    const volume = state.volumeByName(svmNamed(state, svmName).uuid, volumeName);
    return volume === undefined ? undefined : volumeView(state, volume);
  },
  setVolumeState: (svmName, volumeName, newState) => {
    const volume = state.volumeByName(svmNamed(state, svmName).uuid, volumeName);
    if (volume === undefined) throw new OntapSimulatorError(`No volume named ${volumeName} in SVM ${svmName}`);
    volume.state = newState;
    if (newState !== 'online') volume.junctionPath = undefined;
  },
  snapshots: () =>
    [...state.snapshots.values()].map((s) => ({
      uuid: s.uuid,
      name: s.name,
      volume: state.volumes.get(s.volumeUuid)?.name ?? '',
      dir: s.dir,
      owners: s.cloneOwners.size > 0 ? ['volume_clone'] : [],
    })),
  flexcaches: () =>
    [...state.flexcaches.values()].map((c) => ({
      uuid: c.uuid,
      name: c.name,
      svm: state.svm(c.svmUuid).name,
      origin: state.volumes.get(c.origins[0]?.volumeUuid ?? '')?.name ?? '',
      lastPrepopulate: c.lastPrepopulate?.dirPaths,
    })),
  shares: () => [...state.shares.values()].map((s) => ({ svm: state.svm(s.svmUuid).name, name: s.name, path: s.path })),
  jobs: () =>
    jobs
      .list()
      .map((j) => ({ uuid: j.uuid, description: j.description, state: j.state, code: j.code, message: j.message })),
  fpolicy: (svmName) => {
    const svm = state.svmByName(svmName);
    if (svm === undefined) throw new OntapSimulatorError(`No SVM named ${svmName}`);
    const model = state.fpolicyOf(svm.uuid);
    return {
      engines: [...model.engines.values()],
      events: [...model.events.values()],
      policies: [...model.policies.values()],
    };
  },
  svmUuid: (name) => {
    const svm = state.svmByName(name);
    if (svm === undefined) throw new OntapSimulatorError(`No SVM named ${name}`);
    return svm.uuid;
  },
  setFileSecurity: (svmName, path, security) => {
    const svm = state.svmByName(svmName);
    if (svm === undefined) throw new OntapSimulatorError(`No SVM named ${svmName}`);
    setFileSecurity(state, svm.uuid, path, security);
  },
  busy: () => jobs.busy(),
  setSplitDuration: (ms) => {
    state.splitDurationMs = ms;
  },
});

/**
 * Starts an ONTAP REST simulator on 127.0.0.1 (random port by default). Volumes are directories;
 * snapshots and clones are copies under `stateDir`; a FlexCache is a symlink to its origin's directory.
 */
export const startOntapSimulator = async (options: OntapSimulatorOptions = {}): Promise<OntapSimulator> => {
  const ownsStateDir = options.stateDir === undefined;
  const stateDir = resolve(options.stateDir ?? (await mkdtemp(join(tmpdir(), 'ontap-sim-'))));
  await mkdir(stateDir, { recursive: true });
  const volumesRoot = resolve(options.volumesRoot ?? join(stateDir, 'volumes'));
  await mkdir(volumesRoot, { recursive: true });

  const state = await buildState(options, stateDir, volumesRoot);
  const faults: FaultState = { latencyMs: 0, failures: [] };
  const jobLatencyMs = options.jobLatencyMs ?? 50;
  const jobs = new JobManager({ latencyMs: () => jobLatencyMs, retentionMs: options.jobRetentionMs ?? 300_000 });
  const router = new Router();
  router.add(
    ...basicRoutes({
      name: options.clusterName ?? 'FsxId0local',
      uuid: randomUUID(),
      version: options.clusterVersion ?? DEFAULT_CLUSTER_VERSION,
    }),
    ...volumeRoutes(),
    ...flexcacheRoutes(),
    ...cifsShareRoutes(),
    ...fileSecurityRoutes(),
    ...fpolicyRoutes(),
  );
  const server = await listen({
    router,
    sim: { state, jobs },
    faults,
    credentials: options.credentials ?? DEFAULT_CREDENTIALS,
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    ...(options.tls === undefined ? {} : { tls: options.tls }),
  });

  return {
    baseUrl: server.baseUrl,
    stateDir,
    faults: {
      latency: (ms) => {
        faults.latencyMs = Math.max(0, ms);
      },
      failNext: (count, status = 503) => {
        for (let i = 0; i < count; i++) faults.failures.push({ status });
      },
      failJobs: (matcher, failure) => jobs.failNext(matcher, failure),
      reset: () => {
        faults.latencyMs = 0;
        faults.failures.length = 0;
        jobs.clearInjected();
      },
    },
    state: stateView(state, jobs),
    async stop() {
      jobs.stop();
      await server.close();
      if (ownsStateDir) await rm(stateDir, { recursive: true, force: true });
    },
  };
};
