import { lstat, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import {
  clones,
  createOntapClient,
  flexcache,
  type OntapClient,
  secretsManagerCredentials,
  volumes,
} from '@fsxn/ontap-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deriveAlias } from '../src/s3ap-emulator';
import { type LocalServiceDescriptor, type ServiceStack, startServiceStack } from '../src/stack';
import fixtureDescriptor from './fixtures/ontap-service/local';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'ontap-service');
const SAMPLE_FIXTURE = join(import.meta.dirname, 'fixtures', 'sample-service');
const SVM = 'svm-local';
/** The simulator ends a job in ~50 ms: poll it often rather than every second. */
const FAST = { wait: { intervalMs: 10 } };

const errorOf = async (promise: Promise<unknown>): Promise<S3ServiceException> => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof S3ServiceException) return error;
    throw error;
  }
  throw new Error('expected the request to fail');
};

describe('startServiceStack: access points over simulator volumes, resolved per request', () => {
  let root: string;
  let dataDir: string;
  let stack: ServiceStack;
  let s3: S3Client;
  let ontap: OntapClient;
  let secrets: SecretsManagerClient;

  const descriptor: LocalServiceDescriptor = {
    ...fixtureDescriptor,
    accessPoints: {
      input: 'ontap-service-input',
      volumes: [
        { name: 'fsxn-clone-ap', volume: 'data_clone' },
        { name: 'fsxn-cache-ap', volume: 'data_cache' },
      ],
    },
    environment: (info) => ({
      ONTAP_SVM: info.ontap?.svmName ?? '',
      CLONE_ACCESS_POINT: info.accessPoints.volumes.find((ap) => ap.name === 'fsxn-clone-ap')?.alias ?? '',
    }),
  };
  const cloneAlias = deriveAlias('fsxn-clone-ap');
  const cacheAlias = deriveAlias('fsxn-cache-ap');

  const read = async (bucket: string, key: string) =>
    (await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body?.transformToString();
  const keysOf = async (bucket: string) =>
    ((await s3.send(new ListObjectsV2Command({ Bucket: bucket }))).Contents ?? []).map((o) => o.Key);
  const volumeUuid = async (name: string) => {
    const volume = await volumes.getByName(ontap, SVM, name);
    if (volume.uuid === undefined) throw new Error(`volume ${name} has no uuid`);
    return volume.uuid;
  };

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'stack-volume-aps-'));
    dataDir = join(root, 'volume');
    await mkdir(join(dataDir, 'archive-volume'), { recursive: true });
    await mkdir(join(dataDir, 'study'), { recursive: true });
    await writeFile(join(dataDir, 'study', 'scan.dcm'), 'DICM-original');
    await writeFile(join(dataDir, 'archive-volume', 'old.txt'), 'archived');
    stack = await startServiceStack({ serviceDir: FIXTURE, dataDir, stateRootDir: root, descriptor });
    // Clients at default settings, as a handler builds them: endpoints and credentials come from the
    // environment the stack set.
    s3 = new S3Client({ forcePathStyle: true, maxAttempts: 1 });
    secrets = new SecretsManagerClient({});
    ontap = createOntapClient({
      baseUrl: process.env.ONTAP_ENDPOINT ?? '',
      credentials: secretsManagerCredentials({ client: secrets, secretId: process.env.ONTAP_SECRET_ARN ?? '' }),
      retries: 0,
    });
  });
  afterAll(async () => {
    s3?.destroy();
    secrets?.destroy();
    await stack?.stop();
    await rm(root, { recursive: true, force: true });
  });

  it('lists the volume access points with their derived aliases for the descriptor and the handlers', async () => {
    expect(cloneAlias).toMatch(/^fsxn-clone-ap-[a-z0-9]{10}-ext-s3alias$/);
    expect(stack.info.accessPoints.volumes).toEqual([
      { name: 'fsxn-clone-ap', alias: cloneAlias, volume: 'data_clone' },
      { name: 'fsxn-cache-ap', alias: cacheAlias, volume: 'data_cache' },
    ]);
    expect(process.env.CLONE_ACCESS_POINT).toBe(cloneAlias);
    const stateFile = JSON.parse(await readFile(stack.stateFile, 'utf8')) as {
      accessPoints: { volumes: unknown };
    };
    expect(stateFile.accessPoints.volumes).toEqual(stack.info.accessPoints.volumes);
  });

  it('refuses the clone access point before the clone exists, naming the missing volume', async () => {
    const error = await errorOf(read(cloneAlias, 'study/scan.dcm'));
    expect(error.name).toBe('NoSuchBucket');
    expect(error.$metadata.httpStatusCode).toBe(404);
    expect(error.message).toContain('volume data_clone of SVM svm-local, which does not exist');
  });

  it('serves a FlexClone created through the REST API mid-test, with the clone’s own data', async () => {
    await clones.create(
      ontap,
      {
        svm: { name: SVM },
        name: 'data_clone',
        parentVolume: { name: 'data' },
        nasPath: '/data_clone',
      },
      FAST,
    );
    // The parent changes after the clone was taken: the clone keeps the snapshot's bytes.
    await writeFile(join(dataDir, 'study', 'scan.dcm'), 'DICM-changed-later');
    expect(await read(cloneAlias, 'study/scan.dcm')).toBe('DICM-original');
    expect(await read(stack.info.accessPoints.input.alias, 'study/scan.dcm')).toBe('DICM-changed-later');
    expect(await keysOf(cloneAlias)).toContain('study/scan.dcm');

    // A write through the clone's access point lands in the clone's directory, not in the parent.
    await s3.send(new PutObjectCommand({ Bucket: cloneAlias, Key: 'out/result.json', Body: '{"ok":true}' }));
    const cloneDir = stack.ontap?.state.volume(SVM, 'data_clone')?.dir ?? '';
    expect(cloneDir).not.toBe('');
    expect(await readFile(join(cloneDir, 'out', 'result.json'), 'utf8')).toBe('{"ok":true}');
    await expect(lstat(join(dataDir, 'out', 'result.json'))).rejects.toThrow(/ENOENT/);
  });

  it('refuses the clone access point while the clone is unmounted or offline, and serves it again once mounted', async () => {
    const uuid = await volumeUuid('data_clone');
    await volumes.unmount(ontap, uuid, FAST);
    const unmounted = await errorOf(read(cloneAlias, 'study/scan.dcm'));
    expect(unmounted.name).toBe('NoSuchBucket');
    expect(unmounted.message).toContain('which is not mounted (no junction path)');

    await volumes.mount(ontap, uuid, '/data_clone', FAST);
    expect(await read(cloneAlias, 'study/scan.dcm')).toBe('DICM-original');

    await volumes.setState(ontap, uuid, 'offline', FAST);
    const offline = await errorOf(read(cloneAlias, 'study/scan.dcm'));
    expect(offline.name).toBe('NoSuchBucket');
    expect(offline.message).toContain('which is offline');
    await volumes.setState(ontap, uuid, 'online', FAST);
    // Offline removed the junction path (ONTAP's rule): online alone does not remount it.
    expect((await errorOf(read(cloneAlias, 'study/scan.dcm'))).message).toContain('not mounted');
    await volumes.mount(ontap, uuid, '/data_clone', FAST);
    expect(await read(cloneAlias, 'study/scan.dcm')).toBe('DICM-original');
  });

  it('refuses the clone access point once the clone is deleted', async () => {
    await clones.remove(ontap, await volumeUuid('data_clone'), FAST);
    expect((await errorOf(read(cloneAlias, 'study/scan.dcm'))).message).toContain('which does not exist');
  });

  it("serves a FlexCache (a link to its origin's directory) through its access point, with the origin's current data", async () => {
    await flexcache.create(
      ontap,
      {
        svm: { name: SVM },
        name: 'data_cache',
        origins: [{ volumeName: 'data', svmName: SVM }],
        path: '/data_cache',
      },
      FAST,
    );
    const cacheDir = stack.ontap?.state.volume(SVM, 'data_cache')?.dir ?? '';
    expect((await lstat(cacheDir)).isSymbolicLink()).toBe(true);
    expect(await read(cacheAlias, 'study/scan.dcm')).toBe('DICM-changed-later');
    await writeFile(join(dataDir, 'study', 'new.dcm'), 'DICM-new');
    expect(await read(cacheAlias, 'study/new.dcm')).toBe('DICM-new');
    // Keys still may not leave the cache's real root (the origin's directory).
    expect((await errorOf(read(cacheAlias, '../outside.txt'))).name).toBe('AccessDenied');
  });

  it('sets a volume state directly for tests: offline drops the junction path, seen by REST and the access point', async () => {
    stack.ontap?.state.setVolumeState(SVM, 'data_cache', 'offline');
    const view = stack.ontap?.state.volume(SVM, 'data_cache');
    expect(view).toMatchObject({ state: 'offline', junctionPath: undefined });
    const overRest = await volumes.get(ontap, await volumeUuid('data_cache'));
    expect(overRest.state).toBe('offline');
    expect(overRest.nas?.path).toBeUndefined();
    expect((await errorOf(read(cacheAlias, 'study/scan.dcm'))).message).toContain('which is offline');
    // The origin's own access point is unaffected: only the cache's volume went offline.
    expect(await read(stack.info.accessPoints.input.alias, 'study/scan.dcm')).toBe('DICM-changed-later');

    stack.ontap?.state.setVolumeState(SVM, 'data_cache', 'restricted');
    expect(stack.ontap?.state.volume(SVM, 'data_cache')?.state).toBe('restricted');
    stack.ontap?.state.setVolumeState(SVM, 'data_cache', 'online');
    expect(stack.ontap?.state.volume(SVM, 'data_cache')).toMatchObject({ state: 'online', junctionPath: undefined });
    expect(() => stack.ontap?.state.setVolumeState(SVM, 'nope', 'offline')).toThrow(/No volume named nope/);
    expect(() => stack.ontap?.state.setVolumeState('svm-x', 'data', 'offline')).toThrow(/No SVM named svm-x/);
    expect(stack.ontap?.state.volume(SVM, 'data')?.state).toBe('online');
  });

  it('attaches and detaches access points at run time, over a volume or a directory', async () => {
    const overVolume = await stack.attachAccessPoint('fsxn-archive-ap', { volume: 'archive' });
    expect(overVolume).toEqual({ name: 'fsxn-archive-ap', alias: deriveAlias('fsxn-archive-ap'), volume: 'archive' });
    expect(await read(overVolume.alias, 'old.txt')).toBe('archived');

    const overDir = await stack.attachAccessPoint('fsxn-dir-ap', { dir: 'archive-volume' });
    expect(overDir).toEqual({
      name: 'fsxn-dir-ap',
      alias: deriveAlias('fsxn-dir-ap'),
      rootDir: join(dataDir, 'archive-volume'),
    });
    expect(await read(overDir.alias, 'old.txt')).toBe('archived');
    await expect(stack.attachAccessPoint('fsxn-dir-ap', { dir: '.' })).rejects.toThrow(/Duplicate access point/);

    expect(await stack.detachAccessPoint('fsxn-archive-ap')).toBe(true);
    expect(await stack.detachAccessPoint('fsxn-dir-ap')).toBe(true);
    expect(await stack.detachAccessPoint('fsxn-dir-ap')).toBe(false);
    expect((await errorOf(read(overVolume.alias, 'old.txt'))).name).toBe('NoSuchBucket');
    expect((await errorOf(read(overDir.alias, 'old.txt'))).name).toBe('NoSuchBucket');
  });
});

describe('startServiceStack: volume access points need the ONTAP simulator', () => {
  it('refuses `accessPoints.volumes` without needsOntap, before starting anything', async () => {
    const { needsOntap: _needsOntap, ontap: _ontap, ...rest } = fixtureDescriptor;
    const descriptor: LocalServiceDescriptor = {
      ...rest,
      accessPoints: { input: 'in-ap', volumes: [{ name: 'clone-ap', volume: 'vol1_clone' }] },
    };
    await expect(
      startServiceStack({ serviceDir: FIXTURE, dataDir: tmpdir(), stateRootDir: tmpdir(), descriptor }),
    ).rejects.toThrow(/sets `accessPoints.volumes` but not `needsOntap: true`/);
  });

  it('refuses attaching an access point over a volume on a stack without the simulator, but serves a directory, with faults', async () => {
    const root = await mkdtemp(join(tmpdir(), 'stack-volume-aps-no-ontap-'));
    const dataDir = join(root, 'volume');
    await mkdir(join(dataDir, 'sub'), { recursive: true });
    await writeFile(join(dataDir, 'sub', 'x.txt'), 'x');
    const stack = await startServiceStack({ serviceDir: SAMPLE_FIXTURE, dataDir, stateRootDir: root });
    const s3 = new S3Client({ forcePathStyle: true, maxAttempts: 1 });
    try {
      expect(stack.info.accessPoints.volumes).toEqual([]);
      await expect(stack.attachAccessPoint('clone-ap', { volume: 'vol1_clone' })).rejects.toThrow(
        /needs the ONTAP simulator/,
      );
      const sub = await stack.attachAccessPoint('sub-ap', { dir: 'sub' });
      const body = await s3.send(new GetObjectCommand({ Bucket: sub.alias, Key: 'x.txt' }));
      expect(await body.Body?.transformToString()).toBe('x');
      // The emulator's faults reach runtime-attached access points too (one attempt: no SDK retry).
      stack.s3Faults.failNextRequests(1);
      expect((await errorOf(s3.send(new GetObjectCommand({ Bucket: sub.alias, Key: 'x.txt' })))).name).toBe('SlowDown');
      expect(stack.s3Faults.pendingFailures).toBe(0);
    } finally {
      s3.destroy();
      await stack.stop();
      await rm(root, { recursive: true, force: true });
    }
  });
});
