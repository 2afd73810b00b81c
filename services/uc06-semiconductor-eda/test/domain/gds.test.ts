import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type GdsElement, type GdsLibrarySpec, writeGds } from '../../samples/gds-writer';
import { adderLibrary, rotatedLibrary } from '../../samples/layouts';
import { type GdsLibrarySummary, LayoutParseError, parseGdsBytes } from '../../src/domain';

const structure = (s: GdsLibrarySummary, name: string) => {
  const found = s.structures.find((x) => x.name === name);
  if (!found) throw new Error(`no structure ${name}`);
  return found;
};

describe('GDSII record walk', () => {
  it('reads header, dates, library name, IBM-float units and every record of a hierarchical library', async () => {
    const s = await parseGdsBytes(writeGds(adderLibrary(), { padToBlock: true }));
    expect(s.version).toBe(600);
    expect(s.modified).toBe('2024-05-17T09:30:00');
    expect(s.libraryName).toBe('adder_4bit');
    expect(s.units).toEqual({ userUnitsPerDbUnit: 1e-3, metersPerDbUnit: 1e-9 });
    expect(s.structures.map((x) => x.name)).toEqual(['INV', 'NAND2', 'FULL_ADDER', 'ADDER_4BIT', 'SPARE']);
    expect(s.topCells).toEqual(['ADDER_4BIT', 'SPARE']);
    expect(s.elementTotals).toEqual({ boundary: 3, path: 3, box: 1, text: 1, node: 1, sref: 4, aref: 1 });
    // 5 structures × (BGNSTR, STRNAME, ENDSTR) + 14 elements × (start, ENDEL) + library records, by hand.
    expect(s.recordCounts).toMatchObject({
      HEADER: 1,
      BGNLIB: 1,
      UNITS: 1,
      BGNSTR: 5,
      ENDSTR: 5,
      ENDEL: 14,
      ENDLIB: 1,
    });
    expect(s.recordCounts.XY).toBe(14);
    expect(s.layerUsage).toEqual([
      { layer: 1, datatype: 0, elements: 3 },
      { layer: 2, datatype: 0, elements: 1 },
      { layer: 3, datatype: 1, elements: 1 },
      { layer: 4, datatype: 0, elements: 1 },
      { layer: 5, datatype: 0, elements: 1 },
      { layer: 10, datatype: 0, elements: 1 },
      { layer: 63, datatype: 0, elements: 1 },
    ]);
  });

  it('computes boxes through rotated, mirrored, magnified and arrayed placements (worked by hand)', async () => {
    const s = await parseGdsBytes(writeGds(adderLibrary()));
    // INV: rect 0..2000 × 0..4000, vertical path x=1000 width 200 with square ends → y −100..4100.
    expect(structure(s, 'INV').bbox).toEqual({ minX: 0, minY: -100, maxX: 2000, maxY: 4100 });
    // NAND2: bent path width 300 → x −150..3150.
    expect(structure(s, 'NAND2').bbox).toEqual({ minX: -150, minY: 0, maxX: 3150, maxY: 4000 });
    // FULL_ADDER: NAND2 at 90° → x 5000..9000, y −150..3150; INV mirrored+180° at (14000,6000) → x 12000..14000,
    // y 5900..10100; NAND2 ×2 at (0,8000) → x −300..6300, y 8000..16000.
    expect(structure(s, 'FULL_ADDER').bbox).toEqual({ minX: -300, minY: -150, maxX: 14000, maxY: 16000 });
    // 4 columns at 20000 pitch; the 1000-wide rail at y=−2000 from 0 to 80000.
    expect(structure(s, 'ADDER_4BIT').bbox).toEqual({ minX: -500, minY: -2500, maxX: 80500, maxY: 16000 });
    expect(s.bbox).toEqual({ minX: -5000, minY: -5000, maxX: 80500, maxY: 16000 });
    expect(s.bboxUser).toEqual({ minX: -5, minY: -5, maxX: 80.5, maxY: 16 });
    expect(s.bboxMicrons?.maxX).toBeCloseTo(80.5, 9);
  });

  it('bounds a 30° placement by its four transformed corners', async () => {
    const s = await parseGdsBytes(writeGds(rotatedLibrary()));
    const c = Math.cos(Math.PI / 6);
    const sn = Math.sin(Math.PI / 6);
    const corners = [
      [-150, 0],
      [-150, 4000],
      [3150, 0],
      [3150, 4000],
    ].map(([x = 0, y = 0]) => [x * c - y * sn + 10000, x * sn + y * c + 10000] as const);
    const box = structure(s, 'ROT_TOP').bbox;
    expect(box?.minX).toBeCloseTo(Math.min(...corners.map((p) => p[0])), 6);
    expect(box?.maxY).toBeCloseTo(Math.max(...corners.map((p) => p[1])), 6);
  });

  it('gives the same summary whatever the chunk size (the walk never needs the whole file)', async () => {
    const bytes = writeGds(adderLibrary(), { padToBlock: true });
    const whole = await parseGdsBytes(bytes, bytes.length);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 700 }), async (size) => {
        expect(await parseGdsBytes(bytes, size)).toEqual(whole);
      }),
      { numRuns: 60 },
    );
  });

  it('fails a truncated file with the offset of the cut record, and a wrong first record at offset 0', async () => {
    const bytes = writeGds(adderLibrary());
    const cut = parseGdsBytes(bytes.subarray(0, 1001));
    await expect(cut).rejects.toThrow(LayoutParseError);
    await expect(cut).rejects.toThrow(/^truncated: the file ends inside a record .*at byte offset \d+/);
    // Cut exactly between records: no ENDLIB.
    const atBoundary = parseGdsBytes(bytes.subarray(0, bytes.length - 4));
    await expect(atBoundary).rejects.toThrow(/truncated: the stream ends before ENDLIB/);
    await expect(parseGdsBytes(new TextEncoder().encode('%PDF-1.7 not a layout'))).rejects.toThrow(
      /not a GDSII stream: first record is .* \(at byte offset 0\)/,
    );
    await expect(parseGdsBytes(new Uint8Array(0))).rejects.toThrow(/empty file/);
  });

  it('rejects recursive hierarchies instead of looping', async () => {
    const spec: GdsLibrarySpec = {
      name: 'loop',
      units: [1e-3, 1e-9],
      structures: [
        { name: 'A', elements: [{ kind: 'sref', name: 'B', x: 0, y: 0 }] },
        { name: 'B', elements: [{ kind: 'sref', name: 'A', x: 0, y: 0 }] },
      ],
    };
    await expect(parseGdsBytes(writeGds(spec))).rejects.toThrow(/recursive hierarchy/);
  });

  it('reports references to structures that are not in the library', async () => {
    const spec: GdsLibrarySpec = {
      name: 'ext',
      units: [1e-3, 1e-9],
      structures: [{ name: 'TOP', elements: [{ kind: 'sref', name: 'FROM_OTHER_LIB', x: 5, y: 5 }] }],
    };
    const s = await parseGdsBytes(writeGds(spec));
    expect(s.missingReferences).toEqual(['FROM_OTHER_LIB']);
    expect(s.bbox).toBeNull();
  });
});

const coordinate = fc.integer({ min: -1_000_000, max: 1_000_000 });
const point = fc.tuple(coordinate, coordinate);
const shape: fc.Arbitrary<GdsElement> = fc.oneof(
  fc.record({
    kind: fc.constant('boundary' as const),
    layer: fc.integer({ min: 0, max: 255 }),
    datatype: fc.integer({ min: 0, max: 255 }),
    points: fc.array(point, { minLength: 3, maxLength: 12 }),
  }),
  fc.record({
    kind: fc.constant('path' as const),
    layer: fc.integer({ min: 0, max: 255 }),
    datatype: fc.integer({ min: 0, max: 255 }),
    width: fc.integer({ min: 0, max: 5000 }).map((w) => w * 2),
    points: fc.array(point, { minLength: 2, maxLength: 12 }),
  }),
);
const library = fc
  .array(fc.array(shape, { maxLength: 6 }), { minLength: 1, maxLength: 5 })
  .map<GdsLibrarySpec>((cells) => ({
    name: 'lib',
    units: [1e-3, 1e-9],
    structures: cells.map((elements, i) => ({
      name: `C${i}`,
      // Each cell places the next one: a chain hierarchy.
      elements: i + 1 < cells.length ? [...elements, { kind: 'sref', name: `C${i + 1}`, x: i * 10, y: 0 }] : elements,
    })),
  }));

describe('GDSII properties', () => {
  it('counts what the writer wrote and boxes every vertex, widened by half the path width', async () => {
    await fc.assert(
      fc.asyncProperty(library, async (spec) => {
        const s = await parseGdsBytes(writeGds(spec), 97);
        expect(s.structures.map((x) => x.name)).toEqual(spec.structures.map((x) => x.name));
        expect(s.topCells).toEqual(['C0']);
        spec.structures.forEach((cell, i) => {
          const parsed = s.structures[i];
          const shapes = cell.elements.filter((e) => e.kind === 'boundary' || e.kind === 'path');
          expect(parsed?.elements.boundary).toBe(shapes.filter((e) => e.kind === 'boundary').length);
          expect(parsed?.elements.path).toBe(shapes.filter((e) => e.kind === 'path').length);
          const xs = shapes.flatMap((e) =>
            e.kind === 'path'
              ? e.points.flatMap(([x]) => [x - e.width / 2, x + e.width / 2])
              : e.points.map(([x]) => x),
          );
          if (xs.length === 0) expect(parsed?.ownBbox).toBeNull();
          else {
            expect(parsed?.ownBbox?.minX).toBe(Math.min(...xs));
            expect(parsed?.ownBbox?.maxX).toBe(Math.max(...xs));
          }
        });
      }),
      { numRuns: 150 },
    );
  });

  it('throws only LayoutParseError on truncated, bit-flipped or arbitrary input', async () => {
    const valid = writeGds(adderLibrary());
    const damaged = fc.oneof(
      fc.integer({ min: 0, max: valid.length - 1 }).map((n) => valid.subarray(0, n)),
      fc.tuple(fc.integer({ min: 0, max: valid.length - 1 }), fc.integer({ min: 1, max: 255 })).map(([at, mask]) => {
        const copy = valid.slice();
        copy[at] = (copy[at] ?? 0) ^ mask;
        return copy;
      }),
      fc.uint8Array({ maxLength: 300 }),
    );
    await fc.assert(
      fc.asyncProperty(damaged, async (bytes) => {
        try {
          await parseGdsBytes(bytes, 64);
        } catch (error) {
          expect(error).toBeInstanceOf(LayoutParseError);
        }
      }),
      { numRuns: 400 },
    );
  });
});
