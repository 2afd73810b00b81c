import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { detachedAccessPoint, type S3ApEmulator, startS3ApEmulator } from '@fsxn/local-stack';
import { createS3ApClient } from '@fsxn/s3ap';
import { makeTempDir } from '@fsxn/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EndpointConfig } from '../src/domain/endpoints';
import { probeEndpoint } from '../src/steps/probe';

const settings = { probeKey: '', rangeBytes: 16, latencyThresholdMs: 60_000 };

const endpointOn = (emulator: S3ApEmulator, name: string): EndpointConfig => ({
  id: name,
  volume: name.replace(/-/g, '_'),
  accessPoint: emulator.aliasOf(name),
  accessPointName: name,
  region: 'us-east-1',
  weight: 1,
  priority: 1,
  isOrigin: false,
});

describe('probeEndpoint through the S3AP emulator', () => {
  let emulator: S3ApEmulator;
  let deps: Parameters<typeof probeEndpoint>[2];
  beforeAll(async () => {
    const dir = await makeTempDir('fc1-probe-');
    await mkdir(join(dir, 'a'), { recursive: true });
    await writeFile(join(dir, 'a', 'file.bin'), Buffer.alloc(64, 7));
    const empty = await makeTempDir('fc1-probe-empty-');
    emulator = await startS3ApEmulator({
      accessPoints: [
        { name: 'fsxn-fc1-up', rootDir: dir },
        { name: 'fsxn-fc1-empty', rootDir: empty },
        {
          name: 'fsxn-fc1-offline',
          resolveRoot: () => {
            throw detachedAccessPoint('fsxn-fc1-offline', 'is attached to volume v of SVM s, which is offline');
          },
        },
      ],
    });
    const s3 = createS3ApClient({
      forcePathStyle: true,
      endpoint: emulator.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    deps = { s3For: () => s3 };
  });
  afterAll(() => emulator.stop());

  it('passes list, read and latency when the access point serves a file', async () => {
    const probe = await probeEndpoint(endpointOn(emulator, 'fsxn-fc1-up'), settings, deps);
    expect(probe.checks.map((c) => `${c.name}:${c.status}`)).toEqual([
      's3ap.list:pass',
      's3ap.read:pass',
      's3ap.latency:pass',
    ]);
    expect(probe.checks[1]?.detail).toBe('read 16 bytes of a/file.bin');
    expect(probe.latencyMs).not.toBeNull();
  });

  it('fails only the listing when the access point answers NoSuchBucket; the read is not attempted', async () => {
    const probe = await probeEndpoint(endpointOn(emulator, 'fsxn-fc1-offline'), settings, deps);
    expect(probe.checks).toEqual([
      expect.objectContaining({ name: 's3ap.list', status: 'fail', error: 'S3ApNotFoundError NoSuchBucket' }),
      expect.objectContaining({ name: 's3ap.read', status: 'unknown' }),
    ]);
    expect(probe.checks[0]?.detail).toContain('which is offline');
    expect(probe.latencyMs).toBeNull();
  });

  it('fails the listing and the read with ProbeObjectMissing when the access point lists nothing', async () => {
    const probe = await probeEndpoint(endpointOn(emulator, 'fsxn-fc1-empty'), settings, deps);
    expect(probe.checks.map((c) => `${c.name}:${c.status}:${c.error ?? ''}`)).toEqual([
      's3ap.list:fail:ProbeObjectMissing',
      's3ap.read:fail:ProbeObjectMissing',
    ]);
  });
});
