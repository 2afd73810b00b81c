import { checksum32, crc32, OASIS_MAGIC } from '../src/domain';

/** The subset the service reads: START, empty CELL records, a CELLNAME table, END with validation. */
export interface OasisSpec {
  /** Grid steps per micrometre. */
  unit: number;
  /** How START writes the unit: 0 = integer, 7 = IEEE double. */
  unitType?: 0 | 7;
  cellNames: readonly string[];
  /** CELLNAME 3 (implicit reference numbers) or 4 (explicit). */
  implicitNames?: boolean;
  tablesIn?: 'START' | 'END';
  /** Leave the cell-name table offset at 0 and write the names right after START instead. */
  namesAfterStartWithoutTable?: boolean;
  validation?: 'none' | 'crc32' | 'checksum32';
  /** PAD bytes after each CELL record, standing in for the geometry real cells hold (the reader skips it). */
  cellBodyBytes?: number;
}

const uint = (n: number): number[] => {
  const out: number[] = [];
  let v = n;
  do {
    const low = v % 128;
    v = Math.floor(v / 128);
    out.push(v > 0 ? low | 0x80 : low);
  } while (v > 0);
  return out;
};

const str = (s: string): number[] => {
  const bytes = [...new TextEncoder().encode(s)];
  return [...uint(bytes.length), ...bytes];
};

const real = (value: number, type: 0 | 7): number[] => {
  if (type === 0) return [0, ...uint(value)];
  const b = new Uint8Array(8);
  new DataView(b.buffer).setFloat64(0, value, true);
  return [7, ...b];
};

const tableOffsets = (cellnameOffset: number): number[] => [
  ...[1, ...uint(cellnameOffset)],
  ...[1, 0], // textstring
  ...[1, 0], // propname
  ...[1, 0], // propstring
  ...[1, 0], // layername
  ...[1, 0], // xname
];

export const writeOasis = (spec: OasisSpec): Uint8Array => {
  const tablesIn = spec.tablesIn ?? 'START';
  const magic = [...new TextEncoder().encode(OASIS_MAGIC)];
  const names = spec.cellNames.flatMap((name, i) =>
    spec.implicitNames ? [3, ...str(name)] : [4, ...str(name), ...uint(i)],
  );
  // CELL records by reference number, empty: the reader never looks inside cells.
  const cells = spec.cellNames.flatMap((_, i) => [
    13,
    ...uint(i),
    ...new Array<number>(spec.cellBodyBytes ?? 0).fill(0),
  ]);
  const start = (offset: number) => [
    1,
    ...str('1.0'),
    ...real(spec.unit, spec.unitType ?? 0),
    tablesIn === 'START' ? 0 : 1,
    ...(tablesIn === 'START' ? tableOffsets(offset) : []),
  ];
  let body: number[];
  let tableAt = 0;
  if (spec.namesAfterStartWithoutTable) {
    body = [...magic, ...start(0), ...names, ...cells];
  } else {
    // The table offset is written in START before the table: settle its encoded length first.
    let guess = 0;
    for (;;) {
      const candidate = magic.length + start(guess).length + cells.length;
      if (candidate === guess) break;
      guess = candidate;
    }
    tableAt = guess;
    body = [...magic, ...start(tableAt), ...cells, ...names];
  }
  const scheme = spec.validation ?? 'none';
  const schemeCode = scheme === 'crc32' ? 1 : scheme === 'checksum32' ? 2 : 0;
  const endHead = [2, ...(tablesIn === 'END' ? tableOffsets(tableAt) : [])];
  const fixed = endHead.length + 1 + (schemeCode === 0 ? 0 : 4);
  let padding = 256 - fixed - 1;
  if (padding >= 128) padding = 256 - fixed - 2;
  const end = [...endHead, ...uint(padding), ...new Array<number>(padding).fill(0), schemeCode];
  const signed = new Uint8Array([...body, ...end]);
  if (schemeCode === 0) return signed;
  const signature = scheme === 'crc32' ? crc32(signed) : checksum32(signed);
  const out = new Uint8Array(signed.length + 4);
  out.set(signed);
  new DataView(out.buffer).setUint32(signed.length, signature, true);
  return out;
};
