import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withServiceStack } from '../src/with-service-stack';

const FIXTURE = join(import.meta.dirname, '..', '..', 'local-stack', 'test', 'fixtures', 'sample-service');

describe('withServiceStack', () => {
  it('starts a seeded stack for the test file and runs the service over it', async () => {
    const stack = await withServiceStack(FIXTURE, {
      retryDelayMs: 0,
      notifier: () => undefined,
      seed: (dir) => writeFile(join(dir, 'hello.txt'), 'hello'),
    });
    const result = await stack.run({
      onEvent: (e) => {
        if (e.type === 'waiting-for-task-token') stack.taskTokens.registry.sendSuccess(e.token, '{"approved":true}');
      },
    });
    expect(result.status).toBe('SUCCEEDED');
    expect(result.output).toMatchObject({ counts: { discovered: 1, succeeded: 1, failed: 0, skipped: 0 } });
    expect(await readFile(join(stack.info.dataDir, 'fsxn-output/sample-service/hello.txt.upper.txt'), 'utf8')).toBe(
      'HELLO',
    );
  });
});
