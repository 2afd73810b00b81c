/** CloudFormation Properties of the routing table; resources.yml declares the same (test/resources.test.ts). */
export const routingTableCfn = () => ({
  BillingMode: 'PAY_PER_REQUEST',
  AttributeDefinitions: [
    { AttributeName: 'pk', AttributeType: 'S' },
    { AttributeName: 'sk', AttributeType: 'S' },
  ],
  KeySchema: [
    { AttributeName: 'pk', KeyType: 'HASH' },
    { AttributeName: 'sk', KeyType: 'RANGE' },
  ],
  PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
  SSESpecification: { SSEEnabled: true },
});

/** CloudFormation Properties of the route audit table (one event per route version). */
export const auditTableCfn = () => ({
  BillingMode: 'PAY_PER_REQUEST',
  AttributeDefinitions: [
    { AttributeName: 'route_id', AttributeType: 'S' },
    { AttributeName: 'version', AttributeType: 'N' },
  ],
  KeySchema: [
    { AttributeName: 'route_id', KeyType: 'HASH' },
    { AttributeName: 'version', KeyType: 'RANGE' },
  ],
  PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
  SSESpecification: { SSEEnabled: true },
});
