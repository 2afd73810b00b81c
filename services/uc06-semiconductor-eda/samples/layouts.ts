import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { type GdsElement, type GdsLibrarySpec, writeGds } from './gds-writer';
import { writeOasis } from './oasis-writer';

const rect = (x0: number, y0: number, x1: number, y1: number): [number, number][] => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
];

const INV: GdsElement[] = [
  { kind: 'boundary', layer: 1, datatype: 0, points: rect(0, 0, 2000, 4000) },
  {
    kind: 'path',
    layer: 2,
    datatype: 0,
    width: 200,
    pathtype: 2,
    points: [
      [1000, 0],
      [1000, 4000],
    ],
  },
  { kind: 'text', layer: 63, texttype: 0, x: 100, y: 100, text: 'A' },
];

const NAND2: GdsElement[] = [
  { kind: 'boundary', layer: 1, datatype: 0, points: rect(0, 0, 3000, 4000) },
  { kind: 'box', layer: 10, boxtype: 0, points: rect(0, 0, 3000, 500) },
  {
    kind: 'path',
    layer: 3,
    datatype: 1,
    width: 300,
    pathtype: 2,
    points: [
      [0, 2000],
      [3000, 2000],
      [3000, 3500],
    ],
  },
];

/** A 4-bit ripple adder: rotated, mirrored and magnified placements, an AREF, wide paths, several layers. */
export const adderLibrary = (): GdsLibrarySpec => ({
  name: 'adder_4bit',
  units: [1e-3, 1e-9],
  structures: [
    { name: 'INV', elements: INV },
    { name: 'NAND2', elements: NAND2 },
    {
      name: 'FULL_ADDER',
      elements: [
        { kind: 'sref', name: 'INV', x: 0, y: 0 },
        { kind: 'sref', name: 'NAND2', x: 9000, y: 0, transform: { angle: 90 } },
        { kind: 'sref', name: 'INV', x: 14000, y: 6000, transform: { reflectX: true, angle: 180 } },
        { kind: 'sref', name: 'NAND2', x: 0, y: 8000, transform: { magnification: 2 } },
      ],
    },
    {
      name: 'ADDER_4BIT',
      elements: [
        {
          kind: 'aref',
          name: 'FULL_ADDER',
          cols: 4,
          rows: 1,
          origin: [0, 0],
          colPitch: [20000, 0],
          rowPitch: [0, 20000],
        },
        {
          kind: 'path',
          layer: 4,
          datatype: 0,
          width: 1000,
          pathtype: 2,
          points: [
            [0, -2000],
            [80000, -2000],
          ],
        },
        { kind: 'node', layer: 5, nodetype: 0, points: [[0, -2000]] },
      ],
    },
    {
      name: 'SPARE',
      elements: [{ kind: 'boundary', layer: 1, datatype: 0, points: rect(-5000, -5000, -1000, -1000) }],
    },
  ],
});

/** A row of inverters: similar blocks that make the population the outliers stand out of. */
export const blockLibrary = (index: number): GdsLibrarySpec => ({
  name: `block_${String(index).padStart(2, '0')}`,
  units: [1e-3, 1e-9],
  structures: [
    { name: 'INV', elements: INV },
    { name: 'NAND2', elements: NAND2 },
    {
      name: `BLOCK_${index}`,
      elements: [
        {
          kind: 'aref',
          name: 'INV',
          cols: 8 + index,
          rows: 2,
          origin: [0, 0],
          colPitch: [2500, 0],
          rowPitch: [0, 5000],
        },
        { kind: 'sref', name: 'NAND2', x: 0, y: 11000 },
      ],
    },
  ],
});

/** A large bit-cell array: its box is far outside the blocks' (a HIGH outlier on width and height). */
export const sramLibrary = (): GdsLibrarySpec => ({
  name: 'sram_macro',
  units: [1e-3, 1e-9],
  structures: [
    { name: 'BITCELL', elements: [{ kind: 'boundary', layer: 1, datatype: 0, points: rect(0, 0, 1500, 2400) }] },
    {
      name: 'SRAM_128X64',
      elements: [
        {
          kind: 'aref',
          name: 'BITCELL',
          cols: 128,
          rows: 64,
          origin: [0, 0],
          colPitch: [1500, 0],
          rowPitch: [0, 2400],
        },
      ],
    },
  ],
});

/** A cell library whose names break the naming rule, with many cells (a HIGH cell-count outlier). */
export const stdCellLibrary = (): GdsLibrarySpec => ({
  name: 'std-cells',
  units: [1e-3, 1e-9],
  structures: [
    { name: 'INV-X1', elements: INV },
    { name: 'NAND 2', elements: NAND2 },
    ...Array.from({ length: 38 }, (_, i) => ({
      name: `FILL_${i}`,
      elements: [{ kind: 'boundary' as const, layer: 20, datatype: 0, points: rect(0, 0, 500 + i * 10, 4000) }],
    })),
  ],
});

/** A placement at 30°: the box is the documented four-corner bound, not the tight box. */
export const rotatedLibrary = (): GdsLibrarySpec => ({
  name: 'rotated_macro',
  units: [1e-3, 1e-9],
  structures: [
    { name: 'NAND2', elements: NAND2 },
    { name: 'ROT_TOP', elements: [{ kind: 'sref', name: 'NAND2', x: 10000, y: 10000, transform: { angle: 30 } }] },
  ],
});

export interface GeneratedLayouts {
  files: string[];
  totalBytes: number;
  /** Files that must fail, by key, with the start of their reason. */
  invalid: Record<string, RegExp>;
  valid: string[];
}

const put = async (dir: string, key: string, bytes: Uint8Array | string, files: string[]) => {
  await mkdir(dirname(join(dir, key)), { recursive: true });
  await writeFile(join(dir, key), bytes);
  files.push(key);
  return typeof bytes === 'string' ? Buffer.byteLength(bytes) : bytes.length;
};

/**
 * The demo and test volume: hierarchical GDSII libraries (AREF, rotated/mirrored/magnified SREFs, wide
 * paths, several layers), OASIS files with name tables at START and at END, a truncated GDSII, a file
 * named .gds that is not GDSII, a truncated OASIS file and a text file that discovery ignores.
 */
export const generateLayoutSamples = async (
  dir: string,
  options: { blocks?: number } = {},
): Promise<GeneratedLayouts> => {
  const files: string[] = [];
  let total = 0;
  const valid: string[] = [];
  const addValid = async (key: string, bytes: Uint8Array) => {
    total += await put(dir, key, bytes, files);
    valid.push(key);
  };
  const adder = writeGds(adderLibrary(), { padToBlock: true });
  await addValid('design/adder_4bit.gds', adder);
  for (let i = 1; i <= (options.blocks ?? 6); i += 1) {
    await addValid(`design/blocks/block_${String(i).padStart(2, '0')}.gds`, writeGds(blockLibrary(i)));
  }
  await addValid('design/sram_macro.gds2', writeGds(sramLibrary()));
  await addValid('design/std-cells.gds', writeGds(stdCellLibrary()));
  await addValid('design/rotated_macro.gds', writeGds(rotatedLibrary()));
  await addValid(
    'design/chip.oas',
    writeOasis({ unit: 1000, cellNames: ['TOP', 'CORE', 'IO_RING'], tablesIn: 'START', validation: 'crc32' }),
  );
  await addValid(
    'design/macro.oasis',
    writeOasis({
      unit: 2000,
      unitType: 7,
      cellNames: ['MACRO', 'BANK-0', 'BANK_1'],
      implicitNames: true,
      tablesIn: 'END',
      validation: 'checksum32',
    }),
  );
  // Cut inside the 100th record: no ENDLIB, and the last record is incomplete.
  const truncatedGds = adder.subarray(0, 1001);
  total += await put(dir, 'incoming/truncated.gds', truncatedGds, files);
  total += await put(dir, 'incoming/not-gds.gds', 'This is a text file that only has a .gds name.\n', files);
  const oas = writeOasis({ unit: 1000, cellNames: ['A', 'B'], tablesIn: 'END', validation: 'crc32' });
  total += await put(dir, 'incoming/truncated.oas', oas.subarray(0, oas.length - 100), files);
  total += await put(dir, 'notes/readme.txt', 'not a layout', files);
  return {
    files,
    totalBytes: total,
    valid,
    invalid: {
      'incoming/truncated.gds': /^LayoutParseError: truncated/,
      'incoming/not-gds.gds': /^LayoutParseError: not a GDSII stream/,
      'incoming/truncated.oas': /^LayoutParseError: truncated/,
    },
  };
};
