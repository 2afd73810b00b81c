import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type LocalDynamoDb, startDynamoDb } from '../dynamodb';
import { LocalStackError } from '../errors';
import type { OntapSimulator } from '../ontap-simulator';
import type { FileSecurityOption } from '../ontap-simulator/state';
import { type S3ApEmulator, type S3ApFaults, startS3ApEmulator } from '../s3ap-emulator';
import { type LocalSecretsManager, startSecretsManager } from '../secrets-manager';
import { functionAliases, loadServiceFunctions } from '../state-machine/lambda';
import { type RunEvent, type RunResult, runStateMachine, type SnsMessage } from '../state-machine/runner';
import { loadServerlessService, type ServerlessService } from '../state-machine/service';
import { startTaskTokenApi, type TaskTokenApi } from '../state-machine/task-token-api';
import { isRecord } from '../util/is-record';
import { createSecrets, createTables } from './cfn-resources';
import type {
  LocalAttachedAccessPoint,
  LocalServiceDescriptor,
  LocalStackInfo,
  LocalVolumeAccessPoint,
} from './descriptor';
import { startStackOntap } from './ontap';
import { type S3RequestStats, S3StatsRecorder } from './s3-stats';
import { SDK_NODE_VERSION_WARNING_ENV } from './sdk-warnings';
import { removeStackState, writeStackState } from './state-file';
import { volumeRootResolver } from './volume-access-points';

export interface StartServiceStackOptions {
  serviceDir: string;
  /** The user's directory served as the input (and output) access point; never copied. */
  dataDir: string;
  /** `${param:…}` values; win over the descriptor's params. */
  params?: Record<string, string>;
  /** Keeps DynamoDB data, S3AP sidecar state and logs here across runs; in memory / temp when omitted. */
  persistDir?: string;
  /** Where `.fsxn/stack.json` (and, without persistDir, `.fsxn/logs`) go: the repo root or cwd. */
  stateRootDir?: string;
  /** The service's `local.ts` default export is imported when omitted. */
  descriptor?: LocalServiceDescriptor;
  /** Replaces every Retry interval (ms) of the state machine. */
  retryDelayMs?: number;
  /** `sns:publish` sink; the runner prints to stderr when omitted. */
  notifier?: (message: SnsMessage) => void | Promise<void>;
  /** NTFS security for files of the ONTAP simulator's volumes, by SVM namespace path (demo samples). */
  ontapFileSecurity?: Readonly<Record<string, FileSecurityOption>>;
}

export interface StackRunOptions {
  input?: unknown;
  onEvent?: (event: RunEvent) => void;
  abortSignal?: AbortSignal;
}

export interface ServiceStack {
  readonly info: LocalStackInfo;
  readonly service: ServerlessService;
  readonly descriptor: LocalServiceDescriptor;
  readonly taskTokens: TaskTokenApi;
  readonly dynamodb: LocalDynamoDb;
  /** The ONTAP simulator when the descriptor sets `needsOntap`: fault injection and state inspection for tests. */
  readonly ontap?: Omit<OntapSimulator, 'stop'>;
  readonly stateFile: string;
  /** The S3AP emulator's fault injection (latency and 503 SlowDown on every access point) for tests. */
  readonly s3Faults: S3ApFaults;
  /** S3 requests by operation and body bytes since start or the last `resetS3Stats()`. */
  s3Stats(): S3RequestStats;
  resetS3Stats(): void;
  /**
   * Attaches one more access point while the stack runs, served from the next request on: over a simulator
   * volume of the stack's SVM (resolved per request like `accessPoints.volumes`; needs `needsOntap`), or over
   * a directory (relative paths are resolved against the data directory). Its alias is `deriveAlias(name)`.
   */
  attachAccessPoint(name: string, target: { volume: string } | { dir: string }): Promise<LocalAttachedAccessPoint>;
  /** Detaches an access point attached at start or at run time; false when none has that name. */
  detachAccessPoint(name: string): Promise<boolean>;
  /** Executes the descriptor's state machine with its input (or `options.input`). */
  run(options?: StackRunOptions): Promise<RunResult>;
  stop(): Promise<void>;
}

const isVolumeAccessPointList = (value: unknown): boolean =>
  Array.isArray(value) &&
  value.every((item) => isRecord(item) && typeof item.name === 'string' && typeof item.volume === 'string');

/** Imports `<serviceDir>/local.ts` and checks the fields the stack relies on. */
export const loadServiceDescriptor = async (serviceDir: string): Promise<LocalServiceDescriptor> => {
  const file = ['local.ts', 'local.mts', 'local.js'].map((f) => join(serviceDir, f)).find((p) => existsSync(p));
  if (!file) throw new LocalStackError(`${serviceDir} has no local.ts describing how to run it locally`);
  const mod: unknown = await import(pathToFileURL(file).href);
  const descriptor = isRecord(mod) ? mod.default : undefined;
  if (
    !isRecord(descriptor) ||
    typeof descriptor.stateMachine !== 'string' ||
    typeof descriptor.outputPrefix !== 'string' ||
    !isRecord(descriptor.accessPoints) ||
    typeof descriptor.accessPoints.input !== 'string' ||
    typeof descriptor.input !== 'function' ||
    !(descriptor.accessPoints.volumes === undefined || isVolumeAccessPointList(descriptor.accessPoints.volumes))
  ) {
    throw new LocalStackError(
      `${file} must default-export a LocalServiceDescriptor (stateMachine, accessPoints.input, outputPrefix, input; accessPoints.volumes as [{ name, volume }])`,
    );
  }
  return descriptor as unknown as LocalServiceDescriptor;
};

/**
 * Handlers run in this process and share one `process.env`, so every function's environment is merged.
 * Two functions that need different values for the same variable cannot run together in-process.
 */
const mergedEnvironment = (service: ServerlessService, evaluate: (v: unknown, where: string) => string) => {
  const env: Record<string, string> = {};
  const owner: Record<string, string> = {};
  for (const [k, v] of Object.entries(service.providerEnvironment)) {
    env[k] = evaluate(v, `provider.environment.${k}`);
    owner[k] = 'provider';
  }
  for (const fn of Object.values(service.functions)) {
    for (const [k, v] of Object.entries(fn.environment)) {
      const value = evaluate(v, `functions.${fn.key}.environment.${k}`);
      if (owner[k] !== undefined && owner[k] !== 'provider' && env[k] !== value) {
        throw new LocalStackError(
          `Environment variable ${k} differs between functions ${owner[k]} and ${fn.key}; in-process local runs need one value`,
        );
      }
      env[k] = value;
      owner[k] = fn.key;
    }
  }
  return env;
};

/**
 * Starts everything one service needs offline: DynamoDB with the template's tables, Secrets Manager with
 * its secrets, the S3AP emulator over the user's directory, the ONTAP simulator when asked for, and the
 * task-token API; sets the handlers' environment, imports them and writes `.fsxn/stack.json`.
 */
export const startServiceStack = async (options: StartServiceStackOptions): Promise<ServiceStack> => {
  const serviceDir = resolve(options.serviceDir);
  const dataDir = resolve(options.dataDir);
  const stateRootDir = resolve(options.stateRootDir ?? process.cwd());
  const stops: (() => Promise<void>)[] = [];
  const savedEnv = new Map<string, string | undefined>();
  const setEnv = (name: string, value: string | undefined) => {
    if (!savedEnv.has(name)) savedEnv.set(name, process.env[name]);
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  };
  // Idempotent: a second stop() must not restore the environment over a stack started since.
  const stopAll = async () => {
    for (const stop of stops.splice(0).reverse()) await stop().catch(() => undefined);
    for (const [k, v] of savedEnv) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    savedEnv.clear();
  };

  try {
    // Before the first SDK client exists (a descriptor or handler module may build one at import): the
    // SDK's Node 20 end-of-support notice would otherwise open every local run. A developer's value is kept.
    if (process.env[SDK_NODE_VERSION_WARNING_ENV] === undefined) setEnv(SDK_NODE_VERSION_WARNING_ENV, 'true');
    const persistDir = options.persistDir === undefined ? undefined : resolve(options.persistDir);
    const descriptor = options.descriptor ?? (await loadServiceDescriptor(serviceDir));
    const params = { ...descriptor.params, ...options.params };
    const service = await loadServerlessService(serviceDir, { stage: 'local', params });
    const stateMachine = service.stateMachines[descriptor.stateMachine];
    if (!stateMachine) {
      throw new LocalStackError(
        `serverless.yml of ${service.service} has no state machine "${descriptor.stateMachine}"`,
      );
    }
    if (!existsSync(dataDir)) throw new LocalStackError(`Data directory ${dataDir} does not exist`);
    if (descriptor.ontap !== undefined && descriptor.needsOntap !== true) {
      throw new LocalStackError(
        'The descriptor sets `ontap` but not `needsOntap: true`; set both to start the simulator',
      );
    }
    const volumeAccessPoints = descriptor.accessPoints.volumes ?? [];
    if (volumeAccessPoints.length > 0 && descriptor.needsOntap !== true) {
      throw new LocalStackError(
        'The descriptor sets `accessPoints.volumes` but not `needsOntap: true`; access points over volumes need the ONTAP simulator',
      );
    }

    if (persistDir) await mkdir(persistDir, { recursive: true });
    const dynamodb = await startDynamoDb(persistDir ? { path: join(persistDir, 'dynamodb') } : {});
    stops.push(() => dynamodb.stop());
    const secretsManager: LocalSecretsManager = await startSecretsManager();
    stops.push(() => secretsManager.stop());

    const tables = await createTables(dynamodb.client(), service.resources, service.intrinsics());
    const secrets = createSecrets(secretsManager, service.resources, service.intrinsics(tables));
    const evaluator = service.intrinsics({ ...tables, ...secrets });

    const outputName = descriptor.accessPoints.output ?? descriptor.accessPoints.input;
    // Both access points are attached to the same local volume; outputs stay under outputPrefix.
    const s3Stats = new S3StatsRecorder();
    const s3ap: S3ApEmulator = await startS3ApEmulator({
      onRequest: (record) => s3Stats.record(record),
      accessPoints: [...new Set([descriptor.accessPoints.input, outputName])].map((name) => ({
        name,
        rootDir: dataDir,
      })),
      ...(persistDir ? { stateDir: join(persistDir, 's3ap-state') } : {}),
    });
    stops.push(() => s3ap.stop());

    const ontap = descriptor.needsOntap
      ? await startStackOntap({
          dataDir,
          descriptor: descriptor.ontap ?? {},
          secretsManager,
          ...(options.ontapFileSecurity ? { fileSecurity: options.ontapFileSecurity } : {}),
        })
      : undefined;
    if (ontap) stops.push(() => ontap.simulator.stop());
    const attachToVolume = async (name: string, volume: string) => {
      if (!ontap) {
        throw new LocalStackError(
          `Access point ${name} over volume ${volume} needs the ONTAP simulator (needsOntap: true)`,
        );
      }
      const resolveRoot = volumeRootResolver(ontap.simulator.state, ontap.info.svmName, name, volume);
      const added = await s3ap.addAccessPoint({ name, resolveRoot });
      return { name, alias: added.alias, volume };
    };
    const volumes: LocalVolumeAccessPoint[] = [];
    for (const { name, volume } of volumeAccessPoints) volumes.push(await attachToVolume(name, volume));

    const taskTokens = await startTaskTokenApi();
    stops.push(() => taskTokens.stop());

    const runId = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}`;
    const logFile = join(persistDir ?? stateRootDir, '.fsxn', 'logs', `${runId}.jsonl`);
    await mkdir(join(persistDir ?? stateRootDir, '.fsxn', 'logs'), { recursive: true });

    const accessPoint = (name: string) => ({ name, alias: s3ap.aliasOf(name), rootDir: dataDir });
    const info: LocalStackInfo = {
      service: service.service,
      serviceDir,
      dataDir,
      stage: service.stage,
      region: service.region,
      endpoints: {
        s3: s3ap.endpoint,
        dynamodb: dynamodb.endpoint,
        sfn: taskTokens.endpoint,
        secretsManager: secretsManager.endpoint,
        ...(ontap ? { ontap: ontap.simulator.baseUrl } : {}),
      },
      ...(ontap ? { ontap: ontap.info } : {}),
      accessPoints: {
        input: accessPoint(descriptor.accessPoints.input),
        output: accessPoint(outputName),
        volumes,
      },
      outputPrefix: descriptor.outputPrefix,
      tables,
      secrets,
      logFile,
    };

    // Set before the handlers are imported: they read their configuration once at cold start.
    const env: Record<string, string> = {
      ...mergedEnvironment(service, (v, where) => evaluator.evaluateString(v, where)),
      AWS_REGION: info.region,
      AWS_DEFAULT_REGION: info.region,
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_ENDPOINT_URL_S3: info.endpoints.s3,
      AWS_ENDPOINT_URL_DYNAMODB: info.endpoints.dynamodb,
      AWS_ENDPOINT_URL_SFN: info.endpoints.sfn,
      AWS_ENDPOINT_URL_SECRETS_MANAGER: info.endpoints.secretsManager,
      FSXN_LOCAL: '1',
      FSXN_METRICS: 'off',
      LOG_FILE: logFile,
      ...(ontap ? { ONTAP_ENDPOINT: ontap.simulator.baseUrl, ONTAP_SECRET_ARN: ontap.info.secretArn } : {}),
      ...descriptor.environment?.(info),
    };
    for (const [k, v] of Object.entries(env)) setEnv(k, v);
    // A session token from the developer's shell would be sent with the dummy keys; drop it locally.
    setEnv('AWS_SESSION_TOKEN', undefined);

    const tasks = await loadServiceFunctions(service, randomUUID());
    const aliases = functionAliases(service);
    const definition = evaluator.evaluate(stateMachine.definition) as Record<string, unknown>;
    const stateMachineName = stateMachine.name ?? `${service.service}-${service.stage}-${stateMachine.key}`;

    const stateFile = await writeStackState(stateRootDir, {
      pid: process.pid,
      startedAt: new Date().toISOString(),
      service: service.service,
      serviceDir,
      dataDir,
      endpoints: info.endpoints,
      tables,
      ...(env.REVIEW_TABLE ? { reviewTable: env.REVIEW_TABLE } : {}),
      accessPoints: info.accessPoints,
      outputPrefix: info.outputPrefix,
      logFile,
    });
    stops.unshift(() => removeStackState(stateRootDir));
    const ddbClient = dynamodb.client();

    return {
      info,
      service,
      descriptor,
      taskTokens,
      dynamodb,
      ...(ontap
        ? {
            ontap: {
              baseUrl: ontap.simulator.baseUrl,
              stateDir: ontap.simulator.stateDir,
              faults: ontap.simulator.faults,
              state: ontap.simulator.state,
            },
          }
        : {}),
      stateFile,
      s3Faults: s3ap.faults,
      s3Stats: () => s3Stats.snapshot(),
      resetS3Stats: () => s3Stats.reset(),
      attachAccessPoint: async (name, target) => {
        if ('volume' in target) return attachToVolume(name, target.volume);
        const rootDir = resolve(dataDir, target.dir);
        const added = await s3ap.addAccessPoint({ name, rootDir });
        return { name, alias: added.alias, rootDir };
      },
      detachAccessPoint: (name) => s3ap.removeAccessPoint(name),
      run: (runOptions = {}) =>
        runStateMachine({
          definition,
          input: runOptions.input ?? descriptor.input(info),
          tasks,
          functionAliases: aliases,
          taskTokens: taskTokens.registry,
          dynamodb: ddbClient,
          stateMachineName,
          ...(options.notifier ? { notifier: options.notifier } : {}),
          ...(options.retryDelayMs !== undefined ? { retryDelayMs: options.retryDelayMs } : {}),
          ...(runOptions.onEvent ? { onEvent: runOptions.onEvent } : {}),
          ...(runOptions.abortSignal ? { abortSignal: runOptions.abortSignal } : {}),
        }),
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
};
