import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type OasisSpec, writeOasis } from '../../samples/oasis-writer';
import { LayoutParseError, OasisReader, parseOasis, type RangeReader } from '../../src/domain';

const rangeReader = (bytes: Uint8Array, reads: [number, number][] = []): RangeReader => ({
  size: bytes.length,
  read: async (start, end) => {
    reads.push([start, end]);
    return bytes.subarray(start, end + 1);
  },
});

describe('OASIS primitives (SEMI P39 examples)', () => {
  it('decodes unsigned, signed and real encodings', () => {
    // 127 = 0x7F; 128 = 0x80 0x01; 16383 = 0xFF 0x7F; signed −3 = 7 (sign in bit 0); real type 4 = 3/4.
    const r = new OasisReader(new Uint8Array([0x7f, 0x80, 0x01, 0xff, 0x7f, 0x07, 0x04, 0x03, 0x04, 0x02, 0x08]));
    expect([r.unsigned(), r.unsigned(), r.unsigned(), r.signed(), r.real(), r.real()]).toEqual([
      127, 128, 16383, -3, 0.75, 0.125,
    ]);
    expect(() => r.byte()).toThrow(/truncated/);
  });
});

describe('OASIS header and name tables', () => {
  it('reads START, table offsets at START, explicit CELLNAMEs and a CRC-32 signature with Range reads', async () => {
    const bytes = writeOasis({
      unit: 1000,
      cellNames: ['TOP', 'CORE', 'IO_RING'],
      tablesIn: 'START',
      validation: 'crc32',
    });
    const s = await parseOasis(rangeReader(bytes));
    expect(s).toMatchObject({
      version: '1.0',
      unit: 1000,
      metersPerDbUnit: 1e-9,
      tablesIn: 'START',
      cellNames: ['TOP', 'CORE', 'IO_RING'],
      cellNameSource: 'table',
      cellNameRecords: { implicit: 0, explicit: 3 },
      validation: { scheme: 'crc32', verified: true },
    });
  });

  it('reads table offsets from END, implicit CELLNAMEs, a double unit and checksum32', async () => {
    const bytes = writeOasis({
      unit: 2000,
      unitType: 7,
      cellNames: ['MACRO', 'BANK-0'],
      implicitNames: true,
      tablesIn: 'END',
      validation: 'checksum32',
    });
    const s = await parseOasis(rangeReader(bytes));
    expect(s).toMatchObject({ unit: 2000, tablesIn: 'END', cellNames: ['MACRO', 'BANK-0'] });
    expect(s.validation).toMatchObject({ scheme: 'checksum32', verified: true });
  });

  it('verifies signatures when the reads come back as Node Buffers (views into a shared pool)', async () => {
    const bytes = writeOasis({ unit: 1000, cellNames: ['TOP'], tablesIn: 'END', validation: 'crc32' });
    // Small Buffer.from copies land at an offset inside Node's pool, as S3 response bodies do.
    const pooled: RangeReader = { size: bytes.length, read: async (a, b) => Buffer.from(bytes.subarray(a, b + 1)) };
    expect(Buffer.from(bytes).byteOffset).toBeGreaterThan(0);
    expect((await parseOasis(pooled)).validation.verified).toBe(true);
  });

  it('finds names written right after START when there is no table', async () => {
    const bytes = writeOasis({ unit: 1000, cellNames: ['A', 'B'], namesAfterStartWithoutTable: true });
    const s = await parseOasis(rangeReader(bytes));
    expect(s.cellNameSource).toBe('after-start');
    expect(s.cellNames).toEqual(['A', 'B']);
  });

  it('reads only the head, the END record and the name table of a large file', async () => {
    const names = Array.from({ length: 5000 }, (_, i) => `CELL_${i}`);
    const bytes = writeOasis({ unit: 1000, cellNames: names, tablesIn: 'END' });
    const reads: [number, number][] = [];
    const s = await parseOasis(rangeReader(bytes, reads), { headBytes: 1024, nameTableBytes: 1 << 20 });
    expect(s.cellNames).toHaveLength(5000);
    expect(reads[0]).toEqual([0, 1023]);
    expect(reads[1]).toEqual([bytes.length - 256, bytes.length - 1]);
    expect(s.bytesRead).toBeLessThan(bytes.length);
    // A name table cut by the read limit keeps the names before the cut.
    const limited = await parseOasis(rangeReader(bytes), { headBytes: 1024, nameTableBytes: 2000 });
    expect(limited.cellNames?.length).toBeGreaterThan(100);
    expect(limited.cellNames?.length).toBeLessThan(5000);
  });

  it('fails a truncated file (no END record), a wrong magic and a broken signature with LayoutParseError', async () => {
    const bytes = writeOasis({ unit: 1000, cellNames: ['A'], tablesIn: 'END', validation: 'crc32' });
    await expect(parseOasis(rangeReader(bytes.subarray(0, bytes.length - 100)))).rejects.toThrow(/^truncated/);
    const big = writeOasis({ unit: 1000, cellNames: Array.from({ length: 80 }, (_, i) => `C${i}`), tablesIn: 'END' });
    await expect(parseOasis(rangeReader(big.subarray(0, big.length - 100)))).rejects.toThrow(/no END record/);
    const wrong = bytes.slice();
    wrong[1] = 0x41;
    await expect(parseOasis(rangeReader(wrong))).rejects.toThrow(/magic is missing/);
    const flipped = bytes.slice();
    flipped[20] = (flipped[20] ?? 0) ^ 0x01;
    await expect(parseOasis(rangeReader(flipped))).rejects.toThrow(LayoutParseError);
  });

  it('round-trips any printable cell names, implicit or explicit, tables at START or END', async () => {
    const name = fc.string({
      unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)),
      minLength: 1,
      maxLength: 40,
    });
    const spec = fc.record({
      unit: fc.integer({ min: 1, max: 100000 }),
      cellNames: fc.uniqueArray(name, { minLength: 1, maxLength: 60 }),
      implicitNames: fc.boolean(),
      tablesIn: fc.constantFrom('START' as const, 'END' as const),
      validation: fc.constantFrom('none' as const, 'crc32' as const, 'checksum32' as const),
    });
    await fc.assert(
      fc.asyncProperty(spec, async (s: OasisSpec) => {
        const parsed = await parseOasis(rangeReader(writeOasis(s)));
        expect(parsed.cellNames).toEqual(s.cellNames);
        expect(parsed.unit).toBe(s.unit);
        expect(parsed.validation.verified).toBe(s.validation === 'none' ? null : true);
      }),
      { numRuns: 150 },
    );
  });

  it('throws only LayoutParseError for truncated, flipped or arbitrary bytes', async () => {
    const valid = writeOasis({ unit: 1000, cellNames: ['TOP', 'SUB'], tablesIn: 'START', validation: 'none' });
    const magic = new TextEncoder().encode('%SEMI-OASIS\r\n');
    const damaged = fc.oneof(
      fc.integer({ min: 0, max: valid.length }).map((n) => valid.subarray(0, n)),
      fc.tuple(fc.integer({ min: 13, max: valid.length - 1 }), fc.integer({ min: 1, max: 255 })).map(([at, mask]) => {
        const copy = valid.slice();
        copy[at] = (copy[at] ?? 0) ^ mask;
        return copy;
      }),
      fc.uint8Array({ minLength: 0, maxLength: 600 }).map((tail) => new Uint8Array([...magic, ...tail])),
    );
    await fc.assert(
      fc.asyncProperty(damaged, async (bytes) => {
        try {
          await parseOasis(rangeReader(bytes));
        } catch (error) {
          expect(error).toBeInstanceOf(LayoutParseError);
        }
      }),
      { numRuns: 500 },
    );
  });
});
