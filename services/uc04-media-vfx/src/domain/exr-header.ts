import { ByteReader, latin1 } from './byte-reader';
import { MediaParseError } from './errors';

/** OpenEXR magic number 20000630, stored little endian: 76 2f 31 01. */
export const EXR_MAGIC = 0x01312f76;

export const EXR_PIXEL_TYPES = ['UINT', 'HALF', 'FLOAT'] as const;
export type ExrPixelType = (typeof EXR_PIXEL_TYPES)[number];

export const EXR_COMPRESSIONS = ['NONE', 'RLE', 'ZIPS', 'ZIP', 'PIZ', 'PXR24', 'B44', 'B44A', 'DWAA', 'DWAB'] as const;
export type ExrCompression = (typeof EXR_COMPRESSIONS)[number];

export const EXR_LINE_ORDERS = ['INCREASING_Y', 'DECREASING_Y', 'RANDOM_Y'] as const;
export type ExrLineOrder = (typeof EXR_LINE_ORDERS)[number];

/** Scanlines per chunk for each compression (OpenEXR file layout, "Scan Line Blocks"). */
export const LINES_PER_BLOCK: Readonly<Record<ExrCompression, number>> = {
  NONE: 1,
  RLE: 1,
  ZIPS: 1,
  ZIP: 16,
  PIZ: 32,
  PXR24: 16,
  B44: 32,
  B44A: 32,
  DWAA: 32,
  DWAB: 256,
};

export const BYTES_PER_SAMPLE: Readonly<Record<ExrPixelType, number>> = { UINT: 4, HALF: 2, FLOAT: 4 };

export interface ExrChannel {
  name: string;
  pixelType: ExrPixelType;
  pLinear: boolean;
  xSampling: number;
  ySampling: number;
}

/** Inclusive integer box, as the `box2i` attribute stores it. */
export interface Box2i {
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

export interface ExrTiles {
  xSize: number;
  ySize: number;
  levelMode: 'ONE_LEVEL' | 'MIPMAP_LEVELS' | 'RIPMAP_LEVELS';
  roundingMode: 'ROUND_DOWN' | 'ROUND_UP';
}

export interface ExrAttributeInfo {
  name: string;
  type: string;
  size: number;
}

export interface ExrPart {
  /** `name` attribute (required in multi-part files). */
  name?: string;
  /** `type` attribute: scanlineimage, tiledimage, deepscanline, deeptile. */
  type?: string;
  channels: ExrChannel[];
  compression: ExrCompression;
  dataWindow: Box2i;
  displayWindow: Box2i;
  lineOrder: ExrLineOrder;
  pixelAspectRatio: number;
  tiles?: ExrTiles;
  /** `chunkCount` attribute (required in multi-part and deep files). */
  chunkCount?: number;
  /** Every attribute as found, in file order (values of unknown types are not kept). */
  attributes: ExrAttributeInfo[];
}

export interface ExrVersionFlags {
  /** Bit 9: a single-part tiled file. */
  tiled: boolean;
  /** Bit 10: attribute and channel names up to 255 bytes. */
  longNames: boolean;
  /** Bit 11: deep data ("non-image" parts). */
  deep: boolean;
  /** Bit 12: multi-part file. */
  multipart: boolean;
}

export interface ExrHeader {
  format: 'exr';
  version: number;
  flags: ExrVersionFlags;
  parts: ExrPart[];
  /** Offset of the first chunk offset table (just after the header(s)). */
  headerEnd: number;
}

const KNOWN_FLAG_BITS = 0x200 | 0x400 | 0x800 | 0x1000;
/** Upper bound for one attribute value: larger ones in a render output mean a corrupt size field. */
const MAX_ATTRIBUTE_BYTES = 64 * 1024 * 1024;
const MAX_NAME_BYTES = 255;
const REQUIRED = ['channels', 'compression', 'dataWindow', 'displayWindow', 'lineOrder', 'pixelAspectRatio'] as const;

export const isExrMagic = (prefix: Uint8Array): boolean =>
  prefix.length >= 4 && prefix[0] === 0x76 && prefix[1] === 0x2f && prefix[2] === 0x31 && prefix[3] === 0x01;

/**
 * Parses the OpenEXR header(s) from a prefix of the file. Throws `NeedMoreBytesError` when the prefix ends
 * inside the header (read more and call again) and `MediaParseError` when the bytes are not a valid header.
 */
export const parseExrHeader = (bytes: Uint8Array): ExrHeader => {
  const r = new ByteReader(bytes, { littleEndian: true });
  const magic = r.u32();
  if (magic !== EXR_MAGIC) throw new MediaParseError('not OpenEXR: magic is not 76 2f 31 01', 0);
  const versionField = r.u32();
  const version = versionField & 0xff;
  if (version !== 2) throw new MediaParseError(`unsupported OpenEXR version ${version}`, 4);
  const unknown = versionField & ~0xff & ~KNOWN_FLAG_BITS;
  if (unknown !== 0) throw new MediaParseError(`unknown version flags 0x${unknown.toString(16)}`, 4);
  const flags: ExrVersionFlags = {
    tiled: (versionField & 0x200) !== 0,
    longNames: (versionField & 0x400) !== 0,
    deep: (versionField & 0x800) !== 0,
    multipart: (versionField & 0x1000) !== 0,
  };
  if (flags.multipart && flags.tiled) {
    throw new MediaParseError('version flags set both single-part tiled and multi-part', 4);
  }

  const parts: ExrPart[] = [];
  do {
    parts.push(readPart(r, flags));
    if (!flags.multipart) break;
    // Multi-part: headers follow each other, an empty header (a lone NUL) ends the list.
  } while (peek(r) !== 0);
  if (flags.multipart) r.u8();
  return { format: 'exr', version, flags, parts, headerEnd: r.position };
};

const peek = (r: ByteReader): number => {
  const at = r.position;
  const value = r.u8();
  r.position = at;
  return value;
};

const readPart = (r: ByteReader, flags: ExrVersionFlags): ExrPart => {
  const start = r.position;
  const attributes: ExrAttributeInfo[] = [];
  const values: Partial<Omit<ExrPart, 'attributes'>> = {};
  for (;;) {
    const at = r.position;
    if (peek(r) === 0) {
      r.u8();
      break;
    }
    const name = r.cString(MAX_NAME_BYTES, 'attribute name');
    const type = r.cString(MAX_NAME_BYTES, 'attribute type name');
    const size = r.i32();
    if (size < 0 || size > MAX_ATTRIBUTE_BYTES) {
      throw new MediaParseError(`attribute ${name} has an impossible size ${size}`, at);
    }
    if (attributes.some((a) => a.name === name)) throw new MediaParseError(`attribute ${name} appears twice`, at);
    const value = r.slice(size);
    attributes.push({ name, type, size });
    readKnownAttribute(values, name, type, value, r.position - size, flags);
  }
  for (const name of REQUIRED) {
    if (values[name] === undefined) throw new MediaParseError(`header lacks the required ${name} attribute`, start);
  }
  const part = { ...values, attributes } as ExrPart;
  if ((flags.tiled || part.type === 'tiledimage' || part.type === 'deeptile') && part.tiles === undefined) {
    throw new MediaParseError('tiled image without a tiles attribute', start);
  }
  if (flags.multipart && (part.name === undefined || part.type === undefined || part.chunkCount === undefined)) {
    throw new MediaParseError('multi-part header lacks name, type or chunkCount', start);
  }
  const { dataWindow: dw, displayWindow: dsw } = part;
  if (dw.xMax < dw.xMin || dw.yMax < dw.yMin) throw new MediaParseError('dataWindow is empty or inverted', start);
  if (dsw.xMax < dsw.xMin || dsw.yMax < dsw.yMin)
    throw new MediaParseError('displayWindow is empty or inverted', start);
  return part;
};

const expectType = (name: string, type: string, expected: string, offset: number) => {
  if (type !== expected) throw new MediaParseError(`attribute ${name} has type ${type}, expected ${expected}`, offset);
};

const expectSize = (name: string, value: Uint8Array, size: number, offset: number) => {
  if (value.length !== size) {
    throw new MediaParseError(`attribute ${name} has ${value.length} bytes, expected ${size}`, offset);
  }
};

const enumValue = <T>(table: readonly T[], code: number, what: string, offset: number): T => {
  const value = table[code];
  if (value === undefined) throw new MediaParseError(`unknown ${what} ${code}`, offset);
  return value;
};

const readKnownAttribute = (
  into: Partial<Omit<ExrPart, 'attributes'>>,
  name: string,
  type: string,
  value: Uint8Array,
  offset: number,
  flags: ExrVersionFlags,
): void => {
  const v = new ByteReader(value, { littleEndian: true });
  switch (name) {
    case 'channels':
      expectType(name, type, 'chlist', offset);
      into.channels = readChannels(value, offset, flags);
      return;
    case 'compression':
      expectType(name, type, 'compression', offset);
      expectSize(name, value, 1, offset);
      into.compression = enumValue(EXR_COMPRESSIONS, v.u8(), 'compression', offset);
      return;
    case 'dataWindow':
    case 'displayWindow': {
      expectType(name, type, 'box2i', offset);
      expectSize(name, value, 16, offset);
      into[name] = { xMin: v.i32(), yMin: v.i32(), xMax: v.i32(), yMax: v.i32() };
      return;
    }
    case 'lineOrder':
      expectType(name, type, 'lineOrder', offset);
      expectSize(name, value, 1, offset);
      into.lineOrder = enumValue(EXR_LINE_ORDERS, v.u8(), 'lineOrder', offset);
      return;
    case 'pixelAspectRatio':
      expectType(name, type, 'float', offset);
      expectSize(name, value, 4, offset);
      into.pixelAspectRatio = v.f32();
      return;
    case 'tiles': {
      expectType(name, type, 'tiledesc', offset);
      expectSize(name, value, 9, offset);
      const xSize = v.u32();
      const ySize = v.u32();
      const mode = v.u8();
      if (xSize === 0 || ySize === 0) throw new MediaParseError('tile size is zero', offset);
      into.tiles = {
        xSize,
        ySize,
        levelMode: enumValue(
          ['ONE_LEVEL', 'MIPMAP_LEVELS', 'RIPMAP_LEVELS'] as const,
          mode & 0x0f,
          'level mode',
          offset,
        ),
        roundingMode: enumValue(['ROUND_DOWN', 'ROUND_UP'] as const, mode >> 4, 'rounding mode', offset),
      };
      return;
    }
    case 'chunkCount':
      expectType(name, type, 'int', offset);
      expectSize(name, value, 4, offset);
      into.chunkCount = v.i32();
      if (into.chunkCount < 0) throw new MediaParseError('negative chunkCount', offset);
      return;
    case 'name':
    case 'type':
      expectType(name, type, 'string', offset);
      into[name] = latin1(value);
      return;
    default:
      return;
  }
};

const readChannels = (value: Uint8Array, offset: number, flags: ExrVersionFlags): ExrChannel[] => {
  const r = new ByteReader(value, { littleEndian: true });
  const channels: ExrChannel[] = [];
  const maxName = flags.longNames ? 255 : MAX_NAME_BYTES;
  try {
    for (;;) {
      if (peek(r) === 0) break;
      const name = r.cString(maxName, 'channel name');
      const pixelType = enumValue(EXR_PIXEL_TYPES, r.i32(), 'pixel type', offset + r.position);
      const pLinear = r.u8() !== 0;
      r.slice(3);
      const xSampling = r.i32();
      const ySampling = r.i32();
      if (xSampling < 1 || ySampling < 1) {
        throw new MediaParseError(`channel ${name} has sampling ${xSampling}x${ySampling}`, offset + r.position);
      }
      if (channels.some((c) => c.name === name)) throw new MediaParseError(`channel ${name} listed twice`, offset);
      channels.push({ name, pixelType, pLinear, xSampling, ySampling });
    }
  } catch (error) {
    if (error instanceof MediaParseError) throw error;
    // The attribute's own size said where it ends: running past it is corruption, not a short read.
    throw new MediaParseError('channel list runs past its attribute size', offset, { cause: error });
  }
  if (channels.length === 0) throw new MediaParseError('channel list is empty', offset);
  return channels;
};

/** Width and height of a box (inclusive bounds). */
export const boxSize = (box: Box2i): { width: number; height: number } => ({
  width: box.xMax - box.xMin + 1,
  height: box.yMax - box.yMin + 1,
});

/**
 * Number of entries in a part's chunk offset table, or undefined when it cannot be derived from the
 * header alone (mip/rip-mapped tiles without `chunkCount`).
 */
export const chunkCountOf = (part: ExrPart, flags: ExrVersionFlags): number | undefined => {
  if (part.chunkCount !== undefined) return part.chunkCount;
  const { width, height } = boxSize(part.dataWindow);
  if (part.tiles) {
    if (part.tiles.levelMode !== 'ONE_LEVEL') return undefined;
    return Math.ceil(width / part.tiles.xSize) * Math.ceil(height / part.tiles.ySize);
  }
  if (flags.deep) return undefined;
  return Math.ceil(height / LINES_PER_BLOCK[part.compression]);
};
