import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { GetBucketVersioningCommand, ListMultipartUploadsCommand, type S3Client } from '@aws-sdk/client-s3';
import { type S3ApEmulator, type S3ApRequestRecord, startS3ApEmulator } from '@fsxn/local-stack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  collect,
  createS3ApClient,
  getBytes,
  getRange,
  listObjects,
  OutputWriter,
  putObject,
  readStream,
  S3ApAccessDeniedError,
  S3ApLimitError,
  S3ApNotFoundError,
  S3ApUnsupportedOperationError,
  toS3ApError,
} from '../src/index';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
const md5 = (data: Buffer | string) => createHash('md5').update(data).digest('hex');

/** Deterministic pseudo-random bytes, so multipart content differs per part. */
const bytes = (size: number, seed: number): Buffer => {
  const out = Buffer.alloc(size);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
};

/** A stream whose length the SDK cannot know in advance. */
const unknownLength = (data: Buffer, pieceSize = 256 * 1024): Readable =>
  Readable.from(
    (function* () {
      for (let i = 0; i < data.length; i += pieceSize) yield data.subarray(i, i + pieceSize);
    })(),
  );

describe('@fsxn/s3ap against the S3AP emulator (real HTTP, SDK defaults)', () => {
  let base: string;
  let volume: string;
  let outside: string;
  let emulator: S3ApEmulator;
  let client: S3Client;
  let ap: string;
  const requests: S3ApRequestRecord[] = [];
  const operations = () => requests.map((r) => r.operation);

  beforeAll(async () => {
    base = await mkdtemp(path.join(tmpdir(), 's3ap-lib-test-'));
    volume = path.join(base, 'volume');
    outside = path.join(base, 'outside');
    await mkdir(volume);
    await mkdir(outside);
    await mkdir(path.join(base, 'results'));
    emulator = await startS3ApEmulator({
      accessPoints: [
        { name: 'input-vol', rootDir: volume },
        { name: 'results', rootDir: path.join(base, 'results') },
      ],
      onRequest: (r) => requests.push(r),
    });
    ap = emulator.aliasOf('input-vol');
    client = createS3ApClient({
      endpoint: emulator.endpoint,
      forcePathStyle: true,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
  });

  afterAll(async () => {
    client.destroy();
    await emulator.stop();
    await rm(base, { recursive: true, force: true });
  });

  it('lists 2,500 files across nested directories in one paginated pass for several suffixes, in key order', async () => {
    const suffixes = ['.pdf', '.TIF', '.csv'];
    const all: string[] = [];
    for (let i = 0; i < 2500; i++) {
      const dir = `scan/d${i % 7}/s${i % 3}${i % 11 === 0 ? '/deep' : ''}`;
      const ext = ['.pdf', '.tif', '.csv', '.txt', '.PDF'][i % 5];
      all.push(`${dir}/f${i}${ext}`);
    }
    await Promise.all(
      [...new Set(all.map((k) => path.dirname(k)))].map((d) => mkdir(path.join(volume, d), { recursive: true })),
    );
    for (let i = 0; i < all.length; i += 250) {
      await Promise.all(all.slice(i, i + 250).map((k) => writeFile(path.join(volume, k), k)));
    }
    await mkdir(path.join(volume, 'scan/empty-dir.pdf'), { recursive: true });
    requests.length = 0;
    const listed = await collect(listObjects(client, ap, { prefix: 'scan/', suffixes, caseInsensitive: true }));
    const expected = all
      .filter((k) => /\.(pdf|tif|csv)$/i.test(k))
      .sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    expect(listed.map((o) => o.key)).toEqual(expected);
    expect(operations()).toEqual(['ListObjectsV2', 'ListObjectsV2', 'ListObjectsV2']);
    const first = listed[0];
    expect(first?.etag).toBe(md5(first?.key ?? ''));
    expect(first?.size).toBe(Buffer.byteLength(first?.key ?? ''));
    expect(new Date(first?.lastModified ?? '').toISOString()).toBe(first?.lastModified);

    const caseSensitive = await collect(listObjects(client, ap, { prefix: 'scan/', suffixes: ['.pdf'], maxKeys: 400 }));
    expect(caseSensitive.length).toBe(all.filter((k) => k.endsWith('.pdf')).length);
  });

  it('reads byte ranges and whole objects, with a size guard', async () => {
    const data = bytes(100_000, 7);
    await writeFile(path.join(volume, 'blob.bin'), data);
    expect((await getRange(client, ap, 'blob.bin', 1000, 1999)).equals(data.subarray(1000, 2000))).toBe(true);
    expect((await getRange(client, ap, 'blob.bin', 99_990, 200_000)).equals(data.subarray(99_990))).toBe(true);
    expect((await getBytes(client, ap, 'blob.bin')).equals(data)).toBe(true);
    await expect(getBytes(client, ap, 'blob.bin', { maxBytes: 10 })).rejects.toThrow(S3ApLimitError);
    await expect(getBytes(client, ap, 'missing.bin')).rejects.toThrow(S3ApNotFoundError);
  });

  it('destroys the response body when the consumer throws without reading it', async () => {
    await writeFile(path.join(volume, 'unread.bin'), bytes(2 * MiB, 3));
    let seen: Readable | undefined;
    await expect(
      readStream(client, ap, 'unread.bin', async (body) => {
        seen = body;
        throw new Error('consumer failed');
      }),
    ).rejects.toThrow('consumer failed');
    expect(seen?.destroyed).toBe(true);
  });

  it('uploads above the threshold as multipart parts, and the file on disk equals the bytes', async () => {
    const data = bytes(13 * MiB + 123, 11);
    requests.length = 0;
    const progress: number[] = [];
    const result = await putObject(client, ap, 'out/large.bin', unknownLength(data), {
      multipartThreshold: 6 * MiB,
      partSize: 5 * MiB,
      onProgress: (n) => progress.push(n),
    });
    expect(result.parts).toBe(3);
    expect(result.size).toBe(data.length);
    expect(result.etag).toMatch(/^[0-9a-f]{32}-3$/);
    expect((await readFile(path.join(volume, 'out/large.bin'))).equals(data)).toBe(true);
    expect((await getBytes(client, ap, 'out/large.bin', { maxBytes: 20 * MiB })).equals(data)).toBe(true);
    expect(operations().filter((o) => o === 'UploadPart')).toHaveLength(3);
    expect(operations()).toContain('CompleteMultipartUpload');
    expect(progress.at(-1)).toBe(data.length);
  });

  it('stores a stream of unknown length below the threshold with one PutObject and no aws-chunked framing', async () => {
    const data = bytes(700_000, 5);
    requests.length = 0;
    const result = await putObject(client, ap, 'out/small.bin', unknownLength(data, 65_536));
    expect(operations()).toEqual(['PutObject']);
    expect(result.etag).toBe(md5(data));
    const onDisk = await readFile(path.join(volume, 'out/small.bin'));
    expect(onDisk.length).toBe(data.length);
    expect(onDisk.equals(data)).toBe(true);
  });

  it('aborts the multipart upload when the source fails midway, leaving no object and no upload', async () => {
    const failing = Readable.from(
      (async function* () {
        yield bytes(6 * MiB, 1);
        throw new Error('source broke');
      })(),
    );
    await expect(
      putObject(client, ap, 'out/broken.bin', failing, { multipartThreshold: 5 * MiB, partSize: 5 * MiB }),
    ).rejects.toThrow('source broke');
    await expect(stat(path.join(volume, 'out/broken.bin'))).rejects.toThrow();
    const uploads = await client.send(new ListMultipartUploadsCommand({ Bucket: ap }));
    expect(uploads.Uploads ?? []).toEqual([]);
  });

  it('enforces S3AP size limits before sending anything', async () => {
    requests.length = 0;
    const never = () => Readable.from([Buffer.from('x')]);
    await expect(putObject(client, ap, 'huge.bin', never(), { contentLength: 51 * GiB })).rejects.toThrow(
      /exceeds the S3 access point limit/,
    );
    await expect(
      putObject(client, ap, 'huge.bin', never(), { contentLength: 6 * GiB, multipartThreshold: 8 * GiB }),
    ).rejects.toThrow(/single PutObject/);
    await expect(putObject(client, ap, 'huge.bin', never(), { partSize: 6 * GiB })).rejects.toThrow(S3ApLimitError);
    await expect(putObject(client, ap, 'huge.bin', never(), { partSize: 1 * MiB })).rejects.toThrow(/at least/);
    expect(requests).toEqual([]);
  });

  it('writes outputs under a prefix on the access point, visible as files, and refuses escaping names', async () => {
    const writer = new OutputWriter(client, { kind: 'access-point', ap, prefix: 'ai-outputs' });
    const json = await writer.putJson('reports/r1.json', { name: '東京', count: 10n });
    expect(json).toMatchObject({ destination: 'access-point', bucket: ap, key: 'ai-outputs/reports/r1.json' });
    const onDisk = await readFile(path.join(volume, 'ai-outputs/reports/r1.json'), 'utf8');
    expect(JSON.parse(onDisk)).toEqual({ name: '東京', count: '10' });
    expect(json.etag).toBe(md5(onDisk));
    expect(json.size).toBe(Buffer.byteLength(onDisk));
    const text = await writer.putText('/notes.txt', 'hello');
    expect(text.key).toBe('ai-outputs/notes.txt');
    expect(await writer.getText('notes.txt')).toBe('hello');
    const streamed = await writer.putStream('stream.bin', unknownLength(bytes(1000, 2)));
    expect(streamed.size).toBe(1000);
    await expect(writer.putText('../escape.txt', 'x')).rejects.toThrow(/segments/);
    expect(writer.uri('a.json')).toBe(`s3://${ap}/ai-outputs/a.json`);
  });

  it('writes to a standard bucket target through the same writer', async () => {
    const writer = new OutputWriter(client, { kind: 's3-bucket', bucket: 'results', prefix: 'run-1/' });
    const result = await writer.putBytes('data.bin', Buffer.from([1, 2, 3]));
    expect(result).toMatchObject({ destination: 's3-bucket', bucket: 'results', key: 'run-1/data.bin', size: 3 });
    expect([...(await readFile(path.join(base, 'results/run-1/data.bin')))]).toEqual([1, 2, 3]);
  });

  it('maps refused operations, hostile keys and denials to named errors, touching nothing outside', async () => {
    const versioning = await client.send(new GetBucketVersioningCommand({ Bucket: ap })).catch((e: unknown) => e);
    const mapped = toS3ApError(versioning, { operation: 'GetBucketVersioning', bucket: ap });
    expect(mapped).toBeInstanceOf(S3ApUnsupportedOperationError);
    expect(mapped.httpStatus).toBe(501);
    await expect(getBytes(client, ap, '../outside/x')).rejects.toThrow(S3ApAccessDeniedError);
    await expect(putObject(client, ap, 'a/../../outside/pwn.txt', 'pwned')).rejects.toThrow(S3ApAccessDeniedError);
    expect(await readdir(outside)).toEqual([]);
  });

  it('survives injected 503 SlowDown responses through SDK retries', async () => {
    await writeFile(path.join(volume, 'retry.txt'), 'still here');
    emulator.faults.failNextRequests(2);
    expect((await getBytes(client, ap, 'retry.txt')).toString()).toBe('still here');
    emulator.faults.failNextRequests(2);
    const listed = await collect(listObjects(client, ap, { prefix: 'retry' }));
    expect(listed.map((o) => o.key)).toEqual(['retry.txt']);
  });

  it('reports exhausted retries as a transient S3ApError', async () => {
    const impatient = createS3ApClient({
      endpoint: emulator.endpoint,
      forcePathStyle: true,
      region: 'us-east-1',
      credentials: { accessKeyId: 'l', secretAccessKey: 'l' },
      maxAttempts: 1,
    });
    emulator.faults.failNextRequests(1);
    const error = await getBytes(impatient, ap, 'retry.txt').catch((e: unknown) => e);
    impatient.destroy();
    expect(error).toMatchObject({ name: 'S3ApError', transient: true, code: 'SlowDown' });
  });
});
