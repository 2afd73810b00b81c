import { GetItemCommand, PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTableFromCfn, type LocalDynamoDb, startDynamoDb } from '../src/dynamodb';

describe('startDynamoDb', () => {
  let ddb: LocalDynamoDb;
  beforeAll(async () => {
    ddb = await startDynamoDb();
  });
  afterAll(async () => ddb.stop());

  it('serves the DynamoDB API: tables from CloudFormation properties, conditional writes and GSI queries', async () => {
    const client = ddb.client();
    await createTableFromCfn(client, 'records', {
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'kind', AttributeType: 'S' },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'byKind',
          KeySchema: [{ AttributeName: 'kind', KeyType: 'HASH' }],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    });
    const put = (pk: string) =>
      client.send(
        new PutItemCommand({
          TableName: 'records',
          Item: { pk: { S: pk }, kind: { S: 'a' } },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    await put('one');
    await expect(put('one')).rejects.toMatchObject({ name: 'ConditionalCheckFailedException' });
    const got = await client.send(new GetItemCommand({ TableName: 'records', Key: { pk: { S: 'one' } } }));
    expect(got.Item?.kind?.S).toBe('a');
    const byKind = await client.send(
      new QueryCommand({
        TableName: 'records',
        IndexName: 'byKind',
        KeyConditionExpression: 'kind = :k',
        ExpressionAttributeValues: { ':k': { S: 'a' } },
      }),
    );
    expect(byKind.Count).toBe(1);
  });
});
