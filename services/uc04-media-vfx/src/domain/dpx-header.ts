import { ByteReader, fixedText } from './byte-reader';
import { MediaParseError, NeedMoreBytesError } from './errors';

/** "SDPX" read as a big-endian uint32; a little-endian file reads as "XPDS". */
export const DPX_MAGIC_BE = 0x53445058;
export const DPX_MAGIC_LE = 0x58504453;
/** Generic file header (768) + image header (640): everything needed to locate and read the pixels. */
export const DPX_CORE_HEADER_BYTES = 1408;
/** Undefined value of 32-bit DPX fields. */
const UNDEFINED_U32 = 0xffffffff;

/** Image element descriptors (SMPTE 268M table 1) and how many components each pixel has. */
const DESCRIPTORS: Readonly<Record<number, { name: string; components: number }>> = {
  0: { name: 'user-defined', components: 1 },
  1: { name: 'R', components: 1 },
  2: { name: 'G', components: 1 },
  3: { name: 'B', components: 1 },
  4: { name: 'A', components: 1 },
  6: { name: 'Y', components: 1 },
  7: { name: 'ColorDifference', components: 1 },
  8: { name: 'Z', components: 1 },
  9: { name: 'Composite', components: 1 },
  50: { name: 'RGB', components: 3 },
  51: { name: 'RGBA', components: 4 },
  52: { name: 'ABGR', components: 4 },
  100: { name: 'CbYCrY', components: 2 },
  101: { name: 'CbYACrYA', components: 3 },
  102: { name: 'CbYCr', components: 3 },
  103: { name: 'CbYCrA', components: 4 },
};

/** Transfer characteristic / colorimetric specification codes (SMPTE 268M table 5A/5B). */
const CHARACTERISTICS = [
  'user-defined',
  'printing-density',
  'linear',
  'logarithmic',
  'unspecified-video',
  'SMPTE-274M',
  'ITU-R-709-4',
  'ITU-R-601-5-B-G',
  'ITU-R-601-5-M',
  'NTSC-composite',
  'PAL-composite',
  'Z-linear',
  'Z-homogeneous',
] as const;

const ORIENTATIONS = [
  'left-to-right, top-to-bottom',
  'right-to-left, top-to-bottom',
  'left-to-right, bottom-to-top',
  'right-to-left, bottom-to-top',
  'top-to-bottom, left-to-right',
  'top-to-bottom, right-to-left',
  'bottom-to-top, left-to-right',
  'bottom-to-top, right-to-left',
] as const;

export interface DpxImageElement {
  /** 0 unsigned, 1 signed. */
  dataSign: number;
  /** Reference low/high code values, undefined when the field is unset (0xFFFFFFFF). */
  refLowData?: number;
  refHighData?: number;
  descriptor: number;
  descriptorName: string;
  components: number;
  transfer: string;
  colorimetric: string;
  bitDepth: number;
  /** 0 packed into 32-bit words, 1 filled method A (padding in the low bits), 2 filled method B. */
  packing: number;
  /** 0 none, 1 run-length encoded. */
  encoding: number;
  /** Offset of this element's data (the file header's image offset when the field is unset). */
  dataOffset: number;
  endOfLinePadding: number;
  endOfImagePadding: number;
  description: string;
}

export interface DpxHeader {
  format: 'dpx';
  byteOrder: 'big-endian' | 'little-endian';
  imageDataOffset: number;
  version: string;
  /** File size the header claims (compared with the real size to find truncation). */
  fileSize: number;
  genericHeaderSize: number;
  industryHeaderSize: number;
  userDataSize: number;
  fileName: string;
  creationTime: string;
  creator: string;
  project: string;
  orientation: string;
  pixelsPerLine: number;
  linesPerElement: number;
  elements: DpxImageElement[];
}

export const isDpxMagic = (prefix: Uint8Array): boolean => {
  if (prefix.length < 4) return false;
  const magic = new DataView(prefix.buffer, prefix.byteOffset, 4).getUint32(0, false);
  return magic === DPX_MAGIC_BE || magic === DPX_MAGIC_LE;
};

const characteristic = (code: number): string => CHARACTERISTICS[code] ?? `unknown-${code}`;

/**
 * Parses the DPX generic file header and image header (SMPTE 268M) from the first 1408 bytes. The byte
 * order of every field follows the magic number. Throws `NeedMoreBytesError` for a shorter prefix.
 */
export const parseDpxHeader = (bytes: Uint8Array): DpxHeader => {
  if (bytes.length < 4) throw new NeedMoreBytesError(4);
  const magic = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, false);
  if (magic !== DPX_MAGIC_BE && magic !== DPX_MAGIC_LE) {
    throw new MediaParseError('not DPX: magic is neither SDPX nor XPDS', 0);
  }
  const littleEndian = magic === DPX_MAGIC_LE;
  if (bytes.length < DPX_CORE_HEADER_BYTES) throw new NeedMoreBytesError(DPX_CORE_HEADER_BYTES);
  const r = new ByteReader(bytes, { littleEndian, position: 4 });
  const imageDataOffset = r.u32();
  const version = fixedText(r.slice(8));
  const fileSize = r.u32();
  r.u32(); // ditto key
  const genericHeaderSize = r.u32();
  const industryHeaderSize = r.u32();
  const userDataSize = r.u32();
  const fileName = fixedText(r.slice(100));
  const creationTime = fixedText(r.slice(24));
  const creator = fixedText(r.slice(100));
  const project = fixedText(r.slice(200));
  r.slice(200 + 4 + 104); // copyright, encryption key, reserved
  if (!/^V[12]\.\d/.test(version)) throw new MediaParseError(`unknown DPX version "${version.slice(0, 8)}"`, 8);

  const orientationCode = r.u16();
  const orientation = ORIENTATIONS[orientationCode];
  if (orientation === undefined) throw new MediaParseError(`unknown image orientation ${orientationCode}`, 768);
  const elementCount = r.u16();
  if (elementCount < 1 || elementCount > 8) {
    throw new MediaParseError(`number of image elements is ${elementCount} (1 to 8 allowed)`, 770);
  }
  const pixelsPerLine = r.u32();
  const linesPerElement = r.u32();
  if (pixelsPerLine === 0 || linesPerElement === 0) throw new MediaParseError('image has zero width or height', 772);

  const elements: DpxImageElement[] = [];
  for (let i = 0; i < 8; i++) {
    const at = 780 + i * 72;
    const element = new ByteReader(bytes, { littleEndian, position: at });
    const raw = {
      dataSign: element.u32(),
      refLowData: element.u32(),
      refLowQuantity: element.f32(),
      refHighData: element.u32(),
      refHighQuantity: element.f32(),
      descriptor: element.u8(),
      transfer: element.u8(),
      colorimetric: element.u8(),
      bitDepth: element.u8(),
      packing: element.u16(),
      encoding: element.u16(),
      dataOffset: element.u32(),
      endOfLinePadding: element.u32(),
      endOfImagePadding: element.u32(),
      description: fixedText(element.slice(32)),
    };
    if (i >= elementCount) continue;
    const descriptor = DESCRIPTORS[raw.descriptor];
    if (descriptor === undefined)
      throw new MediaParseError(`unknown image element descriptor ${raw.descriptor}`, at + 20);
    if (![1, 8, 10, 12, 16, 32, 64].includes(raw.bitDepth)) {
      throw new MediaParseError(`unknown bit depth ${raw.bitDepth}`, at + 23);
    }
    if (raw.packing > 2) throw new MediaParseError(`unknown packing ${raw.packing}`, at + 24);
    if (raw.encoding > 1) throw new MediaParseError(`unknown encoding ${raw.encoding}`, at + 26);
    const defined = (v: number) => (v === UNDEFINED_U32 ? undefined : v);
    elements.push({
      dataSign: raw.dataSign,
      refLowData: defined(raw.refLowData),
      refHighData: defined(raw.refHighData),
      descriptor: raw.descriptor,
      descriptorName: descriptor.name,
      components: descriptor.components,
      transfer: characteristic(raw.transfer),
      colorimetric: characteristic(raw.colorimetric),
      bitDepth: raw.bitDepth,
      packing: raw.packing,
      encoding: raw.encoding,
      dataOffset: raw.dataOffset === UNDEFINED_U32 || raw.dataOffset === 0 ? imageDataOffset : raw.dataOffset,
      endOfLinePadding: defined(raw.endOfLinePadding) ?? 0,
      endOfImagePadding: defined(raw.endOfImagePadding) ?? 0,
      description: raw.description,
    });
  }
  for (const element of elements) {
    if (element.dataOffset < DPX_CORE_HEADER_BYTES) {
      throw new MediaParseError(`image data offset ${element.dataOffset} lies inside the header`, 4);
    }
  }
  return {
    format: 'dpx',
    byteOrder: littleEndian ? 'little-endian' : 'big-endian',
    imageDataOffset,
    version,
    fileSize,
    genericHeaderSize,
    industryHeaderSize,
    userDataSize,
    fileName,
    creationTime,
    creator,
    project,
    orientation,
    pixelsPerLine,
    linesPerElement,
    elements,
  };
};
