import { type DicomDataset, type DicomElement, findElement } from './elements';
import { type DicomFile, type DicomLayout, readDicomFile } from './read-file';
import { PIXEL_DATA, type Tag, tagOf } from './tag';
import type { TransferSyntax } from './transfer-syntax';
import { decodeLatin1, decoderFor, readNumbers, readText, splitValues, type TextDecoderFn } from './values';
import { isStringVr } from './vr';

/** The attributes UC5 reports, decoded; null when absent (empty string when present but empty). */
export interface DicomAttributes {
  readonly patientName: string | null;
  readonly patientId: string | null;
  readonly patientBirthDate: string | null;
  readonly patientSex: string | null;
  readonly studyInstanceUid: string | null;
  readonly seriesInstanceUid: string | null;
  readonly sopInstanceUid: string | null;
  readonly sopClassUid: string | null;
  readonly studyDate: string | null;
  readonly studyTime: string | null;
  readonly studyDescription: string | null;
  readonly seriesDescription: string | null;
  readonly modality: string | null;
  readonly bodyPartExamined: string | null;
  readonly institutionName: string | null;
  readonly referringPhysicianName: string | null;
  readonly accessionNumber: string | null;
  readonly specificCharacterSet: string | null;
  /** (0028,0301) = YES → true, NO → false, absent or other → null. */
  readonly burnedInAnnotation: boolean | null;
  readonly rows: number | null;
  readonly columns: number | null;
  readonly numberOfFrames: number | null;
  readonly mediaStorageSopInstanceUid: string | null;
}

export interface PixelDataInfo {
  readonly vr: string;
  readonly encapsulated: boolean;
  /** Bytes of the value (for encapsulated data: all fragments with their item headers). */
  readonly valueLength: number;
  /** Fragment count including the Basic Offset Table item; 0 for native pixel data. */
  readonly fragmentCount: number;
}

export interface ParsedDicom {
  readonly layout: DicomLayout;
  readonly transferSyntax: TransferSyntax;
  readonly attributes: DicomAttributes;
  readonly pixelData: PixelDataInfo | null;
  /** The located elements, for PHI detection and the leak check; offsets refer to `dataset.bytes`. */
  readonly dataset: DicomDataset;
  readonly meta: DicomDataset | null;
  /** Decoder for the dataset's Specific Character Set. */
  readonly decodeText: TextDecoderFn;
}

const t = tagOf;
const TAGS = {
  specificCharacterSet: t(0x0008, 0x0005),
  sopClassUid: t(0x0008, 0x0016),
  sopInstanceUid: t(0x0008, 0x0018),
  studyDate: t(0x0008, 0x0020),
  studyTime: t(0x0008, 0x0030),
  accessionNumber: t(0x0008, 0x0050),
  modality: t(0x0008, 0x0060),
  institutionName: t(0x0008, 0x0080),
  referringPhysicianName: t(0x0008, 0x0090),
  studyDescription: t(0x0008, 0x1030),
  seriesDescription: t(0x0008, 0x103e),
  patientName: t(0x0010, 0x0010),
  patientId: t(0x0010, 0x0020),
  patientBirthDate: t(0x0010, 0x0030),
  patientSex: t(0x0010, 0x0040),
  bodyPartExamined: t(0x0018, 0x0015),
  studyInstanceUid: t(0x0020, 0x000d),
  seriesInstanceUid: t(0x0020, 0x000e),
  numberOfFrames: t(0x0028, 0x0008),
  rows: t(0x0028, 0x0010),
  columns: t(0x0028, 0x0011),
  burnedInAnnotation: t(0x0028, 0x0301),
  mediaStorageSopInstanceUid: t(0x0002, 0x0003),
} as const satisfies Record<string, Tag>;

/** Parses a DICOM file (any layout, any transfer syntax); throws `DicomParseError` on anything else. */
export const parseDicom = (bytes: Uint8Array): ParsedDicom => {
  const file: DicomFile = readDicomFile(bytes);
  const { dataset, meta } = file;
  const charsetElement = findElement(dataset.elements, TAGS.specificCharacterSet);
  const charset =
    charsetElement === undefined ? [] : splitValues('CS', readText(dataset.bytes, charsetElement, decodeLatin1));
  const decodeText = decoderFor(charset);
  const text = (tag: Tag, source: DicomDataset | null = dataset): string | null => {
    if (source === null) return null;
    const element = findElement(source.elements, tag);
    // UN: an explicit-VR writer that did not know the attribute; its bytes are still the text.
    if (element === undefined || !(isStringVr(element.vr) || element.vr === 'UN')) return null;
    return readText(source.bytes, element, decodeText);
  };
  const unsigned = (tag: Tag): number | null => {
    const element = findElement(dataset.elements, tag);
    return element === undefined ? null : (readNumbers(dataset.bytes, element, dataset.encoding)[0] ?? null);
  };
  const integerString = (tag: Tag): number | null => {
    const value = text(tag);
    const parsed = value === null ? Number.NaN : Number.parseInt(value, 10);
    return Number.isFinite(parsed) ? parsed : null;
  };
  const burnedIn = text(TAGS.burnedInAnnotation)?.toUpperCase();
  return {
    layout: file.layout,
    transferSyntax: file.transferSyntax,
    attributes: {
      patientName: text(TAGS.patientName),
      patientId: text(TAGS.patientId),
      patientBirthDate: text(TAGS.patientBirthDate),
      patientSex: text(TAGS.patientSex),
      studyInstanceUid: text(TAGS.studyInstanceUid),
      seriesInstanceUid: text(TAGS.seriesInstanceUid),
      sopInstanceUid: text(TAGS.sopInstanceUid),
      sopClassUid: text(TAGS.sopClassUid),
      studyDate: text(TAGS.studyDate),
      studyTime: text(TAGS.studyTime),
      studyDescription: text(TAGS.studyDescription),
      seriesDescription: text(TAGS.seriesDescription),
      modality: text(TAGS.modality),
      bodyPartExamined: text(TAGS.bodyPartExamined),
      institutionName: text(TAGS.institutionName),
      referringPhysicianName: text(TAGS.referringPhysicianName),
      accessionNumber: text(TAGS.accessionNumber),
      specificCharacterSet: charsetElement === undefined ? null : charset.join('\\'),
      burnedInAnnotation: burnedIn === 'YES' ? true : burnedIn === 'NO' ? false : null,
      rows: unsigned(TAGS.rows),
      columns: unsigned(TAGS.columns),
      numberOfFrames: integerString(TAGS.numberOfFrames),
      mediaStorageSopInstanceUid: text(TAGS.mediaStorageSopInstanceUid, meta),
    },
    pixelData: pixelDataInfo(findElement(dataset.elements, PIXEL_DATA)),
    dataset,
    meta,
    decodeText,
  };
};

const pixelDataInfo = (element: DicomElement | undefined): PixelDataInfo | null =>
  element === undefined
    ? null
    : {
        vr: element.vr,
        encapsulated: element.fragments !== null,
        valueLength: element.valueLength,
        fragmentCount: element.fragments?.length ?? 0,
      };
