/**
 * Small PDF writer for sample documents: objects, a correct cross-reference table and trailer, so strict
 * readers (pdftotext) open the files. Text is either ASCII with the standard Helvetica font or any BMP text
 * through a Type0 font whose ToUnicode CMap maps each 2-byte code to its character (code = UTF-16 unit).
 */
import { assemblePdf } from '@fsxn/testing';

const pdfLiteral = (text: string) => `(${text.replace(/[\\()]/g, (c) => `\\${c}`)})`;

const hex4 = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');

const stream = (content: string) =>
  `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`;

const page = (resources: string) =>
  `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources ${resources} /Contents 5 0 R >>`;

const textBlock = (encoded: readonly string[]) =>
  ['BT', '/F1 11 Tf', '15 TL', '60 740 Td', ...encoded.map((s, i) => `${i === 0 ? '' : 'T* '}${s} Tj`), 'ET'].join(
    '\n',
  );

/** A one-page PDF with the lines in Helvetica (ASCII only). */
export const asciiTextPdf = (lines: readonly string[]): Buffer => {
  if (lines.some((l) => /[^\x20-\x7e]/.test(l))) throw new RangeError('asciiTextPdf writes ASCII text only');
  return assemblePdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    page('<< /Font << /F1 4 0 R >> >>'),
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    stream(textBlock(lines.map(pdfLiteral))),
  ]);
};

/**
 * A one-page PDF with any BMP text (e.g. Japanese) in a Type0 / Identity-H font with a ToUnicode CMap.
 * The font is not embedded, so viewers substitute glyphs; text extraction reads the CMap.
 */
export const unicodeTextPdf = (lines: readonly string[]): Buffer => {
  const units = new Set<number>();
  const encoded = lines.map((line) => {
    let hex = '';
    for (let i = 0; i < line.length; i++) {
      const unit = line.charCodeAt(i);
      if (unit >= 0xd800 && unit <= 0xdfff) throw new RangeError('unicodeTextPdf writes BMP characters only');
      units.add(unit);
      hex += hex4(unit);
    }
    return `<${hex}>`;
  });
  const sorted = [...units].sort((a, b) => a - b);
  const bfchar: string[] = [];
  for (let i = 0; i < sorted.length; i += 100) {
    const chunk = sorted.slice(i, i + 100);
    bfchar.push(`${chunk.length} beginbfchar`, ...chunk.map((u) => `<${hex4(u)}> <${hex4(u)}>`), 'endbfchar');
  }
  const cmap = [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000> <FFFF>',
    'endcodespacerange',
    ...bfchar,
    'endcmap',
    'CMapName currentdict /CMap defineresource pop',
    'end',
    'end',
  ].join('\n');
  return assemblePdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    page('<< /Font << /F1 4 0 R >> >>'),
    '<< /Type /Font /Subtype /Type0 /BaseFont /HeiseiKakuGo-W5 /Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>',
    stream(textBlock(encoded)),
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /HeiseiKakuGo-W5 /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 8 0 R /DW 1000 >>',
    stream(cmap),
    '<< /Type /FontDescriptor /FontName /HeiseiKakuGo-W5 /Flags 4 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>',
  ]);
};

/** A one-page PDF that only paints shapes: a scan-like page with no text layer. */
export const noTextLayerPdf = (): Buffer =>
  assemblePdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    page('<< >>'),
    '<< /Type /XObject /Subtype /Form /BBox [0 0 1 1] >>',
    stream('0.9 g 40 40 532 712 re f 0.2 g 80 640 300 24 re f 80 600 220 12 re f 80 580 260 12 re f'),
  ]);
