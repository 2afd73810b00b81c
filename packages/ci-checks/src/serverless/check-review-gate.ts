import type { Finding } from '../findings';
import { isJsonObject } from '../json';
import { type StateMachineEntry, statesOf } from './state-machines';

const isTaskTokenTask = (state: Readonly<Record<string, unknown>>): boolean =>
  state.Type === 'Task' && typeof state.Resource === 'string' && state.Resource.endsWith('.waitForTaskToken');

/**
 * A high-risk use case holds items for a person: some Task of its state machines waits for a task token
 * (`….waitForTaskToken`), and a `reviewApi` function with HTTP events lets reviewers decide.
 */
export const checkReviewGate = (config: unknown, machines: readonly StateMachineEntry[], subject: string) => {
  const findings: Finding[] = [];
  const fail = (path: string, message: string) =>
    findings.push({ rule: 'review-gate', severity: 'error', subject, path, message });
  if (!machines.some((m) => statesOf(m.definition).some((s) => isTaskTokenTask(s.state)))) {
    fail('stepFunctions.stateMachines', 'needs a Task with a .waitForTaskToken resource (the review gate)');
  }
  const functions = isJsonObject(config) && isJsonObject(config.functions) ? config.functions : {};
  const reviewApi = functions.reviewApi;
  const events = isJsonObject(reviewApi) && Array.isArray(reviewApi.events) ? reviewApi.events : [];
  if (!events.some((e) => isJsonObject(e) && e.http !== undefined)) {
    fail('functions.reviewApi', 'needs a reviewApi function with http events (the review API)');
  }
  return findings;
};
