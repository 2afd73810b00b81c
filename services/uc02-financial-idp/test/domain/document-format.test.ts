import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { samplePng } from '@fsxn/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { corruptPdf, financialSamples, truncatedTiff } from '../../samples/documents';
import { uniformJpeg, uniformTiff } from '../../samples/images';
import { asciiTextPdf } from '../../samples/pdf-writer';
import { DocumentFormatError, inspectDocument, sniffFormat } from '../../src/domain';
import { hasPil, hasPoppler, PIL_PYTHON } from './independent-tools';

const here = dirname(fileURLToPath(import.meta.url));
const validSamples = {
  pdf: asciiTextPdf(['Invoice No: A-1']),
  png: samplePng({ width: 20, height: 10 }),
  jpeg: uniformJpeg(24, 16),
  tiff: uniformTiff(12, 8),
};

const onlyFormatErrors = (bytes: Uint8Array) => {
  try {
    inspectDocument(bytes);
  } catch (error) {
    if (!(error instanceof DocumentFormatError)) throw error;
  }
};

describe('sniffFormat / inspectDocument', () => {
  it('reads format, pages and pixel size of each valid sample', () => {
    expect(inspectDocument(validSamples.pdf)).toEqual({ format: 'pdf', mimeType: 'application/pdf', pages: 1 });
    expect(inspectDocument(validSamples.png)).toEqual({
      format: 'png',
      mimeType: 'image/png',
      pages: 1,
      width: 20,
      height: 10,
    });
    expect(inspectDocument(validSamples.jpeg)).toEqual({
      format: 'jpeg',
      mimeType: 'image/jpeg',
      pages: 1,
      width: 24,
      height: 16,
    });
    expect(inspectDocument(validSamples.tiff)).toEqual({
      format: 'tiff',
      mimeType: 'image/tiff',
      pages: 1,
      width: 12,
      height: 8,
    });
  });

  it('goes by content, not by name: text is no document', () => {
    expect(sniffFormat(Buffer.from('hello world'))).toBeUndefined();
    expect(() => inspectDocument(Buffer.from('Invoice No: 1'))).toThrow(/not a PDF, TIFF, PNG or JPEG/);
  });

  it('names what is wrong with corrupt and truncated files', () => {
    expect(() => inspectDocument(corruptPdf())).toThrow(/PDF has no %%EOF marker/);
    expect(() => inspectDocument(truncatedTiff())).toThrow(/TIFF image data \(strip 0\) runs past the end/);
    expect(() => inspectDocument(validSamples.png.subarray(0, validSamples.png.length - 12))).toThrow(
      /without an IEND/,
    );
    expect(() => inspectDocument(validSamples.jpeg.subarray(0, validSamples.jpeg.length - 2))).toThrow(/EOI/);
    const pointsNowhere = Buffer.from(
      validSamples.pdf.toString('latin1').replace(/startxref\n\d+/, 'startxref\n99999999'),
      'latin1',
    );
    expect(() => inspectDocument(pointsNowhere)).toThrow(/beyond the file/);
  });

  it('throws only DocumentFormatError on arbitrary bytes and on bytes behind every signature', () => {
    const signatures = [
      Buffer.from('%PDF-1.7\n'),
      validSamples.png.subarray(0, 8),
      Buffer.from([0xff, 0xd8, 0xff]),
      Buffer.from('II*\0'),
      Buffer.from('MM\0*'),
    ];
    fc.assert(
      fc.property(fc.constantFrom(...signatures), fc.uint8Array({ maxLength: 400 }), (sig, rest) => {
        onlyFormatErrors(rest);
        onlyFormatErrors(Buffer.concat([sig, rest]));
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses every truncation of a valid file', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...Object.values(validSamples)),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (bytes, at) => {
          // A PDF keeps its trailer when only the final newline after %%EOF is cut.
          const cut = Math.min(Math.floor(at * bytes.length), bytes.length - 2);
          expect(() => inspectDocument(bytes.subarray(0, cut))).toThrow(DocumentFormatError);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('rejects a TIFF whose width tag claims more values of another type than the file holds', () => {
    // Found by the property below: the width tag's type turned from SHORT to ASCII and its count to 53.
    const copy = Buffer.from(validSamples.tiff);
    copy[12] = (copy[12] ?? 0) ^ 1;
    copy[14] = (copy[14] ?? 0) ^ 52;
    expect(() => inspectDocument(copy)).toThrow(DocumentFormatError);
  });

  it('throws only DocumentFormatError when bytes of a valid file are flipped', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...Object.values(validSamples)),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 8 }),
        (bytes, flips) => {
          const copy = Buffer.from(bytes);
          for (const [at, mask] of flips) copy[at % copy.length] = (copy[at % copy.length] ?? 0) ^ mask;
          onlyFormatErrors(copy);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('against independent readers on the same files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'uc02-format-'));
  const samples = financialSamples();
  const write = (name: string, bytes: Uint8Array) => {
    const path = join(dir, name.replaceAll('/', '_'));
    writeFileSync(path, bytes);
    return path;
  };

  it.skipIf(!hasPil())('agrees with Pillow (python3-pil) on image size, pages and which images are broken', () => {
    const images = samples.filter((s) => /\.(png|jpe?g|tif)$/.test(s.key));
    const paths = images.map((s) => write(s.key, s.bytes));
    const out = execFileSync(PIL_PYTHON, [join(here, 'pil_inspect.py'), ...paths], { encoding: 'utf8' });
    const verdicts = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { ok: boolean; width?: number; height?: number; frames?: number });
    expect(verdicts).toHaveLength(images.length);
    images.forEach((sample, i) => {
      const pil = verdicts[i];
      let ours: ReturnType<typeof inspectDocument> | undefined;
      try {
        ours = inspectDocument(sample.bytes);
      } catch (error) {
        expect(error).toBeInstanceOf(DocumentFormatError);
      }
      expect(ours !== undefined).toBe(pil?.ok);
      if (ours && pil?.ok) expect([ours.width, ours.height, ours.pages]).toEqual([pil.width, pil.height, pil.frames]);
    });
  });

  it.skipIf(!hasPoppler())('agrees with pdfinfo (poppler-utils) on page counts and which PDFs are broken', () => {
    for (const sample of samples.filter((s) => s.key.endsWith('.pdf'))) {
      const run = spawnSync('pdfinfo', [write(sample.key, sample.bytes)], { encoding: 'utf8' });
      const pages = /^Pages:\s+(\d+)/m.exec(run.stdout)?.[1];
      if (sample.expect === 'corrupt') {
        expect(run.status).not.toBe(0);
        expect(() => inspectDocument(sample.bytes)).toThrow(DocumentFormatError);
      } else {
        expect(run.status).toBe(0);
        expect(inspectDocument(sample.bytes).pages).toBe(Number(pages));
      }
    }
  });
});
