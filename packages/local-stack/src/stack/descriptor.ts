import type { SecurityStyle } from '../ontap-simulator';
import type { FileSecurityOption } from '../ontap-simulator/state';

/** One access point of the running stack, addressed locally by its alias. */
export interface LocalAccessPoint {
  name: string;
  alias: string;
  /** The directory the access point serves (the "volume"). */
  rootDir: string;
}

/**
 * An access point over a volume of the ONTAP simulator, resolved on every request: a FlexClone or FlexCache
 * created during the run is served as soon as it exists, is online and has a junction path.
 */
export interface LocalVolumeAccessPoint {
  name: string;
  /** `deriveAlias(name)`: the same on every run, so a handler can also compute it. */
  alias: string;
  /** Volume name in the stack's SVM. */
  volume: string;
}

/** An access point attached to the running stack with `stack.attachAccessPoint`. */
export interface LocalAttachedAccessPoint {
  name: string;
  /** `deriveAlias(name)`. */
  alias: string;
  /** Set when the access point follows a simulator volume. */
  volume?: string;
  /** Set when the access point serves a fixed directory. */
  rootDir?: string;
}

/** What a running service stack exposes to a service descriptor and to callers. */
export interface LocalStackInfo {
  service: string;
  serviceDir: string;
  dataDir: string;
  stage: string;
  region: string;
  endpoints: { s3: string; dynamodb: string; sfn: string; secretsManager: string; ontap?: string };
  /** The simulated cluster, when the descriptor sets `needsOntap`. */
  ontap?: LocalOntapInfo;
  accessPoints: {
    input: LocalAccessPoint;
    output: LocalAccessPoint;
    /** The descriptor's `accessPoints.volumes` with their aliases (empty when it has none). */
    volumes: LocalVolumeAccessPoint[];
  };
  outputPrefix: string;
  /** CloudFormation logical id → local DynamoDB table name. */
  tables: Record<string, string>;
  /** CloudFormation logical id → local secret ARN. */
  secrets: Record<string, string>;
  /** Where the run's JSON-lines log goes (LOG_FILE). */
  logFile: string;
}

/** What a handler needs to reach the simulated ONTAP cluster (its base URL is `endpoints.ontap`). */
export interface LocalOntapInfo {
  /** Local Secrets Manager secret holding `{"username","password"}` of the simulator's admin user. */
  secretArn: string;
  svmName: string;
  svmUuid: string;
  /** The volume backed by the data directory. */
  volumeName: string;
  volumeUuid: string;
}

/** A further simulated volume over a directory of its own. */
export interface LocalOntapVolume {
  name: string;
  /** Existing directory with the volume's files; relative paths are resolved against the data directory. */
  dir: string;
  /** Mount point in the SVM namespace; default `/<name>`. */
  junctionPath?: string;
  securityStyle?: SecurityStyle;
}

/** How the stack shapes the ONTAP simulator (all optional). */
export interface LocalOntapDescriptor {
  /** Default `svm1`. */
  svmName?: string;
  /** The volume over the data directory; default `vol1`. */
  volumeName?: string;
  /** Default `/<volumeName>`. */
  junctionPath?: string;
  /** Default `ntfs` (FSx for ONTAP's default for SMB workloads). */
  securityStyle?: SecurityStyle;
  /** More volumes in the same SVM. */
  extraVolumes?: readonly LocalOntapVolume[];
  /** Name of the local secret with the admin credentials; default `fsxn-local/ontap-admin`. */
  secretName?: string;
}

/** Counts of what `generateSamples` wrote, for `fsxn demo` to print. */
export interface SampleSummary {
  files: number;
  bytes: number;
  /** Free-form breakdown, e.g. `{ valid: 8, corrupt: 1 }`. */
  kinds?: Record<string, number>;
  /**
   * NTFS security the ONTAP simulator should report for sample files, by SVM namespace path
   * (junction path + key). `fsxn demo` passes it to the stack; `fsxn run` on a user's folder does not.
   */
  ontapFileSecurity?: Readonly<Record<string, FileSecurityOption>>;
}

/**
 * The default export of a service's `local.ts`: how to run it on the embedded local stack.
 * Documented in docs/local-runs.md.
 */
export interface LocalServiceDescriptor {
  /** Key under `stepFunctions.stateMachines` in serverless.yml. */
  stateMachine: string;
  /** `${param:…}` values for local runs (win over the file's `params` block). */
  params?: Record<string, string>;
  /** Start the ONTAP REST simulator with one SVM and one volume over the data directory. */
  needsOntap?: boolean;
  /** Names and extra volumes of the simulated cluster; requires `needsOntap: true`. */
  ontap?: LocalOntapDescriptor;
  /**
   * Access point names; `output` defaults to `input` (outputs then live under `outputPrefix`). `volumes`
   * maps further access points to simulator volumes by name (needs `needsOntap`), e.g. a FlexClone the run
   * creates: each is resolved per request and answers `NoSuchBucket` while its volume is missing, offline
   * or unmounted, like an access point whose volume is gone in AWS.
   */
  accessPoints: { input: string; output?: string; volumes?: ReadonlyArray<{ name: string; volume: string }> };
  /** Prefix of every output key, e.g. `fsxn-output/uc05-healthcare-dicom/`: outputs never overwrite inputs. */
  outputPrefix: string;
  /** Extra environment for the handlers (set after the stack's own variables, so it wins). */
  environment?: (stack: LocalStackInfo) => Record<string, string>;
  /** The execution input. */
  input: (stack: LocalStackInfo) => unknown;
  /** Writes sample input files into `dir` for `fsxn demo`. */
  generateSamples?: (dir: string) => Promise<SampleSummary>;
}

export {
  type LocalServiceEnvironmentOptions,
  localServiceEnvironment,
  volumeAccessPointAlias,
} from './service-environment';
