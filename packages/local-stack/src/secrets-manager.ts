import { randomUUID } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import { LocalStackError } from './errors';
import { closeServer, listen } from './http/listen';
import { readBody } from './http/read-body';
import { sendJson } from './http/send-json';
import { isRecord } from './util/is-record';

/**
 * The part of the Secrets Manager API our functions use (GetSecretValue, DescribeSecret), over the
 * JSON 1.1 protocol the AWS SDK speaks, so handler code reads secrets the same way offline as in AWS.
 * Secret values live only in this process's memory.
 */
export interface LocalSecretsManager {
  readonly endpoint: string;
  /** Adds or replaces a secret; returns its ARN. */
  put(name: string, value: string | Record<string, unknown>): string;
  stop(): Promise<void>;
}

interface StoredSecret {
  arn: string;
  name: string;
  value: string;
  versionId: string;
  createdAt: number;
}

const MAX_BODY_BYTES = 64 * 1024;

const send = (res: ServerResponse, status: number, body: unknown) =>
  sendJson(res, status, body, { 'content-type': 'application/x-amz-json-1.1' });

const awsError = (res: ServerResponse, type: string, message: string) => send(res, 400, { __type: type, message });

export const startSecretsManager = async (
  options: { secrets?: Record<string, string | Record<string, unknown>>; port?: number } = {},
): Promise<LocalSecretsManager> => {
  const byName = new Map<string, StoredSecret>();
  const byArn = new Map<string, StoredSecret>();
  const put = (name: string, value: string | Record<string, unknown>): string => {
    const arn = `arn:aws:secretsmanager:us-east-1:000000000000:secret:${name}-${randomUUID().slice(0, 6)}`;
    const secret: StoredSecret = {
      arn,
      name,
      value: typeof value === 'string' ? value : JSON.stringify(value),
      versionId: randomUUID(),
      createdAt: Date.now() / 1000,
    };
    const previous = byName.get(name);
    if (previous) byArn.delete(previous.arn);
    byName.set(name, secret);
    byArn.set(arn, secret);
    return arn;
  };
  for (const [name, value] of Object.entries(options.secrets ?? {})) put(name, value);

  const server = createServer(async (req, res) => {
    try {
      const target = String(req.headers['x-amz-target'] ?? '');
      const text = await readBody(req, {
        maxBytes: MAX_BODY_BYTES,
        tooLarge: () => new LocalStackError('request body too large'),
      });
      const body: unknown = JSON.parse(text || '{}');
      const secretId = isRecord(body) && body.SecretId !== undefined ? String(body.SecretId) : '';
      const secret = byArn.get(secretId) ?? byName.get(secretId);
      if (target === 'secretsmanager.GetSecretValue' || target === 'secretsmanager.DescribeSecret') {
        if (!secret)
          return awsError(res, 'ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
        if (target === 'secretsmanager.DescribeSecret') return send(res, 200, { ARN: secret.arn, Name: secret.name });
        return send(res, 200, {
          ARN: secret.arn,
          Name: secret.name,
          SecretString: secret.value,
          VersionId: secret.versionId,
          VersionStages: ['AWSCURRENT'],
          CreatedDate: secret.createdAt,
        });
      }
      return awsError(res, 'UnknownOperationException', `operation ${target || '(none)'} is not available locally`);
    } catch (err) {
      return awsError(res, 'InvalidRequestException', err instanceof Error ? err.message : 'invalid request');
    }
  });
  const { port } = await listen(server, options.port);
  return {
    endpoint: `http://127.0.0.1:${port}`,
    put,
    stop: () => closeServer(server),
  };
};
