import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { LocalStackError } from '../errors';
import { closeServer, listen } from '../http/listen';
import { readBody } from '../http/read-body';
import { sendJson } from '../http/send-json';
import { isRecord } from '../util/is-record';
import { TaskTokenApiError, TaskTokenRegistry } from './task-tokens';

export interface TaskTokenApi {
  /** Point `@aws-sdk/client-sfn` here (`endpoint` or env `AWS_ENDPOINT_URL_SFN`). */
  readonly endpoint: string;
  readonly registry: TaskTokenRegistry;
  stop(): Promise<void>;
}

export interface StartTaskTokenApiOptions {
  registry?: TaskTokenRegistry;
  host?: string;
  port?: number;
}

/** Request bodies of SendTask* are small (output is capped at 256 KiB by AWS). */
const MAX_BODY_BYTES = 1024 * 1024;
/** Not part of Step Functions: lets `fsxn review list` in another process see the paused tasks. */
export const PENDING_TASKS_PATH = '/local/pending-tasks';

class RequestError extends LocalStackError {
  override readonly name: string;
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = code;
  }
}

const send = (res: ServerResponse, status: number, body: unknown, errorType?: string) =>
  sendJson(res, status, body, {
    'content-type': 'application/x-amz-json-1.0',
    'x-amzn-requestid': randomUUID(),
    ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
  });

const sendError = (res: ServerResponse, status: number, code: string, message: string) =>
  send(res, status, { __type: `com.amazonaws.swf.service.v2.model#${code}`, message }, code);

const stringField = (body: Record<string, unknown>, field: string, required: boolean): string | undefined => {
  const value = body[field];
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'string') throw new RequestError('ValidationException', `${field} must be a string`);
  return value;
};

/**
 * Serves SendTaskSuccess, SendTaskFailure and SendTaskHeartbeat in the Step Functions JSON 1.0 protocol
 * over a task-token registry, so that an SFN client in any process resumes paused local executions.
 */
export const startTaskTokenApi = async (options: StartTaskTokenApiOptions = {}): Promise<TaskTokenApi> => {
  const registry = options.registry ?? new TaskTokenRegistry();

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'GET' && req.url === PENDING_TASKS_PATH) {
      send(res, 200, { tasks: registry.list() });
      return;
    }
    if (req.method !== 'POST') throw new RequestError('UnknownOperationException', 'Only POST is supported', 405);
    const target = String(req.headers['x-amz-target'] ?? '');
    const raw = await readBody(req, {
      maxBytes: MAX_BODY_BYTES,
      tooLarge: () => new RequestError('ValidationException', 'Request body too large', 413),
    });
    let body: unknown;
    try {
      body = raw === '' ? {} : JSON.parse(raw);
    } catch {
      throw new RequestError('SerializationException', 'Request body is not JSON');
    }
    if (!isRecord(body)) throw new RequestError('SerializationException', 'Request body must be a JSON object');
    const fields = body;
    const token = () => stringField(fields, 'taskToken', true) ?? '';
    switch (target) {
      case 'AWSStepFunctions.SendTaskSuccess':
        registry.sendSuccess(token(), stringField(fields, 'output', true) ?? '');
        break;
      case 'AWSStepFunctions.SendTaskFailure':
        registry.sendFailure(token(), stringField(fields, 'error', false), stringField(fields, 'cause', false));
        break;
      case 'AWSStepFunctions.SendTaskHeartbeat':
        registry.sendHeartbeat(token());
        break;
      default:
        throw new RequestError('UnknownOperationException', `Operation ${target || '(none)'} is not served locally`);
    }
    send(res, 200, {});
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (error instanceof TaskTokenApiError) sendError(res, 400, error.name, error.message);
      else if (error instanceof RequestError) sendError(res, error.status, error.code, error.message);
      else sendError(res, 500, 'InternalFailure', 'Internal error');
    });
  });
  const { address, port } = await listen(server, options.port, options.host);
  return {
    endpoint: `http://${address}:${port}`,
    registry,
    stop: () => closeServer(server),
  };
};
