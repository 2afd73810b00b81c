import { describe, expect, it } from 'vitest';
import { actionMatches, checkIamPolicies, checkLambdaRuntime, parseTemplate } from '../src/index';

const roleWith = (...Statement: unknown[]) => ({
  Type: 'AWS::IAM::Role',
  Properties: {
    AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: '*', Action: '*' }] },
    Policies: [{ PolicyName: 'p', PolicyDocument: { Statement } }],
  },
});
const messages = (resources: Record<string, unknown>) =>
  checkIamPolicies(parseTemplate({ Resources: resources })).map((f) => f.message);

describe('actionMatches', () => {
  it('matches IAM wildcards case-insensitively', () => {
    expect(actionMatches('s3:Get*', 's3:GetObject')).toBe(true);
    expect(actionMatches('S3:getobject', 's3:GetObject')).toBe(true);
    expect(actionMatches('dynamodb:?etItem', 'dynamodb:GetItem')).toBe(true);
    expect(actionMatches('s3:Get*', 's3:PutObject')).toBe(false);
    expect(actionMatches('s3:GetObject.', 's3:GetObjectX')).toBe(false);
  });
});

describe('checkIamPolicies', () => {
  it('accepts scoped statements, Deny statements and trust policies', () => {
    expect(
      messages({
        R: roleWith(
          { Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::b/*' },
          { Effect: 'Allow', Action: 'xray:PutTraceSegments', Resource: '*' },
          { Effect: 'Deny', Action: 's3:*', Resource: '*' },
        ),
      }),
    ).toEqual([]);
  });

  it('fails Action "*" and whole-service wildcards', () => {
    expect(
      messages({
        R: roleWith({ Effect: 'Allow', Action: ['*', 'dynamodb:*'], Resource: 'arn:aws:dynamodb:::table/t' }),
      }),
    ).toEqual(['Action "*" grants every action', 'Action "dynamodb:*" grants the whole service']);
  });

  it('fails data actions on every resource, including through wildcards and NotResource', () => {
    expect(
      messages({
        P: {
          Type: 'AWS::IAM::Policy',
          Properties: {
            PolicyDocument: {
              Statement: [
                { Effect: 'Allow', Action: 'dynamodb:PutItem', Resource: '*' },
                { Effect: 'Allow', Action: 's3:GetObjectV*', Resource: ['arn:aws:s3:::b', '*'] },
                { Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', NotResource: 'arn:x' },
              ],
            },
          },
        },
      }),
    ).toEqual([
      'data actions on every resource: dynamodb:PutItem',
      'data actions on every resource: s3:GetObjectVersion',
      'data actions on every resource: secretsmanager:GetSecretValue',
    ]);
  });

  it('fails Allow with NotAction', () => {
    expect(messages({ R: roleWith({ Effect: 'Allow', NotAction: 'iam:*', Resource: 'arn:x' }) })).toEqual([
      'Allow with NotAction grants everything else',
    ]);
  });
});

describe('checkLambdaRuntime', () => {
  it('fails any runtime other than the expected one and skips image functions', () => {
    const template = parseTemplate({
      Resources: {
        Ok: { Type: 'AWS::Lambda::Function', Properties: { Runtime: 'nodejs22.x' } },
        Old: { Type: 'AWS::Lambda::Function', Properties: { Runtime: 'nodejs18.x' } },
        Missing: { Type: 'AWS::Lambda::Function', Properties: {} },
        Image: { Type: 'AWS::Lambda::Function', Properties: { PackageType: 'Image' } },
      },
    });
    expect(checkLambdaRuntime(template, 'nodejs22.x').map((f) => f.subject)).toEqual(['Old', 'Missing']);
  });
});
