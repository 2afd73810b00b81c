import type { Finding } from '../findings';
import { isJsonObject } from '../json';
import { invokedFunctionOf, type StateMachineEntry, statesOf } from './state-machines';

export const TRIGGER_MODES = ['POLLING', 'EVENT_DRIVEN', 'HYBRID'] as const;

/** What each trigger mode switches on (docs/service-template.md): HYBRID polls, listens and deduplicates. */
const EXPECTED_SWITCHES: Readonly<Record<(typeof TRIGGER_MODES)[number], Record<string, string>>> = {
  POLLING: { polling: 'true', events: 'false', dedup: 'false' },
  EVENT_DRIVEN: { polling: 'false', events: 'true', dedup: 'false' },
  HYBRID: { polling: 'true', events: 'true', dedup: 'true' },
};

/** A serverless variable reference, `${expression}`. */
const variable = (expression: string) => `\${${expression}}`;
const MODE_PARAM = variable('param:triggerMode');
const switchOf = (name: string) => variable(`self:custom.trigger.${MODE_PARAM}.${name}`);

export const FPOLICY_EVENT_SOURCE = 'fsxn.fpolicy';
export const FPOLICY_DETAIL_TYPE = 'FPolicy File Operation';

/** The state machines that start with per-file discovery: a `Discover` Task state, and the function it calls. */
export const discoverStepsOf = (
  machines: readonly StateMachineEntry[],
): { machine: StateMachineEntry; functionName: string | undefined }[] =>
  machines.flatMap((machine) =>
    statesOf(machine.definition)
      .filter((s) => s.name === 'Discover' && s.state.Type === 'Task')
      .map((s) => ({ machine, functionName: invokedFunctionOf(s.state) })),
  );

const get = (value: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>((at, key) => (isJsonObject(at) ? at[key] : undefined), value);

const listIncludes = (value: unknown, wanted: string): boolean => Array.isArray(value) && value.includes(wanted);

/**
 * A per-file pipeline offers the three trigger modes from one stage parameter: `params.default.triggerMode`
 * selects a `custom.trigger` entry whose switches enable the schedule, enable the FPolicy EventBridge rule
 * and turn on HYBRID deduplication in the discover function. Services without a Discover step are not
 * per-file pipelines and get no findings.
 */
export const checkTriggerModes = (config: unknown, machines: readonly StateMachineEntry[], subject: string) => {
  const findings: Finding[] = [];
  const fail = (path: string, message: string) =>
    findings.push({ rule: 'trigger-modes', severity: 'error', subject, path, message });
  const steps = discoverStepsOf(machines);
  if (steps.length === 0) return findings;

  const mode = get(config, 'params', 'default', 'triggerMode');
  if (typeof mode !== 'string' || !(TRIGGER_MODES as readonly string[]).includes(mode)) {
    fail('params.default.triggerMode', `must be one of ${TRIGGER_MODES.join(', ')}, found ${JSON.stringify(mode)}`);
  }
  if (get(config, 'provider', 'environment', 'TRIGGER_MODE') !== MODE_PARAM) {
    fail('provider.environment.TRIGGER_MODE', `must be ${MODE_PARAM}`);
  }
  for (const name of TRIGGER_MODES) {
    for (const [key, expected] of Object.entries(EXPECTED_SWITCHES[name])) {
      const actual = get(config, 'custom', 'trigger', name, key);
      if (actual === undefined || String(actual) !== expected) {
        fail(`custom.trigger.${name}.${key}`, `must be ${expected}, found ${JSON.stringify(actual)}`);
      }
    }
  }

  for (const { machine, functionName } of steps) {
    const at = `stepFunctions.stateMachines.${machine.key}.events`;
    const events = Array.isArray(machine.config.events) ? machine.config.events : [];
    const schedules = events.map((e) => get(e, 'schedule')).filter(isJsonObject);
    const rules = events.map((e) => get(e, 'eventBridge')).filter(isJsonObject);
    if (!schedules.some((s) => s.enabled === switchOf('polling'))) {
      fail(at, `needs a schedule event with enabled: ${switchOf('polling')}`);
    }
    const fpolicyRules = rules.filter(
      (r) =>
        listIncludes(get(r, 'event', 'source'), FPOLICY_EVENT_SOURCE) &&
        listIncludes(get(r, 'event', 'detail-type'), FPOLICY_DETAIL_TYPE),
    );
    if (fpolicyRules.length === 0) {
      fail(
        at,
        `needs an eventBridge event matching source ${FPOLICY_EVENT_SOURCE}, detail-type ${FPOLICY_DETAIL_TYPE}`,
      );
    } else if (!fpolicyRules.every((r) => r.enabled === switchOf('events'))) {
      fail(at, `every FPolicy eventBridge event needs enabled: ${switchOf('events')}`);
    }

    if (functionName === undefined) {
      fail(`${at.replace(/\.events$/, '')}.Discover`, 'the Discover state must invoke a function of this service');
      continue;
    }
    if (get(config, 'functions', functionName, 'environment', 'DEDUP_ENABLED') !== switchOf('dedup')) {
      fail(`functions.${functionName}.environment.DEDUP_ENABLED`, `must be ${switchOf('dedup')} (HYBRID dedup)`);
    }
  }
  return findings;
};
