import { mkdir, mkdtemp, readFile, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  CopyObjectCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  HeadBucketCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  PutObjectTaggingCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LocalStackError } from '../src/errors';
import { deriveAlias, detachedAccessPoint, type S3ApEmulator, startS3ApEmulator } from '../src/s3ap-emulator';

const errorOf = async (promise: Promise<unknown>): Promise<S3ServiceException> => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof S3ServiceException) return error;
    throw error;
  }
  throw new Error('expected the request to fail');
};

describe('S3AP emulator: access points attached, resolved and detached at run time', () => {
  let base: string;
  let emulator: S3ApEmulator;
  let s3: S3Client;
  /** One attempt only: the InternalError case must not be retried by the SDK. */
  let s3Once: S3Client;

  const read = async (bucket: string, key: string) => {
    const answer = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return answer.Body?.transformToString();
  };
  const keysOf = async (bucket: string) =>
    ((await s3.send(new ListObjectsV2Command({ Bucket: bucket }))).Contents ?? []).map((o) => o.Key);
  const dir = async (name: string, files: Record<string, string>) => {
    const root = path.join(base, name);
    await mkdir(root, { recursive: true });
    for (const [key, text] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(root, key)), { recursive: true });
      await writeFile(path.join(root, key), text);
    }
    return root;
  };

  beforeAll(async () => {
    base = await mkdtemp(path.join(tmpdir(), 's3ap-attach-test-'));
    emulator = await startS3ApEmulator({ accessPoints: [], stateDir: path.join(base, 'state') });
    const clientConfig = {
      endpoint: emulator.endpoint,
      forcePathStyle: true,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    };
    s3 = new S3Client(clientConfig);
    s3Once = new S3Client({ ...clientConfig, maxAttempts: 1 });
  });
  afterAll(async () => {
    s3.destroy();
    s3Once.destroy();
    await emulator.stop();
    await rm(base, { recursive: true, force: true });
  });
  beforeEach(async () => {
    for (const ap of emulator.accessPoints) await emulator.removeAccessPoint(ap.name);
  });

  it('serves an access point added while running by name and by its derived alias, until it is removed', async () => {
    const root = await dir('added', { 'a/b.txt': 'bee' });
    const bucket = deriveAlias('added-ap');
    expect((await errorOf(read(bucket, 'a/b.txt'))).name).toBe('NoSuchBucket');

    const info = await emulator.addAccessPoint({ name: 'added-ap', rootDir: root });
    expect(info).toEqual({ name: 'added-ap', alias: bucket, rootDir: root });
    expect(emulator.aliasOf('added-ap')).toBe(bucket);
    expect(emulator.accessPoints).toEqual([info]);
    expect(await read(bucket, 'a/b.txt')).toBe('bee');
    expect(await read('added-ap', 'a/b.txt')).toBe('bee');

    expect(await emulator.removeAccessPoint('added-ap')).toBe(true);
    expect(await emulator.removeAccessPoint('added-ap')).toBe(false);
    expect(emulator.accessPoints).toEqual([]);
    expect(() => emulator.aliasOf('added-ap')).toThrow(LocalStackError);
    expect((await errorOf(read(bucket, 'a/b.txt'))).name).toBe('NoSuchBucket');
    expect((await errorOf(s3.send(new HeadBucketCommand({ Bucket: bucket })))).$metadata.httpStatusCode).toBe(404);
    // The files stay: removing an access point never touches the volume.
    expect(await readFile(path.join(root, 'a/b.txt'), 'utf8')).toBe('bee');
  });

  it('refuses a duplicate name or alias, a fixed root that is not a directory, and an invalid name', async () => {
    const root = await dir('dup', {});
    await emulator.addAccessPoint({ name: 'dup-ap', rootDir: root });
    await expect(emulator.addAccessPoint({ name: 'dup-ap', rootDir: root })).rejects.toThrow(/Duplicate/);
    await expect(
      emulator.addAccessPoint({ name: 'other-ap', alias: deriveAlias('dup-ap'), rootDir: root }),
    ).rejects.toThrow(/Duplicate/);
    await expect(emulator.addAccessPoint({ name: 'gone-ap', rootDir: path.join(base, 'nowhere') })).rejects.toThrow(
      /is not a directory/,
    );
    await expect(emulator.addAccessPoint({ name: 'Bad_Name', rootDir: root })).rejects.toThrow(/Invalid access point/);
    expect(emulator.accessPoints.map((ap) => ap.name)).toEqual(['dup-ap']);
  });

  it('drops the emulator state of a removed access point, so one re-added under the same name starts clean', async () => {
    const root = await dir('tags', { 'doc.txt': 'text' });
    await emulator.addAccessPoint({ name: 'tags-ap', rootDir: root });
    const bucket = emulator.aliasOf('tags-ap');
    await s3.send(
      new PutObjectTaggingCommand({ Bucket: bucket, Key: 'doc.txt', Tagging: { TagSet: [{ Key: 'k', Value: 'v' }] } }),
    );
    expect((await s3.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: 'doc.txt' }))).TagSet).toEqual([
      { Key: 'k', Value: 'v' },
    ]);
    await emulator.removeAccessPoint('tags-ap');
    await emulator.addAccessPoint({ name: 'tags-ap', rootDir: root });
    expect((await s3.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: 'doc.txt' }))).TagSet).toEqual([]);
  });

  it('resolves a root on every request: NoSuchBucket while unresolved, then whichever directory it names', async () => {
    const first = await dir('first', { 'which.txt': 'first' });
    const second = await dir('second', { 'which.txt': 'second', 'only-second.txt': '2' });
    let current: string | undefined;
    const info = await emulator.addAccessPoint({ name: 'moving-ap', resolveRoot: () => current });
    expect(info).toEqual({ name: 'moving-ap', alias: deriveAlias('moving-ap') });

    const detached = await errorOf(read(info.alias, 'which.txt'));
    expect(detached.name).toBe('NoSuchBucket');
    expect(detached.$metadata.httpStatusCode).toBe(404);
    expect(detached.message).toMatch(/access point moving-ap is not attached/);

    current = first;
    expect(await read(info.alias, 'which.txt')).toBe('first');
    current = second;
    expect(await read(info.alias, 'which.txt')).toBe('second');
    expect(await keysOf(info.alias)).toEqual(['only-second.txt', 'which.txt']);
    // Writes land in the directory resolved for that request.
    await s3.send(new PutObjectCommand({ Bucket: info.alias, Key: 'out/new.txt', Body: 'new' }));
    expect(await readFile(path.join(second, 'out/new.txt'), 'utf8')).toBe('new');
    // CopyObject within the access point still counts as the same access point across requests.
    await s3.send(
      new CopyObjectCommand({ Bucket: info.alias, Key: 'copy.txt', CopySource: `${info.alias}/which.txt` }),
    );
    expect(await readFile(path.join(second, 'copy.txt'), 'utf8')).toBe('second');

    current = path.join(base, 'deleted-volume');
    const missing = await errorOf(read(info.alias, 'which.txt'));
    expect(missing.name).toBe('NoSuchBucket');
    expect(missing.message).toContain(`has no directory at ${current}`);
  });

  it("passes a resolver's own NoSuchBucket reason through, and answers a resolver bug with a 500", async () => {
    let failure: Error = detachedAccessPoint('why-ap', 'is on volume vol9, which is offline');
    await emulator.addAccessPoint({
      name: 'why-ap',
      resolveRoot: () => {
        throw failure;
      },
    });
    const explained = await errorOf(read('why-ap', 'k'));
    expect(explained.name).toBe('NoSuchBucket');
    expect(explained.message).toBe(
      'The specified bucket does not exist: access point why-ap is on volume vol9, which is offline.',
    );
    failure = new TypeError('resolver bug');
    const bug = await errorOf(s3Once.send(new GetObjectCommand({ Bucket: 'why-ap', Key: 'k' })));
    expect(bug.name).toBe('InternalError');
    expect(bug.$metadata.httpStatusCode).toBe(500);
    expect(bug.message).not.toContain('resolver bug');
  });

  describe('a root that is itself a symlink (a FlexCache directory linked to its origin)', () => {
    let origin: string;
    let outside: string;
    let cacheLink: string;

    beforeAll(async () => {
      origin = await dir('origin', { 'scene/a.exr': 'frame-a', 'readme.txt': 'origin' });
      outside = await dir('outside', { 'secret.txt': 'secret' });
      await mkdir(path.join(base, 'flexcache'));
      cacheLink = path.join(base, 'flexcache', 'cache-1');
      await symlink(origin, cacheLink, 'dir');
      await writeFile(path.join(base, 'flexcache', 'sibling.txt'), 'beside the link');
      // Links inside the origin: one leaving it, one leaving to the link's own parent, one coming back in
      // through the cache link (its real path is inside the origin).
      await symlink(path.join(outside, 'secret.txt'), path.join(origin, 'escape.txt'));
      await symlink(path.join(base, 'flexcache'), path.join(origin, 'up'), 'dir');
      await symlink(path.join(cacheLink, 'readme.txt'), path.join(origin, 'via-cache.txt'));
    });

    it('serves, lists and writes through the link root', async () => {
      await emulator.addAccessPoint({ name: 'cache-ap', rootDir: cacheLink });
      expect(await read('cache-ap', 'scene/a.exr')).toBe('frame-a');
      expect(await read('cache-ap', 'via-cache.txt')).toBe('origin');
      expect(await keysOf('cache-ap')).toEqual(['readme.txt', 'scene/a.exr', 'via-cache.txt']);
      await s3.send(new PutObjectCommand({ Bucket: 'cache-ap', Key: 'scene/b.exr', Body: 'frame-b' }));
      expect(await readFile(path.join(origin, 'scene/b.exr'), 'utf8')).toBe('frame-b');
      await unlink(path.join(origin, 'scene/b.exr'));
    });

    it('still refuses keys that escape the real root, whether by segments or through links inside it', async () => {
      await emulator.addAccessPoint({ name: 'cache-ap', resolveRoot: () => cacheLink });
      for (const key of ['escape.txt', 'up/sibling.txt', 'up/new.txt']) {
        expect((await errorOf(read('cache-ap', key))).name, key).toBe('AccessDenied');
      }
      expect((await errorOf(read('cache-ap', '../sibling.txt'))).name).toBe('AccessDenied');
      // A path through a link that ends up back inside the real root is inside, as on the file system.
      expect(await read('cache-ap', 'up/cache-1/readme.txt')).toBe('origin');
      const write = await errorOf(s3.send(new PutObjectCommand({ Bucket: 'cache-ap', Key: 'up/new.txt', Body: 'x' })));
      expect(write.name).toBe('AccessDenied');
      await expect(readFile(path.join(base, 'flexcache', 'new.txt'))).rejects.toThrow(/ENOENT/);
      expect(await keysOf('cache-ap')).toEqual(['readme.txt', 'scene/a.exr', 'via-cache.txt']);
    });

    it('follows the link to its new target on the next request, checking keys against that target', async () => {
      const retarget = await dir('other-origin', { 'readme.txt': 'other' });
      const movable = path.join(base, 'flexcache', 'cache-2');
      await symlink(origin, movable, 'dir');
      await emulator.addAccessPoint({ name: 'cache-ap', resolveRoot: () => movable });
      expect(await read('cache-ap', 'readme.txt')).toBe('origin');
      await unlink(movable);
      await symlink(retarget, movable, 'dir');
      expect(await read('cache-ap', 'readme.txt')).toBe('other');
      expect((await errorOf(read('cache-ap', 'scene/a.exr'))).name).toBe('NoSuchKey');
      await unlink(movable);
      expect((await errorOf(read('cache-ap', 'readme.txt'))).name).toBe('NoSuchBucket');
    });
  });
});
