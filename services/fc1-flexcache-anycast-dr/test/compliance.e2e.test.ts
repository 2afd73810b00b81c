import { join } from 'node:path';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { decide, getTask } from '@fsxn/human-review';
import { localClientConfig, type RunEvent, type ServiceStack } from '@fsxn/local-stack';
import { withServiceStack } from '@fsxn/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeOriginVolume } from '../samples/volume';

const serviceDir = join(import.meta.dirname, '..');

interface ApprovalPayload {
  executionArn: string;
  change: { to: { endpointId: string } };
}

/** The review id a waiting route change created (the request-approval task returns it). */
const pendingReview = async (stack: ServiceStack, db: DynamoDBDocumentClient) => {
  const items =
    (
      await db.send(
        new QueryCommand({
          TableName: stack.info.tables.ReviewTable ?? '',
          IndexName: 'open-created-index',
          KeyConditionExpression: 'open_bucket = :b',
          ExpressionAttributeValues: { ':b': 'OPEN' },
        }),
      )
    ).Items ?? [];
  return items.map((i) => String(i.review_id));
};

describe('compliance profile: a route change waits for a reviewer and a distinct approver', () => {
  let stack: ServiceStack;
  let db: DynamoDBDocumentClient;
  let deps: { db: DynamoDBDocumentClient; sfn: SFNClient; tableName: string };
  const activeRoute = async () =>
    (
      await db.send(
        new GetCommand({ TableName: stack.info.tables.RoutingTable ?? '', Key: { pk: 'ROUTE', sk: 'active' } }),
      )
    ).Item;

  beforeAll(async () => {
    stack = await withServiceStack(serviceDir, {
      retryDelayMs: 1,
      params: { deploymentProfile: 'compliance' },
      seed: async (dir) => {
        await writeOriginVolume(dir);
      },
    });
    db = DynamoDBDocumentClient.from(stack.dynamodb.client());
    deps = {
      db,
      sfn: new SFNClient(localClientConfig(stack.info.endpoints.sfn)),
      tableName: stack.info.tables.ReviewTable ?? '',
    };
  });

  it('does not touch the route while the approval is pending, then applies it with the approvers as "who"', async () => {
    let routeWhileWaiting: unknown = 'not observed';
    const decisions: Promise<void>[] = [];
    const result = await stack.run({
      input: {},
      onEvent: (event: RunEvent) => {
        if (event.type !== 'waiting-for-task-token') return;
        const payload = event.payload as ApprovalPayload;
        expect(payload.change.to.endpointId).toBe('cache-a');
        decisions.push(
          (async () => {
            routeWhileWaiting = await activeRoute();
            const [reviewId] = await pendingReview(stack, db);
            await decide(deps, {
              reviewId: reviewId ?? '',
              decision: 'approved',
              actor: { id: 'alice', roles: ['reviewer'] },
            });
            await decide(deps, {
              reviewId: reviewId ?? '',
              decision: 'approved',
              actor: { id: 'bob', roles: ['approver'] },
            });
          })(),
        );
      },
    });
    await Promise.all(decisions);
    expect(decisions).toHaveLength(1);
    expect(routeWhileWaiting).toBeUndefined();
    expect(result.status).toBe('SUCCEEDED');
    expect(await activeRoute()).toMatchObject({ endpoint_id: 'cache-a', version: 1 });
    const output = result.output as {
      routeChange: { who: Record<string, string> };
      successMetrics: { id: string; measured: number | null }[];
    };
    expect(output.routeChange.who).toMatchObject({ type: 'approval', reviewer: 'alice', approver: 'bob' });
    expect(output.successMetrics.find((m) => m.id === 'unapprovedRouteChanges')?.measured).toBe(0);
  });

  it('refuses the same person as reviewer and approver (separation of duties)', async () => {
    const client = stack.ontap;
    if (client === undefined) throw new Error('no simulator');
    // Make the active cache fail: its FlexCache volume goes offline through the simulator's REST API.
    const { createOntapClient, staticCredentials, volumes } = await import('@fsxn/ontap-client');
    const { SecretsManagerClient, GetSecretValueCommand } = await import('@aws-sdk/client-secrets-manager');
    const sm = new SecretsManagerClient(localClientConfig(stack.info.endpoints.secretsManager));
    const secret = JSON.parse(
      (await sm.send(new GetSecretValueCommand({ SecretId: stack.info.ontap?.secretArn ?? '' }))).SecretString ?? '{}',
    ) as { username: string; password: string };
    const ontap = createOntapClient({
      baseUrl: client.baseUrl,
      credentials: staticCredentials(secret.username, secret.password),
    });
    const a = await volumes.getByName(ontap, 'svm1', 'vol1_cache_a');
    await volumes.setState(ontap, a.uuid, 'offline');

    const outcomes: Promise<unknown>[] = [];
    const result = await stack.run({
      input: {},
      onEvent: (event: RunEvent) => {
        if (event.type !== 'waiting-for-task-token') return;
        outcomes.push(
          (async () => {
            const [reviewId] = await pendingReview(stack, db);
            const id = reviewId ?? '';
            await decide(deps, {
              reviewId: id,
              decision: 'approved',
              actor: { id: 'carol', roles: ['reviewer', 'approver'] },
            });
            const selfApproval = await decide(deps, {
              reviewId: id,
              decision: 'approved',
              actor: { id: 'carol', roles: ['reviewer', 'approver'] },
            }).catch((error: Error) => error.name);
            expect((await getTask(deps, id)).status).toBe('REVIEWED');
            // A second person rejects: the route must stay where it was.
            await decide(deps, {
              reviewId: id,
              decision: 'rejected',
              actor: { id: 'dave', roles: ['approver'] },
              comment: 'not now',
            });
            return selfApproval;
          })(),
        );
      },
    });
    expect(await Promise.all(outcomes)).toEqual(['SeparationOfDutiesError']);
    expect(result.status).toBe('SUCCEEDED');
    expect((result.output as { status: string }).status).toBe('CHANGE_REJECTED');
    expect(await activeRoute()).toMatchObject({ endpoint_id: 'cache-a', version: 1 });
  });
});
