import { inflateRawSync } from 'node:zlib';
import { type DicomDataset, type DicomElement, findElement, valueBytes } from './elements';
import { DicomParseError } from './errors';
import { readElements } from './read-elements';
import { tagOf } from './tag';
import {
  type Encoding,
  EXPLICIT_BE,
  EXPLICIT_LE,
  EXPLICIT_VR_BIG_ENDIAN,
  EXPLICIT_VR_LITTLE_ENDIAN,
  IMPLICIT_LE,
  IMPLICIT_VR_LITTLE_ENDIAN,
  type TransferSyntax,
  transferSyntaxOf,
} from './transfer-syntax';
import { decodeLatin1, trimValue } from './values';
import { isVr } from './vr';

export const PREAMBLE_LENGTH = 128;
const MAGIC = [0x44, 0x49, 0x43, 0x4d]; // "DICM"
const TRANSFER_SYNTAX_UID = tagOf(0x0002, 0x0010);

/** Inflated datasets larger than this are refused: a deflate bomb must not exhaust the Lambda's memory. */
export const MAX_INFLATED_BYTES = 512 * 1024 * 1024;

/** How the file was laid out on disk. */
export type DicomLayout =
  /** 128-byte preamble, DICM, file meta, dataset (PS3.10). */
  | 'part10'
  /** DICM and file meta without the preamble (written by some older tools). */
  | 'meta-without-preamble'
  /** A bare dataset, as stored by some PACS exports; its transfer syntax is inferred. */
  | 'raw-dataset';

export interface DicomFile {
  readonly layout: DicomLayout;
  readonly transferSyntax: TransferSyntax;
  /** File meta (group 0002), always explicit VR little endian; null for a raw dataset. */
  readonly meta: DicomDataset | null;
  /** The dataset; for deflated files `bytes` is the inflated stream, not the input. */
  readonly dataset: DicomDataset;
}

const hasMagicAt = (bytes: Uint8Array, offset: number): boolean =>
  bytes.length >= offset + 4 && MAGIC.every((byte, index) => bytes[offset + index] === byte);

/** True when the bytes start like a PS3.10 file: `DICM` at offset 128. Needs at least 132 bytes. */
export const isDicomPart10 = (prefix: Uint8Array): boolean => hasMagicAt(prefix, PREAMBLE_LENGTH);

export const readDicomFile = (bytes: Uint8Array): DicomFile => {
  if (hasMagicAt(bytes, PREAMBLE_LENGTH)) return readWithMeta(bytes, PREAMBLE_LENGTH + 4, 'part10');
  if (hasMagicAt(bytes, 0)) return readWithMeta(bytes, 4, 'meta-without-preamble');
  if (startsWithMetaGroup(bytes)) return readWithMeta(bytes, 0, 'meta-without-preamble');
  return readRawDataset(bytes);
};

const startsWithMetaGroup = (bytes: Uint8Array): boolean =>
  bytes.length >= 8 &&
  bytes[0] === 0x02 &&
  bytes[1] === 0x00 &&
  isVr(String.fromCharCode(bytes[4] ?? 0, bytes[5] ?? 0));

const readWithMeta = (bytes: Uint8Array, metaStart: number, layout: DicomLayout): DicomFile => {
  const meta = readElements(bytes, EXPLICIT_LE, { start: metaStart, end: bytes.length, onlyGroup: 0x0002 });
  const syntaxElement = findElement(meta.elements, TRANSFER_SYNTAX_UID);
  if (syntaxElement === undefined) {
    throw new DicomParseError('file meta has no Transfer Syntax UID', { offset: metaStart, tag: '(0002,0010)' });
  }
  const uid = trimValue('UI', decodeLatin1(valueBytes(bytes, syntaxElement)));
  const transferSyntax = transferSyntaxOf(uid);
  const metaDataset: DicomDataset = { bytes, encoding: EXPLICIT_LE, elements: meta.elements };
  const datasetBytes = transferSyntax.deflated ? inflate(bytes.subarray(meta.next), meta.next) : bytes;
  const start = transferSyntax.deflated ? 0 : meta.next;
  const dataset = readElements(datasetBytes, transferSyntax, { start, end: datasetBytes.length });
  return {
    layout,
    transferSyntax,
    meta: metaDataset,
    dataset: { bytes: datasetBytes, encoding: transferSyntax, elements: dataset.elements },
  };
};

const inflate = (deflated: Uint8Array, offset: number): Uint8Array => {
  try {
    return new Uint8Array(inflateRawSync(deflated, { maxOutputLength: MAX_INFLATED_BYTES }));
  } catch (error) {
    throw new DicomParseError('deflated dataset does not inflate', { offset }, { cause: error });
  }
};

/**
 * A dataset without preamble or meta: the first element tells the encoding. Explicit VR shows two
 * uppercase VR letters after the tag; the byte order is the one giving a plausible first group.
 */
const readRawDataset = (bytes: Uint8Array): DicomFile => {
  const encoding = guessEncoding(bytes);
  const uid = encoding.explicitVr
    ? encoding.littleEndian
      ? EXPLICIT_VR_LITTLE_ENDIAN
      : EXPLICIT_VR_BIG_ENDIAN
    : IMPLICIT_VR_LITTLE_ENDIAN;
  const dataset = readElements(bytes, encoding, { start: 0, end: bytes.length });
  return {
    layout: 'raw-dataset',
    transferSyntax: transferSyntaxOf(uid),
    meta: null,
    dataset: { bytes, encoding, elements: dataset.elements },
  };
};

/** First groups of real datasets: 0008 (identifying) is the norm, anything up to 7FE0 is conceivable. */
const plausibleGroup = (group: number): boolean => group >= 0x0008 && group <= 0x7fe0 && (group & 1) === 0;

const guessEncoding = (bytes: Uint8Array): Encoding => {
  if (bytes.length < 8) {
    throw new DicomParseError(`not DICOM: ${bytes.length} bytes is too short for a data element`, { offset: 0 });
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const explicit = isVr(String.fromCharCode(bytes[4] ?? 0, bytes[5] ?? 0));
  if (explicit && plausibleGroup(view.getUint16(0, true))) return EXPLICIT_LE;
  if (explicit && plausibleGroup(view.getUint16(0, false))) return EXPLICIT_BE;
  const firstLength = view.getUint32(4, true);
  const fits = firstLength === 0xffffffff || 8 + firstLength <= bytes.length;
  if (plausibleGroup(view.getUint16(0, true)) && fits) return IMPLICIT_LE;
  throw new DicomParseError('not DICOM: no DICM magic at offset 128 and no plausible data element at offset 0', {
    offset: 0,
  });
};

/** The element a tag names in a dataset's top level, if present. */
export const topLevel = (dataset: DicomDataset, tag: number): DicomElement | undefined =>
  findElement(dataset.elements, tag);
