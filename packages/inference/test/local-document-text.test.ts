import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countPdfPages, createLocalDocumentTextPort, extractPdfText } from '../src/index';
import { buildPdf, flateStream, simpleTextPdf } from './fixtures/build-pdf';
import { buildPng } from './fixtures/build-png';

const port = createLocalDocumentTextPort();

const INVOICE_PAGE = [
  'BT /F1 12 Tf 16 TL 72 720 Td (Invoice No: INV-2024-001) Tj',
  '0 -16 Td [(Total:) -300 (\\(USD\\) 1,234.56)] TJ',
  "(Due date: 2024-03-31) '",
  'ET',
].join('\n');

const HAS_PDFTOTEXT = hasPdftotext();

function hasPdftotext(): boolean {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('local document text: PDF text layer', () => {
  it('extracts Tj, TJ and quote operators from a Flate-compressed content stream', async () => {
    const result = await port.extractText({ bytes: simpleTextPdf([INVOICE_PAGE]), mimeType: 'application/pdf' });
    expect(result.status).toBe('ok');
    if (result.status !== 'ok') return;
    expect(result.provider).toBe('local:pdf-text-layer');
    expect(result.pageCount).toBe(1);
    expect(result.lines.map((l) => l.text)).toEqual([
      'Invoice No: INV-2024-001',
      'Total: (USD) 1,234.56',
      'Due date: 2024-03-31',
    ]);
    expect(result.keyValues).toContainEqual({ key: 'Invoice No', value: 'INV-2024-001', confidence: 100, page: 1 });
    expect(result.keyValues.map((k) => k.key)).toEqual(['Invoice No', 'Total', 'Due date']);
  });

  it('keeps pages apart and numbers lines by page', async () => {
    const pdf = simpleTextPdf(['BT /F1 12 Tf (First page) Tj ET', 'BT /F1 12 Tf (Second page) Tj ET']);
    const result = await port.extractText({ bytes: pdf, mimeType: 'application/pdf' });
    expect(result.status === 'ok' && result.lines).toEqual([
      { text: 'First page', confidence: 100, page: 1 },
      { text: 'Second page', confidence: 100, page: 2 },
    ]);
    expect(countPdfPages(pdf)).toBe(2);
  });

  it('decodes hex strings, octal escapes and WinAnsi punctuation', () => {
    // <48656C6C6F> = "Hello"; \351 = é in WinAnsi; \223 \224 = curly quotes.
    const pdf = simpleTextPdf(['BT /F1 12 Tf <48656C6C6F> Tj ( caf\\351 \\223ok\\224) Tj ET']);
    expect(extractPdfText(pdf).pages).toEqual(['Hello café “ok”']);
  });

  it('decodes a composite (Type0) font through its ToUnicode CMap', () => {
    // Codes 0001–0003 map to 請求書 (U+8ACB U+6C42 U+66F8); 0004 via a range to 'A'.
    const cmap = [
      '/CIDInit /ProcSet findresource begin 12 dict begin begincmap',
      '1 begincodespacerange <0000> <FFFF> endcodespacerange',
      '3 beginbfchar <0001> <8ACB> <0002> <6C42> <0003> <66F8> endbfchar',
      '1 beginbfrange <0004> <0005> <0041> endbfrange',
      'endcmap CMapName currentdict /CMap defineresource pop end end',
    ].join('\n');
    const pdf = buildPdf([
      { dict: '<< /Type /Catalog /Pages 2 0 R >>' },
      { dict: '<< /Type /Pages /Kids [3 0 R] /Count 1 >>' },
      { dict: '<< /Type /Page /Parent 2 0 R /Resources << /Font << /F0 5 0 R >> >> /Contents 4 0 R >>' },
      flateStream('BT /F0 10 Tf <000100020003> Tj 0 -12 Td <00040005> Tj ET'),
      { dict: '<< /Type /Font /Subtype /Type0 /BaseFont /Sub+Gothic /Encoding /Identity-H /ToUnicode 6 0 R >>' },
      flateStream(cmap),
    ]);
    expect(extractPdfText(pdf).pages).toEqual(['請求書\nAB']);
  });

  it('reads page objects packed in an object stream', () => {
    const pages = '<< /Type /Pages /Kids [5 0 R] /Count 1 >>';
    const page = '<< /Type /Page /Parent 4 0 R /Contents 3 0 R >>';
    const header = `4 0 5 ${pages.length + 1} `;
    const pdf = buildPdf([
      { dict: '<< /Type /Catalog /Pages 4 0 R >>' },
      flateStream(`${header}${pages} ${page}`, `/Type /ObjStm /N 2 /First ${header.length} `),
      flateStream('BT /F1 9 Tf (packed page) Tj ET'),
    ]);
    expect(extractPdfText(pdf).pages).toEqual(['packed page']);
  });

  it('reports no-text-layer for a scanned PDF instead of inventing text', async () => {
    const pdf = buildPdf([
      { dict: '<< /Type /Catalog /Pages 2 0 R >>' },
      { dict: '<< /Type /Pages /Kids [3 0 R] /Count 1 >>' },
      { dict: '<< /Type /Page /Parent 2 0 R /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>' },
      flateStream('q 612 0 0 792 0 0 cm /Im1 Do Q'),
      flateStream(
        new Uint8Array(64).fill(200),
        '/Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray /BitsPerComponent 8 ',
      ),
    ]);
    const result = await port.extractText({ bytes: pdf, mimeType: 'application/pdf' });
    expect(result).toMatchObject({
      status: 'unsupported',
      unsupported: 'no-text-layer',
      provider: 'local:pdf-text-layer',
    });
  });

  it('reports encrypted PDFs as unsupported', async () => {
    const pdf = Buffer.from(
      Buffer.from(simpleTextPdf(['BT /F1 12 Tf (secret) Tj ET']))
        .toString('latin1')
        .replace('/Root 1 0 R', '/Root 1 0 R /Encrypt 9 0 R'),
      'latin1',
    );
    const result = await port.extractText({ bytes: pdf, mimeType: 'application/pdf' });
    expect(result).toMatchObject({ status: 'unsupported', unsupported: 'encrypted' });
  });

  it('never throws on arbitrary bytes after a PDF header', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (noise) => {
        const bytes = Buffer.concat([
          Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n'),
          noise,
        ]);
        const result = extractPdfText(bytes);
        expect(Array.isArray(result.pages)).toBe(true);
      }),
    );
  });

  it('round-trips arbitrary printable text through a literal string', () => {
    fc.assert(
      fc.property(
        fc
          .string({ unit: fc.constantFrom(...'abcXYZ019 ()\\-.,:'), minLength: 1, maxLength: 60 })
          .filter((s) => s.trim().length > 0),
        (text) => {
          const escaped = text.replace(/[\\()]/g, (c) => `\\${c}`);
          const pdf = simpleTextPdf([`BT /F1 12 Tf (${escaped}) Tj ET`]);
          expect(extractPdfText(pdf).pages[0]).toBe(text.replace(/ +/g, ' ').trim());
        },
      ),
      { numRuns: 50 },
    );
  });

  const popplerNote = HAS_PDFTOTEXT ? '' : ' — skipped: pdftotext missing, install Debian package poppler-utils';
  it.skipIf(!HAS_PDFTOTEXT)(
    `agrees with poppler pdftotext on the test PDF (independent implementation)${popplerNote}`,
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'inference-pdf-'));
      const file = join(dir, 'invoice.pdf');
      writeFileSync(file, simpleTextPdf([INVOICE_PAGE, 'BT /F1 12 Tf (Second page) Tj ET']));
      const popplerPages = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
        .split('\f')
        .filter((p) => p.trim().length > 0)
        .map((p) =>
          p
            .split('\n')
            .map((l) => l.replace(/\s+/g, ' ').trim())
            .filter((l) => l.length > 0),
        );
      const ours = extractPdfText(simpleTextPdf([INVOICE_PAGE, 'BT /F1 12 Tf (Second page) Tj ET'])).pages.map((p) =>
        p.split('\n'),
      );
      expect(ours).toEqual(popplerPages);
    },
  );
});

describe('local document text: other inputs', () => {
  it('passes plain text through with form feeds as page breaks', async () => {
    const bytes = Buffer.from('Vendor: Acme Inc.\n\nAmount: $10.00\fpage two\n', 'utf8');
    const result = await port.extractText({ bytes, mimeType: 'text/plain; charset=utf-8' });
    expect(result).toMatchObject({
      status: 'ok',
      provider: 'local:plain-text',
      pageCount: 2,
      text: 'Vendor: Acme Inc.\nAmount: $10.00\npage two',
    });
  });

  it('reports images as needing OCR', async () => {
    const png = buildPng({ width: 1, height: 1, colorType: 0, pixels: Uint8Array.of(0) });
    const result = await port.extractText({ bytes: png, mimeType: 'image/png' });
    expect(result).toMatchObject({ status: 'unsupported', unsupported: 'image-needs-ocr' });
  });

  it('cannot read S3 references offline and says so', async () => {
    const result = await port.extractText({ s3Object: { bucket: 'b', key: 'k.pdf' } });
    expect(result).toMatchObject({ status: 'unsupported', unsupported: 's3-reference-unavailable' });
  });

  it('reports unknown binary formats as unsupported', async () => {
    const result = await port.extractText({ bytes: Uint8Array.of(1, 2, 3), mimeType: 'application/octet-stream' });
    expect(result).toMatchObject({ status: 'unsupported', unsupported: 'unsupported-format' });
  });
});

describe('PDF extractor under hostile input', () => {
  it('skips a content stream that is not valid zlib data instead of failing', () => {
    const pdf = buildPdf([
      { dict: '<< /Type /Catalog /Pages 2 0 R >>' },
      { dict: '<< /Type /Pages /Kids [3 0 R] /Count 1 >>' },
      { dict: '<< /Type /Page /Parent 2 0 R /Contents [4 0 R 5 0 R] >>' },
      { dict: '<< /Length 6 /Filter /FlateDecode >>', stream: Buffer.from('garbag') },
      flateStream('BT (still read) Tj ET'),
    ]);
    expect(extractPdfText(pdf).pages).toEqual(['still read']);
  });
});
