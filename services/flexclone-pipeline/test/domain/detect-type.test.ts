import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_FILES, writeSampleVolume } from '../../samples/volume';
import { detectType, HEADER_BYTES } from '../../src/domain/detect-type';

describe('detectType', () => {
  it('never throws and always names a type on arbitrary bytes (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: HEADER_BYTES }), (bytes) => {
        expect(detectType(bytes)).toMatch(/^[a-z]+\/[a-z0-9.+-]+$/);
      }),
    );
  });

  it('recognises a PNG signature whatever follows it, and not once a signature byte is flipped (property)', () => {
    const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.nat(png.length - 1), (tail, at) => {
        expect(detectType(Uint8Array.from([...png, ...tail]))).toBe('image/png');
        const flipped = [...png];
        flipped[at] = (flipped[at] ?? 0) ^ 0x01;
        expect(detectType(Uint8Array.from([...flipped, ...tail]))).not.toBe('image/png');
      }),
    );
  });

  it('finds DICOM by its preamble + DICM and reports empty files', () => {
    const dicom = new Uint8Array(200);
    dicom.set([0x44, 0x49, 0x43, 0x4d], 128);
    expect(detectType(dicom)).toBe('application/dicom');
    expect(detectType(new Uint8Array())).toBe('application/x-empty');
  });
});

/** libmagic's `file --mime-type` (Debian package `file`) as an independent implementation. */
const fileTool = spawnSync('file', ['--version']).status === 0;

describe.skipIf(!fileTool)('detectType agrees with libmagic (file --mime-type) on the sample volume', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fxc-types-'));
    await writeSampleVolume(dir);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it.each(SAMPLE_FILES.filter((f) => !f.endsWith('.bin')))('%s', async (file) => {
    const path = join(dir, file);
    const magic = spawnSync('file', ['--brief', '--mime-type', path], { encoding: 'utf8' }).stdout.trim();
    const ours = detectType((await readFile(path)).subarray(0, HEADER_BYTES));
    expect(ours).toBe(magic === 'inode/x-empty' ? 'application/x-empty' : magic);
  });
});

if (!fileTool) console.warn('detect-type cross-check skipped: `file` (Debian package "file") is not installed');
