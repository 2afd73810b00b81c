import { type EvaluatedMetric, evaluateSuccessMetrics, type SuccessMetric } from '@fsxn/pipeline';

/** Every step result carries how long it took and how many ONTAP HTTP requests it sent. */
export interface StepTiming {
  readonly startedAt: string;
  readonly ms: number;
  readonly ontapCalls: number;
  /** Loop steps (CheckOnline, AttachAccessPoint, CheckSplit) add up over their invocations. */
  readonly invocations: number;
}

/** Adds one more invocation of a looping step to its running total. */
export const accumulate = (previous: StepTiming | undefined, current: StepTiming): StepTiming =>
  previous === undefined || previous.invocations === 0
    ? current
    : {
        startedAt: previous.startedAt,
        ms: previous.ms + current.ms,
        ontapCalls: previous.ontapCalls + current.ontapCalls,
        invocations: previous.invocations + current.invocations,
      };

/** A caught error as Step Functions hands it over: `Error` name and a `Cause` (Lambda's JSON, or text). */
export interface CaughtError {
  readonly Error?: string;
  readonly Cause?: string;
}

export interface Failure {
  /** The service's own error name (e.g. OntapJobFailed), not the boundary's TransientError/PermanentError. */
  readonly error: string;
  readonly cause: string;
}

const BOUNDARY_NAMES = new Set(['TransientError', 'PermanentError']);

/**
 * Recovers the named error: lambda-kit rethrows at the boundary as TransientError/PermanentError with the
 * message `<OriginalName>: <message>`; other errors (States.*, Pass-made ones) keep their own name.
 */
export const failureOf = (caught: CaughtError): Failure => {
  const name = caught.Error ?? 'States.Runtime';
  let message = caught.Cause ?? '';
  try {
    const parsed: unknown = JSON.parse(message);
    if (typeof parsed === 'object' && parsed !== null && 'errorMessage' in parsed) {
      const text = (parsed as { errorMessage: unknown }).errorMessage;
      if (typeof text === 'string') message = text;
    }
  } catch {
    // Cause is plain text (a Pass state or an ASL runtime error).
  }
  if (!BOUNDARY_NAMES.has(name)) return { error: name, cause: message };
  const match = /^([A-Za-z][A-Za-z0-9_.]*): ([\s\S]*)$/.exec(message);
  return match === null ? { error: name, cause: message } : { error: match[1] ?? name, cause: match[2] ?? message };
};

export interface CleanupSummary {
  readonly share: { readonly action: string; readonly reason?: string };
  readonly clone: { readonly action: string; readonly reason?: string };
  readonly snapshot: { readonly action: string; readonly reason?: string };
  readonly accessPoint?: string;
}

/** Parts a cleanup had to leave in place (kept with a reason); 0 means nothing of the run is left. */
export const leftoversOf = (cleanup: CleanupSummary | undefined): number | undefined =>
  cleanup === undefined
    ? undefined
    : [cleanup.share, cleanup.clone, cleanup.snapshot].filter((p) => p.action === 'kept').length;

export interface ReportInput {
  readonly executionArn: string;
  readonly operation: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly steps: Readonly<Record<string, StepTiming | undefined>>;
  readonly created: Readonly<Record<string, unknown>>;
  readonly files: { readonly files: number; readonly bytes: number; readonly manifestKey: string | null } | null;
  readonly cleanup: CleanupSummary | undefined;
  readonly failure: Failure | undefined;
  /** The cleanup itself failed: what it left is unknown (the run's own failure stays in `failure`). */
  readonly cleanupFailure: Failure | undefined;
  /** Snapshot start → clone seen online, when the run got that far. */
  readonly cloneReadyMs: number | undefined;
  readonly successMetrics: readonly SuccessMetric[];
}

export interface RunReport {
  readonly executionArn: string;
  readonly operation: string;
  readonly status: 'SUCCEEDED' | 'FAILED';
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly created: Readonly<Record<string, unknown>>;
  readonly steps: Readonly<Record<string, StepTiming>>;
  readonly ontapCalls: number;
  readonly cloneReadyMs: number | null;
  readonly files: ReportInput['files'];
  readonly cleanup: CleanupSummary | null;
  readonly failure: Failure | null;
  readonly cleanupFailure: Failure | null;
  readonly successMetrics: EvaluatedMetric[];
}

export const buildReport = (input: ReportInput): RunReport => {
  const steps: Record<string, StepTiming> = {};
  for (const [name, timing] of Object.entries(input.steps)) if (timing !== undefined) steps[name] = timing;
  const ontapCalls = Object.values(steps).reduce((sum, s) => sum + s.ontapCalls, 0);
  return {
    executionArn: input.executionArn,
    operation: input.operation,
    status: input.failure === undefined && input.cleanupFailure === undefined ? 'SUCCEEDED' : 'FAILED',
    startedAt: input.startedAt,
    finishedAt: input.finishedAt,
    created: input.created,
    steps,
    ontapCalls,
    cloneReadyMs: input.cloneReadyMs ?? null,
    files: input.files,
    cleanup: input.cleanup ?? null,
    failure: input.failure ?? input.cleanupFailure ?? null,
    cleanupFailure: input.cleanupFailure ?? null,
    successMetrics: evaluateSuccessMetrics(input.successMetrics, {
      cloneReadyMs: input.cloneReadyMs,
      ontapCallsPerRun: ontapCalls,
      leftoversAfterCleanup: leftoversOf(input.cleanup),
      filesProcessed: input.files?.files,
    }),
  };
};

/** The notification text: what happened, what exists now, what was removed. */
export const summarize = (report: RunReport): string => {
  const lines = [
    `FlexClone pipeline ${report.operation} ${report.status} (${report.executionArn.split(':').at(-1) ?? ''})`,
  ];
  for (const [what, value] of Object.entries(report.created)) lines.push(`${what}: ${JSON.stringify(value)}`);
  if (report.cloneReadyMs !== null) lines.push(`snapshot -> clone online: ${report.cloneReadyMs} ms`);
  if (report.files !== null)
    lines.push(
      `files: ${report.files.files} (${report.files.bytes} bytes), manifest ${report.files.manifestKey ?? 'none'}`,
    );
  lines.push(`ONTAP calls: ${report.ontapCalls}`);
  if (report.failure !== null) lines.push(`error: ${report.failure.error}: ${report.failure.cause}`);
  if (report.cleanupFailure !== null) {
    lines.push(`CLEANUP FAILED (check for leftovers): ${report.cleanupFailure.error}: ${report.cleanupFailure.cause}`);
  }
  if (report.cleanup !== null) {
    const c = report.cleanup;
    lines.push(
      `cleanup: share ${c.share.action}, clone ${c.clone.action}, snapshot ${c.snapshot.action}${c.accessPoint ? `, access point ${c.accessPoint}` : ''}`,
    );
  }
  return lines.join('\n');
};
