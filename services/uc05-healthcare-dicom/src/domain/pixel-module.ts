import { type DicomDataset, type DicomElement, findElement, valueBytes } from './elements';
import { PIXEL_DATA, type Tag, tagOf } from './tag';
import { readText, type TextDecoderFn } from './values';

/** The Image Pixel, Modality LUT and VOI LUT attributes a renderer needs; null when absent or unreadable. */
export interface ImagePixelModule {
  readonly samplesPerPixel: number | null;
  /** Upper case, padding removed. */
  readonly photometricInterpretation: string | null;
  readonly rows: number | null;
  readonly columns: number | null;
  readonly bitsAllocated: number | null;
  readonly bitsStored: number | null;
  readonly highBit: number | null;
  readonly pixelRepresentation: number | null;
  readonly planarConfiguration: number | null;
  readonly rescaleSlope: number | null;
  readonly rescaleIntercept: number | null;
  /** First value of a multi-valued window (the one a viewer shows by default). */
  readonly windowCenter: number | null;
  readonly windowWidth: number | null;
  readonly voiLutFunction: string | null;
  readonly pixelData: DicomElement | null;
}

const t = tagOf;
const TAGS = {
  samplesPerPixel: t(0x0028, 0x0002),
  photometricInterpretation: t(0x0028, 0x0004),
  planarConfiguration: t(0x0028, 0x0006),
  rows: t(0x0028, 0x0010),
  columns: t(0x0028, 0x0011),
  bitsAllocated: t(0x0028, 0x0100),
  bitsStored: t(0x0028, 0x0101),
  highBit: t(0x0028, 0x0102),
  pixelRepresentation: t(0x0028, 0x0103),
  windowCenter: t(0x0028, 0x1050),
  windowWidth: t(0x0028, 0x1051),
  rescaleIntercept: t(0x0028, 0x1052),
  rescaleSlope: t(0x0028, 0x1053),
  voiLutFunction: t(0x0028, 0x1056),
} as const satisfies Record<string, Tag>;

/**
 * Reads the attributes straight from the element bytes. Attributes the parser's dictionary lacks (Planar
 * Configuration, VOI LUT Function) arrive as UN in implicit VR files, so US values are read as a 16-bit
 * word in the dataset's byte order whatever the VR says, and text values as text.
 */
export const readImagePixelModule = (dataset: DicomDataset, decodeText: TextDecoderFn): ImagePixelModule => {
  const element = (tag: Tag): DicomElement | undefined => findElement(dataset.elements, tag);
  const unsigned16 = (tag: Tag): number | null => {
    const found = element(tag);
    if (found === undefined || found.items !== null || found.valueLength < 2) return null;
    const bytes = valueBytes(dataset.bytes, found);
    return new DataView(bytes.buffer, bytes.byteOffset, 2).getUint16(0, dataset.encoding.littleEndian);
  };
  const text = (tag: Tag): string | null => {
    const found = element(tag);
    if (found === undefined || found.items !== null) return null;
    return readText(dataset.bytes, found, decodeText).trim();
  };
  const decimal = (tag: Tag): number | null => {
    const first = text(tag)?.split('\\')[0]?.trim();
    // Number('') is 0: an empty value is absent, not zero.
    if (first === undefined || first === '') return null;
    const value = Number(first);
    return Number.isFinite(value) ? value : null;
  };
  const pixelData = element(PIXEL_DATA);
  return {
    samplesPerPixel: unsigned16(TAGS.samplesPerPixel),
    photometricInterpretation: text(TAGS.photometricInterpretation)?.toUpperCase() ?? null,
    rows: unsigned16(TAGS.rows),
    columns: unsigned16(TAGS.columns),
    bitsAllocated: unsigned16(TAGS.bitsAllocated),
    bitsStored: unsigned16(TAGS.bitsStored),
    highBit: unsigned16(TAGS.highBit),
    pixelRepresentation: unsigned16(TAGS.pixelRepresentation),
    planarConfiguration: unsigned16(TAGS.planarConfiguration),
    rescaleSlope: decimal(TAGS.rescaleSlope),
    rescaleIntercept: decimal(TAGS.rescaleIntercept),
    windowCenter: decimal(TAGS.windowCenter),
    windowWidth: decimal(TAGS.windowWidth),
    voiLutFunction: text(TAGS.voiLutFunction)?.toUpperCase() ?? null,
    pixelData: pixelData ?? null,
  };
};
