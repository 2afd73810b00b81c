import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isRecord } from '../util/is-record';
import { parseCfnYaml } from './cfn-yaml';
import { ServiceConfigError } from './errors';
import { IntrinsicEvaluator } from './intrinsics';
import { VariableResolver } from './variables';

export const LOCAL_REGION = 'us-east-1';
export const LOCAL_ACCOUNT_ID = '000000000000';

export interface ServerlessFunction {
  key: string;
  /** Deployed name: `name:` if given, else `<service>-<stage>-<key>` as osls names it. */
  name: string;
  /** `src/handlers/parse.handler`: module path relative to the service dir, then the export name. */
  handler: string;
  /** Resolved osls variables; values may still be CloudFormation intrinsics (`{ Ref: … }`). */
  environment: Record<string, unknown>;
  timeoutSeconds: number;
}

export interface ServerlessStateMachine {
  key: string;
  id?: string;
  name?: string;
  definition: Record<string, unknown>;
}

export interface ServerlessService {
  serviceDir: string;
  service: string;
  stage: string;
  region: string;
  providerEnvironment: Record<string, unknown>;
  functions: Record<string, ServerlessFunction>;
  stateMachines: Record<string, ServerlessStateMachine>;
  /** CloudFormation Resources (logical id → resource), variables resolved. */
  resources: Record<string, unknown>;
  /** The whole resolved configuration, for anything service-specific. */
  config: Record<string, unknown>;
  /** Evaluates intrinsics with local physical names (e.g. created table names). */
  intrinsics(physicalNames?: Readonly<Record<string, string>>): IntrinsicEvaluator;
}

export interface LoadServiceOptions {
  stage?: string;
  params?: Readonly<Record<string, string>>;
  env?: Readonly<Record<string, string | undefined>>;
}

const recordAt = (value: unknown, where: string): Record<string, unknown> => {
  if (value === undefined || value === null) return {};
  if (!isRecord(value)) throw new ServiceConfigError(`${where} must be a mapping`);
  return value;
};

/** `resources:` is either one `{ Resources, Outputs }` block or a list of them (often `${file(…)}`s). */
const collectResources = (value: unknown): Record<string, unknown> => {
  const blocks = Array.isArray(value) ? value : [value];
  const out: Record<string, unknown> = {};
  for (const block of blocks)
    Object.assign(out, recordAt(isRecord(block) ? block.Resources : undefined, 'resources.Resources'));
  return out;
};

/** Reads `serverless.yml` of a service and resolves its osls variables for a local stage. */
export const loadServerlessService = async (
  serviceDir: string,
  options: LoadServiceOptions = {},
): Promise<ServerlessService> => {
  const stage = options.stage ?? 'local';
  const path = join(serviceDir, 'serverless.yml');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    throw new ServiceConfigError(`No serverless.yml in ${serviceDir}`, { cause });
  }
  let raw: unknown;
  try {
    raw = parseCfnYaml(text);
  } catch (cause) {
    throw new ServiceConfigError(`serverless.yml in ${serviceDir} is not valid YAML`, { cause });
  }
  const config = recordAt(
    new VariableResolver(raw, {
      stage,
      region: LOCAL_REGION,
      accountId: LOCAL_ACCOUNT_ID,
      options: { stage, region: LOCAL_REGION },
      params: options.params ?? {},
      env: options.env ?? process.env,
      serviceDir,
    }).resolveAll(),
    'serverless.yml',
  );

  const serviceField = config.service;
  const service = typeof serviceField === 'string' ? serviceField : String(recordAt(serviceField, 'service').name);
  const provider = recordAt(config.provider, 'provider');
  const defaultTimeout = typeof provider.timeout === 'number' ? provider.timeout : 6;

  const functions: Record<string, ServerlessFunction> = {};
  for (const [key, value] of Object.entries(recordAt(config.functions, 'functions'))) {
    const fn = recordAt(value, `functions.${key}`);
    if (typeof fn.handler !== 'string') throw new ServiceConfigError(`functions.${key}.handler must be a string`);
    functions[key] = {
      key,
      name: typeof fn.name === 'string' ? fn.name : `${service}-${stage}-${key}`,
      handler: fn.handler,
      environment: recordAt(fn.environment, `functions.${key}.environment`),
      timeoutSeconds: typeof fn.timeout === 'number' ? fn.timeout : defaultTimeout,
    };
  }

  const stateMachines: Record<string, ServerlessStateMachine> = {};
  const sfn = recordAt(config.stepFunctions, 'stepFunctions');
  for (const [key, value] of Object.entries(recordAt(sfn.stateMachines, 'stepFunctions.stateMachines'))) {
    const sm = recordAt(value, `stepFunctions.stateMachines.${key}`);
    const definition = typeof sm.definition === 'string' ? JSON.parse(sm.definition) : sm.definition;
    if (!isRecord(definition)) throw new ServiceConfigError(`stepFunctions.stateMachines.${key}.definition is missing`);
    stateMachines[key] = {
      key,
      definition,
      ...(typeof sm.id === 'string' ? { id: sm.id } : {}),
      ...(typeof sm.name === 'string' ? { name: sm.name } : {}),
    };
  }

  const resources = collectResources(config.resources);
  const functionNames = Object.fromEntries(Object.values(functions).map((f) => [f.key, f.name]));
  return {
    serviceDir,
    service,
    stage,
    region: LOCAL_REGION,
    providerEnvironment: recordAt(provider.environment, 'provider.environment'),
    functions,
    stateMachines,
    resources,
    config,
    intrinsics: (physicalNames) =>
      new IntrinsicEvaluator({
        stackName: `${service}-${stage}`,
        region: LOCAL_REGION,
        accountId: LOCAL_ACCOUNT_ID,
        resources,
        functionNames,
        ...(physicalNames ? { physicalNames } : {}),
      }),
  };
};
