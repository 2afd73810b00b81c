import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { SDK_NODE_VERSION_WARNING_ENV } from '../src/stack';

const SCRIPT = join(import.meta.dirname, 'fixtures', 'warnings', 'start-stack.ts');
const nodeMajor = Number(process.versions.node.split('.')[0]);

/** Runs the script in a fresh Node process (the SDK prints its notice once per process) and returns stderr. */
const stderrOf = async (...args: string[]): Promise<string> => {
  const env = { ...process.env };
  delete env[SDK_NODE_VERSION_WARNING_ENV];
  const { stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', SCRIPT, ...args], {
    cwd: join(import.meta.dirname, '..'),
    env,
    timeout: 60_000,
  });
  return stderr;
};

// The SDK only prints its notice on Node < 22; on newer Node there is nothing to silence.
describe.runIf(nodeMajor < 22)('the AWS SDK Node.js version notice', () => {
  it('is printed by a process that builds an SDK client before any stack exists (control)', async () => {
    expect(await stderrOf('client-first')).toContain('NodeVersionSupportWarning');
  });

  it('is not printed once a service stack set the environment, while other warnings still are', async () => {
    const stderr = await stderrOf();
    expect(stderr).not.toContain('NodeVersionSupportWarning');
    expect(stderr).toContain('UnrelatedWarning: an unrelated warning');
  });
});
