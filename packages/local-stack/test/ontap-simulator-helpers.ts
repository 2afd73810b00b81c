import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const AUTH = { username: 'admin', password: 'S3cret-pass!' };
export const authHeader = `Basic ${Buffer.from(`${AUTH.username}:${AUTH.password}`).toString('base64')}`;

export interface RawResponse {
  status: number;
  body: Record<string, unknown>;
}

/** A plain HTTP call to the simulator (no client library), so these tests check the wire format. */
export const call = async (
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
  auth = authHeader,
): Promise<RawResponse> => {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { Authorization: auth, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>) };
};

/** Polls a job until it is terminal (the simulator's jobs end after tens of milliseconds). */
export const waitJob = async (baseUrl: string, uuid: string): Promise<Record<string, unknown>> => {
  for (let i = 0; i < 200; i++) {
    const { body } = await call(baseUrl, 'GET', `/api/cluster/jobs/${uuid}`);
    if (body.state === 'success' || body.state === 'failure') return body;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`job ${uuid} did not finish`);
};

export const jobUuid = (body: Record<string, unknown>): string => {
  const job = body.job as { uuid?: unknown } | undefined;
  if (typeof job?.uuid !== 'string') throw new Error(`no job in ${JSON.stringify(body)}`);
  return job.uuid;
};

/** A temporary directory tree: `{ 'a/b.txt': 'text' }`. */
export const makeTree = async (files: Record<string, string>): Promise<string> => {
  const root = await mkdtemp(join(tmpdir(), 'ontap-sim-test-'));
  for (const [path, content] of Object.entries(files)) {
    await mkdir(join(root, path, '..'), { recursive: true });
    await writeFile(join(root, path), content);
  }
  return root;
};

export const removeTree = (dir: string) => rm(dir, { recursive: true, force: true });
