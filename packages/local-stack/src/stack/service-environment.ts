import { LocalStackError } from '../errors';
import type { LocalStackInfo } from './descriptor';

export interface LocalServiceEnvironmentOptions {
  /** `INFERENCE_MODE=local`: the inference ports use their offline adapters. Default true. */
  readonly inference?: boolean;
  /**
   * DuckDB instead of Athena, over the output volume: no analytics bucket offline, so table rows stay on the
   * volume under the output prefix, and DuckDB resolves table prefixes relative to the output volume's
   * directory. Default false.
   */
  readonly analytics?: boolean;
}

/**
 * The environment every per-file service's `local.ts` hands its handlers: the stack's input and output
 * access point aliases, the output prefix and path-style S3 (the emulator serves path-style URLs), plus the
 * offline inference and analytics settings when asked for. Spread it and add the service's own variables.
 */
export const localServiceEnvironment = (
  stack: LocalStackInfo,
  options: LocalServiceEnvironmentOptions = {},
): Record<string, string> => ({
  INPUT_ACCESS_POINT: stack.accessPoints.input.alias,
  OUTPUT_ACCESS_POINT: stack.accessPoints.output.alias,
  OUTPUT_PREFIX: stack.outputPrefix,
  S3_FORCE_PATH_STYLE: 'true',
  ...((options.inference ?? true) ? { INFERENCE_MODE: 'local' } : {}),
  ...(options.analytics === true
    ? { ANALYTICS_BUCKET: '', ANALYTICS_ENGINE: 'duckdb', ANALYTICS_LOCAL_ROOT: stack.accessPoints.output.rootDir }
    : {}),
});

/**
 * The alias the stack gave the volume access point `name` (the descriptor's `accessPoints.volumes`); throws
 * when the descriptor declares no such access point.
 */
export const volumeAccessPointAlias = (stack: LocalStackInfo, name: string): string => {
  const attached = stack.accessPoints.volumes.find((ap) => ap.name === name);
  if (attached === undefined) throw new LocalStackError(`the stack did not attach ${name}`);
  return attached.alias;
};
