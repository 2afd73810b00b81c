import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServiceStack, startServiceStack } from '../src/stack';
import fixtureDescriptor from './fixtures/ontap-service/local';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'ontap-service');

describe('startServiceStack with needsOntap', () => {
  let root: string;
  let dataDir: string;
  let stack: ServiceStack;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'stack-ontap-'));
    dataDir = join(root, 'volume');
    await mkdir(join(dataDir, 'archive-volume'), { recursive: true });
    await writeFile(join(dataDir, 'scan.dcm'), 'DICM');
    stack = await startServiceStack({ serviceDir: FIXTURE, dataDir, stateRootDir: root, retryDelayMs: 0 });
  });
  afterAll(async () => {
    await stack?.stop();
    await rm(root, { recursive: true, force: true });
  });

  it('creates the SVM and the volume over the data directory with the descriptor names', () => {
    const ontap = stack.info.ontap;
    expect(ontap).toMatchObject({ svmName: 'svm-local', volumeName: 'data' });
    expect(stack.info.endpoints.ontap).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(stack.ontap?.state.svmUuid('svm-local')).toBe(ontap?.svmUuid);
    const volumes = stack.ontap?.state.volumes() ?? [];
    expect(volumes.map((v) => [v.name, v.dir, v.junctionPath, v.securityStyle]).sort()).toEqual([
      ['archive', join(dataDir, 'archive-volume'), '/archive', 'unix'],
      ['data', dataDir, '/data', 'ntfs'],
    ]);
    expect(volumes.find((v) => v.name === 'data')?.uuid).toBe(ontap?.volumeUuid);
  });

  it('stores the simulator admin credentials as a local secret the SDK reads through AWS_ENDPOINT_URL_SECRETS_MANAGER', async () => {
    const sm = new SecretsManagerClient({});
    const secret = await sm.send(new GetSecretValueCommand({ SecretId: stack.info.ontap?.secretArn }));
    sm.destroy();
    const credentials = JSON.parse(secret.SecretString ?? '{}') as { username?: string; password?: string };
    expect(credentials.username).toBe('fsxadmin');
    expect(credentials.password?.length).toBeGreaterThanOrEqual(20);
    // The credentials are the simulator's: a Basic-auth call with them succeeds, a wrong password is refused.
    const call = (password: string) =>
      fetch(`${stack.info.endpoints.ontap}/api/storage/volumes`, {
        headers: { authorization: `Basic ${Buffer.from(`fsxadmin:${password}`).toString('base64')}` },
      });
    expect((await call(credentials.password ?? '')).status).toBe(200);
    expect((await call('wrong')).status).toBe(401);
    expect(process.env.ONTAP_SECRET_ARN).toBe(stack.info.ontap?.secretArn);
    expect(process.env.ONTAP_ENDPOINT).toBe(stack.info.endpoints.ontap);
  });

  it('runs a handler that lists the volumes with @fsxn/ontap-client and the secret, end to end', async () => {
    const result = await stack.run();
    expect(result.status).toBe('SUCCEEDED');
    expect(result.output).toEqual({
      volumes: [
        { name: 'archive', uuid: expect.any(String), svm: 'svm-local', junctionPath: '/archive' },
        { name: 'data', uuid: stack.info.ontap?.volumeUuid, svm: 'svm-local', junctionPath: '/data' },
      ],
    });
  });

  it('lets a test inject ONTAP faults that the handler then meets', async () => {
    stack.ontap?.faults.failNext(1, 503);
    const failed = await stack.run();
    expect(failed.status).toBe('FAILED');
    expect(failed.cause).toContain('503');
    stack.ontap?.faults.reset();
    expect((await stack.run()).status).toBe('SUCCEEDED');
  });
});

describe('startServiceStack ONTAP descriptor checks', () => {
  it('refuses `ontap` settings without needsOntap, before starting anything', async () => {
    const { needsOntap: _needsOntap, ...descriptor } = fixtureDescriptor;
    await expect(
      startServiceStack({ serviceDir: FIXTURE, dataDir: tmpdir(), stateRootDir: tmpdir(), descriptor }),
    ).rejects.toThrow(/sets `ontap` but not `needsOntap: true`/);
  });

  it('refuses two volumes with the same name', async () => {
    const root = await mkdtemp(join(tmpdir(), 'stack-ontap-dup-'));
    const descriptor = {
      ...fixtureDescriptor,
      ontap: { volumeName: 'data', extraVolumes: [{ name: 'data', dir: '.' }] },
    };
    await expect(
      startServiceStack({ serviceDir: FIXTURE, dataDir: root, stateRootDir: root, descriptor }),
    ).rejects.toThrow(/names volume "data" twice/);
    await rm(root, { recursive: true, force: true });
  });
});
