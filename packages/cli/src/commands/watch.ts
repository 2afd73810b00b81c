import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { readdir } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';
import type { FileEvent } from '@fsxn/fpolicy';
import { FPOLICY_DETAIL_TYPE, FPOLICY_SOURCE, startFpolicyServer, staticVolumeResolver } from '@fsxn/fpolicy-ingestion';
import {
  compileEventPattern,
  type EventBridgeRule,
  eventBridgeRulesOf,
  type FpolicyClient,
  LOCAL_ACCOUNT_ID,
  type RunEvent,
  type RunResult,
  readStackState,
  type SampleSummary,
  type ServiceStack,
  startFpolicyClient,
  startServiceStack,
} from '@fsxn/local-stack';
import { CliError, type CliIo } from '../io';
import { StackReviews } from '../review-client';
import { type ReviewIdentities, reviewGateHandler } from '../review-gates';
import { buildRunReport, type RunReportJson } from '../run-report';

/** Trigger modes with an event path; POLLING has none to watch. */
export type WatchTriggerMode = 'EVENT_DRIVEN' | 'HYBRID';

export interface WatchLoopOptions extends ReviewIdentities {
  readonly io: CliIo;
  readonly serviceDir: string;
  /** The volume: served by the S3AP emulator and watched by the simulated ONTAP FPolicy client. */
  readonly dataDir: string;
  /** Where `.fsxn/stack.json` goes, so that `fsxn review` from another terminal finds the stack. */
  readonly stateRootDir: string;
  /** Default EVENT_DRIVEN: every matching event runs; HYBRID claims each file version once (idempotency table). */
  readonly triggerMode?: WatchTriggerMode;
  readonly params?: Readonly<Record<string, string>>;
  readonly retryDelayMs?: number;
  readonly ontapFileSecurity?: SampleSummary['ontapFileSecurity'];
  /** Directory scan interval and settle time of the FPolicy client's watcher (defaults 100 ms / 300 ms). */
  readonly pollIntervalMs?: number;
  readonly settleMs?: number;
}

/** The EventBridge event a rule target gets for one FPolicy file event (what the bridge Lambda puts on the bus). */
export interface FpolicyEnvelope {
  readonly version: '0';
  readonly id: string;
  readonly 'detail-type': typeof FPOLICY_DETAIL_TYPE;
  readonly source: typeof FPOLICY_SOURCE;
  readonly account: string;
  readonly time: string;
  readonly region: string;
  readonly resources: readonly string[];
  readonly detail: FileEvent;
}

export type WatchExecutionStatus = RunResult['status'] | 'NOT_STARTED';

export interface WatchOutcome {
  readonly execution: number;
  readonly path: string;
  readonly status: WatchExecutionStatus;
  /** Absent when the loop stopped before the execution started. */
  readonly report?: RunReportJson;
}

export interface WatchExecution {
  /** 1, 2, … in the order the events arrived. */
  readonly id: number;
  readonly event: FileEvent;
  /** Settles when the execution finished (or was dropped at stop); never rejects. */
  readonly outcome: Promise<WatchOutcome>;
}

export interface WatchCounts {
  /** File events the FPolicy server delivered. */
  readonly received: number;
  /** Of those, the ones an enabled rule of the service matched. */
  readonly matched: number;
  readonly executions: {
    readonly succeeded: number;
    readonly failed: number;
    /** Running when the loop stopped (a review gate still open, for instance). */
    readonly aborted: number;
    /** Queued when the loop stopped. */
    readonly notStarted: number;
  };
}

export interface WatchLoopEvents {
  /** Every file event the server delivered, and whether a rule matched it. */
  event: [event: FileEvent, matched: boolean];
  /** An execution was queued for a matching event. */
  execution: [execution: WatchExecution];
}

export interface WatchLoop {
  readonly dataDir: string;
  readonly outputPrefix: string;
  readonly region: string;
  readonly volume: string;
  readonly fpolicyServer: { readonly host: string; readonly port: number };
  readonly rules: readonly EventBridgeRule[];
  readonly events: EventEmitter<WatchLoopEvents>;
  counts(): WatchCounts;
  /** Stops watching, aborts a running execution, drops queued ones, stops the stack; idempotent. */
  stop(): Promise<WatchCounts>;
}

/** The simulated SVM's policy reports what marks a finished file: a close, a rename into place, and deletes. */
const WATCHED_OPERATIONS = { close: true, rename: true, delete: true } as const;
const VOLUME_MSID = 2_157_483_001;

const once = (step: () => Promise<void>): (() => Promise<void>) => {
  let running: Promise<void> | undefined;
  return () => {
    running ??= step();
    return running;
  };
};

export const toEnvelope = (event: FileEvent, region: string): FpolicyEnvelope => ({
  version: '0',
  id: randomUUID(),
  'detail-type': FPOLICY_DETAIL_TYPE,
  source: FPOLICY_SOURCE,
  account: LOCAL_ACCOUNT_ID,
  // EventBridge stamps the time it received the event, to the second.
  time: `${new Date().toISOString().slice(0, 19)}Z`,
  region,
  resources: [],
  detail: event,
});

/** The counts of one execution, then one line per item that did not succeed, with its reason. */
const outcomeLines = (report: RunReportJson): string => {
  const { discovered, succeeded, failed, skipped } = report.counts;
  const notDone = report.items
    .filter((i) => i.status !== 'SUCCEEDED')
    .map((i) => `\n         ${i.status} ${i.key}${i.reason ? `: ${i.reason}` : ''}`);
  return `${discovered} discovered = ${succeeded} succeeded + ${failed} failed + ${skipped} skipped${notDone.join('')}`;
};

/**
 * The local EVENT path of a service, end to end: the service stack with its trigger mode set to EVENT_DRIVEN (or
 * HYBRID), the FPolicy server of services/fpolicy-ingestion on 127.0.0.1, and the ONTAP side of FPolicy watching the
 * volume directory and sending real SCREEN_REQ frames to it. Each delivered event is wrapped as EventBridge would
 * wrap it, matched against the service's `eventBridge` rules from serverless.yml, and every match runs one execution,
 * one at a time in arrival order. Files present at start are not reported (the watcher's first scan is its
 * baseline), and the service's output prefix is never watched, so outputs cannot trigger runs.
 */
export const startWatchLoop = async (options: WatchLoopOptions): Promise<WatchLoop> => {
  const { io } = options;
  const triggerMode = options.triggerMode ?? 'EVENT_DRIVEN';
  const stack: ServiceStack = await startServiceStack({
    serviceDir: options.serviceDir,
    dataDir: options.dataDir,
    stateRootDir: options.stateRootDir,
    params: { ...options.params, triggerMode },
    ...(options.retryDelayMs !== undefined ? { retryDelayMs: options.retryDelayMs } : {}),
    ...(options.ontapFileSecurity ? { ontapFileSecurity: options.ontapFileSecurity } : {}),
    notifier: (m) => io.err(`[notification] ${m.Subject ?? '(no subject)'}\n`),
  });
  const cleanups: (() => Promise<void>)[] = [() => stack.stop()];
  const cleanUp = async () => {
    for (const step of cleanups.splice(0).reverse()) await step().catch(() => undefined);
  };
  try {
    const rules = eventBridgeRulesOf(stack.service, stack.descriptor.stateMachine).filter((r) => r.enabled);
    if (rules.length === 0) {
      throw new CliError(
        `${stack.service.service}: no eventBridge rule of state machine "${stack.descriptor.stateMachine}" is enabled in ${triggerMode} mode`,
      );
    }
    const matchers = rules.map((rule) => ({ rule, matches: compileEventPattern(rule.pattern) }));
    const reviews = new StackReviews(await readStackState(options.stateRootDir));
    cleanups.push(async () => reviews.close());
    const gates = reviewGateHandler(io, reviews, options);
    const emitter = new EventEmitter<WatchLoopEvents>();
    const volume = stack.info.accessPoints.input.name;

    let received = 0;
    let matched = 0;
    const finished = { succeeded: 0, failed: 0, aborted: 0, notStarted: 0 };
    let nextId = 1;
    let stopping = false;
    let current: AbortController | undefined;
    let queue = Promise.resolve();

    const execute = async (id: number, event: FileEvent, input: unknown): Promise<WatchOutcome> => {
      if (stopping) {
        finished.notStarted += 1;
        return { execution: id, path: event.path, status: 'NOT_STARTED' };
      }
      const runEvents: RunEvent[] = [];
      current = new AbortController();
      let result: RunResult;
      try {
        result = await stack.run({
          input,
          abortSignal: current.signal,
          onEvent: (e) => {
            runEvents.push(e);
            if (e.type === 'waiting-for-task-token') gates.onGate();
          },
        });
      } finally {
        current = undefined;
      }
      await gates.settle();
      const report = buildRunReport({
        service: stack.service.service,
        dataDir: stack.info.dataDir,
        outputPrefix: stack.info.outputPrefix,
        result,
        events: runEvents,
      });
      if (result.status === 'SUCCEEDED') finished.succeeded += 1;
      else if (result.status === 'ABORTED' && stopping) finished.aborted += 1;
      else finished.failed += 1;
      const error = result.error ? ` ${result.error}: ${result.cause ?? ''}` : '';
      io.err(`[watch] #${id} ${event.path}: ${result.status}${error}; ${outcomeLines(report)}\n`);
      for (const output of report.outputs) io.err(`         ${output}\n`);
      return { execution: id, path: event.path, status: result.status, report };
    };

    const onFileEvent = (event: FileEvent): void => {
      received += 1;
      const envelope = toEnvelope(event, stack.info.region);
      const hits = matchers.filter((m) => m.matches(envelope));
      if (hits.length > 0) matched += 1;
      emitter.emit('event', event, hits.length > 0);
      const what = `${event.operation} ${event.previousPath ? `${event.previousPath} -> ` : ''}${event.path}`;
      if (hits.length === 0 || stopping) {
        io.err(`[watch] ${what}: ${stopping ? 'stopping, not run' : 'no rule matches'}\n`);
        return;
      }
      // EventBridge invokes the target once per matching rule.
      for (const { rule } of hits) {
        const id = nextId++;
        const input = rule.input ?? envelope;
        const outcome = queue.then(() =>
          execute(id, event, input).catch((error: unknown): WatchOutcome => {
            finished.failed += 1;
            io.err(`[watch] #${id} ${event.path}: could not run: ${error instanceof Error ? error.message : error}\n`);
            return { execution: id, path: event.path, status: 'FAILED' };
          }),
        );
        queue = outcome.then(() => undefined);
        io.err(`[watch] ${what}: execution #${id} queued\n`);
        emitter.emit('execution', { id, event, outcome });
      }
    };

    const server = await startFpolicyServer({
      port: 0,
      host: '127.0.0.1',
      resolveVolume: staticVolumeResolver({ [String(VOLUME_MSID)]: volume }),
      svmName: 'svm-local',
      // Queue and return at once: executions must not hold back the server (ONTAP would be throttled).
      sink: {
        write: async (events) => {
          for (const event of events) {
            // A throwing listener must not fail the batch: the server would deliver it again.
            try {
              onFileEvent(event);
            } catch (error) {
              io.err(`[watch] handling ${event.path} failed: ${error instanceof Error ? error.message : error}\n`);
            }
          }
        },
      },
      log: {
        debug: () => undefined,
        info: () => undefined,
        warn: (fields, message) => io.err(`[fpolicy server] ${message} ${JSON.stringify(fields)}\n`),
        error: (fields, message) => io.err(`[fpolicy server] ${message} ${JSON.stringify(fields)}\n`),
      },
    });
    const stopServer = once(async () => {
      await server.stop();
    });
    cleanups.push(stopServer);
    const client: FpolicyClient = await startFpolicyClient({
      config: {
        svm: { name: 'svm-local', uuid: randomUUID() },
        policyName: 'fsxn_policy',
        engine: {
          primaryServers: [{ host: server.host, port: server.port }],
          type: 'asynchronous',
          // ONTAP's engine defaults: keep_alive_interval PT2M, session_timeout PT10S, max_connection_retries 5.
          keepAliveIntervalMs: 120_000,
          sessionTimeoutMs: 10_000,
          maxConnectionRetries: 5,
        },
        events: { protocol: 'cifs', fileOperations: WATCHED_OPERATIONS },
        volumes: [{ name: volume, msid: VOLUME_MSID, dir: stack.info.dataDir }],
      },
      watch: true,
      watchOptions: {
        ignorePrefixes: [stack.info.outputPrefix],
        ...(options.pollIntervalMs !== undefined ? { pollIntervalMs: options.pollIntervalMs } : {}),
        ...(options.settleMs !== undefined ? { settleMs: options.settleMs } : {}),
      },
      onError: (error) => io.err(`[fpolicy client] ${error.message}\n`),
    });
    const stopClient = once(() => client.stop());
    cleanups.push(stopClient);

    const counts = (): WatchCounts => ({ received, matched, executions: { ...finished } });
    let stopped: Promise<WatchCounts> | undefined;
    return {
      dataDir: stack.info.dataDir,
      outputPrefix: stack.info.outputPrefix,
      region: stack.info.region,
      volume,
      fpolicyServer: { host: server.host, port: server.port },
      rules,
      events: emitter,
      counts,
      stop: () => {
        stopped ??= (async () => {
          // Nothing new is reported once the client stops; the server then delivers what it already accepted.
          await stopClient();
          await stopServer();
          stopping = true;
          current?.abort();
          await queue;
          await gates.settle();
          await cleanUp();
          return counts();
        })();
        return stopped;
      },
    };
  } catch (error) {
    await cleanUp();
    throw error;
  }
};

/** A file of the volume whose close event a rule matches: something the user can copy to trigger a run. */
export const findTriggeringSample = async (
  dataDir: string,
  rules: readonly EventBridgeRule[],
  region: string,
  skipPrefix: string,
): Promise<string | undefined> => {
  const matchers = rules.map((rule) => compileEventPattern(rule.pattern));
  const entries = await readdir(dataDir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((e) => e.isFile())
    .map((e) => relative(dataDir, join(e.parentPath, e.name)).split(sep).join('/'))
    // The drop directory itself is where the copy goes; the output prefix is never a trigger.
    .filter((path) => !path.startsWith(skipPrefix) && !path.startsWith(`${DROP_DIR}/`))
    .sort();
  return files.find((path) => {
    const probe = {
      source: FPOLICY_SOURCE,
      'detail-type': FPOLICY_DETAIL_TYPE,
      region,
      detail: { operation: 'close', path },
    };
    return matchers.some((matches) => matches(probe));
  });
};

/** Where the printed example copies a file to. */
const DROP_DIR = 'incoming';

const quote = (path: string): string => `'${path.replaceAll("'", `'\\''`)}'`;

export interface WatchCommandOptions extends ReviewIdentities {
  readonly serviceDir: string;
  readonly dataDir: string;
  readonly stateRootDir: string;
  readonly triggerMode: WatchTriggerMode;
  readonly ontapFileSecurity?: SampleSummary['ontapFileSecurity'];
}

/** `fsxn demo --watch`: the loop until SIGINT/SIGTERM, then a clean stop and the counts; exit 1 if a run failed. */
export const watchCommand = async (io: CliIo, options: WatchCommandOptions): Promise<number> => {
  const loop = await startWatchLoop({ io, ...options });
  let stopSignal: () => void = () => undefined;
  const signalled = new Promise<void>((resolve) => {
    stopSignal = resolve;
  });
  process.once('SIGINT', stopSignal);
  process.once('SIGTERM', stopSignal);
  try {
    const outputPrefix = loop.outputPrefix;
    const sample = await findTriggeringSample(loop.dataDir, loop.rules, loop.region, outputPrefix);
    const extension = sample === undefined ? '' : extname(sample);
    io.err(
      `\nWatching ${loop.dataDir} (${options.triggerMode}): ONTAP FPolicy client -> FPolicy server ${loop.fpolicyServer.host}:${loop.fpolicyServer.port} -> rule ${JSON.stringify(loop.rules[0]?.pattern)}\n` +
        'Files present now are not events; outputs under ' +
        `${outputPrefix} are not watched. Drop a file to start an execution, e.g.:\n` +
        `  mkdir -p ${quote(join(loop.dataDir, DROP_DIR))}\n` +
        `  cp ${sample === undefined ? '<your file>' : quote(join(loop.dataDir, sample))} ${quote(join(loop.dataDir, DROP_DIR, `dropped-1${extension}`))}\n` +
        'Ctrl-C to stop.\n',
    );
    await signalled;
  } finally {
    process.off('SIGINT', stopSignal);
    process.off('SIGTERM', stopSignal);
  }
  io.err('\nStopping…\n');
  const counts = await loop.stop();
  const { succeeded, failed, aborted, notStarted } = counts.executions;
  io.out(
    `Watch loop stopped: ${counts.received} events received, ${counts.matched} matched; executions ${succeeded} succeeded, ${failed} failed, ${aborted} aborted at stop, ${notStarted} not started\n`,
  );
  return failed > 0 ? 1 : 0;
};
