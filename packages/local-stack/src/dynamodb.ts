import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { CreateTableCommand, DynamoDBClient, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { closeServer, listen } from './http/listen';

/** A running DynamoDB API implementation (dynalite) on loopback. */
export interface LocalDynamoDb {
  readonly endpoint: string;
  /** A client configured for this endpoint with dummy credentials. */
  client(): DynamoDBClient;
  stop(): Promise<void>;
}

export interface StartDynamoDbOptions {
  /** LevelDB directory for a persistent store; in memory when omitted. */
  path?: string;
  port?: number;
}

/** The client settings every local AWS SDK client uses: loopback endpoint, fixed region, dummy keys. */
export const localClientConfig = (endpoint: string) => ({
  endpoint,
  region: 'us-east-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});

export const startDynamoDb = async (options: StartDynamoDbOptions = {}): Promise<LocalDynamoDb> => {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0, path: options.path });
  const { port } = await listen(server, options.port);
  const endpoint = `http://127.0.0.1:${port}`;
  const clients: DynamoDBClient[] = [];
  return {
    endpoint,
    client() {
      const c = new DynamoDBClient(localClientConfig(endpoint));
      clients.push(c);
      return c;
    },
    async stop() {
      for (const c of clients) c.destroy();
      await closeServer(server);
    },
  };
};

/**
 * The Properties of a CloudFormation `AWS::DynamoDB::Table`, as written in a service's serverless.yml.
 * Only the keys that shape the table locally are read.
 */
export interface CfnTableProperties {
  TableName?: unknown;
  KeySchema: CreateTableCommandInput['KeySchema'];
  AttributeDefinitions: CreateTableCommandInput['AttributeDefinitions'];
  GlobalSecondaryIndexes?: CreateTableCommandInput['GlobalSecondaryIndexes'];
  LocalSecondaryIndexes?: CreateTableCommandInput['LocalSecondaryIndexes'];
}

/** Creates a table from CloudFormation properties (billing is always on-demand locally). */
export const createTableFromCfn = async (
  client: DynamoDBClient,
  tableName: string,
  props: CfnTableProperties,
): Promise<void> => {
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: props.KeySchema,
      AttributeDefinitions: props.AttributeDefinitions,
      GlobalSecondaryIndexes: props.GlobalSecondaryIndexes?.map(({ ProvisionedThroughput: _p, ...gsi }) => gsi),
      LocalSecondaryIndexes: props.LocalSecondaryIndexes,
    }),
  );
  await waitUntilTableExists({ client, maxWaitTime: 10, minDelay: 0.05, maxDelay: 0.2 }, { TableName: tableName });
};
