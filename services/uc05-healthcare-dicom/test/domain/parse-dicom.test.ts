import {
  buildDicomSample,
  DICOM_SAMPLE_SYNTAXES,
  defaultDicomSampleValues,
  notDicomButNamedDcm,
  TRANSFER_SYNTAX_UIDS,
  truncatedDicom,
} from '@fsxn/testing';
import { describe, expect, it } from 'vitest';
import { classify, DicomParseError, isDicomPart10, parseDicom } from '../../src/domain';
import { pixelValue } from './helpers';

const expectParseError = (bytes: Uint8Array): DicomParseError => {
  try {
    parseDicom(bytes);
  } catch (error) {
    expect(error).toBeInstanceOf(DicomParseError);
    return error as DicomParseError;
  }
  throw new Error('expected a DicomParseError');
};

describe('parseDicom', () => {
  it.each(DICOM_SAMPLE_SYNTAXES)('reads back every attribute the generator wrote (%s)', (syntax) => {
    const sample = buildDicomSample({ syntax });
    const { values } = sample;
    const parsed = parseDicom(sample.bytes);
    expect(parsed.transferSyntax.uid).toBe(TRANSFER_SYNTAX_UIDS[syntax]);
    expect(parsed.layout).toBe(syntax === 'raw-implicit-le' ? 'raw-dataset' : 'part10');
    expect(parsed.attributes).toEqual({
      patientName: values.patientName,
      patientId: values.patientId,
      patientBirthDate: values.patientBirthDate,
      patientSex: values.patientSex,
      studyInstanceUid: values.studyInstanceUid,
      seriesInstanceUid: values.seriesInstanceUid,
      sopInstanceUid: values.sopInstanceUid,
      sopClassUid: values.sopClassUid,
      studyDate: values.studyDate,
      studyTime: values.studyTime,
      studyDescription: values.studyDescription,
      seriesDescription: values.seriesDescription,
      modality: values.modality,
      bodyPartExamined: values.bodyPartExamined,
      institutionName: values.institutionName,
      referringPhysicianName: values.referringPhysicianName,
      accessionNumber: values.accessionNumber,
      specificCharacterSet: values.specificCharacterSet,
      burnedInAnnotation: false,
      rows: values.rows,
      columns: values.columns,
      numberOfFrames: null,
      mediaStorageSopInstanceUid: syntax === 'raw-implicit-le' ? null : values.sopInstanceUid,
    });
    expect(pixelValue(sample.bytes)).toEqual(sample.pixelData);
  });

  it('reports encapsulated pixel data with its fragments (BOT + 2 fragments) for JPEG baseline', () => {
    const parsed = parseDicom(buildDicomSample({ syntax: 'jpeg-baseline' }).bytes);
    expect(parsed.transferSyntax.encapsulated).toBe(true);
    // BOT item (8 + 4) + fragment (8 + 16) + fragment (8 + 18): counted by hand from the generator.
    expect(parsed.pixelData).toEqual({ vr: 'OB', encapsulated: true, valueLength: 62, fragmentCount: 3 });
  });

  it('reads a file whose DICM prefix and meta come without the 128-byte preamble', () => {
    const sample = buildDicomSample({ syntax: 'explicit-le' });
    const parsed = parseDicom(sample.bytes.subarray(128));
    expect(parsed.layout).toBe('meta-without-preamble');
    expect(parsed.attributes.patientId).toBe(sample.values.patientId);
  });

  it('sets burnedInAnnotation from (0028,0301) YES', () => {
    const parsed = parseDicom(buildDicomSample({ values: { burnedInAnnotation: 'YES' } }).bytes);
    expect(parsed.attributes.burnedInAnnotation).toBe(true);
  });

  it('decodes ISO_IR 100 (Latin-1) person names byte for byte', () => {
    const parsed = parseDicom(buildDicomSample({ values: { patientName: 'MÜLLER^JOSÉ' } }).bytes);
    expect(parsed.attributes.patientName).toBe('MÜLLER^JOSÉ');
  });

  it('returns the nested sequence UIDs where the generator put them', () => {
    const values = defaultDicomSampleValues(2, 3, 4);
    const parsed = parseDicom(buildDicomSample({ syntax: 'explicit-be', values }).bytes);
    const referencedSeries = parsed.dataset.elements.find((element) => element.tag === 0x00081115);
    const item = referencedSeries?.items?.[0];
    expect(referencedSeries?.undefinedLength).toBe(true);
    // Elements are in ascending tag order: ReferencedInstanceSequence (0008,114A) before (0020,000E).
    expect(item?.elements.map((element) => element.tag)).toEqual([0x0008114a, 0x0020000e]);
    const nested = item?.elements[0]?.items?.[0]?.elements[1];
    expect(nested?.tag).toBe(0x00081155);
    const text =
      nested === undefined
        ? ''
        : Buffer.from(
            parsed.dataset.bytes.subarray(nested.valueOffset, nested.valueOffset + nested.valueLength),
          ).toString('latin1');
    expect(text.replace(/\0$/u, '')).toBe(values.referencedInstanceUid);
  });

  it('throws DicomParseError naming the element and offset when the file is truncated', () => {
    const error = expectParseError(truncatedDicom());
    expect(error.tag).toBe('(7FE0,0010)');
    expect(error.reason).toMatch(/value length \d+ exceeds/u);
    expect(error.offset).toBeGreaterThan(132);
  });

  it('throws DicomParseError for a non-DICOM file named .dcm', () => {
    const error = expectParseError(notDicomButNamedDcm());
    expect(error.reason).toMatch(/not DICOM/u);
    expect(error.offset).toBe(0);
  });

  it('throws DicomParseError for an empty file and for a bare DICM header', () => {
    expect(expectParseError(new Uint8Array()).reason).toMatch(/too short/u);
    const headerOnly = buildDicomSample().bytes.subarray(0, 132);
    expect(expectParseError(headerOnly).reason).toMatch(/Transfer Syntax UID/u);
  });

  it('reports an invalid VR with its tag', () => {
    const bytes = buildDicomSample().bytes.slice();
    // The first dataset element follows the meta; its VR sits 4 bytes after its tag.
    const firstDatasetOffset = 132 + 12 + new DataView(bytes.buffer).getUint32(140, true);
    bytes[firstDatasetOffset + 4] = 0x7a; // 'z'
    const error = expectParseError(bytes);
    expect(error.reason).toMatch(/invalid VR/u);
    expect(error.tag).toBe('(0008,0005)');
  });
});

describe('isDicomPart10', () => {
  it('accepts DICM at offset 128 and rejects shorter prefixes or other bytes', () => {
    const bytes = buildDicomSample().bytes;
    expect(isDicomPart10(bytes.subarray(0, 132))).toBe(true);
    expect(isDicomPart10(bytes.subarray(0, 131))).toBe(false);
    expect(isDicomPart10(notDicomButNamedDcm())).toBe(false);
    expect(isDicomPart10(buildDicomSample({ syntax: 'raw-implicit-le' }).bytes)).toBe(false);
  });
});

describe('classify', () => {
  it.each([
    ['CT', 'computed_tomography'],
    ['MR', 'magnetic_resonance'],
    ['US', 'ultrasound'],
    ['XR', 'x_ray'],
    ['CR', 'computed_radiography'],
    ['MG', 'mammography'],
    ['NM', 'nuclear_medicine'],
    ['PT', 'positron_emission'],
    ['DX', 'digital_radiography'],
    ['SR', 'other'],
  ])('maps modality %s to %s', (modality, category) => {
    expect(classify(modality, 'CHEST')).toEqual({
      modalityCode: modality,
      modalityCategory: category,
      bodyPart: 'CHEST',
    });
  });

  it('defaults a missing modality to OT/other and a missing body part to UNKNOWN', () => {
    expect(classify(null, undefined)).toEqual({ modalityCode: 'OT', modalityCategory: 'other', bodyPart: 'UNKNOWN' });
    expect(classify(' ct ', '  ')).toEqual({
      modalityCode: 'CT',
      modalityCategory: 'computed_tomography',
      bodyPart: 'UNKNOWN',
    });
  });

  it('does not treat Object prototype names as modalities', () => {
    expect(classify('constructor', null).modalityCategory).toBe('other');
  });
});
