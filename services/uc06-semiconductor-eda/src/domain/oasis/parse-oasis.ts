import { checksum32, crc32 } from '../crc32';
import { LayoutParseError } from '../errors';
import { OasisReader } from './reader';

export const OASIS_MAGIC = '%SEMI-OASIS\r\n';
const MAGIC_BYTES = new TextEncoder().encode(OASIS_MAGIC);
/** The END record is always exactly 256 bytes: it is found from the file size alone. */
export const END_RECORD_BYTES = 256;

const TABLES = ['cellname', 'textstring', 'propname', 'propstring', 'layername', 'xname'] as const;
export type TableName = (typeof TABLES)[number];
export type TableOffsets = Record<TableName, { strict: boolean; offset: number }>;

/** Bounded reads of one file: offsets are inclusive on both ends, as an HTTP Range. */
export interface RangeReader {
  readonly size: number;
  read(start: number, endInclusive: number): Promise<Uint8Array>;
}

export interface OasisLimits {
  /** Bytes read from the start (magic, START record, names that follow it). */
  headBytes: number;
  /** Bytes read from the cell-name table offset. */
  nameTableBytes: number;
}

export const DEFAULT_OASIS_LIMITS: OasisLimits = { headBytes: 64 * 1024, nameTableBytes: 1024 * 1024 };

export interface OasisSummary {
  format: 'OASIS';
  version: string;
  /** Database grid steps per micrometre (START `unit`). */
  unit: number;
  metersPerDbUnit: number;
  /** 0: table offsets in START, 1: in END. */
  offsetFlag: number;
  tablesIn: 'START' | 'END';
  tableOffsets: TableOffsets;
  /** Cell names by reference number, in file order; null when the file has no cell-name table we could read. */
  cellNames: string[] | null;
  cellNameSource: 'table' | 'after-start' | 'none';
  /** CELLNAME records found: 3 = implicit reference numbers, 4 = explicit. */
  cellNameRecords: { implicit: number; explicit: number };
  validation: { scheme: 'none' | 'crc32' | 'checksum32'; signature: number | null; verified: boolean | null };
  bytesRead: number;
  warnings: string[];
  /** What this reader leaves alone (the header and name tables are all it reads). */
  notParsed: string[];
}

const NOT_PARSED = [
  'CELL contents (geometry, placements, texts) and therefore bounding boxes and element counts',
  'CBLOCK-compressed sections',
  'repetitions and modal variables',
  'property values beyond skipping them in name tables',
  'XYABSOLUTE/XYRELATIVE, LAYERNAME/TEXTSTRING/PROPSTRING/XNAME tables (skipped, not kept)',
];

interface StartRecord {
  version: string;
  unit: number;
  offsetFlag: number;
  tableOffsets?: TableOffsets;
  /** File offset just past START. */
  end: number;
}

const tableOffsets = (r: OasisReader): TableOffsets => {
  const out = {} as TableOffsets;
  for (const name of TABLES) {
    const flag = r.unsigned();
    out[name] = { strict: flag === 1, offset: r.unsigned() };
  }
  return out;
};

export const hasOasisMagic = (bytes: Uint8Array): boolean =>
  bytes.length >= MAGIC_BYTES.length && MAGIC_BYTES.every((b, i) => bytes[i] === b);

/** Magic + START: `1 a-string(version) real(unit) unsigned(offset-flag) [table-offsets when flag = 0]`. */
export const parseStart = (head: Uint8Array): StartRecord => {
  if (!hasOasisMagic(head)) throw new LayoutParseError('not an OASIS file: the %SEMI-OASIS magic is missing', 0);
  const r = new OasisReader(head);
  r.at = MAGIC_BYTES.length;
  const type = r.byte();
  if (type !== 1) throw new LayoutParseError(`the first record is type ${type}, not START (1)`, r.offset - 1);
  const version = r.string('a');
  if (version !== '1.0') throw new LayoutParseError(`unsupported OASIS version "${version}"`, MAGIC_BYTES.length + 1);
  const unitAt = r.offset;
  const unit = r.real();
  if (!(unit > 0) || !Number.isFinite(unit)) throw new LayoutParseError(`START unit ${unit} is not positive`, unitAt);
  const offsetFlag = r.unsigned();
  if (offsetFlag > 1) throw new LayoutParseError(`START offset-flag ${offsetFlag} is not 0 or 1`, r.offset - 1);
  const offsets = offsetFlag === 0 ? tableOffsets(r) : undefined;
  return { version, unit, offsetFlag, ...(offsets ? { tableOffsets: offsets } : {}), end: r.offset };
};

interface EndRecord {
  tableOffsets?: TableOffsets;
  scheme: 'none' | 'crc32' | 'checksum32';
  signature: number | null;
  /** File offset just past the validation-scheme integer: the validated bytes end here. */
  signedLength: number;
}

/** END: `2 [table-offsets when flag = 1] b-string(padding) unsigned(scheme) [u32 LE signature]`, 256 bytes. */
export const parseEnd = (tail: Uint8Array, tailOffset: number, offsetFlag: number): EndRecord => {
  const r = new OasisReader(tail, tailOffset);
  const type = r.byte();
  if (type !== 2) {
    throw new LayoutParseError(
      `no END record 256 bytes before the end of the file (found type ${type}): truncated or not OASIS`,
      tailOffset,
    );
  }
  const offsets = offsetFlag === 1 ? tableOffsets(r) : undefined;
  r.string('b');
  const schemeCode = r.unsigned();
  const signedLength = r.offset;
  if (schemeCode > 2) throw new LayoutParseError(`validation scheme ${schemeCode} is not 0, 1 or 2`, r.offset - 1);
  const signatureBytes = schemeCode === 0 ? undefined : r.take(4);
  // byteOffset matters: a Node Buffer is a view into a shared pool.
  const signature =
    signatureBytes === undefined
      ? null
      : new DataView(signatureBytes.buffer, signatureBytes.byteOffset, 4).getUint32(0, true);
  if (r.offset !== tailOffset + END_RECORD_BYTES) {
    throw new LayoutParseError(`END record is ${r.offset - tailOffset} bytes, not 256`, tailOffset);
  }
  const scheme = schemeCode === 1 ? 'crc32' : schemeCode === 2 ? 'checksum32' : 'none';
  return { ...(offsets ? { tableOffsets: offsets } : {}), scheme, signature, signedLength };
};

interface NameScan {
  cellNames: Map<number, string>;
  implicit: number;
  explicit: number;
  /** Record type the scan stopped at, or null when it ran out of bytes. */
  stoppedAt: number | null;
}

/**
 * Reads consecutive name records (PAD, CELLNAME, TEXTSTRING, PROPNAME, PROPSTRING, LAYERNAME, XNAME and
 * the PROPERTY records strict files attach to them) and keeps the cell names. It stops at the first other
 * record, or where the bytes end mid-record when the slice was cut by the read limit (`cut`).
 */
export const scanNameRecords = (bytes: Uint8Array, base: number, cut: boolean): NameScan => {
  const r = new OasisReader(bytes, base);
  const cellNames = new Map<number, string>();
  let implicit = 0;
  let explicit = 0;
  let nextImplicit = 0;
  let stoppedAt: number | null = null;
  while (r.remaining > 0) {
    const recordStart = r.at;
    try {
      const type = r.unsigned();
      if (type === 0) continue;
      if (type === 3 || type === 4) {
        const name = r.string('n');
        const ref = type === 4 ? r.unsigned() : nextImplicit++;
        if (type === 4) explicit += 1;
        else implicit += 1;
        if (implicit > 0 && explicit > 0) {
          throw new LayoutParseError(
            'CELLNAME records mix implicit and explicit reference numbers',
            base + recordStart,
          );
        }
        if (cellNames.has(ref))
          throw new LayoutParseError(`cell reference number ${ref} named twice`, base + recordStart);
        cellNames.set(ref, name);
      } else if (type === 5 || type === 7 || type === 9) {
        r.string(type === 5 ? 'a' : type === 7 ? 'n' : 'b');
      } else if (type === 6 || type === 8 || type === 10) {
        r.string(type === 6 ? 'a' : type === 8 ? 'n' : 'b');
        r.unsigned();
      } else if (type === 11 || type === 12) {
        r.string('n');
        interval(r);
        interval(r);
      } else if (type === 30 || type === 31) {
        r.unsigned();
        r.string('b');
        if (type === 31) r.unsigned();
      } else if (type === 28) {
        skipProperty(r);
      } else if (type === 29) {
        // Repeats the previous property: no payload.
      } else {
        stoppedAt = type;
        r.at = recordStart;
        break;
      }
    } catch (error) {
      // A record cut by the read limit is not a broken file: the names before it stand.
      if (cut && error instanceof LayoutParseError && error.message.startsWith('truncated')) {
        r.at = recordStart;
        break;
      }
      throw error;
    }
  }
  return { cellNames, implicit, explicit, stoppedAt };
};

const interval = (r: OasisReader) => {
  const kind = r.unsigned();
  if (kind === 0) return;
  if (kind > 4) throw new LayoutParseError(`interval type ${kind} is not 0–4`, r.offset - 1);
  r.unsigned();
  if (kind === 4) r.unsigned();
};

/** PROPERTY (28): info byte UUUUVCNS, optional name or reference, then values unless V reuses the last. */
const skipProperty = (r: OasisReader) => {
  const info = r.byte();
  if (info & 0x04) {
    if (info & 0x02) r.unsigned();
    else r.string('n');
  }
  if (info & 0x08) return;
  let count = info >> 4;
  if (count === 15) count = r.unsigned();
  for (let i = 0; i < count; i += 1) {
    const type = r.unsigned();
    if (type <= 7) r.realOfType(type);
    else if (type === 8) r.unsigned();
    else if (type === 9) r.signed();
    else if (type <= 12) r.string(type === 10 ? 'a' : type === 11 ? 'b' : 'n');
    else if (type <= 15) r.unsigned();
    else throw new LayoutParseError(`property value type ${type} is not 0–15`, r.offset - 1);
  }
};

/**
 * Reads an OASIS file with Range reads only: the head (magic, START), the 256-byte END record, and the
 * cell-name table where the table offsets point. Verifies the END signature when the whole file was read.
 */
export const parseOasis = async (
  reader: RangeReader,
  limits: OasisLimits = DEFAULT_OASIS_LIMITS,
): Promise<OasisSummary> => {
  let bytesRead = 0;
  const read = async (start: number, endInclusive: number) => {
    const bytes = await reader.read(start, endInclusive);
    bytesRead += bytes.length;
    return bytes;
  };
  const size = reader.size;
  if (size < MAGIC_BYTES.length + 1 + END_RECORD_BYTES) {
    const head = size > 0 ? await read(0, Math.min(size, MAGIC_BYTES.length) - 1) : new Uint8Array(0);
    if (!hasOasisMagic(head)) throw new LayoutParseError('not an OASIS file: the %SEMI-OASIS magic is missing', 0);
    throw new LayoutParseError(`truncated: ${size} bytes cannot hold START and the 256-byte END record`, size);
  }
  const headLength = Math.min(size, limits.headBytes);
  const head = await read(0, headLength - 1);
  const start = parseStart(head);
  const endOffset = size - END_RECORD_BYTES;
  if (endOffset < start.end) throw new LayoutParseError('truncated: END record overlaps START', endOffset);
  const tail = endOffset >= headLength ? await read(endOffset, size - 1) : head.subarray(endOffset, size);
  const end = parseEnd(tail, endOffset, start.offsetFlag);
  const offsets = start.tableOffsets ?? end.tableOffsets;
  if (offsets === undefined) throw new LayoutParseError('no table offsets in START or END', start.end);

  const warnings: string[] = [];
  let scan: NameScan | undefined;
  let source: OasisSummary['cellNameSource'] = 'none';
  const tableAt = offsets.cellname.offset;
  if (tableAt !== 0) {
    if (tableAt < start.end || tableAt >= endOffset) {
      throw new LayoutParseError(`cell-name table offset ${tableAt} lies outside the file body`, start.end);
    }
    const last = Math.min(endOffset, tableAt + limits.nameTableBytes) - 1;
    // Bytes already in the head are not read again.
    const bytes =
      last < headLength
        ? head.subarray(tableAt, last + 1)
        : tableAt < headLength
          ? concat(head.subarray(tableAt, headLength), await read(headLength, last))
          : await read(tableAt, last);
    scan = scanNameRecords(bytes, tableAt, last + 1 < endOffset);
    source = 'table';
    if (scan.stoppedAt !== null && scan.stoppedAt !== 3 && scan.stoppedAt !== 4 && scan.cellNames.size === 0) {
      warnings.push(`cell-name table offset ${tableAt} points at record type ${scan.stoppedAt}, not CELLNAME`);
    }
  } else {
    // Without a table, names written right after START (common in non-strict files) are still found.
    scan = scanNameRecords(
      head.subarray(start.end, Math.min(headLength, endOffset)),
      start.end,
      headLength < endOffset,
    );
    source = scan.cellNames.size > 0 ? 'after-start' : 'none';
  }
  if (!offsets.cellname.strict && source === 'table') {
    warnings.push('cell-name table is not flagged strict: CELLNAME records may also appear elsewhere');
  }

  let verified: boolean | null = null;
  if (end.signature !== null && headLength === size) {
    const signed = head.subarray(0, end.signedLength);
    verified = (end.scheme === 'crc32' ? crc32(signed) : checksum32(signed)) === end.signature;
    if (!verified) throw new LayoutParseError(`END ${end.scheme} signature does not match the file`, endOffset);
  }
  const cellNames =
    source === 'none' ? null : [...scan.cellNames.entries()].sort((a, b) => a[0] - b[0]).map(([, name]) => name);
  return {
    format: 'OASIS',
    version: start.version,
    unit: start.unit,
    metersPerDbUnit: 1 / (start.unit * 1e6),
    offsetFlag: start.offsetFlag,
    tablesIn: start.offsetFlag === 0 ? 'START' : 'END',
    tableOffsets: offsets,
    cellNames,
    cellNameSource: source,
    cellNameRecords: { implicit: scan.implicit, explicit: scan.explicit },
    validation: { scheme: end.scheme, signature: end.signature, verified },
    bytesRead,
    warnings,
    notParsed: NOT_PARSED,
  };
};

const concat = (a: Uint8Array, b: Uint8Array): Uint8Array => {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
};
