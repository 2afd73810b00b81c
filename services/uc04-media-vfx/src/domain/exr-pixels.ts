import { inflateSync } from 'node:zlib';
import { MediaParseError } from './errors';
import {
  BYTES_PER_SAMPLE,
  boxSize,
  type ExrChannel,
  type ExrHeader,
  type ExrPart,
  LINES_PER_BLOCK,
} from './exr-header';
import { evenlySpaced, type FrameCheck, judgeFrame, type LumaAccumulator, rec709Luma } from './pixel-stats';

/** Linear-light EXR: black is 0.0; this tolerance is ~1/500 of display white, below any visible level. */
export const EXR_BLACK_TOLERANCE = 0.002;
/** Pixels taken per sampled scanline. */
const PIXELS_PER_LINE = 256;

/** Reads `count` little-endian uint64 chunk offsets. */
export const readOffsetTable = (bytes: Uint8Array, count: number): number[] => {
  if (bytes.length < count * 8) throw new MediaParseError('chunk offset table is cut short', bytes.length);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const offsets: number[] = [];
  for (let i = 0; i < count; i++) {
    const value = view.getBigUint64(i * 8, true);
    offsets.push(value > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(value));
  }
  return offsets;
};

/**
 * Checks that every chunk starts inside the file after the offset tables. An offset of 0 is what an
 * interrupted writer leaves behind (OpenEXR writes the table last), so it means an incomplete file.
 */
export const offsetTableProblem = (offsets: readonly number[], tableEnd: number, fileSize: number): string | null => {
  const missing = offsets.filter((o) => o === 0).length;
  if (missing > 0) return `incomplete file: ${missing} of ${offsets.length} chunk offsets are 0`;
  const outside = offsets.filter((o) => o < tableEnd || o >= fileSize).length;
  if (outside > 0) return `truncated or corrupt: ${outside} of ${offsets.length} chunk offsets point outside the file`;
  return null;
};

/** Size of a chunk's header before its pixel data: [part], y, size for scan lines; tiles add 3 more ints. */
export const chunkHeaderBytes = (header: ExrHeader, part: ExrPart): number => {
  const base = part.tiles ? 20 : 8;
  return header.flags.multipart ? base + 4 : base;
};

/** Why a frame's pixels are not decoded here, or null when they are. */
export const exrUndecodableReason = (header: ExrHeader): string | null => {
  const [part] = header.parts;
  if (!part || header.parts.length > 1) return 'multi-part file: pixels not decoded';
  if (header.flags.deep || part.type === 'deepscanline' || part.type === 'deeptile') return 'deep data: not decoded';
  if (part.tiles) return 'tiled image: pixels not decoded (scanline images only)';
  if (!['NONE', 'ZIP', 'ZIPS'].includes(part.compression)) {
    return `${part.compression} compression is not decoded (NONE, ZIPS and ZIP are)`;
  }
  if (part.channels.some((c) => c.xSampling !== 1 || c.ySampling !== 1)) return 'subsampled channels: not decoded';
  return null;
};

/** Bytes of one uncompressed scan line: every channel's samples of that line, one after the other. */
const lineBytes = (channels: readonly ExrChannel[], width: number): number =>
  channels.reduce((sum, c) => sum + width * BYTES_PER_SAMPLE[c.pixelType], 0);

/**
 * Undoes the ZIP/ZIPS byte transform of OpenEXR: a delta predictor over all bytes, then the two halves
 * (bytes of even and of odd positions) interleaved back.
 */
export const unpredictAndInterleave = (data: Uint8Array): Uint8Array => {
  const t = new Uint8Array(data);
  for (let i = 1; i < t.length; i++) t[i] = ((t[i - 1] ?? 0) + (t[i] ?? 0) - 128) & 0xff;
  const out = new Uint8Array(t.length);
  const half = (t.length + 1) >> 1;
  for (let i = 0; i < t.length; i++) out[i] = (i & 1) === 0 ? (t[i >> 1] ?? 0) : (t[half + (i >> 1)] ?? 0);
  return out;
};

const decompress = (part: ExrPart, data: Uint8Array, expected: number, offset: number): Uint8Array => {
  // Any compression stores a chunk raw when compressing would not make it smaller.
  if (part.compression === 'NONE' || data.length === expected) {
    if (data.length !== expected) {
      throw new MediaParseError(`uncompressed chunk has ${data.length} bytes, expected ${expected}`, offset);
    }
    return data;
  }
  let inflated: Buffer;
  try {
    inflated = inflateSync(data, { maxOutputLength: expected });
  } catch (error) {
    throw new MediaParseError(`${part.compression} chunk does not inflate`, offset, { cause: error });
  }
  if (inflated.length !== expected) {
    throw new MediaParseError(
      `${part.compression} chunk inflates to ${inflated.length} bytes, expected ${expected}`,
      offset,
    );
  }
  return unpredictAndInterleave(new Uint8Array(inflated.buffer, inflated.byteOffset, inflated.length));
};

const halfToFloat = (h: number): number => {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >> 10) & 0x1f;
  const fraction = h & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 31) return fraction === 0 ? sign * Number.POSITIVE_INFINITY : Number.NaN;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
};

const sampleReader = (view: DataView, channel: ExrChannel): ((offset: number) => number) => {
  switch (channel.pixelType) {
    case 'HALF':
      return (o) => halfToFloat(view.getUint16(o, true));
    case 'FLOAT':
      return (o) => view.getFloat32(o, true);
    case 'UINT':
      // Integer channels (object ids, counts) have no white level: any non-zero value is "not black".
      return (o) => view.getUint32(o, true);
  }
};

/** Which channels give the luminance: R,G,B when all three are there, else Y, else the first non-alpha one. */
export const lumaChannels = (channels: readonly ExrChannel[]): ExrChannel[] => {
  const byName = (n: string) => channels.find((c) => c.name === n);
  const [r, g, b, y] = [byName('R'), byName('G'), byName('B'), byName('Y')];
  if (r && g && b) return [r, g, b];
  if (y) return [y];
  const first = channels.find((c) => c.name !== 'A') ?? channels[0];
  return first ? [first] : [];
};

export interface DecodedChunk {
  /** First scan line of the chunk. */
  y: number;
  lines: number;
}

/**
 * Decodes one scan-line chunk (`chunk` starts at its offset-table position) of a single-part image and
 * feeds the luminance of up to 256 evenly spaced pixels per line into `acc`.
 */
export const sampleScanlineChunk = (
  part: ExrPart,
  chunk: Uint8Array,
  chunkIndex: number,
  acc: LumaAccumulator,
): DecodedChunk => {
  if (chunk.length < 8) throw new MediaParseError('chunk header is cut short', 0);
  const view = new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  const y = view.getInt32(0, true);
  const size = view.getInt32(4, true);
  const { width } = boxSize(part.dataWindow);
  const perBlock = LINES_PER_BLOCK[part.compression];
  const expectedY = part.dataWindow.yMin + chunkIndex * perBlock;
  if (y !== expectedY) throw new MediaParseError(`chunk ${chunkIndex} is for line ${y}, expected ${expectedY}`, 0);
  if (size < 0 || 8 + size > chunk.length) {
    throw new MediaParseError(`chunk ${chunkIndex} data (${size} bytes) runs past the file`, 4);
  }
  const lines = Math.min(perBlock, part.dataWindow.yMax - y + 1);
  const bytesPerLine = lineBytes(part.channels, width);
  const pixels = decompress(part, chunk.subarray(8, 8 + size), bytesPerLine * lines, 8);
  const pixelView = new DataView(pixels.buffer, pixels.byteOffset, pixels.byteLength);

  // Byte position of each channel's samples inside a line.
  const channelStart = new Map<string, number>();
  let position = 0;
  for (const c of part.channels) {
    channelStart.set(c.name, position);
    position += width * BYTES_PER_SAMPLE[c.pixelType];
  }
  const used = lumaChannels(part.channels);
  const readers = used.map((c) => ({
    start: channelStart.get(c.name) ?? 0,
    step: BYTES_PER_SAMPLE[c.pixelType],
    read: sampleReader(pixelView, c),
  }));
  const xs = evenlySpaced(width, PIXELS_PER_LINE);
  for (let line = 0; line < lines; line++) {
    const base = line * bytesPerLine;
    for (const x of xs) {
      const values = readers.map((r) => r.read(base + r.start + x * r.step));
      const [a = 0, b = 0, c = 0] = values;
      acc.add(values.length === 3 ? rec709Luma(a, b, c) : a);
    }
  }
  return { y, lines };
};

/** Turns the samples of a decoded EXR frame into the black/uniform verdict. */
export const judgeExr = (part: ExrPart, acc: LumaAccumulator): FrameCheck =>
  judgeFrame(
    lumaChannels(part.channels)
      .map((c) => c.name)
      .join(','),
    acc.stats(),
    0,
    EXR_BLACK_TOLERANCE,
  );
