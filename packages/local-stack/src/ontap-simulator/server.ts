import { timingSafeEqual } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { closeServer, listen as listenOn } from '../http/listen';
import { readBody } from '../http/read-body';
import { sendJson } from '../http/send-json';
import { sleep } from '../util/sleep';
import { ErrorCodes, invalidValue, OntapRestError, unexpectedArgument } from './errors';
import { jobLink } from './jobs';
import { type JsonObject, normaliseDottedKeys } from './json';
import type { Reply, RequestContext, Router, SimContext } from './router';

export interface FaultState {
  latencyMs: number;
  failures: Array<{ status: number }>;
}

export interface ServerOptions {
  readonly router: Router;
  readonly sim: SimContext;
  readonly faults: FaultState;
  readonly credentials: { readonly username: string; readonly password: string };
  readonly tls?: { readonly key: string | Buffer; readonly cert: string | Buffer };
  readonly host: string;
  readonly port: number;
}

const COMMON_HEADERS = {
  'Content-Type': 'application/hal+json',
  'Cache-Control': 'no-cache,no-store,must-revalidate',
  'X-Content-Type-Options': 'nosniff',
  Server: 'libzapid-httpd',
};

const MAX_BODY_BYTES = 1024 * 1024;

const send = (res: ServerResponse, status: number, body: JsonObject, extra: Record<string, string> = {}): void =>
  sendJson(res, status, body, { ...COMMON_HEADERS, ...extra });

const authorised = (header: string | undefined, expected: { username: string; password: string }): boolean => {
  if (header === undefined || !header.startsWith('Basic ')) return false;
  const given = Buffer.from(header.slice('Basic '.length), 'base64');
  const wanted = Buffer.from(`${expected.username}:${expected.password}`, 'utf8');
  return given.length === wanted.length && timingSafeEqual(given, wanted);
};

/** Splits `/api/a/b%2Fc` into decoded segments below `/api`; undefined when not an API path. */
const apiSegments = (pathname: string): string[] | undefined => {
  if (pathname !== '/api' && !pathname.startsWith('/api/')) return undefined;
  return pathname
    .slice('/api'.length)
    .split('/')
    .filter((s) => s !== '')
    .map((s) => decodeURIComponent(s));
};

const MUTATION_PARAMS = ['return_timeout', 'return_records'];

const finishJobReply = async (
  ctx: RequestContext,
  reply: Extract<Reply, { kind: 'job' }>,
): Promise<{ status: number; body: JsonObject }> => {
  const raw = ctx.query.get('return_timeout');
  let timeoutSeconds = 0;
  if (raw !== null) {
    if (!/^\d+$/.test(raw) || Number(raw) > 120) throw invalidValue(raw, 'return_timeout');
    timeoutSeconds = Number(raw);
  }
  const done = await ctx.sim.jobs.waitForEnd(reply.job, timeoutSeconds * 1000);
  const body: JsonObject = { job: { uuid: reply.job.uuid, _links: jobLink(reply.job.uuid) } };
  if (ctx.query.get('return_records') === 'true' && reply.records !== undefined) {
    body.num_records = reply.records.length;
    body.records = [...reply.records];
  }
  return { status: done ? reply.doneStatus : 202, body };
};

const handle = async (options: ServerOptions, req: IncomingMessage, res: ServerResponse): Promise<void> => {
  if (options.faults.latencyMs > 0) await sleep(options.faults.latencyMs);
  const injected = options.faults.failures.shift();
  if (injected !== undefined) {
    send(res, injected.status, {
      error: { message: `Injected failure (HTTP ${injected.status})`, code: String(injected.status) },
    });
    return;
  }
  if (!authorised(req.headers.authorization, options.credentials)) {
    send(
      res,
      401,
      { error: { message: 'Authentication failed.', code: '6' } },
      { 'WWW-Authenticate': 'Basic realm="ONTAP REST API"' },
    );
    return;
  }
  const url = new URL(req.url ?? '/', 'http://simulator');
  const method = req.method ?? 'GET';
  let segments: string[] | undefined;
  try {
    segments = apiSegments(url.pathname);
  } catch {
    throw new OntapRestError(400, ErrorCodes.invalidValue, 'Malformed percent-encoding in the request path');
  }
  if (segments === undefined) throw new OntapRestError(404, ErrorCodes.notFound, 'API not found');
  const match = options.router.match(method, segments);
  if (match.kind === 'extra-segment') {
    // What real ONTAP answers when a file-security path arrives with unencoded slashes.
    throw new OntapRestError(404, ErrorCodes.unexpectedArgument, `Unexpected argument "${match.segment}".`);
  }
  if (match.kind === 'method-not-allowed')
    throw new OntapRestError(405, ErrorCodes.invalidValue, `Method ${method} not allowed`);
  if (match.kind === 'none') throw new OntapRestError(404, ErrorCodes.notFound, 'API not found');

  if (method !== 'GET') {
    for (const key of url.searchParams.keys()) {
      if (!MUTATION_PARAMS.includes(key) && !(match.route.mutationParams ?? []).includes(key))
        throw unexpectedArgument(key);
    }
  }
  const text =
    method === 'GET'
      ? ''
      : await readBody(req, {
          maxBytes: MAX_BODY_BYTES,
          tooLarge: () => new OntapRestError(413, ErrorCodes.invalidValue, 'Request body too large'),
        });
  let parsed: unknown = {};
  if (text.trim() !== '') {
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new OntapRestError(400, ErrorCodes.invalidValue, 'The request body is not valid JSON');
    }
  }
  const ctx: RequestContext = {
    method,
    params: match.params,
    query: url.searchParams,
    body: normaliseDottedKeys(parsed),
    apiPath: url.pathname,
    selfHref: `${url.pathname}${url.search}`,
    sim: options.sim,
  };
  const reply = await match.route.handle(ctx);
  if (reply.kind === 'json') {
    send(res, reply.status, reply.body);
    return;
  }
  const { status, body } = await finishJobReply(ctx, reply);
  send(res, status, body);
};

export interface RunningServer {
  readonly baseUrl: string;
  close(): Promise<void>;
}

export const listen = async (options: ServerOptions): Promise<RunningServer> => {
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    handle(options, req, res).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (error instanceof OntapRestError) send(res, error.status, error.toBody());
      else send(res, 500, { error: { message: error instanceof Error ? error.message : String(error), code: '1' } });
    });
  };
  const server: Server =
    options.tls === undefined
      ? createHttpServer(listener)
      : createHttpsServer({ key: options.tls.key, cert: options.tls.cert }, listener);
  const { port } = await listenOn(server, options.port, options.host);
  const scheme = options.tls === undefined ? 'http' : 'https';
  return {
    baseUrl: `${scheme}://${options.host}:${port}`,
    close: () => closeServer(server),
  };
};
