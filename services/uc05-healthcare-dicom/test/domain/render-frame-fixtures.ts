/**
 * Test-only helpers for the frame renderer: a small DICOM image writer (independent of the service's writer
 * and of @fsxn/testing, whose generator has one fixed pixel layout) and a PNG reader that undoes filter
 * type 0 only — what `encodePng` is documented to write.
 */
import { inflateSync } from 'node:zlib';

export type ImageSyntax = 'explicit-le' | 'implicit-le' | 'explicit-be';

const SYNTAX_UIDS: Readonly<Record<ImageSyntax, string>> = {
  'explicit-le': '1.2.840.10008.1.2.1',
  'implicit-le': '1.2.840.10008.1.2',
  'explicit-be': '1.2.840.10008.1.2.2',
};

/** Attributes of the Image Pixel / LUT modules; an absent key is an absent element. */
export interface ImageSpec {
  readonly syntax?: ImageSyntax;
  readonly rows?: number;
  readonly columns?: number;
  readonly samplesPerPixel?: number;
  readonly photometric?: string;
  readonly planarConfiguration?: number;
  readonly bitsAllocated?: number;
  readonly bitsStored?: number;
  readonly highBit?: number;
  readonly pixelRepresentation?: number;
  readonly numberOfFrames?: string;
  readonly windowCenter?: string;
  readonly windowWidth?: string;
  readonly voiLutFunction?: string;
  readonly rescaleIntercept?: string;
  readonly rescaleSlope?: string;
  /** OW unless given (OB is only legal with explicit VR). */
  readonly pixelVr?: 'OB' | 'OW';
  /** The Pixel Data value exactly as it is to be written (already in the file's byte order); absent = no element. */
  readonly pixelBytes?: Uint8Array;
}

interface Element {
  readonly tag: number;
  readonly vr: string;
  readonly value: Uint8Array;
}

const LONG_VRS = new Set(['OB', 'OW', 'UN']);

const concat = (parts: readonly Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
};

const uint = (value: number, width: 2 | 4, little: boolean): Uint8Array => {
  const out = new Uint8Array(width);
  const view = new DataView(out.buffer);
  if (width === 2) view.setUint16(0, value, little);
  else view.setUint32(0, value, little);
  return out;
};

const ascii = (text: string, pad: number): Uint8Array => {
  const bytes = Uint8Array.from(text, (char) => char.charCodeAt(0));
  return bytes.length % 2 === 0 ? bytes : concat([bytes, Uint8Array.of(pad)]);
};

const evenBytes = (bytes: Uint8Array): Uint8Array =>
  bytes.length % 2 === 0 ? bytes : concat([bytes, Uint8Array.of(0)]);

const encodeElements = (elements: readonly Element[], explicit: boolean, little: boolean): Uint8Array =>
  concat(
    [...elements]
      .sort((a, b) => a.tag - b.tag)
      .map(({ tag, vr, value }) => {
        const tagBytes = concat([uint(tag >>> 16, 2, little), uint(tag & 0xffff, 2, little)]);
        if (!explicit) return concat([tagBytes, uint(value.length, 4, little), value]);
        const vrBytes = ascii(vr, 0x20);
        if (LONG_VRS.has(vr))
          return concat([tagBytes, vrBytes, new Uint8Array(2), uint(value.length, 4, little), value]);
        return concat([tagBytes, vrBytes, uint(value.length, 2, little), value]);
      }),
  );

/** A Part-10 file (preamble, DICM, file meta, dataset) holding one image. */
export const buildImageDicom = (spec: ImageSpec): Uint8Array => {
  const syntax = spec.syntax ?? 'explicit-le';
  const little = syntax !== 'explicit-be';
  const explicit = syntax !== 'implicit-le';
  const elements: Element[] = [
    { tag: 0x00080016, vr: 'UI', value: ascii('1.2.840.10008.5.1.4.1.1.7', 0) },
    { tag: 0x00080018, vr: 'UI', value: ascii('2.25.4242', 0) },
  ];
  const us = (tag: number, value: number | undefined): void => {
    if (value !== undefined) elements.push({ tag, vr: 'US', value: uint(value, 2, little) });
  };
  const text = (tag: number, vr: string, value: string | undefined): void => {
    if (value !== undefined) elements.push({ tag, vr, value: ascii(value, 0x20) });
  };
  us(0x00280002, spec.samplesPerPixel);
  text(0x00280004, 'CS', spec.photometric);
  us(0x00280006, spec.planarConfiguration);
  text(0x00280008, 'IS', spec.numberOfFrames);
  us(0x00280010, spec.rows);
  us(0x00280011, spec.columns);
  us(0x00280100, spec.bitsAllocated);
  us(0x00280101, spec.bitsStored);
  us(0x00280102, spec.highBit);
  us(0x00280103, spec.pixelRepresentation);
  text(0x00281050, 'DS', spec.windowCenter);
  text(0x00281051, 'DS', spec.windowWidth);
  text(0x00281052, 'DS', spec.rescaleIntercept);
  text(0x00281053, 'DS', spec.rescaleSlope);
  text(0x00281056, 'CS', spec.voiLutFunction);
  if (spec.pixelBytes !== undefined) {
    elements.push({ tag: 0x7fe00010, vr: spec.pixelVr ?? 'OW', value: evenBytes(spec.pixelBytes) });
  }
  const metaBody = encodeElements(
    [
      { tag: 0x00020001, vr: 'OB', value: Uint8Array.of(0, 1) },
      { tag: 0x00020002, vr: 'UI', value: ascii('1.2.840.10008.5.1.4.1.1.7', 0) },
      { tag: 0x00020003, vr: 'UI', value: ascii('2.25.4242', 0) },
      { tag: 0x00020010, vr: 'UI', value: ascii(SYNTAX_UIDS[syntax], 0) },
    ],
    true,
    true,
  );
  const groupLength = encodeElements(
    [{ tag: 0x00020000, vr: 'UL', value: uint(metaBody.length, 4, true) }],
    true,
    true,
  );
  return concat([
    new Uint8Array(128),
    ascii('DICM', 0),
    groupLength,
    metaBody,
    encodeElements(elements, explicit, little),
  ]);
};

/** 16-bit words in the given byte order; negative numbers become two's complement. */
export const words16 = (values: readonly number[], little: boolean): Uint8Array =>
  concat(values.map((value) => uint(value & 0xffff, 2, little)));

/** Greyscale 8-bit or 16-bit monochrome spec with the usual bit layout; override anything. */
export const monochrome = (overrides: ImageSpec): ImageSpec => {
  const bitsAllocated = overrides.bitsAllocated ?? 16;
  const bitsStored = overrides.bitsStored ?? bitsAllocated;
  return {
    samplesPerPixel: 1,
    photometric: 'MONOCHROME2',
    bitsAllocated,
    bitsStored,
    highBit: bitsStored - 1,
    pixelRepresentation: 0,
    ...overrides,
  };
};

export interface DecodedPng {
  readonly width: number;
  readonly height: number;
  readonly bitDepth: number;
  readonly colorType: number;
  readonly interlace: number;
  readonly chunkTypes: readonly string[];
  readonly pixels: Uint8Array;
}

/** Reads the chunks (without checking CRCs) and undoes filter type 0; throws on anything else. */
export const decodePngFilterNone = (png: Uint8Array): DecodedPng => {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const chunkTypes: string[] = [];
  const idat: Uint8Array[] = [];
  let header: DataView | undefined;
  for (let offset = 8; offset < png.length; ) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...png.subarray(offset + 4, offset + 8));
    const data = png.subarray(offset + 8, offset + 8 + length);
    chunkTypes.push(type);
    if (type === 'IHDR') header = new DataView(data.buffer, data.byteOffset, data.byteLength);
    if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
  }
  if (header === undefined) throw new Error('no IHDR');
  const width = header.getUint32(0);
  const height = header.getUint32(4);
  const colorType = header.getUint8(9);
  const channels = colorType === 2 ? 3 : 1;
  const raw = new Uint8Array(inflateSync(concat(idat)));
  const rowBytes = width * channels;
  if (raw.length !== height * (rowBytes + 1)) throw new Error(`inflated ${raw.length} bytes for ${width}×${height}`);
  const pixels = new Uint8Array(height * rowBytes);
  for (let row = 0; row < height; row++) {
    const start = row * (rowBytes + 1);
    if (raw[start] !== 0) throw new Error(`row ${row} uses filter ${raw[start]}`);
    pixels.set(raw.subarray(start + 1, start + 1 + rowBytes), row * rowBytes);
  }
  return {
    width,
    height,
    bitDepth: header.getUint8(8),
    colorType,
    interlace: header.getUint8(12),
    chunkTypes,
    pixels,
  };
};
