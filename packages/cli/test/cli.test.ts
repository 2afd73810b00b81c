import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunReportJson } from '../src/run-report';

const BIN = join(import.meta.dirname, '..', 'bin', 'fsxn.mjs');
const FIXTURE = join(import.meta.dirname, '..', '..', 'local-stack', 'test', 'fixtures', 'sample-service');

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

const start = (args: string[], cwd: string): { child: ChildProcess; done: Promise<Finished>; stderr: () => string } => {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (c: Buffer) => {
    stdout += c.toString();
  });
  child.stderr?.on('data', (c: Buffer) => {
    stderr += c.toString();
  });
  const done = new Promise<Finished>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  return { child, done, stderr: () => stderr };
};

const untilStderr = async (proc: ReturnType<typeof start>, pattern: RegExp) => {
  while (!pattern.test(proc.stderr())) {
    const exited = await Promise.race([proc.done.then(() => true), new Promise((r) => setTimeout(r, 100, false))]);
    if (exited) throw new Error(`process exited before ${pattern}: ${proc.stderr()}`);
  }
};

describe('fsxn CLI (subprocess)', () => {
  let root: string;
  const files = { 'a.txt': 'one', 'transient.txt': 'two', 'broken.txt': 'three', 'skip.txt': 'four' };

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'fsxn-cli-'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  const volume = async (name: string) => {
    const dir = join(root, name);
    await mkdir(dir, { recursive: true });
    for (const [k, v] of Object.entries(files)) await writeFile(join(dir, k), v);
    return dir;
  };

  it('run --json prints only a JSON report whose counts add up and exits 0', async () => {
    const data = await volume('json-run');
    const proc = start(
      [
        'run',
        '--service-dir',
        FIXTURE,
        '--data',
        data,
        '--json',
        '--review-as',
        'rita',
        '--approve-as',
        'alex',
        '--retry-delay-ms',
        '0',
      ],
      root,
    );
    const { code, stdout, stderr } = await proc.done;
    expect(code, stderr).toBe(0);
    const report = JSON.parse(stdout) as RunReportJson;
    const { discovered, succeeded, failed, skipped } = report.counts;
    expect(discovered).toBe(succeeded + failed + skipped);
    expect(report.counts).toEqual({ discovered: 4, succeeded: 2, failed: 1, skipped: 1 });
    expect(report.items.find((i) => i.key === 'broken.txt')).toMatchObject({
      status: 'FAILED',
      reason: 'PermanentError',
    });
    expect(report.metrics.retries).toBe(2);
    expect(report.outputs.sort()).toEqual([
      'fsxn-output/sample-service/a.txt.upper.txt',
      'fsxn-output/sample-service/transient.txt.upper.txt',
    ]);
    expect(await readFile(join(data, 'fsxn-output/sample-service/a.txt.upper.txt'), 'utf8')).toBe('ONE');
    expect(report.output).toMatchObject({ review: { approved: true, decidedBy: 'alex' } });
  });

  it('waits at the review gate until `fsxn review approve` from another process resumes it', async () => {
    const data = await volume('review-run');
    const run = start(['run', '--service-dir', FIXTURE, '--data', data, '--retry-delay-ms', '0'], root);
    await untilStderr(run, /npx fsxn review approve/);

    const list = await start(['review', 'list'], root).done;
    expect(list.code, list.stderr).toBe(0);
    const id = list.stdout.trim().split(/\s+/)[0] ?? '';
    expect(list.stdout).toContain('WAITING');

    const approve = await start(['review', 'approve', id, '--as', 'bob'], root).done;
    expect(approve.code, approve.stderr).toBe(0);
    const finished = await run.done;
    expect(finished.code, finished.stderr).toBe(0);
    expect(finished.stdout).toMatch(/4 discovered, 2 succeeded, 1 failed, 1 skipped/);
  });

  it('rejects --approve-as without a different --review-as and explains a missing service folder', async () => {
    const same = await start(['run', 'x', '--data', root, '--review-as', 'a', '--approve-as', 'a'], root).done;
    expect(same.code).toBe(2);
    expect(same.stderr).toMatch(/different identities/);
    const missing = await start(['run', 'no-such-service', '--data', root], join(import.meta.dirname, '..')).done;
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/services\/no-such-service is not present/);
  });
});
