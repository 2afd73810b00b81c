import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { deriveAlias, type RunEvent, type RunResult, type ServiceStack } from '@fsxn/local-stack';
import { createOntapClient, flexcache, staticCredentials, volumes } from '@fsxn/ontap-client';
import { withServiceStack } from '@fsxn/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeOriginVolume } from '../samples/volume';

const serviceDir = join(import.meta.dirname, '..');

interface Report {
  status: string;
  counts: { discovered: number; succeeded: number; failed: number; skipped: number };
  endpoints: {
    id: string;
    healthy: boolean;
    latencyMs: number | null;
    checks: { name: string; status: string; detail: string; error?: string }[];
  }[];
  route: {
    before: { endpointId: string; version: number } | null;
    after: { endpointId: string; version: number } | null;
  };
  routeChange: AuditEvent | null;
  ontap: { available: boolean; created?: string[] } | null;
  reportKey: string;
  successMetrics: { id: string; measured: number | null; met: boolean | null }[];
}

interface AuditEvent {
  version: number;
  who: { type: string; executionArn: string; functionName: string };
  what: { from: { endpointId: string } | null; to: { endpointId: string; accessPoint: string } };
  when: string;
  why: { reason: string; failed_checks: string[] };
}

describe('FC1 health run on the local stack (ONTAP simulator + S3AP emulator)', () => {
  let stack: ServiceStack;
  let dataDir = '';
  let db: DynamoDBDocumentClient;
  const ontap = () => {
    const sim = stack.ontap;
    if (sim === undefined) throw new Error('the stack runs without the ONTAP simulator');
    return sim;
  };
  /** The test's own ONTAP client (the admin secret is only in the local Secrets Manager: read it the same way). */
  const adminClient = async () => {
    const { SecretsManagerClient, GetSecretValueCommand } = await import('@aws-sdk/client-secrets-manager');
    const { localClientConfig } = await import('@fsxn/local-stack');
    const sm = new SecretsManagerClient(localClientConfig(stack.info.endpoints.secretsManager));
    const secret = await sm.send(new GetSecretValueCommand({ SecretId: stack.info.ontap?.secretArn ?? '' }));
    const { username, password } = JSON.parse(secret.SecretString ?? '{}') as { username: string; password: string };
    return createOntapClient({ baseUrl: ontap().baseUrl, credentials: staticCredentials(username, password) });
  };
  const audit = async () =>
    ((
      await db.send(
        new QueryCommand({
          TableName: stack.info.tables.RouteAuditTable ?? '',
          KeyConditionExpression: 'route_id = :r',
          ExpressionAttributeValues: { ':r': 'active' },
        }),
      )
    ).Items ?? []) as AuditEvent[];
  const activeRoute = async () =>
    (
      await db.send(
        new GetCommand({ TableName: stack.info.tables.RoutingTable ?? '', Key: { pk: 'ROUTE', sk: 'active' } }),
      )
    ).Item;
  const run = async (input: unknown = {}, onEvent?: (event: RunEvent) => void): Promise<RunResult> =>
    stack.run({ input, ...(onEvent === undefined ? {} : { onEvent }) });

  beforeAll(async () => {
    stack = await withServiceStack(serviceDir, {
      retryDelayMs: 1,
      seed: async (dir) => {
        dataDir = dir;
        await writeOriginVolume(dir);
      },
    });
    db = DynamoDBDocumentClient.from(stack.dynamodb.client());
  });

  describe('invalid input', () => {
    const events: RunEvent[] = [];
    let result: RunResult;
    beforeAll(async () => {
      result = await run({ strategy: 'round-robin', extra: true }, (e) => events.push(e));
    });

    it('fails with InvalidInputError naming each problem', () => {
      expect(result.status).toBe('FAILED');
      expect(result.error).toBe('InvalidInputError');
      expect(result.cause).toMatch(/strategy/);
      expect(result.cause).toMatch(/extra/);
    });

    it('never reaches a step that calls ONTAP or S3: no FlexCache, no route, no audit event', async () => {
      const entered = events.filter((e) => e.type === 'state-entered').map((e) => (e as { name: string }).name);
      expect(entered).not.toContain('OntapHealth');
      expect(entered).not.toContain('ProbeAccessPoints');
      expect(ontap().state.flexcaches()).toEqual([]);
      expect(ontap().state.jobs()).toEqual([]);
      expect(await activeRoute()).toBeUndefined();
    });
  });

  describe('happy path: caches created through ONTAP, both healthy, route initialised', () => {
    let result: RunResult;
    let report: Report;
    const entered: string[] = [];
    beforeAll(async () => {
      result = await run({}, (event) => {
        if (event.type === 'state-entered') entered.push(event.name);
      });
      report = result.output as Report;
    });

    it('creates the caches before anything probes their access points (the very first run is healthy)', () => {
      expect(entered.indexOf('EnsureCaches')).toBeGreaterThan(-1);
      expect(entered.indexOf('EnsureCaches')).toBeLessThan(entered.indexOf('ProbeAccessPoints'));
      expect(entered.indexOf('EnsureCaches')).toBeLessThan(entered.indexOf('OntapHealth'));
    });

    it('creates both FlexCaches of vol1 through POST /storage/flexcache/flexcaches', () => {
      expect(result.status).toBe('SUCCEEDED');
      expect(
        ontap()
          .state.flexcaches()
          .map((c) => [c.name, c.origin])
          .sort(),
      ).toEqual([
        ['vol1_cache_a', 'vol1'],
        ['vol1_cache_b', 'vol1'],
      ]);
      expect(report.ontap?.created?.sort()).toEqual(['vol1_cache_a', 'vol1_cache_b']);
    });

    it('marks both endpoints healthy with every ONTAP and S3AP check passing and a measured latency', () => {
      expect(report.counts).toEqual({ discovered: 2, succeeded: 2, failed: 0, skipped: 0 });
      for (const endpoint of report.endpoints) {
        expect(endpoint.healthy).toBe(true);
        expect(endpoint.latencyMs).not.toBeNull();
        expect(endpoint.checks.map((c) => c.name)).toEqual(
          expect.arrayContaining([
            'volume.state',
            'volume.mounted',
            'flexcache.exists',
            'flexcache.origin',
            's3ap.list',
            's3ap.read',
          ]),
        );
        expect(endpoint.checks.every((c) => c.status === 'pass')).toBe(true);
      }
    });

    it('initialises the route on the lowest-priority endpoint and writes its audit event', async () => {
      expect(report.status).toBe('ROUTE_INITIALISED');
      expect(await activeRoute()).toMatchObject({ endpoint_id: 'cache-a', version: 1 });
      const events = await audit();
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        version: 1,
        who: { type: 'automation' },
        what: { from: null, to: { endpointId: 'cache-a', accessPoint: deriveAlias('fsxn-fc1-cache-a') } },
        why: { reason: 'no active route yet: initial selection' },
      });
      expect(events[0]?.who.executionArn).toMatch(/^arn:aws:states:/);
    });

    it('records each endpoint in the routing table and writes the report file', async () => {
      const rows = (
        await db.send(
          new QueryCommand({
            TableName: stack.info.tables.RoutingTable ?? '',
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': 'ENDPOINT' },
          }),
        )
      ).Items;
      expect(rows?.map((r) => [r.sk, r.healthy, r.priority])).toEqual([
        ['cache-a', true, 1],
        ['cache-b', true, 2],
      ]);
      const written = JSON.parse(await readFile(join(dataDir, report.reportKey), 'utf8')) as Report;
      expect(written.status).toBe('ROUTE_INITIALISED');
      expect(written.successMetrics.find((m) => m.id === 'auditCompleteness')).toMatchObject({
        measured: 1,
        met: true,
      });
    });

    it('reads a bounded Range of the first listed object through each access point', () => {
      // Keys list in UTF-8 order: assets/models/tree.bin (24 KiB) comes first; the probe reads 4096 bytes.
      for (const endpoint of report.endpoints) {
        expect(endpoint.checks.find((c) => c.name === 's3ap.list')?.status).toBe('pass');
        expect(endpoint.checks.find((c) => c.name === 's3ap.read')).toMatchObject({
          status: 'pass',
          detail: 'read 4096 bytes of assets/models/tree.bin',
        });
      }
    });
  });

  describe('an injected ONTAP 5xx', () => {
    const events: RunEvent[] = [];
    let result: RunResult;
    beforeAll(async () => {
      result = await run({}, (event) => {
        events.push(event);
        // More failures than the client retries (ONTAP_RETRIES=2): the step fails as TransientError.
        if (event.type === 'state-entered' && event.name === 'OntapHealth') ontap().faults.failNext(3, 503);
      });
    });

    it('is retried by the state machine and the run keeps the healthy route without a new audit event', async () => {
      expect(result.status).toBe('SUCCEEDED');
      expect(events.some((e) => e.type === 'state-retried' && e.name === 'OntapHealth')).toBe(true);
      expect(events.find((e) => e.type === 'task-failed' && e.name === 'OntapHealth')).toMatchObject({
        error: 'TransientError',
      });
      expect((result.output as Report).status).toBe('HEALTHY');
      expect((result.output as Report).ontap?.available).toBe(true);
      expect(await audit()).toHaveLength(1);
    });
  });

  describe('EnsureCaches rejected by ONTAP', () => {
    const entered: string[] = [];
    let result: RunResult;
    beforeAll(async () => {
      result = await run({}, (event) => {
        if (event.type !== 'state-entered') return;
        entered.push(event.name);
        // A 400 is not retried: the step fails at once and the state machine goes on without it.
        if (event.name === 'EnsureCaches') ontap().faults.failNext(1, 400);
      });
    });

    it('still runs the health checks, which decide alone: the existing caches stay healthy', async () => {
      expect(result.status).toBe('SUCCEEDED');
      expect(entered).toEqual(expect.arrayContaining(['CachesNotEnsured', 'OntapHealth', 'ProbeAccessPoints']));
      const report = result.output as Report;
      expect(report.status).toBe('HEALTHY');
      for (const endpoint of report.endpoints) {
        expect(endpoint.healthy).toBe(true);
        expect(endpoint.checks[0]).toMatchObject({ name: 'flexcache.provision', status: 'unknown' });
        expect(endpoint.checks[0]?.detail).toMatch(
          /^could not ensure the FlexCache: .*OntapRequestRejected: EnsureCaches:/,
        );
      }
      expect(await audit()).toHaveLength(1);
    });
  });

  describe('the active cache goes offline (unreachable)', () => {
    let result: RunResult;
    let report: Report;
    beforeAll(async () => {
      const client = await adminClient();
      const volume = await volumes.getByName(client, 'svm1', 'vol1_cache_a');
      await volumes.setState(client, volume.uuid, 'offline');
      result = await run();
      report = result.output as Report;
    });

    it('marks cache-a unhealthy with named failed checks', () => {
      const a = report.endpoints.find((e) => e.id === 'cache-a');
      expect(a?.healthy).toBe(false);
      // ONTAP sees the volume offline; the access point over it answers NoSuchBucket, as in AWS.
      expect(a?.checks.filter((c) => c.status === 'fail').map((c) => `${c.name} ${c.error}`)).toEqual([
        'volume.state VolumeNotOnline',
        'volume.mounted VolumeNotMounted',
        's3ap.list S3ApNotFoundError NoSuchBucket',
      ]);
      expect(a?.checks.find((c) => c.name === 's3ap.read')).toMatchObject({ status: 'unknown' });
      expect(report.counts).toEqual({ discovered: 2, succeeded: 1, failed: 1, skipped: 0 });
    });

    it('fails over to cache-b and writes the audit event: who, from -> to, when, why', async () => {
      expect(result.status).toBe('SUCCEEDED');
      expect(report.status).toBe('FAILED_OVER');
      expect(await activeRoute()).toMatchObject({ endpoint_id: 'cache-b', version: 2 });
      const event = (await audit()).find((e) => e.version === 2);
      expect(event).toMatchObject({
        who: { type: 'automation' },
        what: { from: { endpointId: 'cache-a' }, to: { endpointId: 'cache-b' } },
        why: { reason: 'active endpoint cache-a failed its health checks' },
      });
      expect(event?.why.failed_checks).toEqual([
        'cache-a: volume.state (VolumeNotOnline): volume vol1_cache_a is offline',
        'cache-a: volume.mounted (VolumeNotMounted): volume vol1_cache_a has no junction path',
        expect.stringMatching(
          /^cache-a: s3ap\.list \(S3ApNotFoundError NoSuchBucket\): .*attached to volume vol1_cache_a of SVM svm1, which is offline/,
        ),
      ]);
      expect(Date.parse(event?.when ?? '')).not.toBeNaN();
      expect(report.routeChange?.version).toBe(2);
    });
  });

  describe('a failed ONTAP job on the active cache', () => {
    let result: RunResult;
    let report: Report;
    beforeAll(async () => {
      const client = await adminClient();
      // Bring cache-a back, then lose cache-b's FlexCache; its re-creation job fails.
      const a = await volumes.getByName(client, 'svm1', 'vol1_cache_a');
      await volumes.setState(client, a.uuid, 'online');
      await volumes.mount(client, a.uuid, '/vol1_cache_a');
      const b = await flexcache.findByName(client, 'svm1', 'vol1_cache_b');
      await flexcache.remove(client, b?.uuid ?? '');
      ontap().faults.failJobs(/flexcache/, { code: 66846774, message: 'Insufficient space in aggregate aggr1' });
      result = await run();
      report = result.output as Report;
    });

    it('records the named error OntapJobFailed on cache-b', () => {
      const b = report.endpoints.find((e) => e.id === 'cache-b');
      expect(b?.healthy).toBe(false);
      expect(b?.checks.find((c) => c.name === 'flexcache.provision')).toMatchObject({
        status: 'fail',
        error: 'OntapJobFailed',
      });
      expect(b?.checks.find((c) => c.name === 'flexcache.exists')).toMatchObject({ error: 'FlexCacheNotFound' });
    });

    it('fails back over to the healthy cache-a with an audit event whose why names the failed job', async () => {
      expect(result.status).toBe('SUCCEEDED');
      expect(await activeRoute()).toMatchObject({ endpoint_id: 'cache-a', version: 3 });
      const event = (await audit()).find((e) => e.version === 3);
      expect(event?.what).toMatchObject({ from: { endpointId: 'cache-b' }, to: { endpointId: 'cache-a' } });
      expect(event?.why.failed_checks.join('\n')).toMatch(
        /flexcache\.provision \(OntapJobFailed\): Insufficient space/,
      );
    });
  });

  describe('no healthy endpoint', () => {
    let result: RunResult;
    beforeAll(async () => {
      const client = await adminClient();
      const a = await volumes.getByName(client, 'svm1', 'vol1_cache_a');
      await volumes.setState(client, a.uuid, 'offline');
      ontap().faults.failJobs(/flexcache/, { code: 66846774, message: 'Insufficient space in aggregate aggr1' });
      result = await run();
    });

    it('fails with NoHealthyEndpoint and leaves the route and the audit trail as they were', async () => {
      expect(result.status).toBe('FAILED');
      expect(result.error).toBe('NoHealthyEndpoint');
      expect(await activeRoute()).toMatchObject({ endpoint_id: 'cache-a', version: 3 });
      expect(await audit()).toHaveLength(3);
    });
  });
});
