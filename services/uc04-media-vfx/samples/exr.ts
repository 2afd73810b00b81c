import { deflateSync } from 'node:zlib';

/**
 * A small OpenEXR writer for samples and tests: single-part scanline images, NONE / ZIPS / ZIP compression,
 * UINT / HALF / FLOAT channels, per the OpenEXR file layout. It is the encoder the parser round-trips with;
 * `exrheader` (Debian `openexr`) and ImageMagick read its files independently.
 */

export type SamplePixelType = 'UINT' | 'HALF' | 'FLOAT';
export type SampleCompression = 'NONE' | 'ZIPS' | 'ZIP';

export interface SampleBox {
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

export interface ExrAttribute {
  name: string;
  type: string;
  value: Uint8Array;
}

export interface ExrSpec {
  width: number;
  height: number;
  /** Origin of the data window (default 0,0). */
  x0?: number;
  y0?: number;
  /** Default: equal to the data window. */
  displayWindow?: SampleBox;
  /** Channel names are written sorted, as OpenEXR requires. */
  channels: { name: string; pixelType: SamplePixelType }[];
  compression: SampleCompression;
  /** 0 INCREASING_Y (default), 1 DECREASING_Y. Chunks are always stored in increasing y. */
  lineOrder?: 0 | 1;
  pixelAspectRatio?: number;
  longNames?: boolean;
  extraAttributes?: ExrAttribute[];
  /** Sample value of channel `c` at pixel (x, y) of the data window (relative coordinates). */
  pixel: (x: number, y: number, channel: string) => number;
}

const COMPRESSION_CODE: Record<SampleCompression, number> = { NONE: 0, ZIPS: 2, ZIP: 3 };
const PIXEL_TYPE_CODE: Record<SamplePixelType, number> = { UINT: 0, HALF: 1, FLOAT: 2 };
const LINES: Record<SampleCompression, number> = { NONE: 1, ZIPS: 1, ZIP: 16 };

/** Grows as bytes are appended; little endian like every EXR field. */
class Writer {
  private chunks: Uint8Array[] = [];
  length = 0;
  bytes(b: Uint8Array) {
    this.chunks.push(b);
    this.length += b.length;
    return this;
  }
  private num(size: number, set: (v: DataView) => void) {
    const b = new Uint8Array(size);
    set(new DataView(b.buffer));
    return this.bytes(b);
  }
  u8 = (v: number) => this.num(1, (d) => d.setUint8(0, v));
  u16 = (v: number) => this.num(2, (d) => d.setUint16(0, v, true));
  i32 = (v: number) => this.num(4, (d) => d.setInt32(0, v, true));
  u32 = (v: number) => this.num(4, (d) => d.setUint32(0, v, true));
  f32 = (v: number) => this.num(4, (d) => d.setFloat32(0, v, true));
  u64 = (v: number) => this.num(8, (d) => d.setBigUint64(0, BigInt(v), true));
  cString = (s: string) => this.bytes(new Uint8Array([...Buffer.from(s, 'latin1'), 0]));
  finish(): Uint8Array {
    return Buffer.concat(this.chunks);
  }
}

const build = (fill: (w: Writer) => void): Uint8Array => {
  const w = new Writer();
  fill(w);
  return w.finish();
};

/** IEEE half from a number, round to nearest even; overflow goes to infinity. */
export const floatToHalf = (value: number): number => {
  const f = new DataView(new ArrayBuffer(4));
  f.setFloat32(0, value);
  const x = f.getUint32(0);
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  let mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  let e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    mant = (mant | 0x800000) >> (1 - e);
    if (mant & 0x1000) mant += 0x2000;
    return sign | (mant >> 13);
  }
  if (mant & 0x1000) {
    mant += 0x2000;
    if (mant & 0x800000) {
      mant = 0;
      e += 1;
      if (e >= 0x1f) return sign | 0x7c00;
    }
  }
  return sign | (e << 10) | (mant >> 13);
};

export const box2i = (b: SampleBox): Uint8Array =>
  build((w) => {
    w.i32(b.xMin).i32(b.yMin).i32(b.xMax).i32(b.yMax);
  });

export const chlist = (channels: ExrSpec['channels']): Uint8Array =>
  build((w) => {
    for (const c of channels) {
      w.cString(c.name).i32(PIXEL_TYPE_CODE[c.pixelType]).u8(0).u8(0).u8(0).u8(0).i32(1).i32(1);
    }
    w.u8(0);
  });

/** Writes a header attribute list (`name\0type\0size value`... `\0`). */
export const attributeList = (attributes: readonly ExrAttribute[]): Uint8Array =>
  build((w) => {
    for (const a of attributes) w.cString(a.name).cString(a.type).i32(a.value.length).bytes(a.value);
    w.u8(0);
  });

/** The forward ZIP transform of OpenEXR: split even/odd bytes into two halves, then delta-encode. */
export const interleaveAndPredict = (raw: Uint8Array): Uint8Array => {
  const t = new Uint8Array(raw.length);
  const half = (raw.length + 1) >> 1;
  for (let i = 0; i < raw.length; i++) t[(i & 1) === 0 ? i >> 1 : half + (i >> 1)] = raw[i] ?? 0;
  const out = new Uint8Array(t.length);
  if (t.length > 0) out[0] = t[0] ?? 0;
  for (let i = 1; i < t.length; i++) out[i] = ((t[i] ?? 0) - (t[i - 1] ?? 0) + 128) & 0xff;
  return out;
};

export const headerAttributes = (spec: ExrSpec): ExrAttribute[] => {
  const x0 = spec.x0 ?? 0;
  const y0 = spec.y0 ?? 0;
  const dataWindow = { xMin: x0, yMin: y0, xMax: x0 + spec.width - 1, yMax: y0 + spec.height - 1 };
  const channels = [...spec.channels].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return [
    { name: 'channels', type: 'chlist', value: chlist(channels) },
    { name: 'compression', type: 'compression', value: new Uint8Array([COMPRESSION_CODE[spec.compression]]) },
    { name: 'dataWindow', type: 'box2i', value: box2i(dataWindow) },
    { name: 'displayWindow', type: 'box2i', value: box2i(spec.displayWindow ?? dataWindow) },
    { name: 'lineOrder', type: 'lineOrder', value: new Uint8Array([spec.lineOrder ?? 0]) },
    { name: 'pixelAspectRatio', type: 'float', value: build((w) => w.f32(spec.pixelAspectRatio ?? 1)) },
    { name: 'screenWindowCenter', type: 'v2f', value: build((w) => w.f32(0).f32(0)) },
    { name: 'screenWindowWidth', type: 'float', value: build((w) => w.f32(1)) },
    ...(spec.extraAttributes ?? []),
  ];
};

/** Encodes a whole single-part scanline EXR file. */
export const writeExr = (spec: ExrSpec): Uint8Array => {
  const channels = [...spec.channels].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const y0 = spec.y0 ?? 0;
  const perBlock = LINES[spec.compression];
  const blocks = Math.ceil(spec.height / perBlock);
  const header = build((w) => {
    w.u32(0x01312f76).u32(2 | (spec.longNames ? 0x400 : 0));
    w.bytes(attributeList(headerAttributes(spec)));
  });
  const chunks: Uint8Array[] = [];
  for (let b = 0; b < blocks; b++) {
    const first = b * perBlock;
    const lines = Math.min(perBlock, spec.height - first);
    const bytesPerLine = channels.reduce((n, c) => n + spec.width * (c.pixelType === 'HALF' ? 2 : 4), 0);
    const raw = new Uint8Array(bytesPerLine * lines);
    const view = new DataView(raw.buffer);
    let at = 0;
    for (let line = 0; line < lines; line++) {
      for (const c of channels) {
        for (let x = 0; x < spec.width; x++) {
          const v = spec.pixel(x, first + line, c.name);
          if (c.pixelType === 'HALF') view.setUint16(at, floatToHalf(v), true);
          else if (c.pixelType === 'FLOAT') view.setFloat32(at, v, true);
          else view.setUint32(at, v >>> 0, true);
          at += c.pixelType === 'HALF' ? 2 : 4;
        }
      }
    }
    const packed = spec.compression === 'NONE' ? raw : deflateSync(interleaveAndPredict(raw));
    const data = packed.length < raw.length ? packed : raw;
    chunks.push(
      build((w) =>
        w
          .i32(y0 + first)
          .i32(data.length)
          .bytes(data),
      ),
    );
  }
  const tableEnd = header.length + blocks * 8;
  let offset = tableEnd;
  const table = build((w) => {
    for (const c of chunks) {
      w.u64(offset);
      offset += c.length;
    }
  });
  return Buffer.concat([header, table, ...chunks]);
};
