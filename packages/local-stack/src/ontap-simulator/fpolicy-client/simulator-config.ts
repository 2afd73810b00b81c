import type { OntapSimulatorState } from '../index';
import { isObject, type Json, type JsonObject } from '../json';
import { type FpolicyClientConfig, ONTAP_ENGINE_DEFAULTS } from './config';
import { FpolicyClientError } from './errors';
import { isoDurationToMs } from './iso-duration';
import type { EventProtocol, FileOperationFlags } from './operations';

/** Which simulator policy the client acts for. */
export interface SimulatorPolicySource {
  readonly simulator: { readonly state: OntapSimulatorState };
  readonly svmName: string;
  readonly policyName: string;
  /** The policy's event to report (its protocol and operations); default the first event of the policy. */
  readonly eventName?: string;
}

const text = (record: JsonObject, key: string): string | undefined => {
  const value = record[key];
  return typeof value === 'string' ? value : undefined;
};

const strings = (value: Json | undefined): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

const names = (value: Json | undefined): string[] =>
  Array.isArray(value) ? value.flatMap((v) => (isObject(v) && typeof v.name === 'string' ? [v.name] : [])) : [];

const byName = (records: readonly JsonObject[], name: string): JsonObject | undefined =>
  records.find((r) => r.name === name);

const duration = (record: JsonObject, key: string, fallbackMs: number): number => {
  const value = text(record, key);
  return value === undefined ? fallbackMs : isoDurationToMs(value);
};

const PROTOCOLS: readonly EventProtocol[] = ['cifs', 'nfsv3', 'nfsv4'];

/**
 * Reads the policy, its engine, event and volume scope from the simulator's FPolicy objects, as ONTAP does when a
 * policy is enabled. Only an enabled policy with an external engine connects to servers.
 */
export const configFromSimulator = (source: SimulatorPolicySource): FpolicyClientConfig => {
  const { state } = source.simulator;
  const fpolicy = state.fpolicy(source.svmName);
  const policy = byName(fpolicy.policies, source.policyName);
  if (policy === undefined) throw new FpolicyClientError(`FPolicy policy ${source.policyName} does not exist`);
  if (policy.enabled !== true) {
    throw new FpolicyClientError(`FPolicy policy ${source.policyName} is not enabled; ONTAP connects only then`);
  }
  const engineName = isObject(policy.engine) ? text(policy.engine, 'name') : undefined;
  const engine = engineName === undefined ? undefined : byName(fpolicy.engines, engineName);
  if (engine === undefined) {
    throw new FpolicyClientError(`FPolicy policy ${source.policyName} uses the native engine: no external server`);
  }
  const eventName = source.eventName ?? names(policy.events)[0];
  const event = eventName === undefined ? undefined : byName(fpolicy.events, eventName);
  if (event === undefined || !names(policy.events).includes(String(event.name))) {
    throw new FpolicyClientError(`FPolicy policy ${source.policyName} has no event ${eventName ?? ''}`);
  }
  const protocol = PROTOCOLS.find((p) => p === text(event, 'protocol'));
  if (protocol === undefined) throw new FpolicyClientError(`FPolicy event ${String(event.name)} has no protocol`);
  const fileOperations: FileOperationFlags = {};
  if (isObject(event.file_operations)) {
    for (const op of ['create', 'write', 'close', 'rename', 'delete'] as const) {
      if (event.file_operations[op] === true) fileOperations[op] = true;
    }
  }

  const port = typeof engine.port === 'number' ? engine.port : Number.NaN;
  const scope = isObject(policy.scope) ? policy.scope : {};
  const include = strings(scope.include_volumes);
  const exclude = new Set(strings(scope.exclude_volumes));
  const inScope = (name: string): boolean =>
    !exclude.has(name) && (include.length === 0 || include.includes('*') || include.includes(name));
  const volumes = state
    .volumes()
    .filter((v) => v.svm === source.svmName && inScope(v.name))
    .map((v) => ({ name: v.name, msid: v.msid, dir: v.dir }));

  return {
    svm: { name: source.svmName, uuid: state.svmUuid(source.svmName) },
    policyName: source.policyName,
    engine: {
      primaryServers: strings(engine.primary_servers).map((host) => ({ host, port })),
      type: engine.type === 'asynchronous' ? 'asynchronous' : 'synchronous',
      keepAliveIntervalMs: duration(engine, 'keep_alive_interval', ONTAP_ENGINE_DEFAULTS.keepAliveIntervalMs),
      sessionTimeoutMs: duration(engine, 'session_timeout', ONTAP_ENGINE_DEFAULTS.sessionTimeoutMs),
      maxConnectionRetries:
        typeof engine.max_connection_retries === 'number'
          ? engine.max_connection_retries
          : ONTAP_ENGINE_DEFAULTS.maxConnectionRetries,
    },
    events: { protocol, fileOperations },
    volumes,
  };
};
