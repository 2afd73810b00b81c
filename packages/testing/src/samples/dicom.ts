/**
 * Small but valid DICOM files built from scratch, for tests of the UC5 DICOM service. The encoder here is
 * deliberately independent of the service's parser/writer: tests compare what this module wrote (known
 * inputs) with what the service reads back.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';

export type DicomSampleSyntax =
  | 'explicit-le'
  | 'implicit-le'
  | 'explicit-be'
  | 'deflated'
  | 'jpeg-baseline'
  | 'raw-implicit-le';

export const DICOM_SAMPLE_SYNTAXES: readonly DicomSampleSyntax[] = [
  'explicit-le',
  'implicit-le',
  'explicit-be',
  'deflated',
  'jpeg-baseline',
  'raw-implicit-le',
];

export const TRANSFER_SYNTAX_UIDS: Readonly<Record<DicomSampleSyntax, string>> = {
  'explicit-le': '1.2.840.10008.1.2.1',
  'implicit-le': '1.2.840.10008.1.2',
  'explicit-be': '1.2.840.10008.1.2.2',
  deflated: '1.2.840.10008.1.2.1.99',
  'jpeg-baseline': '1.2.840.10008.1.2.4.50',
  'raw-implicit-le': '1.2.840.10008.1.2',
};

/** Every value the generator writes; tests compare parsed values against these. */
export interface DicomSampleValues {
  readonly specificCharacterSet: string;
  readonly patientName: string;
  readonly patientId: string;
  readonly patientBirthDate: string;
  readonly patientSex: string;
  readonly patientAge: string;
  readonly patientWeight: string;
  readonly patientAddress: string;
  readonly otherPatientIds: string;
  readonly studyInstanceUid: string;
  readonly studyDate: string;
  readonly studyTime: string;
  readonly studyDescription: string;
  readonly studyId: string;
  readonly accessionNumber: string;
  readonly referringPhysicianName: string;
  /** Kept by the profile: tests put an identifying value here to prove the leak check finds it. */
  readonly manufacturer: string;
  readonly institutionName: string;
  readonly institutionAddress: string;
  readonly stationName: string;
  readonly operatorsName: string;
  readonly deviceSerialNumber: string;
  readonly seriesInstanceUid: string;
  readonly seriesNumber: string;
  readonly seriesDescription: string;
  readonly seriesDate: string;
  readonly modality: string;
  readonly bodyPartExamined: string;
  readonly frameOfReferenceUid: string;
  readonly sopClassUid: string;
  readonly sopInstanceUid: string;
  readonly instanceNumber: string;
  readonly contentDate: string;
  readonly imageComments: string;
  readonly burnedInAnnotation: 'YES' | 'NO';
  readonly rows: number;
  readonly columns: number;
  /** In ReferencedStudySequence (undefined length). */
  readonly referencedStudyUid: string;
  /** In ReferencedImageSequence (defined length). */
  readonly referencedImageUid: string;
  /** In ReferencedSeriesSequence (undefined length) › ReferencedInstanceSequence (defined length). */
  readonly referencedSeriesUid: string;
  readonly referencedInstanceUid: string;
  readonly privateCreator: string;
  readonly privateValue: string;
}

export interface DicomSample {
  readonly syntax: DicomSampleSyntax;
  readonly transferSyntaxUid: string;
  readonly values: DicomSampleValues;
  readonly bytes: Uint8Array;
  /** The Pixel Data value exactly as written (byte-swapped for big endian; fragments and delimiters for JPEG). */
  readonly pixelData: Uint8Array;
}

const CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2';
const SECONDARY_CAPTURE_STORAGE = '1.2.840.10008.5.1.4.1.1.7';

/** A UID under the 2.25 root that encodes its role and indices (no leading zeros, ≤ 64 chars). */
export const sampleUid = (kind: number, ...indices: number[]): string =>
  `2.25.1${[kind, ...indices].map((part) => String(part).padStart(4, '0')).join('')}`;

export const defaultDicomSampleValues = (study = 1, series = 1, instance = 1): DicomSampleValues => ({
  specificCharacterSet: 'ISO_IR 100',
  patientName: `DOE${study}^JANE^Q`,
  patientId: `PID-${String(study).padStart(6, '0')}`,
  patientBirthDate: `197${study % 10}0412`,
  patientSex: 'F',
  patientAge: '052Y',
  patientWeight: '61.5',
  patientAddress: `${10 + study} Harbour Street, Springfield`,
  otherPatientIds: `MRN-${900000 + study}`,
  studyInstanceUid: sampleUid(1, study),
  studyDate: `2024031${study % 10}`,
  studyTime: '101530',
  studyDescription: `CT CHEST for Jane Doe${study}, MRN-${900000 + study}`,
  studyId: `S${study}`,
  accessionNumber: `ACC${String(study).padStart(7, '0')}`,
  referringPhysicianName: 'HOUSE^GREGORY^^DR',
  manufacturer: 'FSXN Imaging',
  institutionName: 'Princeton Plainsboro Teaching Hospital',
  institutionAddress: '1 Hospital Road, Plainsboro',
  stationName: 'CTSCANNER01',
  operatorsName: 'CHASE^ROBERT',
  deviceSerialNumber: 'SN-4471-XQ',
  seriesInstanceUid: sampleUid(2, study, series),
  seriesNumber: String(series),
  seriesDescription: `Axial ${series} mm`,
  seriesDate: `2024031${study % 10}`,
  modality: 'CT',
  bodyPartExamined: 'CHEST',
  frameOfReferenceUid: sampleUid(4, study, series),
  sopClassUid: CT_IMAGE_STORAGE,
  sopInstanceUid: sampleUid(3, study, series, instance),
  instanceNumber: String(instance),
  contentDate: `2024031${study % 10}`,
  imageComments: `Patient Jane Doe${study} (DOB 1970-04-12) called 555-0142 before scan`,
  burnedInAnnotation: instance % 2 === 0 ? 'YES' : 'NO',
  rows: 4,
  columns: 6,
  referencedStudyUid: sampleUid(5, study),
  referencedImageUid: sampleUid(6, study, series, instance),
  referencedSeriesUid: sampleUid(7, study, series),
  referencedInstanceUid: sampleUid(8, study, series, instance),
  privateCreator: 'FSXN TEST CREATOR',
  privateValue: `internal ref Jane Doe${study}`,
});

// ---- encoder --------------------------------------------------------------------------------------

interface Encoding {
  readonly explicit: boolean;
  readonly little: boolean;
}

type Value =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'us'; readonly numbers: readonly number[] }
  | { readonly kind: 'ul'; readonly numbers: readonly number[] }
  | { readonly kind: 'raw'; readonly bytes: Uint8Array }
  | { readonly kind: 'sq'; readonly items: readonly Item[]; readonly undefinedLength: boolean }
  | { readonly kind: 'encapsulated'; readonly fragments: readonly Uint8Array[] };

interface El {
  readonly tag: number;
  readonly vr: string;
  readonly value: Value;
}

interface Item {
  readonly elements: readonly El[];
  readonly undefinedLength: boolean;
}

const LONG_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV']);
const UNDEFINED = 0xffffffff;

const text = (tag: number, vr: string, value: string): El => ({ tag, vr, value: { kind: 'text', text: value } });
const us = (tag: number, ...numbers: number[]): El => ({ tag, vr: 'US', value: { kind: 'us', numbers } });
const sq = (tag: number, items: Item[], undefinedLength: boolean): El => ({
  tag,
  vr: 'SQ',
  value: { kind: 'sq', items, undefinedLength },
});

const concat = (parts: readonly Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
};

const u16 = (value: number, little: boolean): Uint8Array => {
  const out = new Uint8Array(2);
  new DataView(out.buffer).setUint16(0, value, little);
  return out;
};
const u32 = (value: number, little: boolean): Uint8Array => {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, value, little);
  return out;
};
const tagBytes = (tag: number, little: boolean): Uint8Array =>
  concat([u16(tag >>> 16, little), u16(tag & 0xffff, little)]);

const latin1 = (value: string): Uint8Array => Uint8Array.from(Buffer.from(value, 'latin1'));

const encodeText = (vr: string, value: string): Uint8Array => {
  const bytes = latin1(value);
  if (bytes.length % 2 === 0) return bytes;
  return concat([bytes, Uint8Array.of(vr === 'UI' ? 0x00 : 0x20)]);
};

const header = (tag: number, vr: string, length: number, encoding: Encoding): Uint8Array => {
  if (!encoding.explicit) return concat([tagBytes(tag, encoding.little), u32(length, encoding.little)]);
  const vrBytes = latin1(vr);
  if (LONG_VRS.has(vr))
    return concat([tagBytes(tag, encoding.little), vrBytes, new Uint8Array(2), u32(length, encoding.little)]);
  return concat([tagBytes(tag, encoding.little), vrBytes, u16(length, encoding.little)]);
};

const ITEM_TAG = 0xfffee000;
const ITEM_DELIMITER = 0xfffee00d;
const SEQUENCE_DELIMITER = 0xfffee0dd;
const marker = (tag: number, length: number, little: boolean): Uint8Array =>
  concat([tagBytes(tag, little), u32(length, little)]);

const encodeValue = (value: Value, encoding: Encoding, vr: string): Uint8Array => {
  switch (value.kind) {
    case 'text':
      return encodeText(vr, value.text);
    case 'us':
      return concat(value.numbers.map((number) => u16(number, encoding.little)));
    case 'ul':
      return concat(value.numbers.map((number) => u32(number, encoding.little)));
    case 'raw':
      return value.bytes;
    case 'sq':
      return concat(
        value.items.map((item) => {
          const body = encodeElements(item.elements, encoding);
          return item.undefinedLength
            ? concat([marker(ITEM_TAG, UNDEFINED, encoding.little), body, marker(ITEM_DELIMITER, 0, encoding.little)])
            : concat([marker(ITEM_TAG, body.length, encoding.little), body]);
        }),
      );
    case 'encapsulated':
      return concat(value.fragments.map((fragment) => concat([marker(ITEM_TAG, fragment.length, true), fragment])));
  }
};

const encodeElement = (element: El, encoding: Encoding): Uint8Array => {
  const body = encodeValue(element.value, encoding, element.vr);
  const undefinedLength =
    element.value.kind === 'encapsulated' || (element.value.kind === 'sq' && element.value.undefinedLength);
  if (!undefinedLength) return concat([header(element.tag, element.vr, body.length, encoding), body]);
  return concat([
    header(element.tag, element.vr, UNDEFINED, encoding),
    body,
    marker(SEQUENCE_DELIMITER, 0, encoding.little),
  ]);
};

const encodeElements = (elements: readonly El[], encoding: Encoding): Uint8Array =>
  concat([...elements].sort((a, b) => a.tag - b.tag).map((element) => encodeElement(element, encoding)));

const EXPLICIT_LITTLE: Encoding = { explicit: true, little: true };

const fileMeta = (sopClassUid: string, sopInstanceUid: string, transferSyntaxUid: string): Uint8Array => {
  const rest = encodeElements(
    [
      { tag: 0x00020001, vr: 'OB', value: { kind: 'raw', bytes: Uint8Array.of(0, 1) } },
      text(0x00020002, 'UI', sopClassUid),
      text(0x00020003, 'UI', sopInstanceUid),
      text(0x00020010, 'UI', transferSyntaxUid),
      text(0x00020012, 'UI', '2.25.1999900000001'),
      text(0x00020013, 'SH', 'FSXN_SAMPLES'),
      text(0x00020016, 'AE', 'CTSCANNER01'),
    ],
    EXPLICIT_LITTLE,
  );
  return concat([
    encodeElements([{ tag: 0x00020000, vr: 'UL', value: { kind: 'ul', numbers: [rest.length] } }], EXPLICIT_LITTLE),
    rest,
  ]);
};

// ---- dataset --------------------------------------------------------------------------------------

/** 16-bit native pixels: a deterministic ramp so a changed byte is visible. */
const nativePixels = (rows: number, columns: number, little: boolean, seed: number): Uint8Array =>
  concat(Array.from({ length: rows * columns }, (_, index) => u16((index * 37 + seed * 101) & 0x0fff, little)));

/** A fake but well-formed JPEG stream (SOI, APP0 "JFIF", filler, EOI), even length. */
const fakeJpeg = (seed: number): Uint8Array =>
  concat([
    Uint8Array.of(0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10),
    latin1('JFIF\0'),
    Uint8Array.from({ length: 21 }, (_, index) => (index * 13 + seed) & 0xff),
    Uint8Array.of(0xff, 0xd9),
  ]);

const datasetElements = (values: DicomSampleValues, syntax: DicomSampleSyntax, seed: number): El[] => {
  const jpeg = syntax === 'jpeg-baseline';
  const little = syntax !== 'explicit-be';
  const pixelValue: Value = jpeg
    ? // Basic Offset Table with one frame at offset 0, then the frame split in two fragments.
      { kind: 'encapsulated', fragments: [u32(0, true), fakeJpeg(seed).subarray(0, 16), fakeJpeg(seed).subarray(16)] }
    : { kind: 'raw', bytes: nativePixels(values.rows, values.columns, little, seed) };
  return [
    text(0x00080005, 'CS', values.specificCharacterSet),
    text(0x00080008, 'CS', 'ORIGINAL\\PRIMARY\\AXIAL'),
    text(0x00080016, 'UI', values.sopClassUid),
    text(0x00080018, 'UI', values.sopInstanceUid),
    text(0x00080020, 'DA', values.studyDate),
    text(0x00080021, 'DA', values.seriesDate),
    text(0x00080023, 'DA', values.contentDate),
    text(0x00080030, 'TM', values.studyTime),
    text(0x00080050, 'SH', values.accessionNumber),
    text(0x00080060, 'CS', values.modality),
    text(0x00080070, 'LO', values.manufacturer),
    text(0x00080080, 'LO', values.institutionName),
    text(0x00080081, 'ST', values.institutionAddress),
    text(0x00080090, 'PN', values.referringPhysicianName),
    text(0x00081010, 'SH', values.stationName),
    text(0x00081030, 'LO', values.studyDescription),
    text(0x0008103e, 'LO', values.seriesDescription),
    text(0x00081070, 'PN', values.operatorsName),
    sq(
      0x00081110,
      [
        {
          elements: [
            text(0x00081150, 'UI', '1.2.840.10008.3.1.2.3.1'),
            text(0x00081155, 'UI', values.referencedStudyUid),
          ],
          undefinedLength: true,
        },
      ],
      true,
    ),
    sq(
      0x00081115,
      [
        {
          elements: [
            text(0x0020000e, 'UI', values.referencedSeriesUid),
            sq(
              0x0008114a,
              [
                {
                  elements: [
                    text(0x00081150, 'UI', values.sopClassUid),
                    text(0x00081155, 'UI', values.referencedInstanceUid),
                  ],
                  undefinedLength: false,
                },
              ],
              false,
            ),
          ],
          undefinedLength: true,
        },
      ],
      true,
    ),
    sq(
      0x00081140,
      [
        {
          elements: [text(0x00081150, 'UI', values.sopClassUid), text(0x00081155, 'UI', values.referencedImageUid)],
          undefinedLength: false,
        },
      ],
      false,
    ),
    text(0x00090010, 'LO', values.privateCreator),
    text(0x00091001, 'LO', values.privateValue),
    text(0x00100010, 'PN', values.patientName),
    text(0x00100020, 'LO', values.patientId),
    text(0x00100030, 'DA', values.patientBirthDate),
    text(0x00100040, 'CS', values.patientSex),
    text(0x00101000, 'LO', values.otherPatientIds),
    text(0x00101010, 'AS', values.patientAge),
    text(0x00101030, 'DS', values.patientWeight),
    text(0x00101040, 'LO', values.patientAddress),
    text(0x00180015, 'CS', values.bodyPartExamined),
    text(0x00181000, 'LO', values.deviceSerialNumber),
    text(0x0020000d, 'UI', values.studyInstanceUid),
    text(0x0020000e, 'UI', values.seriesInstanceUid),
    text(0x00200010, 'SH', values.studyId),
    text(0x00200011, 'IS', values.seriesNumber),
    text(0x00200013, 'IS', values.instanceNumber),
    text(0x00200052, 'UI', values.frameOfReferenceUid),
    text(0x00204000, 'LT', values.imageComments),
    us(0x00280002, 1),
    text(0x00280004, 'CS', jpeg ? 'YBR_FULL_422' : 'MONOCHROME2'),
    us(0x00280010, values.rows),
    us(0x00280011, values.columns),
    us(0x00280100, jpeg ? 8 : 16),
    us(0x00280101, jpeg ? 8 : 12),
    us(0x00280102, jpeg ? 7 : 11),
    us(0x00280103, 0),
    text(0x00280301, 'CS', values.burnedInAnnotation),
    { tag: 0x7fe00010, vr: jpeg ? 'OB' : 'OW', value: pixelValue },
  ];
};

const ENCODINGS: Readonly<Record<DicomSampleSyntax, Encoding>> = {
  'explicit-le': EXPLICIT_LITTLE,
  'implicit-le': { explicit: false, little: true },
  'explicit-be': { explicit: true, little: false },
  deflated: EXPLICIT_LITTLE,
  'jpeg-baseline': EXPLICIT_LITTLE,
  'raw-implicit-le': { explicit: false, little: true },
};

/** Value bytes of the Pixel Data element exactly as encoded in the dataset. */
const pixelValueBytes = (element: El, encoding: Encoding): Uint8Array => {
  const whole = encodeElement(element, encoding);
  const headerLength = encoding.explicit ? 12 : 8;
  return element.value.kind === 'encapsulated'
    ? whole.subarray(headerLength, whole.length - 8)
    : whole.subarray(headerLength);
};

export interface DicomSampleOptions {
  readonly syntax?: DicomSampleSyntax;
  readonly values?: Partial<DicomSampleValues>;
  /** Varies the pixel ramp / JPEG filler. */
  readonly seed?: number;
}

export const buildDicomSample = (options: DicomSampleOptions = {}): DicomSample => {
  const syntax = options.syntax ?? 'explicit-le';
  const values: DicomSampleValues = { ...defaultDicomSampleValues(), ...options.values };
  const seed = options.seed ?? 1;
  const encoding = ENCODINGS[syntax];
  const transferSyntaxUid = TRANSFER_SYNTAX_UIDS[syntax];
  const elements = datasetElements(values, syntax, seed);
  const pixelElement = elements.find((element) => element.tag === 0x7fe00010);
  const pixelData = pixelElement === undefined ? new Uint8Array() : pixelValueBytes(pixelElement, encoding);
  const dataset = encodeElements(elements, encoding);
  if (syntax === 'raw-implicit-le') return { syntax, transferSyntaxUid, values, bytes: dataset, pixelData };
  const body = syntax === 'deflated' ? new Uint8Array(deflateRawSync(dataset)) : dataset;
  const bytes = concat([
    new Uint8Array(128),
    latin1('DICM'),
    fileMeta(values.sopClassUid, values.sopInstanceUid, transferSyntaxUid),
    body,
  ]);
  return { syntax, transferSyntaxUid, values, bytes, pixelData };
};

/** A valid explicit-VR file cut inside its pixel data: a reader must report the truncation. */
export const truncatedDicom = (): Uint8Array => {
  const { bytes } = buildDicomSample({ syntax: 'explicit-le' });
  return bytes.subarray(0, bytes.length - 11);
};

/** A PNG header followed by text, stored under a `.dcm` name: neither Part-10 nor a raw dataset. */
export const notDicomButNamedDcm = (): Uint8Array =>
  concat([Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a), latin1('This is not DICOM. '.repeat(12))]);

// ---- studies on disk ------------------------------------------------------------------------------

export interface GeneratedDicomFile {
  /** Path relative to the output directory, `/`-separated. */
  readonly path: string;
  readonly syntax: DicomSampleSyntax;
  readonly studyInstanceUid: string;
  readonly seriesInstanceUid: string;
  readonly sopInstanceUid: string;
  readonly size: number;
}

export interface GeneratedDicomStudies {
  readonly files: readonly GeneratedDicomFile[];
  readonly studyInstanceUids: readonly string[];
  readonly totalBytes: number;
}

export interface GenerateDicomStudiesOptions {
  readonly studies: number;
  readonly seriesPerStudy: number;
  readonly instancesPerSeries: number;
}

/**
 * Writes `study-S/series-R/instance-I.dcm`, cycling through every transfer syntax, plus one more instance
 * of study 1, series 1 as the extension-less Part-10 file `study-1/IM000001` (a secondary capture). Instances of one study share a StudyInstanceUID and patient; of one series, a
 * SeriesInstanceUID and Frame of Reference.
 */
export const generateDicomStudies = async (
  dir: string,
  options: GenerateDicomStudiesOptions,
): Promise<GeneratedDicomStudies> => {
  const files: GeneratedDicomFile[] = [];
  let counter = 0;
  const write = async (relative: string, sample: DicomSample): Promise<void> => {
    const path = join(dir, ...relative.split('/'));
    await mkdir(join(path, '..'), { recursive: true });
    await writeFile(path, sample.bytes);
    files.push({
      path: relative,
      syntax: sample.syntax,
      studyInstanceUid: sample.values.studyInstanceUid,
      seriesInstanceUid: sample.values.seriesInstanceUid,
      sopInstanceUid: sample.values.sopInstanceUid,
      size: sample.bytes.length,
    });
  };
  for (let study = 1; study <= options.studies; study++) {
    for (let series = 1; series <= options.seriesPerStudy; series++) {
      for (let instance = 1; instance <= options.instancesPerSeries; instance++) {
        const syntax = DICOM_SAMPLE_SYNTAXES[counter % DICOM_SAMPLE_SYNTAXES.length] ?? 'explicit-le';
        counter++;
        const values = defaultDicomSampleValues(study, series, instance);
        await write(
          `study-${study}/series-${series}/instance-${instance}.dcm`,
          buildDicomSample({ syntax, values, seed: counter }),
        );
      }
    }
  }
  if (options.studies > 0 && options.seriesPerStudy > 0) {
    const values = {
      ...defaultDicomSampleValues(1, 1, options.instancesPerSeries + 1),
      sopClassUid: SECONDARY_CAPTURE_STORAGE,
      modality: 'OT',
    };
    await write('study-1/IM000001', buildDicomSample({ syntax: 'explicit-le', values, seed: counter + 1 }));
  }
  return {
    files,
    studyInstanceUids: [...new Set(files.map((file) => file.studyInstanceUid))],
    totalBytes: files.reduce((sum, file) => sum + file.size, 0),
  };
};
