/** Base of every error this package throws; `transient` tells a handler whether a retry can succeed. */
export class AnalyticsError extends Error {
  override readonly name: string = 'AnalyticsError';
  readonly transient: boolean;

  constructor(message: string, options: { cause?: unknown; transient?: boolean } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.transient = options.transient ?? false;
  }
}

/** Athena ran the query and it ended FAILED or CANCELLED; `reason` is Athena's StateChangeReason. */
export class AnalyticsQueryFailedError extends AnalyticsError {
  override readonly name = 'AnalyticsQueryFailedError';
  readonly queryExecutionId: string;
  readonly state: string;
  readonly reason: string | undefined;

  constructor(
    details: { queryExecutionId: string; state: string; reason?: string | undefined; retryable?: boolean },
    options: { cause?: unknown } = {},
  ) {
    super(`Athena query ${details.queryExecutionId} ended ${details.state}: ${details.reason ?? 'no reason given'}`, {
      ...options,
      transient: details.retryable ?? false,
    });
    this.queryExecutionId = details.queryExecutionId;
    this.state = details.state;
    this.reason = details.reason;
  }
}

/**
 * The query did not finish within the engine's time budget (it was stopped). Still QUEUED means Athena
 * lacked capacity, which a later retry can get; still RUNNING means the query is too slow for the budget.
 */
export class AnalyticsTimeoutError extends AnalyticsError {
  override readonly name = 'AnalyticsTimeoutError';
  readonly queryExecutionId: string;
  readonly lastState: string;

  constructor(details: { queryExecutionId: string; lastState: string; timeoutMs: number }) {
    super(
      `Athena query ${details.queryExecutionId} still ${details.lastState} after ${details.timeoutMs} ms; stopped it`,
      { transient: details.lastState === 'QUEUED' },
    );
    this.queryExecutionId = details.queryExecutionId;
    this.lastState = details.lastState;
  }
}
