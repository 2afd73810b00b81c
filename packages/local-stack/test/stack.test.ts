import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, GetItemCommand, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { SendTaskHeartbeatCommand, SendTaskSuccessCommand, SFNClient } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  generateSecretString,
  readStackState,
  SDK_NODE_VERSION_WARNING_ENV,
  type ServiceStack,
  startServiceStack,
} from '../src/stack';
import type { RunEvent } from '../src/state-machine';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'sample-service');

describe('startServiceStack on the sample service', () => {
  let root: string;
  let dataDir: string;
  let stack: ServiceStack;
  const envBefore = process.env[SDK_NODE_VERSION_WARNING_ENV];
  const inputs: Record<string, string> = {
    'a.txt': 'alpha',
    'transient.txt': 'flaky backend',
    'broken.txt': 'corrupt',
    'skip.txt': 'ignored',
    'sub/b.txt': 'beta',
  };

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'stack-test-'));
    dataDir = join(root, 'volume');
    for (const [key, body] of Object.entries(inputs)) {
      await mkdir(join(dataDir, key, '..'), { recursive: true });
      await writeFile(join(dataDir, key), body);
    }
    stack = await startServiceStack({
      serviceDir: FIXTURE,
      dataDir,
      stateRootDir: root,
      retryDelayMs: 0,
      notifier: () => undefined,
    });
  });
  afterAll(async () => {
    await stack?.stop();
    await rm(root, { recursive: true, force: true });
  });

  it('creates the template tables with their resolved names and records the stack for other processes', async () => {
    expect(stack.info.tables).toEqual({ ReviewTable: 'sample-service-local-reviews', AuditTable: 'AuditTable' });
    const state = await readStackState(root);
    expect(state).toMatchObject({ pid: process.pid, service: 'sample-service', endpoints: stack.info.endpoints });
    expect(process.env.REVIEW_TABLE).toBe('sample-service-local-reviews');
    expect(process.env.TRIGGER_MODE).toBe('EVENT_DRIVEN');
    expect(process.env.INPUT_BUCKET).toBe(stack.info.accessPoints.input.alias);
    expect(process.env.LOG_FILE?.startsWith(join(root, '.fsxn', 'logs'))).toBe(true);
  });

  it('routes SDK v3 clients built with default settings to the local endpoints through AWS_ENDPOINT_URL_*', async () => {
    const ddb = new DynamoDBClient({});
    const tables = await ddb.send(new ListTablesCommand({}));
    expect(tables.TableNames?.sort()).toEqual(['AuditTable', 'sample-service-local-reviews']);
    const s3 = new S3Client({ forcePathStyle: true });
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: stack.info.accessPoints.input.alias }));
    expect(listed.Contents?.map((o) => o.Key).sort()).toEqual(Object.keys(inputs).sort());
    const sfn = new SFNClient({});
    await expect(sfn.send(new SendTaskHeartbeatCommand({ taskToken: `AQ${'a'.repeat(60)}` }))).rejects.toMatchObject({
      name: 'TaskDoesNotExist',
    });
    for (const c of [ddb, s3, sfn]) c.destroy();
  });

  it('counts S3 requests by operation and the bytes read, exactly the object or range size, until reset', async () => {
    stack.resetS3Stats();
    expect(stack.s3Stats()).toEqual({ requests: {}, bytesSent: 0, bytesReceived: 0 });
    const s3 = new S3Client({ forcePathStyle: true });
    const Bucket = stack.info.accessPoints.input.alias;
    const whole = await s3.send(new GetObjectCommand({ Bucket, Key: 'transient.txt' }));
    expect(await whole.Body?.transformToString()).toBe('flaky backend');
    const range = await s3.send(new GetObjectCommand({ Bucket, Key: 'sub/b.txt', Range: 'bytes=1-2' }));
    expect(await range.Body?.transformToString()).toBe('et');
    s3.destroy();
    // 'flaky backend' is 13 bytes, the range 2.
    expect(stack.s3Stats()).toEqual({ requests: { GetObject: 2 }, bytesSent: 15, bytesReceived: 0 });
    const snapshot = stack.s3Stats();
    stack.resetS3Stats();
    expect(stack.s3Stats()).toEqual({ requests: {}, bytesSent: 0, bytesReceived: 0 });
    expect(snapshot.requests.GetObject).toBe(2);
  });

  it('turns off only the AWS SDK Node.js version notice while the stack runs', () => {
    expect(process.env[SDK_NODE_VERSION_WARNING_ENV]).toBe(envBefore ?? 'true');
  });

  it('runs the state machine over the directory: retries, catches, pauses for review and writes outputs under the prefix', async () => {
    const events: RunEvent[] = [];
    let onWaiting: (token: string) => void = () => undefined;
    const waiting = new Promise<string>((r) => {
      onWaiting = r;
    });
    const run = stack.run({
      onEvent: (e) => {
        events.push(e);
        if (e.type === 'waiting-for-task-token') onWaiting(e.token);
      },
    });
    const token = await waiting;

    // The review handler recorded the task in the template's table through the env-routed client.
    const ddb = new DynamoDBClient({});
    const review = await ddb.send(
      new GetItemCommand({ TableName: 'sample-service-local-reviews', Key: { pk: { S: token } } }),
    );
    expect(review.Item?.keys?.SS?.sort()).toEqual(Object.keys(inputs).sort());
    ddb.destroy();

    const sfn = new SFNClient({});
    await sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{"approved":true}' }));
    sfn.destroy();
    const result = await run;
    expect(result.status).toBe('SUCCEEDED');
    const output = result.output as { counts: Record<string, number>; outputs: string[] };
    expect(output.counts).toEqual({ discovered: 5, succeeded: 3, failed: 1, skipped: 1 });
    expect(output.outputs.sort()).toEqual([
      'fsxn-output/sample-service/a.txt.upper.txt',
      'fsxn-output/sample-service/sub/b.txt.upper.txt',
      'fsxn-output/sample-service/transient.txt.upper.txt',
    ]);
    expect(await readFile(join(dataDir, 'fsxn-output/sample-service/transient.txt.upper.txt'), 'utf8')).toBe(
      'FLAKY BACKEND',
    );
    for (const [key, body] of Object.entries(inputs)) expect(await readFile(join(dataDir, key), 'utf8')).toBe(body);
    expect(events.filter((e) => e.type === 'state-retried')).toHaveLength(2);
  });

  it('removes the state file and restores the environment on stop', async () => {
    await stack.stop();
    expect(existsSync(join(root, '.fsxn', 'stack.json'))).toBe(false);
    expect(process.env.FSXN_LOCAL).toBeUndefined();
    expect(process.env.AWS_ENDPOINT_URL_S3).toBeUndefined();
    expect(process.env[SDK_NODE_VERSION_WARNING_ENV]).toBe(envBefore);
  });

  it('gives a second stack in the same process its own handler modules, so they reach its own endpoints', async () => {
    const secondData = join(root, 'volume-2');
    await mkdir(secondData, { recursive: true });
    await writeFile(join(secondData, 'c.txt'), 'gamma');
    const second = await startServiceStack({
      serviceDir: FIXTURE,
      dataDir: secondData,
      stateRootDir: root,
      retryDelayMs: 0,
      notifier: () => undefined,
    });
    try {
      const sfn = new SFNClient({});
      const approvals: Promise<unknown>[] = [];
      const result = await second.run({
        onEvent: (e) => {
          if (e.type === 'waiting-for-task-token') {
            approvals.push(sfn.send(new SendTaskSuccessCommand({ taskToken: e.token, output: '{"approved":true}' })));
          }
        },
      });
      // Every approval was accepted exactly once (a rejected one would name its SFN error here).
      expect(await Promise.allSettled(approvals)).toEqual([{ status: 'fulfilled', value: expect.anything() }]);
      sfn.destroy();
      expect(result.status).toBe('SUCCEEDED');
      expect((result.output as { outputs: string[] }).outputs).toEqual(['fsxn-output/sample-service/c.txt.upper.txt']);
      expect(await readFile(join(secondData, 'fsxn-output/sample-service/c.txt.upper.txt'), 'utf8')).toBe('GAMMA');
    } finally {
      await second.stop();
    }
  });
});

describe('generateSecretString', () => {
  it('honours length, excluded classes and the JSON template', () => {
    const plain = generateSecretString({ PasswordLength: 64, ExcludePunctuation: true });
    expect(plain).toMatch(/^[A-Za-z0-9]{64}$/);
    const json = JSON.parse(
      generateSecretString({
        SecretStringTemplate: '{"user":"u"}',
        GenerateStringKey: 'password',
        ExcludeNumbers: true,
      }),
    );
    expect(json.user).toBe('u');
    expect(json.password).toMatch(/^[^0-9]{32}$/);
  });
});
