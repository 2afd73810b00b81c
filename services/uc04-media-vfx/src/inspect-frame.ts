import { createHash } from 'node:crypto';
import {
  boxSize,
  chunkCountOf,
  chunkHeaderBytes,
  type DpxHeader,
  dpxImageBytes,
  dpxLineBytes,
  dpxUndecodableReason,
  type ExrHeader,
  evenlySpaced,
  exrUndecodableReason,
  type FrameCheck,
  isDpxMagic,
  isExrMagic,
  judgeDpx,
  judgeExr,
  LumaAccumulator,
  MediaError,
  NeedMoreBytesError,
  offsetTableProblem,
  parseDpxHeader,
  parseExrHeader,
  readOffsetTable,
  sampleDpxLine,
  sampleScanlineChunk,
} from './domain';

/** Range reads of one file: `read(start, endInclusive)`, like an HTTP Range header. */
export interface RangeSource {
  size: number;
  read: (start: number, endInclusive: number) => Promise<Uint8Array>;
}

/** First read of a header; grown (only the missing bytes are read) when the header is longer. */
export const INITIAL_HEADER_BYTES = 8 * 1024;
/** A header beyond this is refused: render outputs have headers of a few KiB, even with many attributes. */
export const MAX_HEADER_BYTES = 16 * 1024 * 1024;
/** Chunks (EXR) and lines (DPX) sampled per frame for the blank check and the content fingerprint. */
export const SAMPLED_CHUNKS = 5;
export const SAMPLED_LINES = 8;
/** A sampled EXR chunk larger than this is not read whole (its first bytes still feed the fingerprint). */
const MAX_SAMPLED_CHUNK_BYTES = 8 * 1024 * 1024;

/** The header facts the sequence check and the report need, compact enough for a Map result. */
export interface FrameSummary {
  format: 'exr' | 'dpx';
  width: number;
  height: number;
  /** EXR: `dataWindow` and `displayWindow` as `xMin,yMin,xMax,yMax`. */
  dataWindow?: string;
  displayWindow?: string;
  /** `name:TYPE` per EXR channel; `<descriptor>:<bits>` per DPX element. */
  channels: string;
  compression: string;
  /** EXR: part count, tiled/deep flags; DPX: byte order and transfer characteristic. */
  layout: string;
  pixelAspectRatio?: number;
  /** Hash of the sampled pixel bytes (first 32 hex digits of SHA-256). */
  fingerprint: string;
  check: FrameCheck;
}

export type FrameInspection =
  | { kind: 'ok'; summary: FrameSummary; bytesRead: number; rangeReads: number }
  | { kind: 'failed'; reason: string; bytesRead: number; rangeReads: number };

/** Counts what a `RangeSource` was asked for, so the report can show bytes read per file. */
class CountingSource {
  bytesRead = 0;
  rangeReads = 0;
  constructor(readonly source: RangeSource) {}
  async read(start: number, endInclusive: number): Promise<Uint8Array> {
    const bytes = await this.source.read(start, endInclusive);
    this.bytesRead += bytes.length;
    this.rangeReads += 1;
    return bytes;
  }
}

/** A frame that parsed but cannot be valid: truncated, incomplete, header too large. */
class InvalidFrame extends MediaError {
  override readonly name = 'InvalidFrame';
}

const concat = (a: Uint8Array, b: Uint8Array): Uint8Array => {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
};

/**
 * Parses a header from a growing prefix: starts with `INITIAL_HEADER_BYTES` and, while the parser needs
 * more, reads only the missing bytes (at least doubling), up to `MAX_HEADER_BYTES` or the end of the file.
 */
const readHeader = async <T>(
  src: CountingSource,
  initial: Uint8Array,
  parse: (bytes: Uint8Array) => T,
): Promise<{ header: T; prefix: Uint8Array }> => {
  const size = src.source.size;
  let prefix = initial;
  for (;;) {
    try {
      return { header: parse(prefix), prefix };
    } catch (error) {
      if (!(error instanceof NeedMoreBytesError)) throw error;
      if (prefix.length >= size) {
        throw new InvalidFrame(`truncated: the header needs ${error.needed} bytes but the file has ${size}`);
      }
      if (prefix.length >= MAX_HEADER_BYTES) throw new InvalidFrame(`header larger than ${MAX_HEADER_BYTES} bytes`);
      const want = Math.min(size, MAX_HEADER_BYTES, Math.max(error.needed, prefix.length * 2));
      prefix = concat(prefix, await src.read(prefix.length, want - 1));
    }
  }
};

/** Bytes `[start, end)`, from the prefix already read when it covers them. */
const bytesAt = async (src: CountingSource, prefix: Uint8Array, start: number, end: number): Promise<Uint8Array> => {
  if (end <= start) return new Uint8Array(0);
  if (end <= prefix.length) return prefix.subarray(start, end);
  return src.read(start, end - 1);
};

const box = (b: { xMin: number; yMin: number; xMax: number; yMax: number }) =>
  `${b.xMin},${b.yMin},${b.xMax},${b.yMax}`;

const inspectExr = async (src: CountingSource, initial: Uint8Array): Promise<FrameSummary> => {
  const size = src.source.size;
  const { header, prefix } = await readHeader(src, initial, parseExrHeader);
  const [part] = header.parts;
  if (!part) throw new InvalidFrame('no image part');
  const counts = header.parts.map((p) => chunkCountOf(p, header.flags));
  const hash = createHash('sha256');
  let check: FrameCheck = {
    decoded: false,
    reason: 'offset table size not derivable from the header (mip/rip-mapped or deep without chunkCount)',
  };

  if (counts.every((c): c is number => c !== undefined)) {
    const total = counts.reduce((a, b) => a + b, 0);
    const tableEnd = header.headerEnd + total * 8;
    if (tableEnd > size)
      throw new InvalidFrame(`truncated: offset tables end at ${tableEnd}, the file has ${size} bytes`);
    const table = readOffsetTable(await bytesAt(src, prefix, header.headerEnd, tableEnd), total);
    const problem = offsetTableProblem(table, tableEnd, size);
    if (problem) throw new InvalidFrame(problem);
    await checkLastChunk(src, header, table, size);

    const partTable = table.slice(0, counts[0]);
    const sorted = [...new Set(table)].sort((a, b) => a - b);
    const endOf = (offset: number) => sorted.find((o) => o > offset) ?? size;
    const undecodable = exrUndecodableReason(header);
    const acc = new LumaAccumulator();
    let tooLarge = false;
    for (const index of evenlySpaced(partTable.length, SAMPLED_CHUNKS)) {
      const start = partTable[index] ?? 0;
      const end = Math.min(endOf(start), start + MAX_SAMPLED_CHUNK_BYTES);
      tooLarge ||= end < endOf(start);
      const chunk = await src.read(start, end - 1);
      hash.update(chunk);
      if (undecodable === null && !tooLarge) sampleScanlineChunk(part, chunk, index, acc);
    }
    check =
      undecodable !== null
        ? { decoded: false, reason: undecodable }
        : tooLarge
          ? { decoded: false, reason: `a sampled chunk is larger than ${MAX_SAMPLED_CHUNK_BYTES} bytes` }
          : judgeExr(part, acc);
  }
  const { width, height } = boxSize(part.dataWindow);
  const layout = [
    header.parts.length > 1 ? `multi-part (${header.parts.length})` : 'single-part',
    part.tiles ? 'tiled' : 'scanline',
    ...(header.flags.deep ? ['deep'] : []),
    ...(header.flags.longNames ? ['long-names'] : []),
    part.lineOrder,
  ].join(', ');
  return {
    format: 'exr',
    width,
    height,
    dataWindow: box(part.dataWindow),
    displayWindow: box(part.displayWindow),
    channels: part.channels.map((c) => `${c.name}:${c.pixelType}`).join(','),
    compression: part.compression,
    layout,
    pixelAspectRatio: part.pixelAspectRatio,
    fingerprint: hash.digest('hex').slice(0, 32),
    check,
  };
};

/** The chunk with the highest offset must end inside the file: a cut-off last chunk means truncation. */
const checkLastChunk = async (src: CountingSource, header: ExrHeader, table: number[], size: number) => {
  const [part] = header.parts;
  if (!part || header.flags.deep || table.length === 0) return;
  const last = Math.max(...table);
  const headerBytes = chunkHeaderBytes(header, part);
  if (last + headerBytes > size)
    throw new InvalidFrame(`truncated: the last chunk header at ${last} runs past the end`);
  const bytes = await src.read(last, last + headerBytes - 1);
  const dataSize = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getInt32(headerBytes - 4, true);
  if (dataSize < 0 || last + headerBytes + dataSize > size) {
    throw new InvalidFrame(
      `truncated: the last chunk (at ${last}, ${dataSize} bytes of data) ends past the end of the ${size}-byte file`,
    );
  }
};

const inspectDpx = async (src: CountingSource, initial: Uint8Array): Promise<FrameSummary> => {
  const size = src.source.size;
  const { header } = await readHeader(src, initial, parseDpxHeader);
  const [element] = header.elements;
  if (!element) throw new InvalidFrame('no image element');
  if (header.fileSize !== 0xffffffff && size < header.fileSize) {
    throw new InvalidFrame(`truncated: the file has ${size} bytes, its header says ${header.fileSize}`);
  }
  const hash = createHash('sha256');
  const undecodable = dpxUndecodableReason(element);
  let check: FrameCheck;
  if (element.encoding === 0) {
    const imageEnd = element.dataOffset + dpxImageBytes(header, element);
    if (imageEnd > size) {
      throw new InvalidFrame(`truncated: image data ends at ${imageEnd}, the file has ${size} bytes`);
    }
    const stride = dpxLineBytes(header, element);
    const used = stride - element.endOfLinePadding;
    const acc = new LumaAccumulator();
    for (const line of evenlySpaced(header.linesPerElement, SAMPLED_LINES)) {
      const start = element.dataOffset + line * stride;
      const bytes = await src.read(start, start + used - 1);
      hash.update(bytes);
      if (undecodable === null) sampleDpxLine(header, element, bytes, acc);
    }
    check = undecodable === null ? judgeDpx(element, acc) : { decoded: false, reason: undecodable };
  } else {
    // Run-length data has no fixed line positions: fingerprint evenly spaced 4 KiB slices of it.
    for (const i of evenlySpaced(SAMPLED_LINES, SAMPLED_LINES)) {
      const start = element.dataOffset + Math.floor(((size - element.dataOffset) * i) / SAMPLED_LINES);
      hash.update(await src.read(start, Math.min(size, start + 4096) - 1));
    }
    check = { decoded: false, reason: undecodable ?? 'not decoded' };
  }
  return {
    format: 'dpx',
    width: header.pixelsPerLine,
    height: header.linesPerElement,
    channels: header.elements.map((e) => `${e.descriptorName}:${e.bitDepth}`).join(','),
    compression: element.encoding === 1 ? 'RLE' : 'NONE',
    layout: describeDpx(header),
    fingerprint: hash.digest('hex').slice(0, 32),
    check,
  };
};

const describeDpx = (h: DpxHeader): string => {
  const [e] = h.elements;
  const packing =
    e && (e.bitDepth === 10 || e.bitDepth === 12) ? `, packing ${['packed', 'filled A', 'filled B'][e.packing]}` : '';
  return `${h.version}, ${h.byteOrder}, ${h.orientation}${e ? `, ${e.transfer}/${e.colorimetric}${packing}` : ''}`;
};

const hex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join(' ');

/**
 * Reads an EXR or DPX frame with bounded Range reads: the header (grown until it parses), the chunk
 * offset table (EXR), and a few sampled chunks or lines for the blank check and the content fingerprint.
 * A file that is not a valid EXR/DPX ends as `failed` with the reason; only I/O faults throw.
 */
export const inspectFrame = async (source: RangeSource): Promise<FrameInspection> => {
  const src = new CountingSource(source);
  const done = <T extends object>(result: T) => ({ ...result, bytesRead: src.bytesRead, rangeReads: src.rangeReads });
  if (source.size === 0) return done({ kind: 'failed', reason: 'MediaParseError: empty file' });
  try {
    const initial = await src.read(0, Math.min(source.size, INITIAL_HEADER_BYTES) - 1);
    if (isExrMagic(initial)) return done({ kind: 'ok', summary: await inspectExr(src, initial) });
    if (isDpxMagic(initial)) return done({ kind: 'ok', summary: await inspectDpx(src, initial) });
    return done({
      kind: 'failed',
      reason: `MediaParseError: not OpenEXR or DPX (first bytes ${hex(initial.subarray(0, 4))})`,
    });
  } catch (error) {
    if (error instanceof MediaError) return done({ kind: 'failed', reason: `${error.name}: ${error.message}` });
    throw error;
  }
};
