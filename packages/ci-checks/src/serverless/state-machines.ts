import { isJsonObject, type JsonObject } from '../json';

/** One state machine of a serverless.yml (`stepFunctions.stateMachines.<key>`) with its ASL, when readable. */
export interface StateMachineEntry {
  readonly key: string;
  readonly config: JsonObject;
  /** The parsed ASL; undefined when the definition is neither inline nor a readable `${file(...)}`. */
  readonly definition: JsonObject | undefined;
}

export interface AslState {
  readonly name: string;
  readonly state: JsonObject;
}

const FILE_REFERENCE = /^\$\{file\(([^)]+)\)\}$/;

/**
 * The state machines of a parsed serverless.yml. `readFile` gets the path a `${file(./x.asl.yml)}`
 * definition names (as written) and returns the parsed YAML, so the caller decides how files are read.
 */
export const stateMachinesOf = (config: unknown, readFile: (path: string) => unknown): StateMachineEntry[] => {
  const machines = isJsonObject(config) && isJsonObject(config.stepFunctions) ? config.stepFunctions.stateMachines : {};
  if (!isJsonObject(machines)) return [];
  return Object.entries(machines).flatMap(([key, machine]) => {
    if (!isJsonObject(machine)) return [];
    const raw = machine.definition;
    const reference = typeof raw === 'string' ? FILE_REFERENCE.exec(raw)?.[1] : undefined;
    const definition = reference === undefined ? raw : readFile(reference);
    return [{ key, config: machine, definition: isJsonObject(definition) ? definition : undefined }];
  });
};

/** Every state of an ASL definition, nested ones too (Map item processors, Parallel branches). */
export const statesOf = (definition: JsonObject | undefined): AslState[] => {
  if (!definition || !isJsonObject(definition.States)) return [];
  return Object.entries(definition.States).flatMap(([name, state]) => {
    if (!isJsonObject(state)) return [];
    const nested = [state.ItemProcessor, state.Iterator, ...(Array.isArray(state.Branches) ? state.Branches : [])];
    return [{ name, state }, ...nested.flatMap((n) => (isJsonObject(n) ? statesOf(n) : []))];
  });
};

/** The serverless function a Task state invokes (`!GetAtt fn.Arn` as Resource or as Parameters.FunctionName). */
export const invokedFunctionOf = (state: JsonObject): string | undefined => {
  const parameters = isJsonObject(state.Parameters) ? state.Parameters : {};
  for (const target of [state.Resource, parameters.FunctionName]) {
    const getAtt = isJsonObject(target) ? target['Fn::GetAtt'] : undefined;
    if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return getAtt[0];
  }
  return undefined;
};
