import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  buildDicomSample,
  DICOM_SAMPLE_SYNTAXES,
  defaultDicomSampleValues,
  generateDicomStudies,
  notDicomButNamedDcm,
  sampleUid,
  truncatedDicom,
} from '../src';

const ascii = (bytes: Uint8Array): string => Buffer.from(bytes).toString('latin1');
const LONG_VRS = new Set(['OB', 'OW', 'SQ', 'UN', 'UT']);

/** Walks the explicit-LE meta group by hand; returns where the dataset starts and the group length value. */
const metaBounds = (bytes: Uint8Array): { groupLength: number; datasetStart: number; transferSyntax: string } => {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 132;
  let groupLength = -1;
  let transferSyntax = '';
  while (view.getUint16(offset, true) === 0x0002) {
    const element = view.getUint16(offset + 2, true);
    const vr = ascii(bytes.subarray(offset + 4, offset + 6));
    const long = LONG_VRS.has(vr);
    const length = long ? view.getUint32(offset + 8, true) : view.getUint16(offset + 6, true);
    const valueOffset = offset + (long ? 12 : 8);
    if (element === 0x0000) groupLength = view.getUint32(valueOffset, true);
    if (element === 0x0010)
      transferSyntax = ascii(bytes.subarray(valueOffset, valueOffset + length)).replace(/\0$/u, '');
    offset = valueOffset + length;
  }
  return { groupLength, datasetStart: offset, transferSyntax };
};

describe('buildDicomSample', () => {
  it.each(DICOM_SAMPLE_SYNTAXES.filter((syntax) => syntax !== 'raw-implicit-le'))(
    'writes preamble, DICM and a meta group whose length matches its bytes (%s)',
    (syntax) => {
      const sample = buildDicomSample({ syntax });
      expect(sample.bytes.subarray(0, 128).every((byte) => byte === 0)).toBe(true);
      expect(ascii(sample.bytes.subarray(128, 132))).toBe('DICM');
      const meta = metaBounds(sample.bytes);
      // Group length counts the bytes after its own 12-byte element up to the dataset.
      expect(meta.groupLength).toBe(meta.datasetStart - 144);
      expect(meta.transferSyntax).toBe(sample.transferSyntaxUid);
    },
  );

  it('encodes the first dataset element per transfer syntax (checked byte by byte)', () => {
    const first = (syntax: (typeof DICOM_SAMPLE_SYNTAXES)[number]): number[] => {
      const { bytes } = buildDicomSample({ syntax });
      if (syntax === 'raw-implicit-le') return [...bytes.subarray(0, 8)];
      const start = metaBounds(bytes).datasetStart;
      const dataset =
        syntax === 'deflated' ? new Uint8Array(inflateRawSync(bytes.subarray(start))) : bytes.subarray(start);
      return [...dataset.subarray(0, 8)];
    };
    // (0008,0005) SpecificCharacterSet "ISO_IR 100" = 10 bytes.
    expect(first('explicit-le')).toEqual([0x08, 0x00, 0x05, 0x00, 0x43, 0x53, 0x0a, 0x00]);
    expect(first('deflated')).toEqual([0x08, 0x00, 0x05, 0x00, 0x43, 0x53, 0x0a, 0x00]);
    expect(first('explicit-be')).toEqual([0x00, 0x08, 0x00, 0x05, 0x43, 0x53, 0x00, 0x0a]);
    expect(first('implicit-le')).toEqual([0x08, 0x00, 0x05, 0x00, 0x0a, 0x00, 0x00, 0x00]);
    expect(first('raw-implicit-le')).toEqual([0x08, 0x00, 0x05, 0x00, 0x0a, 0x00, 0x00, 0x00]);
  });

  it('writes native pixels as 16-bit words, byte-swapped in big endian', () => {
    const little = buildDicomSample({ syntax: 'explicit-le' }).pixelData;
    const big = buildDicomSample({ syntax: 'explicit-be' }).pixelData;
    expect(little).toHaveLength(4 * 6 * 2);
    expect([...big]).toEqual([...little].map((_, index) => little[index ^ 1]));
  });

  it('writes JPEG pixel data as a Basic Offset Table and fragments, each an item', () => {
    const { pixelData } = buildDicomSample({ syntax: 'jpeg-baseline' });
    const view = new DataView(pixelData.buffer, pixelData.byteOffset, pixelData.byteLength);
    // Item tag (FFFE,E000) little endian, length 4, offset 0.
    expect([...pixelData.subarray(0, 4)]).toEqual([0xfe, 0xff, 0x00, 0xe0]);
    expect([view.getUint32(4, true), view.getUint32(8, true)]).toEqual([4, 0]);
    const fragmentLength = view.getUint32(16, true);
    expect([...pixelData.subarray(20, 22)]).toEqual([0xff, 0xd8]);
    expect([...pixelData.subarray(pixelData.length - 2)]).toEqual([0xff, 0xd9]);
    expect(12 + 8 + fragmentLength + 8 + view.getUint32(20 + fragmentLength + 4, true)).toBe(pixelData.length);
    expect(pixelData.length % 2).toBe(0);
  });

  it('stores the values it reports, including the text PHI and private tag', () => {
    const sample = buildDicomSample();
    const text = ascii(sample.bytes);
    for (const value of [
      sample.values.patientName,
      sample.values.imageComments,
      sample.values.privateValue,
      sample.values.referencedInstanceUid,
    ]) {
      expect(text).toContain(value);
    }
  });
});

describe('broken samples', () => {
  it('truncatedDicom is a prefix of a valid file', () => {
    const full = buildDicomSample().bytes;
    const cut = truncatedDicom();
    expect(cut.length).toBeLessThan(full.length);
    expect(cut).toEqual(full.subarray(0, cut.length));
  });

  it('notDicomButNamedDcm has no DICM magic at 128 and starts with the PNG signature', () => {
    const bytes = notDicomButNamedDcm();
    expect(bytes.length).toBeGreaterThan(132);
    expect(ascii(bytes.subarray(128, 132))).not.toBe('DICM');
    expect(ascii(bytes.subarray(1, 4))).toBe('PNG');
  });
});

describe('sampleUid', () => {
  it('builds valid UIDs of at most 64 characters without leading zeros', () => {
    const uid = sampleUid(3, 9999, 9999, 9999);
    expect(uid).toBe('2.25.10003999999999999');
    expect(uid.length).toBeLessThanOrEqual(64);
    expect(uid).toMatch(/^(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))*$/u);
  });
});

describe('generateDicomStudies', () => {
  it('writes every instance plus one extension-less file, sharing UIDs within a study and series', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dicom-samples-'));
    try {
      const result = await generateDicomStudies(dir, { studies: 2, seriesPerStudy: 2, instancesPerSeries: 2 });
      expect(result.files).toHaveLength(9);
      expect(result.files.filter((file) => !file.path.endsWith('.dcm')).map((file) => file.path)).toEqual([
        'study-1/IM000001',
      ]);
      expect(result.studyInstanceUids).toEqual([
        defaultDicomSampleValues(1).studyInstanceUid,
        defaultDicomSampleValues(2).studyInstanceUid,
      ]);
      for (const file of result.files) {
        const bytes = await readFile(join(dir, file.path));
        expect(bytes.length).toBe(file.size);
        const content =
          file.syntax === 'deflated' ? inflateRawSync(bytes.subarray(metaBounds(bytes).datasetStart)) : bytes;
        expect(ascii(content)).toContain(file.studyInstanceUid);
        expect(file.studyInstanceUid).toBe(
          defaultDicomSampleValues(Number(file.path.split('/')[0]?.slice(6))).studyInstanceUid,
        );
      }
      const series = new Set(result.files.map((file) => `${file.studyInstanceUid}|${file.seriesInstanceUid}`));
      expect(series.size).toBe(4);
      expect(new Set(result.files.map((file) => file.sopInstanceUid)).size).toBe(9);
      expect(new Set(result.files.map((file) => file.syntax)).size).toBe(6);
      expect(result.totalBytes).toBe(result.files.reduce((sum, file) => sum + file.size, 0));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
