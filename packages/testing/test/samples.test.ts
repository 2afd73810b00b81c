import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { inflateSync, crc32 as nodeCrc32 } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crc32, sampleCsv, sampleJson, samplePdf, samplePng, toCsv } from '../src';
import { makeTempDir, withTempDir } from '../src/temp-dir';

/** A small RFC 4180 reader written independently of toCsv, to read generated files back. */
const readCsv = (text: string): string[][] => {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  return rows;
};

describe('CSV and JSON samples', () => {
  it('writes CSV that an independent RFC 4180 reader reads back cell for cell (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string(), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 5 }),
        (rows) => {
          expect(readCsv(toCsv(rows))).toEqual(rows);
        },
      ),
    );
  });

  it('generates a header plus the requested rows, with quoted commas and quotes', () => {
    const rows = readCsv(sampleCsv(3));
    expect(rows).toHaveLength(4);
    expect(rows[0]).toEqual(['id', 'customer', 'amount', 'note']);
    expect(rows[3]).toEqual(['3', 'Customer 3, Ltd.', '37.50', 'said "urgent"']);
  });

  it('writes JSON that parses back to the value', () => {
    expect(JSON.parse(sampleJson({ a: [1, 'x'] }))).toEqual({ a: [1, 'x'] });
  });
});

describe('samplePng', () => {
  it('has valid chunk CRCs (checked with zlib.crc32), a matching IHDR and IDAT that inflates to the pixels', () => {
    const png = samplePng({ width: 3, height: 2, pixel: (x, y) => [x * 10, y * 20, 7] });
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const chunks: { type: string; data: Buffer }[] = [];
    for (let off = 8; off < png.length; ) {
      const len = png.readUInt32BE(off);
      const type = png.toString('latin1', off + 4, off + 8);
      const data = png.subarray(off + 8, off + 8 + len);
      expect(png.readUInt32BE(off + 8 + len)).toBe(nodeCrc32(png.subarray(off + 4, off + 8 + len)));
      chunks.push({ type, data });
      off += 12 + len;
    }
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    const ihdr = chunks[0]?.data ?? Buffer.alloc(0);
    expect([ihdr.readUInt32BE(0), ihdr.readUInt32BE(4), ihdr[8], ihdr[9]]).toEqual([3, 2, 8, 2]);
    const raw = inflateSync(chunks[1]?.data ?? Buffer.alloc(0));
    expect([...raw]).toEqual([0, 0, 0, 7, 10, 0, 7, 20, 0, 7, 0, 0, 20, 7, 10, 20, 7, 20, 20, 7]);
  });

  it('computes the same CRC-32 as zlib for any bytes (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        expect(crc32(bytes)).toBe(nodeCrc32(bytes));
      }),
    );
  });
});

describe('samplePdf', () => {
  const pdftotext = '/usr/bin/pdftotext';
  it.skipIf(!existsSync(pdftotext))(
    'opens in poppler pdftotext with the text layer intact (Debian poppler-utils; skipped when absent)',
    async () => {
      const dir = await makeTempDir();
      const file = join(dir, 'a.pdf');
      await writeFile(file, samplePdf(['Invoice (No. 42)', 'Total: 12.50 USD']));
      const { stdout, stderr } = await promisify(execFile)(pdftotext, ['-layout', file, '-']);
      expect(stderr).toBe('');
      expect(
        stdout
          .split('\n')
          .map((l) => l.trim())
          .filter(Boolean),
      ).toEqual(['Invoice (No. 42)', 'Total: 12.50 USD']);
    },
  );

  it('points every xref entry at its object', () => {
    const pdf = samplePdf().toString('latin1');
    const xref = pdf.slice(pdf.indexOf('xref\n'));
    const offsets = [...xref.matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    for (const [i, off] of offsets.entries()) expect(pdf.slice(off).startsWith(`${i + 1} 0 obj`)).toBe(true);
    expect(Number(/startxref\n(\d+)/.exec(pdf)?.[1])).toBe(pdf.indexOf('xref\n'));
  });
});

describe('temp dirs', () => {
  it('removes a withTempDir directory afterwards even when the callback throws', async () => {
    let seen = '';
    await expect(
      withTempDir(async (dir) => {
        seen = dir;
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(existsSync(seen)).toBe(false);
  });
});
