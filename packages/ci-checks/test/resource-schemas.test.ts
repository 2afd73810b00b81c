import { beforeAll, describe, expect, it } from 'vitest';
import {
  checkResourceProperties,
  checkResourceSchemas,
  loadAwsServiceSpecSource,
  parseTemplate,
  type ResourceSchemaSource,
} from '../src/index';

let schemas: ResourceSchemaSource;
beforeAll(() => {
  schemas = loadAwsServiceSpecSource();
});

const role = { 'Fn::GetAtt': ['Role', 'Arn'] };
const check = (resources: Record<string, unknown>) =>
  checkResourceSchemas(parseTemplate({ Resources: resources }), schemas);
const summary = (resources: Record<string, unknown>) =>
  check(resources).map((f) => `${f.subject} ${f.path ?? ''} ${f.rule}`);

describe('checkResourceSchemas', () => {
  it('accepts a valid function, table and bucket', () => {
    expect(
      check({
        Fn: {
          Type: 'AWS::Lambda::Function',
          Properties: {
            Code: { S3Bucket: 'b', S3Key: 'k.zip' },
            Role: role,
            Runtime: 'nodejs22.x',
            MemorySize: 512,
            Timeout: '30',
            Environment: { Variables: { A: 'x', B: { Ref: 'Table' } } },
            Tags: [{ Key: 'k', Value: 'v' }],
          },
        },
        Table: {
          Type: 'AWS::DynamoDB::Table',
          DeletionPolicy: 'Retain',
          Properties: {
            BillingMode: 'PAY_PER_REQUEST',
            KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
            AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
          },
        },
        Bucket: { Type: 'AWS::S3::Bucket' },
        Handler: { Type: 'Custom::Anything', Properties: { Whatever: 1 } },
      }),
    ).toEqual([]);
  });

  it('reports an unknown resource type', () => {
    expect(summary({ Q: { Type: 'AWS::Lambda::Funktion', Properties: {} } })).toEqual(['Q Type resource-type']);
  });

  it('reports a misspelt top-level and nested property name', () => {
    expect(
      summary({
        Fn: {
          Type: 'AWS::Lambda::Function',
          Properties: {
            Code: { S3Bucket: 'b', S3Key: 'k' },
            Role: role,
            Runtim: 'nodejs22.x',
            Environment: { Variable: {} },
          },
        },
      }),
    ).toEqual(['Fn Properties.Runtim resource-property', 'Fn Properties.Environment.Variable resource-property']);
  });

  it('reports missing required properties at the top level and inside arrays of objects', () => {
    expect(
      summary({
        Fn: { Type: 'AWS::Lambda::Function', Properties: { Code: { ZipFile: 'x' } } },
        Table: { Type: 'AWS::DynamoDB::Table', Properties: { KeySchema: [{ AttributeName: 'pk' }] } },
      }),
    ).toEqual(['Fn Properties resource-property', 'Table Properties.KeySchema[0] resource-property']);
    expect(check({ Fn: { Type: 'AWS::Lambda::Function' } })[0]?.message).toBe('required property Code is missing');
  });

  it('reports literal values of the wrong type but not intrinsic values', () => {
    expect(
      summary({
        Fn: {
          Type: 'AWS::Lambda::Function',
          Properties: {
            Code: { S3Bucket: 'b', S3Key: 'k' },
            Role: role,
            MemorySize: 'lots',
            Layers: 'arn:layer',
            Timeout: { Ref: 'T' },
          },
        },
      }),
    ).toEqual(['Fn Properties.MemorySize resource-property', 'Fn Properties.Layers resource-property']);
  });

  it('checks property names inside values even when a sibling is an intrinsic', () => {
    const findings = check({
      Fn: {
        Type: 'AWS::Lambda::Function',
        Properties: {
          Code: { 'Fn::If': ['C', { S3Bucket: 'a' }, { S3Bucket: 'b' }] },
          Role: role,
          VpcConfig: { SubnetIdz: [] },
        },
      },
    });
    expect(findings.map((f) => f.path)).toEqual(['Properties.VpcConfig.SubnetIdz']);
  });

  it('reports an unknown resource attribute', () => {
    expect(summary({ B: { Type: 'AWS::S3::Bucket', DependOn: 'X' } })).toEqual(['B DependOn resource-attribute']);
  });
});

describe('checkResourceProperties', () => {
  it('checks one snippet as the only resource of a template', () => {
    expect(checkResourceProperties('AWS::S3::Bucket', { BucketName: 'b' }, schemas)).toEqual([]);
    expect(
      checkResourceProperties(
        'AWS::DynamoDB::Table',
        { KeySchema: [{ AttributeName: 'pk', KeyTyp: 'HASH' }] },
        schemas,
      ).map((f) => `${f.path}: ${f.message}`),
    ).toEqual([
      'Properties.KeySchema[0]: required property KeyType is missing',
      'Properties.KeySchema[0].KeyTyp: KeySchema has no property KeyTyp',
    ]);
  });
});
