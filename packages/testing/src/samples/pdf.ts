/** Escapes a string for a PDF literal string `( … )`. */
const pdfString = (text: string) => text.replace(/[\\()]/g, (c) => `\\${c}`);

/**
 * Assembles numbered objects (1 = the catalog) into a PDF 1.4 file with a correct cross-reference table and
 * trailer, so strict readers (pdftotext, pdf.js) open it.
 */
export const assemblePdf = (objects: readonly string[]): Buffer => {
  let body = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((obj, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${obj}\nendobj\n`;
  });
  const xrefOffset = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) body += `${String(off).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
};

/**
 * A minimal valid PDF 1.4 with one page and a real text layer (Helvetica, one line per entry), with a
 * correct cross-reference table so that strict readers (pdftotext, pdf.js) open it. ASCII text only.
 */
export const samplePdf = (lines: readonly string[] = ['Sample document', 'Generated for tests']): Buffer => {
  if (lines.some((l) => /[^\x20-\x7e]/.test(l))) throw new RangeError('samplePdf writes ASCII text only');
  const content = [
    'BT',
    '/F1 12 Tf',
    '14 TL',
    '72 720 Td',
    ...lines.map((l, i) => `${i === 0 ? '' : 'T* '}(${pdfString(l)}) Tj`),
    'ET',
  ].join('\n');
  return assemblePdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
  ]);
};
