import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { HandlerResolutionError } from './errors';
import { functionLogicalId } from './intrinsics';
import type { ServerlessFunction, ServerlessService } from './service';

/** The Lambda Context fields handlers read; structurally compatible with `aws-lambda`'s Context. */
export interface LocalLambdaContext {
  callbackWaitsForEmptyEventLoop: boolean;
  functionName: string;
  functionVersion: string;
  invokedFunctionArn: string;
  memoryLimitInMB: string;
  awsRequestId: string;
  logGroupName: string;
  logStreamName: string;
  getRemainingTimeInMillis(): number;
  done(): void;
  fail(): void;
  succeed(): void;
}

export type LocalLambdaHandler = (event: unknown, context: LocalLambdaContext) => unknown;

/** A function the runner can invoke: the handler plus what its Context reports. */
export interface LocalFunction {
  handler: LocalLambdaHandler;
  functionName?: string;
  timeoutSeconds?: number;
}

/** A fresh Context per invocation (new request id), with the deadline of the function's timeout. */
export const lambdaContext = (functionName: string, timeoutSeconds = 900): LocalLambdaContext => {
  const deadline = Date.now() + timeoutSeconds * 1000;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `local/[$LATEST]${randomUUID().replaceAll('-', '')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
};

const MODULE_EXTENSIONS = ['.ts', '.mts', '.js', '.mjs', '.cjs'];

/**
 * Imports `src/handlers/parse.handler` of a service: the module file, then its named export. `instance`
 * gives each stack its own copy of the handler module: handlers keep config and SDK clients at module scope
 * (as in Lambda), so a second stack in the same process must not reuse the first stack's endpoints.
 */
export const importHandler = async (
  serviceDir: string,
  fn: ServerlessFunction,
  instance?: string,
): Promise<LocalLambdaHandler> => {
  const dot = fn.handler.lastIndexOf('.');
  if (dot < 0) throw new HandlerResolutionError(`functions.${fn.key}.handler "${fn.handler}" has no export name`);
  const modulePath = fn.handler.slice(0, dot);
  const exportName = fn.handler.slice(dot + 1);
  const file = MODULE_EXTENSIONS.map((ext) => join(serviceDir, modulePath + ext)).find((p) => existsSync(p));
  if (!file) throw new HandlerResolutionError(`functions.${fn.key}: no module ${modulePath}.ts in ${serviceDir}`);
  let mod: Record<string, unknown>;
  try {
    const url = pathToFileURL(file);
    if (instance !== undefined) url.searchParams.set('fsxn-stack', instance);
    mod = await import(url.href);
  } catch (cause) {
    throw new HandlerResolutionError(`functions.${fn.key}: importing ${file} failed`, { cause });
  }
  const handler = mod[exportName];
  if (typeof handler !== 'function') {
    throw new HandlerResolutionError(`functions.${fn.key}: ${file} does not export a function "${exportName}"`);
  }
  return (event, context) => handler(event, context);
};

/** Imports every function of a service. Call after `process.env` is set: handlers read it at import. */
export const loadServiceFunctions = async (
  service: ServerlessService,
  instance?: string,
): Promise<Record<string, LocalFunction>> => {
  const out: Record<string, LocalFunction> = {};
  for (const fn of Object.values(service.functions)) {
    out[fn.key] = {
      handler: await importHandler(service.serviceDir, fn, instance),
      functionName: fn.name,
      timeoutSeconds: fn.timeoutSeconds,
    };
  }
  return out;
};

/** Maps deployed names and generated logical ids to function keys, for Task resources that use them. */
export const functionAliases = (service: ServerlessService): Record<string, string> => {
  const aliases: Record<string, string> = {};
  for (const fn of Object.values(service.functions)) {
    aliases[fn.name] = fn.key;
    aliases[functionLogicalId(fn.key)] = fn.key;
  }
  return aliases;
};
