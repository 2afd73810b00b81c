import type { EndpointHealth } from './health';
import { failedChecksOf } from './health';

export type RunStatus =
  | 'HEALTHY'
  | 'ROUTE_INITIALISED'
  | 'FAILED_OVER'
  | 'CHANGE_REJECTED'
  | 'NO_HEALTHY_ENDPOINT'
  | 'FAILED';

export interface Failure {
  readonly error: string;
  readonly cause: string;
}

/**
 * The error a failed step ended the run with, by its own name. lambda-kit rethrows handler errors as
 * TransientError/PermanentError with the message `<OriginalName>: <message>`; this recovers the name.
 */
export const failureOf = (caught: { Error?: string; Cause?: string }): Failure => {
  const outer = caught.Error ?? 'Error';
  let message = caught.Cause ?? '';
  try {
    const parsed: unknown = JSON.parse(message);
    if (
      parsed !== null &&
      typeof parsed === 'object' &&
      'errorMessage' in parsed &&
      typeof parsed.errorMessage === 'string'
    )
      message = parsed.errorMessage;
  } catch {
    // States.* errors carry plain text causes.
  }
  const named = /^([A-Z][A-Za-z0-9]*): ([\s\S]*)$/.exec(message);
  if ((outer === 'PermanentError' || outer === 'TransientError') && named?.[1] !== undefined)
    return { error: named[1], cause: named[2] ?? '' };
  return { error: outer, cause: message };
};

/** The reason recorded for an unhealthy endpoint in the run report's item list. */
export const unhealthyReason = (health: EndpointHealth): string => {
  const failed = failedChecksOf(health);
  return failed.length === 0 ? 'unhealthy: the access point read did not succeed' : `unhealthy: ${failed.join('; ')}`;
};

/** One line per fact an operator needs from the notification. */
export const summarize = (input: {
  service: string;
  status: RunStatus;
  health: readonly EndpointHealth[];
  activeBefore: string | null;
  activeAfter: string | null;
  failure: Failure | null;
}): string => {
  const healthy = input.health.filter((h) => h.healthy).length;
  const lines = [
    `${input.service}: ${input.status}; ${healthy}/${input.health.length} endpoints healthy; route ${input.activeBefore ?? '(none)'} -> ${input.activeAfter ?? '(none)'}`,
  ];
  for (const h of input.health.filter((e) => !e.healthy)) lines.push(`  ${h.id}: ${unhealthyReason(h)}`);
  if (input.failure !== null) lines.push(`  failed: ${input.failure.error}: ${input.failure.cause}`);
  return lines.join('\n');
};
