/** How a dataset's bytes are laid out: header form and byte order. */
export interface Encoding {
  readonly explicitVr: boolean;
  readonly littleEndian: boolean;
}

export interface TransferSyntax extends Encoding {
  readonly uid: string;
  readonly name: string;
  /** The whole dataset after the file meta is raw-deflated (PS3.5 §A.5). */
  readonly deflated: boolean;
  /** Pixel data is compressed and encapsulated in fragments (PS3.5 §A.4). */
  readonly encapsulated: boolean;
}

export const IMPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2';
export const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';
export const DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1.99';
export const EXPLICIT_VR_BIG_ENDIAN = '1.2.840.10008.1.2.2';
export const JPEG_BASELINE = '1.2.840.10008.1.2.4.50';

export const EXPLICIT_LE: Encoding = { explicitVr: true, littleEndian: true };
export const IMPLICIT_LE: Encoding = { explicitVr: false, littleEndian: true };
export const EXPLICIT_BE: Encoding = { explicitVr: true, littleEndian: false };

const native = (uid: string, name: string, encoding: Encoding, deflated = false): TransferSyntax => ({
  uid,
  name,
  ...encoding,
  deflated,
  encapsulated: false,
});

const encapsulated = (uid: string, name: string): TransferSyntax => ({
  uid,
  name,
  ...EXPLICIT_LE,
  deflated: false,
  encapsulated: true,
});

const KNOWN: readonly TransferSyntax[] = [
  native(IMPLICIT_VR_LITTLE_ENDIAN, 'Implicit VR Little Endian', IMPLICIT_LE),
  native(EXPLICIT_VR_LITTLE_ENDIAN, 'Explicit VR Little Endian', EXPLICIT_LE),
  native(DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN, 'Deflated Explicit VR Little Endian', EXPLICIT_LE, true),
  native(EXPLICIT_VR_BIG_ENDIAN, 'Explicit VR Big Endian (retired)', EXPLICIT_BE),
  encapsulated(JPEG_BASELINE, 'JPEG Baseline (Process 1)'),
  encapsulated('1.2.840.10008.1.2.4.51', 'JPEG Extended (Process 2 & 4)'),
  encapsulated('1.2.840.10008.1.2.4.57', 'JPEG Lossless, Non-Hierarchical (Process 14)'),
  encapsulated('1.2.840.10008.1.2.4.70', 'JPEG Lossless, First-Order Prediction'),
  encapsulated('1.2.840.10008.1.2.4.80', 'JPEG-LS Lossless'),
  encapsulated('1.2.840.10008.1.2.4.81', 'JPEG-LS Near-Lossless'),
  encapsulated('1.2.840.10008.1.2.4.90', 'JPEG 2000 (Lossless Only)'),
  encapsulated('1.2.840.10008.1.2.4.91', 'JPEG 2000'),
  encapsulated('1.2.840.10008.1.2.4.100', 'MPEG2 Main Profile / Main Level'),
  encapsulated('1.2.840.10008.1.2.4.102', 'MPEG-4 AVC/H.264 High Profile / Level 4.1'),
  encapsulated('1.2.840.10008.1.2.4.201', 'High-Throughput JPEG 2000 (Lossless Only)'),
  encapsulated('1.2.840.10008.1.2.5', 'RLE Lossless'),
];

const BY_UID: ReadonlyMap<string, TransferSyntax> = new Map(KNOWN.map((syntax) => [syntax.uid, syntax]));

/**
 * Every transfer syntax other than the four native ones is explicit VR little endian with encapsulated
 * pixel data (PS3.5 §10), so an unlisted UID is still readable.
 */
export const transferSyntaxOf = (uid: string): TransferSyntax =>
  BY_UID.get(uid) ?? encapsulated(uid, 'Unlisted (encapsulated, explicit VR little endian)');
