/** One access point of the running stack, addressed locally by its alias. */
export interface LocalAccessPoint {
  name: string;
  alias: string;
  /** The directory the access point serves (the "volume"). */
  rootDir: string;
}

/** What a running service stack exposes to a service descriptor and to callers. */
export interface LocalStackInfo {
  service: string;
  serviceDir: string;
  dataDir: string;
  stage: string;
  region: string;
  endpoints: { s3: string; dynamodb: string; sfn: string; secretsManager: string; ontap?: string };
  accessPoints: { input: LocalAccessPoint; output: LocalAccessPoint };
  outputPrefix: string;
  /** CloudFormation logical id → local DynamoDB table name. */
  tables: Record<string, string>;
  /** CloudFormation logical id → local secret ARN. */
  secrets: Record<string, string>;
  /** Where the run's JSON-lines log goes (LOG_FILE). */
  logFile: string;
}

/** Counts of what `generateSamples` wrote, for `fsxn demo` to print. */
export interface SampleSummary {
  files: number;
  bytes: number;
  /** Free-form breakdown, e.g. `{ valid: 8, corrupt: 1 }`. */
  kinds?: Record<string, number>;
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
  /** Start the ONTAP REST simulator over the data directory. */
  needsOntap?: boolean;
  /** Access point names; `output` defaults to `input` (outputs then live under `outputPrefix`). */
  accessPoints: { input: string; output?: string };
  /** Prefix of every output key, e.g. `fsxn-output/uc05-healthcare-dicom/`: outputs never overwrite inputs. */
  outputPrefix: string;
  /** Extra environment for the handlers (set after the stack's own variables, so it wins). */
  environment?: (stack: LocalStackInfo) => Record<string, string>;
  /** The execution input. */
  input: (stack: LocalStackInfo) => unknown;
  /** Writes sample input files into `dir` for `fsxn demo`. */
  generateSamples?: (dir: string) => Promise<SampleSummary>;
}
