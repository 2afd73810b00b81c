import { DocumentFormatError } from './errors';

export type DocumentFormat = 'pdf' | 'tiff' | 'png' | 'jpeg';

export const MIME_TYPES: Readonly<Record<DocumentFormat, string>> = {
  pdf: 'application/pdf',
  tiff: 'image/tiff',
  png: 'image/png',
  jpeg: 'image/jpeg',
};

/** Bytes that identify every supported format (the longest magic is PNG's 8-byte signature). */
export const MAGIC_BYTES = 8;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The format named by the leading bytes, whatever the file name says; undefined for anything else. */
export const sniffFormat = (head: Uint8Array): DocumentFormat | undefined => {
  if (head.length >= 5 && Buffer.from(head.subarray(0, 5)).toString('latin1') === '%PDF-') return 'pdf';
  if (head.length >= 8 && PNG_SIGNATURE.every((b, i) => head[i] === b)) return 'png';
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  if (head.length >= 4) {
    const little = head[0] === 0x49 && head[1] === 0x49 && head[2] === 42 && head[3] === 0;
    const big = head[0] === 0x4d && head[1] === 0x4d && head[2] === 0 && head[3] === 42;
    if (little || big) return 'tiff';
  }
  return undefined;
};

export interface DocumentInfo {
  readonly format: DocumentFormat;
  readonly mimeType: string;
  /** Pages (PDF page tree count, TIFF images); 1 for PNG and JPEG. */
  readonly pages: number;
  /** Pixel size of the first image; absent for PDFs. */
  readonly width?: number;
  readonly height?: number;
}

const fail = (message: string): never => {
  throw new DocumentFormatError(message);
};

/**
 * Checks that a document is complete before any text extraction runs, so that a corrupt or truncated
 * file ends FAILED with the structural reason instead of being read as "no text". Reads only structure
 * (headers, chunk/segment/IFD framing, PDF trailer); it decodes no pixels and no content streams.
 */
export const inspectDocument = (bytes: Uint8Array): DocumentInfo => {
  const format = sniffFormat(bytes.subarray(0, MAGIC_BYTES));
  switch (format) {
    case 'pdf':
      return { format, mimeType: MIME_TYPES.pdf, pages: inspectPdf(bytes) };
    case 'png':
      return { format, mimeType: MIME_TYPES.png, pages: 1, ...inspectPng(bytes) };
    case 'jpeg':
      return { format, mimeType: MIME_TYPES.jpeg, pages: 1, ...inspectJpeg(bytes) };
    case 'tiff':
      return { format, mimeType: MIME_TYPES.tiff, ...inspectTiff(bytes) };
    default:
      return fail('not a PDF, TIFF, PNG or JPEG file (by its leading bytes)');
  }
};

// ---------------------------------------------------------------------------------------------------
// PDF: the trailer must be there (a truncated download loses it first) and point at a cross-reference.

const latin1 = (bytes: Uint8Array, start: number, end: number) =>
  Buffer.from(bytes.subarray(Math.max(0, start), Math.min(bytes.length, end))).toString('latin1');

const inspectPdf = (bytes: Uint8Array): number => {
  const tail = latin1(bytes, bytes.length - 1024, bytes.length);
  if (!/%%EOF\s*$/.test(tail)) fail('PDF has no %%EOF marker at its end (truncated or corrupt)');
  const startxref = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  if (!startxref?.[1]) return fail('PDF has no startxref before %%EOF (corrupt trailer)');
  const offset = Number(startxref[1]);
  if (!Number.isSafeInteger(offset) || offset >= bytes.length) {
    return fail(`PDF startxref points at byte ${startxref[1]}, beyond the file (${bytes.length} bytes)`);
  }
  const atXref = latin1(bytes, offset, offset + 32);
  // A classic table starts with `xref`; PDF 1.5 cross-reference streams are an indirect object.
  if (!/^xref\b/.test(atXref) && !/^\d+\s+\d+\s+obj\b/.test(atXref)) {
    fail(`PDF startxref (byte ${offset}) does not point at a cross-reference section`);
  }
  const pages = pageCountOf(bytes);
  if (pages === 0) fail('PDF has no page tree with a /Count');
  return pages;
};

/** The largest /Count of a /Type /Pages dictionary in the file (the root of the page tree). */
const pageCountOf = (bytes: Uint8Array): number => {
  const text = Buffer.from(bytes).toString('latin1');
  let pages = 0;
  for (const match of text.matchAll(
    /\/Type\s*\/Pages\b[^>]*?\/Count\s+(\d+)|\/Count\s+(\d+)[^>]*?\/Type\s*\/Pages\b/g,
  )) {
    pages = Math.max(pages, Number(match[1] ?? match[2]));
  }
  // Object streams (compressed) hide the page tree from a byte scan; the xref check above still holds.
  if (pages === 0 && /\/Type\s*\/ObjStm\b/.test(text)) return 1;
  return pages;
};

// ---------------------------------------------------------------------------------------------------
// PNG: signature, IHDR first, every chunk inside the file, IEND last.

const inspectPng = (bytes: Uint8Array): { width: number; height: number } => {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 8;
  let size: { width: number; height: number } | undefined;
  while (offset + 8 <= bytes.length) {
    const length = view.getUint32(offset);
    const type = latin1(bytes, offset + 4, offset + 8);
    const end = offset + 12 + length;
    if (end > bytes.length) fail(`PNG chunk ${type} at byte ${offset} runs past the end of the file (truncated)`);
    if (size === undefined) {
      if (type !== 'IHDR' || length !== 13) fail('PNG does not start with an IHDR chunk');
      size = { width: view.getUint32(offset + 8), height: view.getUint32(offset + 12) };
      if (size.width === 0 || size.height === 0) fail('PNG has a zero width or height');
    }
    if (type === 'IEND') return size as { width: number; height: number };
    offset = end;
  }
  return fail('PNG ends without an IEND chunk (truncated)');
};

// ---------------------------------------------------------------------------------------------------
// JPEG: SOI, marker segments inside the file up to the scan, a frame header, EOI at the end.

const inspectJpeg = (bytes: Uint8Array): { width: number; height: number } => {
  let offset = 2;
  let size: { width: number; height: number } | undefined;
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) fail(`JPEG marker expected at byte ${offset}`);
    const marker = bytes[offset + 1] ?? 0;
    if (marker === 0xff) {
      offset += 1; // fill byte
      continue;
    }
    const length = ((bytes[offset + 2] ?? 0) << 8) | (bytes[offset + 3] ?? 0);
    if (length < 2 || offset + 2 + length > bytes.length) {
      fail(`JPEG segment 0x${marker.toString(16)} at byte ${offset} runs past the end of the file (truncated)`);
    }
    // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (length < 8) fail('JPEG frame header is too short');
      size = {
        height: ((bytes[offset + 5] ?? 0) << 8) | (bytes[offset + 6] ?? 0),
        width: ((bytes[offset + 7] ?? 0) << 8) | (bytes[offset + 8] ?? 0),
      };
      if (size.width === 0) fail('JPEG frame has zero width');
    }
    if (marker === 0xda) {
      if (size === undefined) fail('JPEG scan starts before a frame header');
      if (bytes[bytes.length - 2] !== 0xff || bytes[bytes.length - 1] !== 0xd9) {
        fail('JPEG does not end with an EOI marker (truncated)');
      }
      return size as { width: number; height: number };
    }
    offset += 2 + length;
  }
  return fail('JPEG ends before its scan data (truncated)');
};

// ---------------------------------------------------------------------------------------------------
// TIFF: every IFD and every strip/tile it references must lie inside the file.

const TAG_WIDTH = 256;
const TAG_HEIGHT = 257;
const TAG_STRIP_OFFSETS = 273;
const TAG_STRIP_BYTE_COUNTS = 279;
const TAG_TILE_OFFSETS = 324;
const TAG_TILE_BYTE_COUNTS = 325;
const TYPE_SIZES: Readonly<Record<number, number>> = {
  1: 1,
  2: 1,
  3: 2,
  4: 4,
  5: 8,
  6: 1,
  7: 1,
  8: 2,
  9: 4,
  10: 8,
  11: 4,
  12: 8,
};
const MAX_IFDS = 10_000;

interface TiffEntry {
  readonly type: number;
  readonly count: number;
  readonly valueOffset: number;
}

const inspectTiff = (bytes: Uint8Array): { pages: number; width: number; height: number } => {
  if (bytes.length < 8) fail('TIFF header is truncated');
  const little = bytes[0] === 0x49;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let ifd = view.getUint32(4, little);
  const seen = new Set<number>();
  let first: { width: number; height: number } | undefined;
  while (ifd !== 0) {
    if (seen.has(ifd)) fail(`TIFF IFD chain loops back to byte ${ifd}`);
    if (seen.size >= MAX_IFDS) fail(`TIFF has more than ${MAX_IFDS} images`);
    seen.add(ifd);
    if (ifd + 2 > bytes.length) fail(`TIFF IFD at byte ${ifd} is beyond the end of the file (truncated)`);
    const count = view.getUint16(ifd, little);
    const next = ifd + 2 + count * 12;
    if (next + 4 > bytes.length) fail(`TIFF IFD at byte ${ifd} runs past the end of the file (truncated)`);
    const entries = new Map<number, TiffEntry>();
    for (let i = 0; i < count; i++) {
      const at = ifd + 2 + i * 12;
      const type = view.getUint16(at + 2, little);
      const n = view.getUint32(at + 4, little);
      const size = (TYPE_SIZES[type] ?? 1) * n;
      const valueOffset = size <= 4 ? at + 8 : view.getUint32(at + 8, little);
      if (valueOffset + size > bytes.length) {
        fail(`TIFF tag ${view.getUint16(at, little)} values run past the end of the file (truncated)`);
      }
      entries.set(view.getUint16(at, little), { type, count: n, valueOffset });
    }
    const readValues = (tag: number): number[] => {
      const entry = entries.get(tag);
      if (entry === undefined) return [];
      const width = entry.type === 3 ? 2 : 4;
      // The size check above used the tag's declared type; a type other than SHORT reads 4 bytes per value.
      if (entry.valueOffset + entry.count * width > bytes.length) {
        fail(`TIFF tag ${tag} values run past the end of the file (truncated)`);
      }
      return Array.from({ length: entry.count }, (_, k) =>
        width === 2
          ? view.getUint16(entry.valueOffset + k * 2, little)
          : view.getUint32(entry.valueOffset + k * 4, little),
      );
    };
    const width = readValues(TAG_WIDTH)[0] ?? 0;
    const height = readValues(TAG_HEIGHT)[0] ?? 0;
    if (width === 0 || height === 0) fail(`TIFF image at IFD byte ${ifd} has no width or height`);
    first ??= { width, height };
    const tiled = entries.has(TAG_TILE_OFFSETS);
    const offsets = readValues(tiled ? TAG_TILE_OFFSETS : TAG_STRIP_OFFSETS);
    const counts = readValues(tiled ? TAG_TILE_BYTE_COUNTS : TAG_STRIP_BYTE_COUNTS);
    if (offsets.length === 0 || offsets.length !== counts.length) {
      fail(`TIFF image at IFD byte ${ifd} has no consistent strip or tile offsets`);
    }
    offsets.forEach((start, k) => {
      if (start + (counts[k] ?? 0) > bytes.length) {
        fail(`TIFF image data (${tiled ? 'tile' : 'strip'} ${k}) runs past the end of the file (truncated)`);
      }
    });
    ifd = view.getUint32(next, little);
  }
  if (first === undefined) return fail('TIFF has no image directory');
  return { pages: seen.size, ...first };
};
