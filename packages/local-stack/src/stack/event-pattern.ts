import { LocalStackError } from '../errors';
import type { ServerlessService } from '../state-machine/service';
import { isRecord } from '../util/is-record';

/** A pattern EventBridge would refuse, or one using an operator the local matcher does not implement. */
export class EventPatternError extends LocalStackError {
  override readonly name = 'EventPatternError';
}

/** An EventBridge event pattern: field names mapping to nested patterns or to arrays of match values. */
export type EventPattern = Readonly<Record<string, unknown>>;

export const SUPPORTED_OPERATORS = ['prefix', 'suffix', 'anything-but', 'exists'] as const;

type Scalar = string | number | boolean | null;
/** One element of a leaf array, checked against one event value. */
type ValueTest = (value: Scalar) => boolean;
/** One element of a leaf array: a value test, or `exists` (a test on the field's presence). */
type LeafElement =
  | { readonly kind: 'value'; readonly test: ValueTest }
  | { readonly kind: 'exists'; readonly present: boolean };
type CompiledNode =
  | { readonly kind: 'object'; readonly fields: readonly (readonly [string, CompiledNode])[] }
  | { readonly kind: 'leaf'; readonly elements: readonly LeafElement[] };

const isScalar = (value: unknown): value is Scalar =>
  value === null ||
  typeof value === 'string' ||
  typeof value === 'boolean' ||
  (typeof value === 'number' && Number.isFinite(value));

const describe = (value: unknown): string => JSON.stringify(value)?.slice(0, 120) ?? String(value);

const stringOperand = (operator: string, operand: unknown, where: string): string => {
  if (typeof operand === 'string') return operand;
  if (isRecord(operand)) {
    throw new EventPatternError(
      `${where}: "${operator}": ${describe(operand)} is not supported by the local matcher (only a plain string)`,
    );
  }
  throw new EventPatternError(`${where}: "${operator}" needs a string, got ${describe(operand)}`);
};

const anythingBut = (operand: unknown, where: string): ValueTest => {
  if (isRecord(operand)) {
    const keys = Object.keys(operand);
    const [key] = keys;
    if (keys.length === 1 && (key === 'prefix' || key === 'suffix')) {
      const text = stringOperand(`anything-but.${key}`, operand[key], where);
      // A value that is not a string cannot start or end with the text, so it is "anything but" it.
      return key === 'prefix'
        ? (v) => !(typeof v === 'string' && v.startsWith(text))
        : (v) => !(typeof v === 'string' && v.endsWith(text));
    }
    throw new EventPatternError(
      `${where}: "anything-but": ${describe(operand)} is not supported by the local matcher (a value, a list, prefix or suffix)`,
    );
  }
  const excluded = Array.isArray(operand) ? operand : [operand];
  if (excluded.length === 0) throw new EventPatternError(`${where}: "anything-but" needs at least one value`);
  for (const value of excluded) {
    if (typeof value !== 'string' && !(typeof value === 'number' && Number.isFinite(value))) {
      throw new EventPatternError(`${where}: "anything-but" takes strings or numbers, got ${describe(value)}`);
    }
  }
  return (v) => !excluded.includes(v);
};

const compileLeafElement = (element: unknown, where: string): LeafElement => {
  if (isScalar(element)) return { kind: 'value', test: (v) => v === element };
  if (!isRecord(element)) throw new EventPatternError(`${where}: ${describe(element)} is not a match value`);
  const keys = Object.keys(element);
  const [operator] = keys;
  if (keys.length !== 1 || operator === undefined) {
    throw new EventPatternError(`${where}: a match object has exactly one operator, got ${describe(keys)}`);
  }
  const operand = element[operator];
  switch (operator) {
    case 'prefix': {
      const text = stringOperand(operator, operand, where);
      return { kind: 'value', test: (v) => typeof v === 'string' && v.startsWith(text) };
    }
    case 'suffix': {
      const text = stringOperand(operator, operand, where);
      return { kind: 'value', test: (v) => typeof v === 'string' && v.endsWith(text) };
    }
    case 'anything-but':
      return { kind: 'value', test: anythingBut(operand, where) };
    case 'exists':
      if (typeof operand !== 'boolean') {
        throw new EventPatternError(`${where}: "exists" needs true or false, got ${describe(operand)}`);
      }
      return { kind: 'exists', present: operand };
    default:
      throw new EventPatternError(
        `${where}: operator "${operator}" is not supported by the local matcher (supported: ${SUPPORTED_OPERATORS.join(', ')})`,
      );
  }
};

const compileNode = (pattern: unknown, where: string): CompiledNode => {
  if (Array.isArray(pattern)) {
    if (pattern.length === 0)
      throw new EventPatternError(`${where}: an empty array matches nothing (EventBridge refuses it)`);
    return { kind: 'leaf', elements: pattern.map((element, i) => compileLeafElement(element, `${where}[${i}]`)) };
  }
  if (!isRecord(pattern)) {
    throw new EventPatternError(`${where}: match values must be in an array, got ${describe(pattern)}`);
  }
  const fields: (readonly [string, CompiledNode])[] = [];
  for (const [key, value] of Object.entries(pattern)) {
    if (key === '$or') throw new EventPatternError(`${where}: "$or" is not supported by the local matcher`);
    fields.push([key, compileNode(value, where === '' ? key : `${where}.${key}`)]);
  }
  return { kind: 'object', fields };
};

/**
 * The leaf values of an event field: a scalar, or the scalars of an array (nested arrays flattened).
 * Objects are not leaves (EventBridge flattens them into other fields), so an object-only field has none.
 */
const leafValues = (value: unknown): Scalar[] => {
  if (isScalar(value)) return [value];
  if (Array.isArray(value)) return value.flatMap(leafValues);
  return [];
};

/** The objects of an event field a nested pattern descends into; an absent field acts as an empty object. */
const nestedObjects = (value: unknown): Record<string, unknown>[] => {
  if (isRecord(value)) return [value];
  const objects = Array.isArray(value) ? value.filter(isRecord) : [];
  return objects.length > 0 ? objects : [{}];
};

const matchesNode = (node: CompiledNode, value: unknown): boolean => {
  if (node.kind === 'object') {
    return nestedObjects(value).some((object) =>
      node.fields.every(([key, child]) => matchesNode(child, Object.hasOwn(object, key) ? object[key] : undefined)),
    );
  }
  const leaves = leafValues(value);
  return node.elements.some((element) =>
    element.kind === 'exists' ? element.present === leaves.length > 0 : leaves.some((leaf) => element.test(leaf)),
  );
};

/**
 * Compiles an EventBridge pattern once; throws `EventPatternError` for a malformed pattern or an operator outside
 * the supported subset (exact values, `prefix`, `suffix`, `anything-but` with values/prefix/suffix, `exists`).
 * Semantics as documented by AWS: fields are ANDed, the values of a field's array ORed; an event array matches
 * when any of its elements does; a missing field matches only `exists: false`; `null` and `""` are distinct values.
 */
export const compileEventPattern = (pattern: unknown): ((event: unknown) => boolean) => {
  if (!isRecord(pattern)) throw new EventPatternError(`an event pattern is an object, got ${describe(pattern)}`);
  const root = compileNode(pattern, '');
  return (event) => matchesNode(root, event);
};

/** Whether `event` matches the EventBridge `pattern` (see `compileEventPattern`). */
export const matchesEventPattern = (pattern: unknown, event: unknown): boolean => compileEventPattern(pattern)(event);

/** One `eventBridge` trigger of a state machine, as serverless-step-functions declares it. */
export interface EventBridgeRule {
  readonly pattern: EventPattern;
  readonly eventBusName?: string;
  /** False when the trigger mode turns the rule off (`enabled: ${self:custom.trigger.<mode>.events}`). */
  readonly enabled: boolean;
  /** Static `input` the target gets instead of the event, when the rule declares one. */
  readonly input?: unknown;
}

/**
 * The `eventBridge` events of a state machine in the resolved serverless.yml (the loader keeps only the
 * definition in `stateMachines`, the events stay in `config`). Rules that rewrite the event with `inputPath` or
 * `inputTransformer` are refused: the local loop hands the target the event itself or the rule's `input`.
 */
export const eventBridgeRulesOf = (
  service: Pick<ServerlessService, 'config'>,
  stateMachineKey: string,
): EventBridgeRule[] => {
  const stepFunctions = service.config.stepFunctions;
  const machines = isRecord(stepFunctions) ? stepFunctions.stateMachines : undefined;
  const machine = isRecord(machines) ? machines[stateMachineKey] : undefined;
  if (!isRecord(machine)) throw new EventPatternError(`serverless.yml has no state machine "${stateMachineKey}"`);
  const events = Array.isArray(machine.events) ? machine.events : [];
  const rules: EventBridgeRule[] = [];
  for (const [index, entry] of events.entries()) {
    const rule = isRecord(entry) ? entry.eventBridge : undefined;
    if (!isRecord(rule)) continue;
    const where = `stateMachines.${stateMachineKey}.events[${index}].eventBridge`;
    if (rule.inputPath !== undefined || rule.inputTransformer !== undefined) {
      throw new EventPatternError(`${where}: inputPath and inputTransformer are not supported locally`);
    }
    const pattern = rule.event ?? rule.pattern;
    try {
      compileEventPattern(pattern);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new EventPatternError(`${where}.event: ${reason}`, { cause: error });
    }
    rules.push({
      pattern: pattern as EventPattern,
      enabled: rule.enabled === undefined ? true : rule.enabled === true || rule.enabled === 'true',
      ...(typeof rule.eventBusName === 'string' ? { eventBusName: rule.eventBusName } : {}),
      ...(rule.input !== undefined ? { input: rule.input } : {}),
    });
  }
  return rules;
};
