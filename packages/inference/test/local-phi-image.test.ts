import { crc32 } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLocalImagePort, createLocalPhiPort, detectPhiLocally, measureImage } from '../src/index';
import { buildPng, jpegHeader } from './fixtures/build-png';

describe('local medical PHI rules', () => {
  it('finds labelled DICOM-style fields, DICOM names, ages and compact dates', () => {
    const text =
      'patient_name: DOE^JOHN; patient_id: MRN-004211; study_date: 20240115; patient_age: 045Y; institution_name: General Hospital';
    expect(detectPhiLocally(text).map((e) => [e.type, e.text])).toEqual([
      ['NAME', 'DOE^JOHN'],
      ['ID', 'MRN-004211'],
      ['DATE', '20240115'],
      ['AGE', '045Y'],
      ['ADDRESS', 'General Hospital'],
    ]);
  });

  it('finds names after Patient/Dr., ages in prose, MRNs, addresses and contacts in a clinical note', () => {
    const text =
      'Patient John Carter, a 67-year-old male (MRN: 88412), seen by Dr. Alice Wong on 2024-02-03. Lives at 42 Elm Street, Springfield, IL 62704. Call 217-555-0143 or jc@example.org. 患者は72歳、東京都千代田区丸の内1-1。';
    expect(detectPhiLocally(text).map((e) => [e.type, e.text])).toEqual([
      ['NAME', 'John Carter'],
      ['AGE', '67'],
      ['ID', '88412'],
      ['NAME', 'Alice Wong'],
      ['DATE', '2024-02-03'],
      ['ADDRESS', '42 Elm Street, Springfield, IL 62704'],
      ['PHONE_OR_FAX', '217-555-0143'],
      ['EMAIL', 'jc@example.org'],
      ['AGE', '72'],
      ['ADDRESS', '東京都千代田区丸の内1-1'],
    ]);
  });

  it('keeps a titled name on its line: a heading above a field is not a name', () => {
    const names = (text: string) =>
      detectPhiLocally(text)
        .filter((e) => e.type === 'NAME')
        .map((e) => e.text);
    expect(names('PATIENT\nName: John Doe')).toEqual(['John Doe']);
    expect(names('Seen by Dr. Lee\nSmith Ward')).toEqual(['Lee']);
  });

  it('offsets slice to the reported text for any input', () => {
    const piece = fc.oneof(
      fc.constantFrom('Name: DOE^JANE', 'Dr. Bob Lee', 'age 41', '20231231', 'MRN 12345', '😀'),
      fc.string({ maxLength: 10 }),
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 10 }).map((p) => p.join('; ')),
        (text) => {
          for (const e of detectPhiLocally(text)) expect(text.slice(e.beginOffset, e.endOffset)).toBe(e.text);
        },
      ),
    );
  });

  it('names its provider as local', async () => {
    await expect(createLocalPhiPort().detectPhi({ text: 'Dr. Who' })).resolves.toMatchObject({
      provider: 'local:phi-rules',
    });
  });
});

describe('local image statistics', () => {
  it('measures dimensions and mean luminance of an RGB PNG for every filter type', () => {
    // 3×2 image: red, green, blue / white, black, grey(128). Luma by hand (Rec. 601):
    // 76.245 + 149.685 + 29.07 + 255 + 0 + 128 = 638 → mean 106.33.
    const pixels = Uint8Array.from([255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255, 0, 0, 0, 128, 128, 128]);
    for (const filter of [0, 1, 2, 3, 4] as const) {
      const outcome = measureImage(buildPng({ width: 3, height: 2, colorType: 2, pixels, filter }));
      expect(outcome).toEqual({
        stats: { format: 'png', width: 3, height: 2, channels: 3, meanLuminance: 106.33, grayscale: false },
      });
    }
  });

  it('reports grey PNGs as grayscale and labels them from measured values', async () => {
    const png = buildPng({ width: 4, height: 2, colorType: 0, pixels: new Uint8Array(8).fill(20), filter: 4 });
    const result = await createLocalImagePort().detectLabels({ bytes: png });
    expect(result).toMatchObject({
      status: 'ok',
      provider: 'local:image-stats',
      stats: { meanLuminance: 20, grayscale: true },
    });
    expect(result.status === 'ok' && result.labels.map((l) => l.name)).toEqual([
      'Landscape Format',
      'Grayscale',
      'Dark',
    ]);
  });

  it('ignores alpha and matches a hand-computed mean for RGBA', () => {
    const pixels = Uint8Array.from([200, 200, 200, 0, 100, 100, 100, 255]);
    expect(measureImage(buildPng({ width: 1, height: 2, colorType: 6, pixels, filter: 2 }))).toMatchObject({
      stats: { width: 1, height: 2, channels: 4, meanLuminance: 150, grayscale: true },
    });
  });

  it('gives dimensions only for interlaced PNGs', () => {
    const png = buildPng({ width: 1, height: 1, colorType: 0, pixels: Uint8Array.of(9), interlace: 1 });
    expect(measureImage(png)).toEqual({ stats: { format: 'png', width: 1, height: 1, channels: 1 } });
  });

  it('reads JPEG dimensions from the SOF header', () => {
    expect(measureImage(jpegHeader(640, 480, 3))).toEqual({
      stats: { format: 'jpeg', width: 640, height: 480, channels: 3 },
    });
    expect(measureImage(jpegHeader(10, 30, 1))).toMatchObject({ stats: { grayscale: true } });
  });

  it('mean luminance of random grey images equals the plain average', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 6 }),
        fc.constantFrom(0, 1, 2, 3, 4),
        fc.infiniteStream(fc.integer({ min: 0, max: 255 })),
        (w, h, filter, values) => {
          const pixels = Uint8Array.from(values.take(w * h));
          const expected = Math.round((pixels.reduce((a, b) => a + b, 0) / pixels.length) * 100) / 100;
          const outcome = measureImage(
            buildPng({ width: w, height: h, colorType: 0, pixels, filter: filter as 0 | 1 | 2 | 3 | 4 }),
          );
          expect(outcome).toMatchObject({ stats: { meanLuminance: expected } });
        },
      ),
      { numRuns: 60 },
    );
  });

  it('rejects a PNG with a corrupted chunk and unknown formats, without guessing', async () => {
    const png = Buffer.from(buildPng({ width: 2, height: 2, colorType: 0, pixels: new Uint8Array(4) }));
    png[20] = (png[20] ?? 0) ^ 0xff;
    const port = createLocalImagePort();
    await expect(port.detectLabels({ bytes: png })).resolves.toMatchObject({
      status: 'unsupported',
      unsupported: 'corrupt-image',
    });
    await expect(port.detectLabels({ bytes: Buffer.from('GIF89a') })).resolves.toMatchObject({
      unsupported: 'unknown-image-format',
    });
    await expect(port.detectText({ bytes: png })).resolves.toMatchObject({
      status: 'unsupported',
      unsupported: 'no-ocr-engine',
    });
  });
});

describe('local decoders under hostile input', () => {
  it('reports a PNG whose image data does not inflate as corrupt', () => {
    const png = Buffer.from(buildPng({ width: 2, height: 2, colorType: 0, pixels: new Uint8Array(4) }));
    // Replace the IDAT payload (after signature 8 + IHDR 25 + IDAT length/type 8) with bytes that are not zlib, fixing its CRC.
    const idatLength = png.readUInt32BE(33);
    png.fill(0x55, 41, 41 + idatLength);
    png.writeUInt32BE(crc32(png.subarray(37, 41 + idatLength)), 41 + idatLength);
    expect(measureImage(png)).toMatchObject({ error: 'corrupt-image' });
  });

  it('gives header-only stats for an image too large to decode in memory', () => {
    const png = Buffer.from(buildPng({ width: 1, height: 1, colorType: 2, pixels: new Uint8Array(3) }));
    png.writeUInt32BE(20_000, 16);
    png.writeUInt32BE(20_000, 20);
    png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
    expect(measureImage(png)).toEqual({ stats: { format: 'png', width: 20_000, height: 20_000, channels: 3 } });
  });
});
