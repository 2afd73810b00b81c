import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { RouteChange } from '../domain/decide-route';
import { RouteConflict } from '../domain/errors';
import { type EndpointHealth, failedChecksOf } from '../domain/health';
import { ACTIVE_SK, type ActiveRoute, activeRouteOfItem, ENDPOINT_PK, ROUTE_PK, type RouteEndpoint } from '../routing';

export interface TableDeps {
  readonly db: DynamoDBDocumentClient;
  readonly routingTable: string;
  readonly auditTable: string;
}

/** The audit table's partition for the DR route (one route per deployment). */
export const AUDIT_ROUTE_ID = 'active';

/** Who made a route change: the automation (function + execution) or the people who approved it. */
export type Actor =
  | { readonly type: 'automation'; readonly executionArn: string; readonly functionName: string }
  | {
      readonly type: 'approval';
      readonly executionArn: string;
      readonly functionName: string;
      readonly reviewId: string;
      readonly reviewer: string;
      readonly approver: string;
    };

/** One audit event: who / what (from → to) / when / why, keyed by the route version it produced. */
export interface AuditEvent {
  readonly route_id: string;
  readonly version: number;
  readonly change_id: string;
  readonly who: Actor;
  readonly what: { readonly from: RouteChange['from']; readonly to: RouteChange['to'] };
  readonly when: string;
  readonly why: { readonly reason: string; readonly failed_checks: readonly string[] };
  readonly strategy: string;
  readonly seed: number;
}

const isConditionFailure = (error: unknown) =>
  error instanceof ConditionalCheckFailedException ||
  (error instanceof Error && error.name === 'ConditionalCheckFailedException');

/**
 * Writes this run's verdict for every endpoint. Each write is conditional on the stored check being older,
 * so a slow run never overwrites the result of a newer one; such endpoints are returned as `stale`.
 */
export const recordHealth = async (
  deps: TableDeps,
  endpoints: readonly RouteEndpoint[],
  health: readonly EndpointHealth[],
  run: { readonly executionArn: string; readonly checkedAt: string },
): Promise<{ written: string[]; stale: string[] }> => {
  const written: string[] = [];
  const stale: string[] = [];
  for (const endpoint of endpoints) {
    const verdict = health.find((h) => h.id === endpoint.id);
    try {
      await deps.db.send(
        new UpdateCommand({
          TableName: deps.routingTable,
          Key: { pk: ENDPOINT_PK, sk: endpoint.id },
          UpdateExpression:
            'SET access_point = :ap, #region = :region, weight = :weight, priority = :priority, healthy = :healthy, latency_ms = :latency, last_check_at = :at, failed_checks = :failed, execution_arn = :exec',
          ConditionExpression: 'attribute_not_exists(last_check_at) OR last_check_at < :at',
          ExpressionAttributeNames: { '#region': 'region' },
          ExpressionAttributeValues: {
            ':ap': endpoint.accessPoint,
            ':region': endpoint.region,
            ':weight': endpoint.weight,
            ':priority': endpoint.priority,
            ':healthy': endpoint.healthy,
            ':latency': endpoint.latencyMs,
            ':at': run.checkedAt,
            ':failed': verdict === undefined ? [] : failedChecksOf(verdict),
            ':exec': run.executionArn,
          },
        }),
      );
      written.push(endpoint.id);
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      stale.push(endpoint.id);
    }
  }
  return { written, stale };
};

export const readActive = async (deps: TableDeps): Promise<(ActiveRoute & { changeId: string }) | undefined> => {
  const got = await deps.db.send(
    new GetCommand({ TableName: deps.routingTable, Key: { pk: ROUTE_PK, sk: ACTIVE_SK }, ConsistentRead: true }),
  );
  if (got.Item === undefined) return undefined;
  return { ...activeRouteOfItem(got.Item), changeId: String(got.Item.change_id ?? '') };
};

/**
 * Applies a route change: a conditional write of the active route item (on the version the decision
 * read, so of two racing runs only one moves the route), then the audit event keyed by the new version.
 * Repeatable: a retried step finds its own change already applied (same change id) and only makes sure
 * the audit event exists. Another run's change in between is a RouteConflict.
 */
export const applyRouteChange = async (
  deps: TableDeps,
  change: RouteChange,
  who: Actor,
  at: string,
): Promise<AuditEvent> => {
  const version = change.expectedVersion + 1;
  const changeId = `${who.executionArn}#${version}`;
  const item = {
    pk: ROUTE_PK,
    sk: ACTIVE_SK,
    endpoint_id: change.to.endpointId,
    access_point: change.to.accessPoint,
    version,
    changed_at: at,
    change_id: changeId,
  };
  try {
    await deps.db.send(
      new PutCommand({
        TableName: deps.routingTable,
        Item: item,
        ...(change.expectedVersion === 0
          ? { ConditionExpression: 'attribute_not_exists(pk)' }
          : {
              ConditionExpression: 'version = :expected',
              ExpressionAttributeValues: { ':expected': change.expectedVersion },
            }),
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const current = await readActive(deps);
    if (current?.changeId !== changeId) {
      throw new RouteConflict(
        `the active route moved to ${current?.endpointId ?? 'nothing'} (version ${current?.version ?? 0}) while this run expected version ${change.expectedVersion}`,
        { cause: error },
      );
    }
  }
  const event: AuditEvent = {
    route_id: AUDIT_ROUTE_ID,
    version,
    change_id: changeId,
    who,
    what: { from: change.from, to: change.to },
    when: at,
    why: { reason: change.reason, failed_checks: change.failedChecks },
    strategy: change.strategy,
    seed: change.seed,
  };
  try {
    await deps.db.send(
      new PutCommand({ TableName: deps.auditTable, Item: event, ConditionExpression: 'attribute_not_exists(version)' }),
    );
    return event;
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const stored = await deps.db.send(
      new GetCommand({ TableName: deps.auditTable, Key: { route_id: AUDIT_ROUTE_ID, version }, ConsistentRead: true }),
    );
    return stored.Item as AuditEvent;
  }
};

/** Every audit event of the route, oldest first. */
export const readAuditTrail = async (deps: TableDeps): Promise<AuditEvent[]> => {
  const events: AuditEvent[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await deps.db.send(
      new QueryCommand({
        TableName: deps.auditTable,
        KeyConditionExpression: 'route_id = :r',
        ExpressionAttributeValues: { ':r': AUDIT_ROUTE_ID },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    events.push(...((page.Items ?? []) as AuditEvent[]));
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined);
  return events;
};

/** Share of route versions 1..current that have their audit event (1 when there is no route yet). */
export const auditCompleteness = (currentVersion: number, events: readonly AuditEvent[]): number => {
  if (currentVersion === 0) return 1;
  const versions = new Set(events.map((e) => e.version));
  let present = 0;
  for (let v = 1; v <= currentVersion; v++) if (versions.has(v)) present++;
  return present / currentVersion;
};
