import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type S3ApEmulator, type S3ApRequestRecord, startS3ApEmulator } from '../src/s3ap-emulator';

/** Plain HTTP (anonymous requests are accepted locally), so the byte counts are known exactly. */
describe('S3AP emulator request records: body bytes in and out', () => {
  let base: string;
  let emulator: S3ApEmulator;
  let url: (key: string) => string;
  let records: S3ApRequestRecord[] = [];
  const content = Buffer.from('0123456789abcdefghijklmnopqrstuvwxyz'.repeat(1000)); // 36,000 bytes

  /** The record of the next request, once its response has finished (records arrive on `finish`). */
  const lastRecord = async (): Promise<S3ApRequestRecord> => {
    for (let i = 0; i < 100 && records.length === 0; i++) await new Promise((r) => setTimeout(r, 5));
    const [record] = records.slice(-1);
    if (!record) throw new Error('no request was recorded');
    return record;
  };

  beforeAll(async () => {
    base = await mkdtemp(path.join(tmpdir(), 's3ap-stats-'));
    await writeFile(path.join(base, 'known.bin'), content);
    emulator = await startS3ApEmulator({
      accessPoints: [{ name: 'stats', rootDir: base }],
      onRequest: (record) => records.push(record),
    });
    url = (key) => `${emulator.endpoint}/${emulator.aliasOf('stats')}/${key}`;
  });
  beforeEach(() => {
    records = [];
  });
  afterAll(async () => {
    await emulator.stop();
    await rm(base, { recursive: true, force: true });
  });

  it('counts exactly the file size as sent for a GetObject, and nothing received', async () => {
    const body = Buffer.from(await (await fetch(url('known.bin'))).arrayBuffer());
    expect(body.equals(content)).toBe(true);
    expect(await lastRecord()).toMatchObject({ operation: 'GetObject', bytesSent: 36_000, bytesReceived: 0 });
  });

  it('counts only the requested range of a Range GET', async () => {
    const response = await fetch(url('known.bin'), { headers: { range: 'bytes=100-1099' } });
    expect(response.status).toBe(206);
    expect((await response.arrayBuffer()).byteLength).toBe(1000);
    expect(await lastRecord()).toMatchObject({ operation: 'GetObject', status: 206, bytesSent: 1000 });
  });

  it('counts no body for a HeadObject even though Content-Length announces the size', async () => {
    const response = await fetch(url('known.bin'), { method: 'HEAD' });
    expect(response.headers.get('content-length')).toBe('36000');
    expect(await lastRecord()).toMatchObject({ operation: 'HeadObject', bytesSent: 0 });
  });

  it('counts the XML of a listing as sent, byte for byte', async () => {
    const response = await fetch(`${emulator.endpoint}/${emulator.aliasOf('stats')}?list-type=2`);
    const xml = Buffer.from(await response.arrayBuffer());
    expect(xml.toString('utf8')).toContain('<Key>known.bin</Key>');
    expect(await lastRecord()).toMatchObject({ operation: 'ListObjectsV2', bytesSent: xml.length });
  });

  it('counts the payload of a PutObject as received, with a fixed length or sent in HTTP chunks', async () => {
    const payload = Buffer.alloc(70_001, 7);
    const fixed = await fetch(url('put/fixed.bin'), { method: 'PUT', body: payload });
    expect(fixed.status).toBe(200);
    expect(await lastRecord()).toMatchObject({ operation: 'PutObject', bytesReceived: 70_001 });

    records = [];
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(payload.subarray(0, 30_000));
        controller.enqueue(payload.subarray(30_000));
        controller.close();
      },
    });
    const chunked = await fetch(url('put/chunked.bin'), {
      method: 'PUT',
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(200);
    expect(await lastRecord()).toMatchObject({ operation: 'PutObject', bytesReceived: 70_001, bytesSent: 0 });
  });

  it('reports the error body of a refused request as sent', async () => {
    const response = await fetch(`${url('known.bin')}?acl`);
    const xml = Buffer.from(await response.arrayBuffer());
    expect(response.status).toBe(501);
    expect((await lastRecord()).bytesSent).toBe(xml.length);
  });
});
