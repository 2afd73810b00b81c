import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { RoutingInputError } from './errors';
import { selectEndpoint } from './strategies';
import type { RouteEndpoint, SelectOptions } from './types';

/**
 * Layout of the routing table (one table, key `pk` + `sk`): one item per endpoint under
 * `pk = ENDPOINT` (`sk` = endpoint id) and the active route under `pk = ROUTE`, `sk = active`.
 */
export const ENDPOINT_PK = 'ENDPOINT';
export const ROUTE_PK = 'ROUTE';
export const ACTIVE_SK = 'active';

/** The active route item: which endpoint the DR path reads through, and its version (bumped per change). */
export interface ActiveRoute {
  readonly endpointId: string;
  readonly accessPoint: string;
  readonly version: number;
  readonly changedAt: string;
}

const asString = (value: unknown, what: string): string => {
  if (typeof value !== 'string') throw new RoutingInputError(`routing table item: ${what} is not a string`);
  return value;
};
const asNumber = (value: unknown, what: string): number => {
  if (typeof value !== 'number') throw new RoutingInputError(`routing table item: ${what} is not a number`);
  return value;
};

/** Maps one endpoint item of the table to the library's shape. */
export const endpointOfItem = (item: Record<string, unknown>): RouteEndpoint => ({
  id: asString(item.sk, 'sk'),
  accessPoint: asString(item.access_point, 'access_point'),
  region: asString(item.region, 'region'),
  weight: asNumber(item.weight, 'weight'),
  priority: asNumber(item.priority, 'priority'),
  healthy: item.healthy === true,
  latencyMs: typeof item.latency_ms === 'number' ? item.latency_ms : null,
});

export const activeRouteOfItem = (item: Record<string, unknown>): ActiveRoute => ({
  endpointId: asString(item.endpoint_id, 'endpoint_id'),
  accessPoint: asString(item.access_point, 'access_point'),
  version: asNumber(item.version, 'version'),
  changedAt: asString(item.changed_at, 'changed_at'),
});

const queryAll = async (db: DynamoDBDocumentClient, tableName: string, pk: string) => {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined);
  return items;
};

/** Every endpoint the last health runs recorded, with their health and latency. */
export const readEndpoints = async (db: DynamoDBDocumentClient, tableName: string): Promise<RouteEndpoint[]> =>
  (await queryAll(db, tableName, ENDPOINT_PK)).map(endpointOfItem);

/** The active DR route, or undefined before the first health run chose one. */
export const readActiveRoute = async (
  db: DynamoDBDocumentClient,
  tableName: string,
): Promise<ActiveRoute | undefined> => {
  const item = (await queryAll(db, tableName, ROUTE_PK)).find((i) => i.sk === ACTIVE_SK);
  return item === undefined ? undefined : activeRouteOfItem(item);
};

/**
 * The library call other services use: reads the routing table and picks an endpoint with a strategy.
 * `db` is the caller's DocumentClient (it needs dynamodb:Query on the table).
 */
export const routeFor = async (
  db: DynamoDBDocumentClient,
  tableName: string,
  options: SelectOptions,
): Promise<RouteEndpoint> => selectEndpoint(await readEndpoints(db, tableName), options);
