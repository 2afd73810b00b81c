import { randomInt } from 'node:crypto';
import { type DynamoDBClient, ResourceInUseException } from '@aws-sdk/client-dynamodb';
import { type CfnTableProperties, createTableFromCfn } from '../dynamodb';
import type { LocalSecretsManager } from '../secrets-manager';
import type { IntrinsicEvaluator } from '../state-machine/intrinsics';
import { isRecord } from '../util/is-record';

const resourcesOfType = (resources: Record<string, unknown>, type: string) =>
  Object.entries(resources).flatMap(([id, r]) =>
    isRecord(r) && r.Type === type ? [{ id, properties: isRecord(r.Properties) ? r.Properties : {} }] : [],
  );

/** Creates every AWS::DynamoDB::Table of the template; returns logical id → table name. */
export const createTables = async (
  client: DynamoDBClient,
  resources: Record<string, unknown>,
  evaluator: IntrinsicEvaluator,
): Promise<Record<string, string>> => {
  const tables: Record<string, string> = {};
  for (const { id, properties } of resourcesOfType(resources, 'AWS::DynamoDB::Table')) {
    const name =
      properties.TableName === undefined ? id : evaluator.evaluateString(properties.TableName, `${id}.TableName`);
    try {
      await createTableFromCfn(client, name, evaluator.evaluate(properties) as unknown as CfnTableProperties);
    } catch (error) {
      // A persisted store (persistDir) already has the table from an earlier run.
      if (!(error instanceof ResourceInUseException)) throw error;
    }
    tables[id] = name;
  }
  return tables;
};

const PUNCTUATION = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';

/** Generates a value as Secrets Manager's GenerateSecretString does (length, excluded classes, template). */
export const generateSecretString = (spec: Record<string, unknown>): string => {
  let alphabet = '';
  if (spec.ExcludeLowercase !== true) alphabet += 'abcdefghijklmnopqrstuvwxyz';
  if (spec.ExcludeUppercase !== true) alphabet += 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  if (spec.ExcludeNumbers !== true) alphabet += '0123456789';
  if (spec.ExcludePunctuation !== true) alphabet += PUNCTUATION;
  if (spec.IncludeSpace === true) alphabet += ' ';
  const excluded = typeof spec.ExcludeCharacters === 'string' ? spec.ExcludeCharacters : '';
  const chars = [...alphabet].filter((c) => !excluded.includes(c));
  const length = typeof spec.PasswordLength === 'number' ? spec.PasswordLength : 32;
  let value = '';
  for (let i = 0; i < length; i++) value += chars[randomInt(chars.length)] ?? '';
  if (typeof spec.SecretStringTemplate === 'string' && typeof spec.GenerateStringKey === 'string') {
    const template = JSON.parse(spec.SecretStringTemplate) as Record<string, unknown>;
    return JSON.stringify({ ...template, [spec.GenerateStringKey]: value });
  }
  return value;
};

/** Creates every AWS::SecretsManager::Secret in the local Secrets Manager; returns logical id → ARN. */
export const createSecrets = (
  secrets: LocalSecretsManager,
  resources: Record<string, unknown>,
  evaluator: IntrinsicEvaluator,
): Record<string, string> => {
  const arns: Record<string, string> = {};
  for (const { id, properties } of resourcesOfType(resources, 'AWS::SecretsManager::Secret')) {
    const name = properties.Name === undefined ? id : evaluator.evaluateString(properties.Name, `${id}.Name`);
    const value =
      properties.SecretString !== undefined
        ? evaluator.evaluateString(properties.SecretString, `${id}.SecretString`)
        : generateSecretString(isRecord(properties.GenerateSecretString) ? properties.GenerateSecretString : {});
    arns[id] = secrets.put(name, value);
  }
  return arns;
};
