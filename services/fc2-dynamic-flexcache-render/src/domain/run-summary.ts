/** The parts of the state machine's state the report reads (every section is optional: a run can stop anywhere). */
export interface RunState {
  readonly start?: { readonly plan?: { readonly jobId?: string; readonly cacheName?: string } };
  readonly submitted?: { readonly ontapCalls?: number; readonly reused?: boolean; readonly jobUuid?: string | null };
  readonly cacheCheck?: { readonly ontapCalls?: number; readonly readyAt?: string | null; readonly attempt?: number };
  readonly prepopulateSubmitted?: { readonly ontapCalls?: number };
  readonly prepopulateCheck?: { readonly ontapCalls?: number; readonly attempt?: number };
  readonly processed?: {
    readonly manifestKey?: string;
    readonly manifestName?: string;
    readonly totals?: {
      readonly files: number;
      readonly succeeded: number;
      readonly failed: number;
      readonly bytes: number;
    };
    readonly ms?: number;
  };
  readonly cleanup?: {
    readonly ontapCalls?: number;
    readonly cache?: { readonly action: string; readonly reason?: string };
  };
  readonly error?: { readonly Error?: string; readonly Cause?: string };
  readonly cleanupError?: { readonly Error?: string; readonly Cause?: string };
}

/** ONTAP requests the run's steps reported (retried attempts that failed are not included). */
export const ontapCallsOf = (run: RunState): number =>
  [run.submitted, run.cacheCheck, run.prepopulateSubmitted, run.prepopulateCheck, run.cleanup].reduce(
    (sum, section) => sum + (section?.ontapCalls ?? 0),
    0,
  );

/**
 * The error a run ended with, as `Name: message`. Lambda failures carry `{errorType, errorMessage}` JSON in
 * Cause; the boundary error's message already starts with the original name (`OntapJobFailed: …`).
 */
export const failureOf = (error: RunState['error']): { error: string; cause: string } | null => {
  if (error === undefined) return null;
  const name = error.Error ?? 'Error';
  let cause = error.Cause ?? '';
  try {
    const parsed = JSON.parse(cause) as { errorMessage?: unknown };
    if (typeof parsed.errorMessage === 'string') cause = parsed.errorMessage;
  } catch {
    // Cause is plain text (a Pass state's States.Format, or States.Timeout).
  }
  const original = /^([A-Za-z][A-Za-z0-9]*Error|[A-Z][A-Za-z0-9]+): /.exec(cause)?.[1];
  return { error: name === 'PermanentError' || name === 'TransientError' ? (original ?? name) : name, cause };
};

/** Milliseconds from the execution's start to the moment the cache was seen ready. */
export const cacheReadyMsOf = (run: RunState, startedAt: string): number | undefined => {
  const readyAt = run.cacheCheck?.readyAt;
  if (readyAt === undefined || readyAt === null) return undefined;
  return Math.max(0, Date.parse(readyAt) - Date.parse(startedAt));
};

/** 1 when nothing of the job is left on ONTAP (deleted now, or already gone), 0 when cleanup kept or failed. */
export const cleanupCompleteOf = (run: RunState): number | undefined => {
  if (run.cleanupError !== undefined) return 0;
  const action = run.cleanup?.cache?.action;
  if (action === undefined) return undefined;
  return action === 'deleted' || action === 'absent' ? 1 : 0;
};
