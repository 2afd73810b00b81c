import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetBucketAclCommand,
  GetBucketLocationCommand,
  GetBucketPolicyCommand,
  GetBucketVersioningCommand,
  GetObjectAclCommand,
  GetObjectAttributesCommand,
  GetObjectCommand,
  GetObjectLegalHoldCommand,
  GetObjectTaggingCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsCommand,
  ListObjectsV2Command,
  ListObjectVersionsCommand,
  ListPartsCommand,
  PutBucketLifecycleConfigurationCommand,
  PutObjectCommand,
  PutObjectTaggingCommand,
  S3Client,
  S3ServiceException,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type S3ApEmulator, type S3ApRequestRecord, startS3ApEmulator } from '../src/s3ap-emulator';

const md5 = (data: string | Buffer) => createHash('md5').update(data).digest('hex');

const errorOf = async (promise: Promise<unknown>): Promise<S3ServiceException> => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof S3ServiceException) return error;
    throw error;
  }
  throw new Error('expected the request to fail');
};

describe('S3AP emulator over a directory, driven by SDK v3 at default settings', () => {
  let base: string;
  let volume: string;
  let otherVolume: string;
  let outside: string;
  let emulator: S3ApEmulator;
  let s3: S3Client;
  let bucket: string;
  const requests: S3ApRequestRecord[] = [];

  beforeAll(async () => {
    base = await mkdtemp(path.join(tmpdir(), 's3ap-emu-test-'));
    volume = path.join(base, 'vol');
    otherVolume = path.join(base, 'other');
    outside = path.join(base, 'outside');
    await Promise.all([mkdir(volume), mkdir(otherVolume), mkdir(outside)]);
    await writeFile(path.join(outside, 'secret.txt'), 'secret');
    emulator = await startS3ApEmulator({
      accessPoints: [
        { name: 'vol', rootDir: volume },
        { name: 'other', rootDir: otherVolume },
      ],
      stateDir: path.join(base, 'state'),
      limits: { minPartSize: 5 * 1024 * 1024 },
      onRequest: (r) => requests.push(r),
    });
    bucket = emulator.aliasOf('vol');
    s3 = new S3Client({
      endpoint: emulator.endpoint,
      forcePathStyle: true,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
  });

  afterAll(async () => {
    s3.destroy();
    await emulator.stop();
    await rm(base, { recursive: true, force: true });
  });

  it('serves a file written through the file system as an object with an md5 ETag, and a later edit changes it', async () => {
    await mkdir(path.join(volume, 'nas'), { recursive: true });
    await writeFile(path.join(volume, 'nas/report.csv'), 'a,b\n1,2\n');
    const first = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'nas/report.csv' }));
    expect(await first.Body?.transformToString()).toBe('a,b\n1,2\n');
    expect(first.ETag).toBe(`"${md5('a,b\n1,2\n')}"`);
    await writeFile(path.join(volume, 'nas/report.csv'), 'a,b\n3,4\n');
    await utimes(path.join(volume, 'nas/report.csv'), new Date(), new Date(Date.now() + 5000));
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'nas/report.csv' }));
    expect(head.ETag).toBe(`"${md5('a,b\n3,4\n')}"`);
    expect(head.StorageClass).toBe('FSX_ONTAP');
  });

  it('stores a PutObject as a plain file with the same bytes, addressed by name or alias', async () => {
    const body = Buffer.from('héllo wörld');
    const put = await s3.send(
      new PutObjectCommand({ Bucket: 'vol', Key: 'in/hello.txt', Body: body, ContentType: 'text/plain' }),
    );
    expect(put.ETag).toBe(`"${md5(body)}"`);
    expect((await readFile(path.join(volume, 'in/hello.txt'))).equals(body)).toBe(true);
    const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'in/hello.txt' }));
    expect(got.ContentType).toBe('text/plain');
    expect(
      Buffer.from(await (got.Body?.transformToByteArray() ?? Promise.resolve(new Uint8Array()))).equals(body),
    ).toBe(true);
  });

  it('decodes aws-chunked streamed uploads and verifies their trailing checksum, storing no framing', async () => {
    const pieces = [Buffer.alloc(70_000, 7), Buffer.from('middle'), Buffer.alloc(1234, 9)];
    const whole = Buffer.concat(pieces);
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: 'streamed/data.bin',
        Body: Readable.from(pieces),
        ContentLength: whole.length,
      }),
    );
    expect((await readFile(path.join(volume, 'streamed/data.bin'))).equals(whole)).toBe(true);
    const got = await s3.send(
      new GetObjectCommand({ Bucket: bucket, Key: 'streamed/data.bin', ChecksumMode: 'ENABLED' }),
    );
    expect(got.ChecksumCRC32).toBeDefined();
    expect((await got.Body?.transformToByteArray())?.length).toBe(whole.length);
  });

  it('refuses a body whose checksum does not match, and writes nothing', async () => {
    const response = await fetch(`${emulator.endpoint}/${bucket}/bad-checksum.txt`, {
      method: 'PUT',
      body: 'payload',
      headers: { 'x-amz-checksum-crc32': 'AAAAAA==' },
    });
    expect(response.status).toBe(400);
    const xml = await response.text();
    expect(xml).toMatch(
      /<Error><Code>BadDigest<\/Code><Message>[^<]+<\/Message><Resource>[^<]+<\/Resource><RequestId>[0-9A-F]+<\/RequestId><\/Error>/,
    );
    await expect(stat(path.join(volume, 'bad-checksum.txt'))).rejects.toThrow();
  });

  it('answers Range reads with 206 and Content-Range, and unsatisfiable ranges with 416 InvalidRange', async () => {
    await writeFile(path.join(volume, 'digits.txt'), '0123456789');
    const middle = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'digits.txt', Range: 'bytes=2-5' }));
    expect(middle.$metadata.httpStatusCode).toBe(206);
    expect(middle.ContentRange).toBe('bytes 2-5/10');
    expect(await middle.Body?.transformToString()).toBe('2345');
    const tail = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'digits.txt', Range: 'bytes=-3' }));
    expect(await tail.Body?.transformToString()).toBe('789');
    const from = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'digits.txt', Range: 'bytes=8-' }));
    expect(await from.Body?.transformToString()).toBe('89');
    const error = await errorOf(
      s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'digits.txt', Range: 'bytes=10-12' })),
    );
    expect(error.name).toBe('InvalidRange');
    expect(error.$metadata.httpStatusCode).toBe(416);
  });

  it('lists nested files in byte order with prefixes, delimiters, start-after and paging', async () => {
    const root = path.join(volume, 'tree');
    const keys = ['a-1.txt', 'a/b.txt', 'a/c/d.txt', 'a0.txt', 'b.txt', 'é.txt', 'z/y/x.txt'];
    for (const key of keys) {
      await mkdir(path.dirname(path.join(root, key)), { recursive: true });
      await writeFile(path.join(root, key), key);
    }
    const expected = keys.map((k) => `tree/${k}`).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    const listed: string[] = [];
    let token: string | undefined;
    do {
      const page = await s3.send(
        new ListObjectsV2Command({ Bucket: bucket, Prefix: 'tree/', MaxKeys: 2, ContinuationToken: token }),
      );
      listed.push(...(page.Contents ?? []).map((o) => o.Key ?? ''));
      expect(page.Contents?.every((o) => o.StorageClass === 'FSX_ONTAP')).toBe(true);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    expect(listed).toEqual(expected);

    const grouped = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'tree/', Delimiter: '/' }));
    expect(grouped.Contents?.map((o) => o.Key)).toEqual(['tree/a-1.txt', 'tree/a0.txt', 'tree/b.txt', 'tree/é.txt']);
    expect(grouped.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['tree/a/', 'tree/z/']);
    expect(grouped.KeyCount).toBe(6);

    const after = await s3.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: 'tree/', StartAfter: 'tree/a0.txt' }),
    );
    expect(after.Contents?.map((o) => o.Key)).toEqual(expected.slice(expected.indexOf('tree/a0.txt') + 1));

    const v1 = await s3.send(new ListObjectsCommand({ Bucket: bucket, Prefix: 'tree/a/', MaxKeys: 1 }));
    expect(v1.Contents?.map((o) => o.Key)).toEqual(['tree/a/b.txt']);
    expect(v1.IsTruncated).toBe(true);
    expect(v1.NextMarker).toBe('tree/a/b.txt');
  });

  it('turns a PUT of "dir/" into a directory, listed as a marker while empty', async () => {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'empty-dir/', Body: '' }));
    expect((await stat(path.join(volume, 'empty-dir'))).isDirectory()).toBe(true);
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'empty-dir' }));
    expect(listed.Contents?.map((o) => [o.Key, o.Size])).toEqual([['empty-dir/', 0]]);
    await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: 'empty-dir/' }));
    await expect(stat(path.join(volume, 'empty-dir'))).rejects.toThrow();
  });

  it('completes a multipart upload into one file with an md5-of-md5s ETag, keeping parts outside the volume', async () => {
    const partOne = Buffer.alloc(5 * 1024 * 1024, 1);
    const partTwo = Buffer.from('the last part may be small');
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: 'mp/big.bin' }));
    const one = await s3.send(
      new UploadPartCommand({ Bucket: bucket, Key: 'mp/big.bin', UploadId, PartNumber: 1, Body: partOne }),
    );
    const two = await s3.send(
      new UploadPartCommand({ Bucket: bucket, Key: 'mp/big.bin', UploadId, PartNumber: 2, Body: partTwo }),
    );
    const uploads = await s3.send(new ListMultipartUploadsCommand({ Bucket: bucket }));
    expect(uploads.Uploads?.map((u) => u.Key)).toContain('mp/big.bin');
    const parts = await s3.send(new ListPartsCommand({ Bucket: bucket, Key: 'mp/big.bin', UploadId }));
    expect(parts.Parts?.map((p) => [p.PartNumber, p.Size])).toEqual([
      [1, partOne.length],
      [2, partTwo.length],
    ]);
    await expect(readdir(volume)).resolves.not.toContain('mp');
    const done = await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: bucket,
        Key: 'mp/big.bin',
        UploadId,
        MultipartUpload: {
          Parts: [
            { PartNumber: 1, ETag: one.ETag },
            { PartNumber: 2, ETag: two.ETag },
          ],
        },
      }),
    );
    const expectedEtag = `${createHash('md5')
      .update(Buffer.concat([Buffer.from(md5(partOne), 'hex'), Buffer.from(md5(partTwo), 'hex')]))
      .digest('hex')}-2`;
    expect(done.ETag).toBe(`"${expectedEtag}"`);
    expect((await readFile(path.join(volume, 'mp/big.bin'))).equals(Buffer.concat([partOne, partTwo]))).toBe(true);
    const attributes = await s3.send(
      new GetObjectAttributesCommand({
        Bucket: bucket,
        Key: 'mp/big.bin',
        ObjectAttributes: ['ETag', 'ObjectParts', 'ObjectSize', 'StorageClass'],
      }),
    );
    expect(attributes.ETag).toBe(expectedEtag);
    expect(attributes.ObjectParts?.TotalPartsCount).toBe(2);
    expect(attributes.ObjectSize).toBe(partOne.length + partTwo.length);
    expect(attributes.StorageClass).toBe('FSX_ONTAP');
  });

  it('refuses a multipart completion whose non-final part is under 5 MiB', async () => {
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: 'mp/small.bin' }));
    const one = await s3.send(
      new UploadPartCommand({ Bucket: bucket, Key: 'mp/small.bin', UploadId, PartNumber: 1, Body: 'tiny' }),
    );
    const two = await s3.send(
      new UploadPartCommand({ Bucket: bucket, Key: 'mp/small.bin', UploadId, PartNumber: 2, Body: 'tail' }),
    );
    const error = await errorOf(
      s3.send(
        new CompleteMultipartUploadCommand({
          Bucket: bucket,
          Key: 'mp/small.bin',
          UploadId,
          MultipartUpload: {
            Parts: [
              { PartNumber: 1, ETag: one.ETag },
              { PartNumber: 2, ETag: two.ETag },
            ],
          },
        }),
      ),
    );
    expect(error.name).toBe('EntityTooSmall');
  });

  it('copies within one access point and refuses a copy from another access point', async () => {
    await writeFile(path.join(volume, 'copy-src.txt'), 'copy me');
    const copied = await s3.send(
      new CopyObjectCommand({ Bucket: bucket, Key: 'copies/dst.txt', CopySource: `${bucket}/copy-src.txt` }),
    );
    expect(copied.CopyObjectResult?.ETag).toBe(`"${md5('copy me')}"`);
    expect(await readFile(path.join(volume, 'copies/dst.txt'), 'utf8')).toBe('copy me');
    await writeFile(path.join(otherVolume, 'theirs.txt'), 'theirs');
    const error = await errorOf(
      s3.send(
        new CopyObjectCommand({
          Bucket: bucket,
          Key: 'copies/theirs.txt',
          CopySource: `${emulator.aliasOf('other')}/theirs.txt`,
        }),
      ),
    );
    expect(error.name).toBe('InvalidRequest');
  });

  it('keeps tags in the state dir and deletes objects in bulk with per-key errors', async () => {
    await writeFile(path.join(volume, 'tagged.txt'), 'x');
    await s3.send(
      new PutObjectTaggingCommand({
        Bucket: bucket,
        Key: 'tagged.txt',
        Tagging: { TagSet: [{ Key: 'k&1', Value: 'v<1' }] },
      }),
    );
    const tags = await s3.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: 'tagged.txt' }));
    expect(tags.TagSet).toEqual([{ Key: 'k&1', Value: 'v<1' }]);
    expect((await readdir(volume)).filter((n) => n.startsWith('.'))).toEqual([]);
    const result = await s3.send(
      new DeleteObjectsCommand({
        Bucket: bucket,
        Delete: { Objects: [{ Key: 'tagged.txt' }, { Key: 'missing.txt' }, { Key: '../secret.txt' }] },
      }),
    );
    expect(result.Deleted?.map((d) => d.Key)).toEqual(['tagged.txt', 'missing.txt']);
    expect(result.Errors?.map((e) => [e.Key, e.Code])).toEqual([['../secret.txt', 'AccessDenied']]);
    await expect(stat(path.join(volume, 'tagged.txt'))).rejects.toThrow();
  });

  it('refuses operations FSx S3 access points do not support with 501 NotImplemented', async () => {
    await writeFile(path.join(volume, 'plain.txt'), 'x');
    const refused = [
      s3.send(new GetBucketVersioningCommand({ Bucket: bucket })),
      s3.send(new GetBucketAclCommand({ Bucket: bucket })),
      s3.send(new GetObjectAclCommand({ Bucket: bucket, Key: 'plain.txt' })),
      s3.send(new GetBucketPolicyCommand({ Bucket: bucket })),
      s3.send(new ListObjectVersionsCommand({ Bucket: bucket })),
      s3.send(new GetObjectLegalHoldCommand({ Bucket: bucket, Key: 'plain.txt' })),
      s3.send(new PutBucketLifecycleConfigurationCommand({ Bucket: bucket, LifecycleConfiguration: { Rules: [] } })),
      s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'plain.txt', Body: 'y', IfNoneMatch: '*' })),
      s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'plain.txt', Body: 'y', IfMatch: `"${md5('x')}"` })),
    ];
    for (const attempt of refused) {
      const error = await errorOf(attempt);
      expect(error.name).toBe('NotImplemented');
      expect(error.$metadata.httpStatusCode).toBe(501);
    }
    expect(await readFile(path.join(volume, 'plain.txt'), 'utf8')).toBe('x');
  });

  it('answers HeadBucket and GetBucketLocation, and NoSuchBucket for unknown buckets', async () => {
    const head = await s3.send(new HeadBucketCommand({ Bucket: bucket }));
    expect(head.BucketRegion).toBe('us-east-1');
    const location = await s3.send(new GetBucketLocationCommand({ Bucket: bucket }));
    expect(location.LocationConstraint ?? '').toBe('');
    const error = await errorOf(s3.send(new GetObjectCommand({ Bucket: 'nope-0123456789-ext-s3alias', Key: 'x' })));
    expect(error.name).toBe('NoSuchBucket');
    const missing = await errorOf(s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'does/not/exist' })));
    expect(missing.name).toBe('NoSuchKey');
  });

  it('refuses hostile keys with AccessDenied and never touches files outside the volume', async () => {
    await symlink(outside, path.join(volume, 'escape'));
    await symlink(path.join(outside, 'secret.txt'), path.join(volume, 'secret-link.txt'));
    const hostile = [
      '../outside/secret.txt',
      'a/../../outside/pwn.txt',
      'escape/secret.txt',
      'escape/new.txt',
      'secret-link.txt',
      'nul\0byte',
    ];
    for (const key of hostile) {
      const read = await errorOf(s3.send(new GetObjectCommand({ Bucket: bucket, Key: key })));
      expect(read.name, key).toBe('AccessDenied');
      const write = await errorOf(s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'pwned' })));
      expect(write.name, key).toBe('AccessDenied');
      const del = await errorOf(s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key })));
      expect(del.name, key).toBe('AccessDenied');
    }
    const raw = await fetch(`${emulator.endpoint}/${bucket}/%2Fetc%2Fpasswd`);
    expect(raw.status).toBe(403);
    expect((await readdir(outside)).sort()).toEqual(['secret.txt']);
    expect(await readFile(path.join(outside, 'secret.txt'), 'utf8')).toBe('secret');
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'escape' }));
    expect(listed.Contents ?? []).toEqual([]);
  });

  it('injects 503 SlowDown that the SDK retries, and reports each request', async () => {
    await writeFile(path.join(volume, 'retry.txt'), 'ok');
    requests.length = 0;
    emulator.faults.failNextRequests(2);
    const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'retry.txt' }));
    expect(await got.Body?.transformToString()).toBe('ok');
    expect(got.$metadata.attempts).toBe(3);
    expect(requests.map((r) => r.status)).toEqual([503, 503, 200]);
    const noRetry = new S3Client({
      endpoint: emulator.endpoint,
      forcePathStyle: true,
      region: 'us-east-1',
      credentials: { accessKeyId: 'l', secretAccessKey: 'l' },
      maxAttempts: 1,
    });
    emulator.faults.failNextRequests(1);
    const error = await errorOf(noRetry.send(new HeadObjectCommand({ Bucket: bucket, Key: 'retry.txt' })));
    expect(error.$metadata.httpStatusCode).toBe(503);
    noRetry.destroy();
  });
});
