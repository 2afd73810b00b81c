import { FpolicyClientError } from './errors';
import type { EventProtocol, FileOperationFlags } from './operations';

export interface FpolicyServerAddress {
  readonly host: string;
  readonly port: number;
}

export type EngineType = 'synchronous' | 'asynchronous';

/** What ONTAP knows when it acts as the FPolicy client: the SVM, the policy and its engine, event and scope. */
export interface FpolicyClientConfig {
  readonly svm: { readonly name: string; readonly uuid: string };
  readonly policyName: string;
  readonly engine: {
    readonly primaryServers: readonly FpolicyServerAddress[];
    readonly type: EngineType;
    /** ONTAP default PT2M. */
    readonly keepAliveIntervalMs: number;
    /** Reconnecting within this reuses the SessionId; ONTAP default PT10S. */
    readonly sessionTimeoutMs: number;
    /** NEGO_REQ resends after the first one when no NEGO_RESP came within the wait; ONTAP default 5. */
    readonly maxConnectionRetries: number;
  };
  readonly events: { readonly protocol: EventProtocol; readonly fileOperations: FileOperationFlags };
  /** Volumes in the policy scope: `msid` is the only volume identity a SCREEN_REQ carries. */
  readonly volumes: readonly { readonly name: string; readonly msid: number; readonly dir: string }[];
}

export const ONTAP_ENGINE_DEFAULTS = {
  keepAliveIntervalMs: 120_000,
  sessionTimeoutMs: 10_000,
  maxConnectionRetries: 5,
} as const;

const positive = (value: number, name: string): void => {
  if (!Number.isFinite(value) || value <= 0) throw new FpolicyClientError(`${name} must be a positive number`);
};

/** Refuses a configuration ONTAP would not accept or the client could not act on. */
export const validateClientConfig = (config: FpolicyClientConfig): FpolicyClientConfig => {
  if (config.svm.uuid === '' || config.policyName === '') {
    throw new FpolicyClientError('svm.uuid and policyName must not be empty');
  }
  if (config.engine.primaryServers.length === 0) throw new FpolicyClientError('the engine has no primary server');
  for (const server of config.engine.primaryServers) {
    if (!Number.isInteger(server.port) || server.port < 1 || server.port > 65_535) {
      throw new FpolicyClientError(`FPolicy server port ${server.port} is not a TCP port`);
    }
  }
  positive(config.engine.keepAliveIntervalMs, 'keepAliveIntervalMs');
  positive(config.engine.sessionTimeoutMs, 'sessionTimeoutMs');
  const retries = config.engine.maxConnectionRetries;
  if (!Number.isInteger(retries) || retries < 0 || retries > 20) {
    throw new FpolicyClientError('maxConnectionRetries must be an integer from 0 to 20 (the ONTAP range)');
  }
  const names = new Set<string>();
  for (const volume of config.volumes) {
    if (names.has(volume.name)) throw new FpolicyClientError(`volume ${volume.name} is listed twice`);
    names.add(volume.name);
    if (!Number.isSafeInteger(volume.msid) || volume.msid < 0) {
      throw new FpolicyClientError(`volume ${volume.name} has an invalid msid`);
    }
  }
  return config;
};
