import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { uniformJpeg } from '../samples/images';
import { asciiTextPdf } from '../samples/pdf-writer';
import { detectTesseract, LOCAL_OCR_PROVIDER } from '../src/local-ocr';

const tesseract = await detectTesseract();
const hasPdftoppm = (() => {
  try {
    execFileSync('pdftoppm', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('detectTesseract', () => {
  it('finds no engine when the program is missing, so images are reported as needing OCR', async () => {
    expect(await detectTesseract('/nonexistent/tesseract')).toBeUndefined();
  });
});

describe.skipIf(tesseract === undefined || !hasPdftoppm)(
  'tesseract adapter (Debian tesseract-ocr + tesseract-ocr-eng)',
  () => {
    it('reads a rendered invoice page with per-line confidences and labels itself local:tesseract-ocr', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'uc02-ocr-'));
      writeFileSync(
        join(dir, 'inv.pdf'),
        asciiTextPdf(['INVOICE', 'Invoice No: INV-2024-0042', 'Total Due: USD 1,200.00']),
      );
      execFileSync('pdftoppm', ['-png', '-r', '150', '-singlefile', join(dir, 'inv.pdf'), join(dir, 'page')]);
      const result = await tesseract?.extractText({
        bytes: readFileSync(join(dir, 'page.png')),
        mimeType: 'image/png',
      });
      expect(result?.status).toBe('ok');
      if (result?.status !== 'ok') return;
      expect(result.provider).toBe(LOCAL_OCR_PROVIDER);
      expect(result.text).toContain('INV-2024-0042');
      expect(result.text).toMatch(/USD 1,200\.00/);
      for (const line of result.lines) expect(line.confidence).toBeGreaterThan(0);
    });

    it('returns no lines for a blank scan instead of inventing any', async () => {
      const result = await tesseract?.extractText({ bytes: uniformJpeg(64, 48), mimeType: 'image/jpeg' });
      expect(result).toMatchObject({ status: 'ok', text: '', lines: [] });
    });
  },
);
