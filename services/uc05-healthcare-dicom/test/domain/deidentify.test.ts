import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildDicomSample,
  DICOM_SAMPLE_SYNTAXES,
  type GeneratedDicomStudies,
  generateDicomStudies,
} from '@fsxn/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createHmacUidMapper,
  DeidentificationConfigError,
  deidentify,
  findPhiLeaks,
  IMPLEMENTATION_CLASS_UID,
  PROFILE_RULES,
  parseDicom,
} from '../../src/domain';
import { isPrivateTag } from '../../src/domain/tag';
import { allElements, pixelValue, uidMap, valuesOf } from './helpers';

const removedTags = new Set(PROFILE_RULES.filter((rule) => rule.action === 'X').map((rule) => rule.tag));

describe('deidentify', () => {
  it.each(DICOM_SAMPLE_SYNTAXES)('writes a clean Part-10 file in the same transfer syntax (%s)', (syntax) => {
    const sample = buildDicomSample({ syntax });
    const original = parseDicom(sample.bytes);
    const { bytes, summary } = deidentify(sample.bytes, { uidMap });
    const output = parseDicom(bytes);

    expect(output.layout).toBe('part10');
    expect(output.transferSyntax.uid).toBe(sample.transferSyntaxUid);
    expect(pixelValue(bytes)).toEqual(sample.pixelData);
    expect(findPhiLeaks(original, bytes)).toEqual([]);

    const elements = allElements(bytes);
    expect(elements.filter((entry) => removedTags.has(entry.element.tag))).toEqual([]);
    expect(elements.filter((entry) => isPrivateTag(entry.element.tag))).toEqual([]);

    const { values } = sample;
    expect(output.attributes.studyInstanceUid).toBe(uidMap(values.studyInstanceUid));
    expect(output.attributes.seriesInstanceUid).toBe(uidMap(values.seriesInstanceUid));
    expect(output.attributes.sopInstanceUid).toBe(uidMap(values.sopInstanceUid));
    expect(output.attributes.mediaStorageSopInstanceUid).toBe(output.attributes.sopInstanceUid);
    expect(valuesOf(bytes, 0x00200052)).toEqual([uidMap(values.frameOfReferenceUid)]);
    // Nested references: ReferencedImageSequence item and ReferencedSeriesSequence › ReferencedInstanceSequence.
    expect(valuesOf(bytes, 0x00081155).sort()).toEqual(
      [uidMap(values.referencedImageUid), uidMap(values.referencedInstanceUid)].sort(),
    );
    expect(valuesOf(bytes, 0x0020000e).sort()).toEqual(
      [uidMap(values.referencedSeriesUid), uidMap(values.seriesInstanceUid)].sort(),
    );
    // Class UIDs are not identifying and stay.
    expect(output.attributes.sopClassUid).toBe(values.sopClassUid);

    expect(output.attributes.patientName).toBe('');
    expect(output.attributes.patientId).toBe('ANONYMIZED');
    expect(output.attributes.institutionName).toBe('ANONYMIZED');
    expect(output.attributes.studyDate).toBe('');
    expect(valuesOf(bytes, 0x00080021)).toEqual(['19000101']);
    expect(valuesOf(bytes, 0x00120062)).toEqual(['YES']);
    expect(valuesOf(bytes, 0x00120063)[0]).toMatch(/PS3\.15/u);
    expect(valuesOf(bytes, 0x00080100)).toEqual(['113100']);

    expect(summary).toEqual({
      removed: [
        '(0008,0081)',
        '(0008,1030)',
        '(0008,103E)',
        '(0010,1000)',
        '(0010,1010)',
        '(0010,1030)',
        '(0010,1040)',
        '(0020,4000)',
      ],
      emptied: [
        '(0008,0020)',
        '(0008,0030)',
        '(0008,0050)',
        '(0008,0090)',
        '(0008,1110)',
        '(0010,0010)',
        '(0010,0030)',
        '(0010,0040)',
        '(0020,0010)',
      ],
      replaced: [
        '(0008,0021)',
        '(0008,0023)',
        '(0008,0080)',
        '(0008,1010)',
        '(0008,1070)',
        '(0010,0020)',
        '(0018,1000)',
      ],
      // SOP, Study, Series, Frame of Reference, 3 nested references, MediaStorageSOPInstanceUID.
      remappedUids: 8,
      privateTagsRemoved: 2,
    });
  });

  it('recomputes the file meta group length and names this implementation', () => {
    const { bytes } = deidentify(buildDicomSample({ syntax: 'explicit-be' }).bytes, { uidMap });
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    const groupLength = view.getUint32(132 + 8, true);
    const metaEnd = 132 + 12 + groupLength;
    // The first dataset tag (0008,0005) follows the meta immediately, big-endian in this transfer syntax.
    expect([view.getUint16(metaEnd, false), view.getUint16(metaEnd + 2, false)]).toEqual([0x0008, 0x0005]);
    const meta = parseDicom(bytes).meta;
    expect(meta?.elements.at(-1)?.end).toBe(metaEnd);
    expect(meta?.elements.map((element) => element.tag)).toEqual([
      0x00020000, 0x00020001, 0x00020002, 0x00020003, 0x00020010, 0x00020012, 0x00020013,
    ]);
    expect(Buffer.from(bytes).includes(Buffer.from(IMPLEMENTATION_CLASS_UID))).toBe(true);
    // The source's AE title in (0002,0016) is gone.
    expect(Buffer.from(bytes).includes(Buffer.from('CTSCANNER01'))).toBe(false);
  });

  it('turns a raw dataset into a Part-10 file with a meta built from the dataset', () => {
    const sample = buildDicomSample({ syntax: 'raw-implicit-le' });
    const output = parseDicom(deidentify(sample.bytes, { uidMap }).bytes);
    expect(output.layout).toBe('part10');
    expect(output.transferSyntax.uid).toBe('1.2.840.10008.1.2');
    expect(output.attributes.mediaStorageSopInstanceUid).toBe(uidMap(sample.values.sopInstanceUid));
  });

  it('is deterministic: the same input and secret give byte-identical output', () => {
    const sample = buildDicomSample({ syntax: 'deflated' });
    expect(deidentify(sample.bytes, { uidMap }).bytes).toEqual(deidentify(sample.bytes, { uidMap }).bytes);
  });

  it('applies custom dummy values and rejects invalid ones', () => {
    const sample = buildDicomSample();
    const { bytes } = deidentify(sample.bytes, { uidMap, dummyValues: { LO: 'REDACTED', DA: '20000101' } });
    expect(parseDicom(bytes).attributes.patientId).toBe('REDACTED');
    expect(valuesOf(bytes, 0x00080021)).toEqual(['20000101']);
    expect(() => deidentify(sample.bytes, { uidMap, dummyValues: { DA: '2000-01-01' } })).toThrow(
      DeidentificationConfigError,
    );
    expect(() => deidentify(sample.bytes, { uidMap, dummyValues: { SH: 'X'.repeat(17) } })).toThrow(
      DeidentificationConfigError,
    );
  });
});

describe('findPhiLeaks', () => {
  it('reports every original UID when UIDs are not remapped', () => {
    const sample = buildDicomSample();
    const original = parseDicom(sample.bytes);
    const { bytes } = deidentify(sample.bytes, { uidMap: (uid) => uid });
    const leaks = findPhiLeaks(original, bytes);
    const leakedKeywords = new Set(leaks.filter((leak) => leak.kind === 'uid-present').map((leak) => leak.keyword));
    expect(leakedKeywords).toEqual(
      new Set([
        'MediaStorageSOPInstanceUID',
        'SOPInstanceUID',
        'StudyInstanceUID',
        'SeriesInstanceUID',
        'FrameOfReferenceUID',
        'ReferencedSOPInstanceUID',
      ]),
    );
  });

  it('finds an identifying value copied into an attribute the profile keeps, and names where', () => {
    const sample = buildDicomSample({ values: { manufacturer: 'Device of DOE1' } });
    const original = parseDicom(sample.bytes);
    const leaks = findPhiLeaks(original, deidentify(sample.bytes, { uidMap }).bytes);
    expect(leaks).toEqual([
      expect.objectContaining({
        kind: 'value-present',
        tag: '(0010,0010)',
        keyword: 'PatientName',
        foundIn: '(0008,0070)',
      }),
    ]);
  });

  it('reports removed, non-empty and private attributes left in an unprocessed copy', () => {
    const sample = buildDicomSample();
    const kinds = new Set(findPhiLeaks(parseDicom(sample.bytes), sample.bytes).map((leak) => leak.kind));
    expect(kinds).toEqual(
      new Set(['attribute-present', 'attribute-not-empty', 'private-attribute', 'value-present', 'uid-present']),
    );
  });
});

describe('deidentify across generated studies', () => {
  let dir = '';
  let generated: GeneratedDicomStudies;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'uc05-studies-'));
    generated = await generateDicomStudies(dir, { studies: 2, seriesPerStudy: 2, instancesPerSeries: 3 });
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps studies and series whole: one new UID per original, all instances distinct, no leaks', async () => {
    const newStudyByOriginal = new Map<string, Set<string>>();
    const newSeriesByOriginal = new Map<string, Set<string>>();
    const newInstances = new Set<string>();
    for (const file of generated.files) {
      const bytes = new Uint8Array(await readFile(join(dir, file.path)));
      const original = parseDicom(bytes);
      const output = deidentify(bytes, { uidMap });
      expect(findPhiLeaks(original, output.bytes)).toEqual([]);
      const parsed = parseDicom(output.bytes).attributes;
      newStudyByOriginal.set(
        file.studyInstanceUid,
        (newStudyByOriginal.get(file.studyInstanceUid) ?? new Set()).add(parsed.studyInstanceUid ?? ''),
      );
      newSeriesByOriginal.set(
        file.seriesInstanceUid,
        (newSeriesByOriginal.get(file.seriesInstanceUid) ?? new Set()).add(parsed.seriesInstanceUid ?? ''),
      );
      newInstances.add(parsed.sopInstanceUid ?? '');
    }
    expect(generated.files).toHaveLength(13);
    expect([...newStudyByOriginal.values()].map((set) => set.size)).toEqual([1, 1]);
    expect([...newSeriesByOriginal.values()].map((set) => set.size)).toEqual([1, 1, 1, 1]);
    const studyUids = [...newStudyByOriginal.values()].flatMap((set) => [...set]);
    expect(new Set(studyUids).size).toBe(2);
    expect(newInstances.size).toBe(13);
  });

  it('gives unrelated UIDs under a different secret', () => {
    const other = createHmacUidMapper({ secret: 'another-deployment-secret' });
    const study = generated.studyInstanceUids[0] ?? '';
    expect(other(study)).not.toBe(uidMap(study));
  });
});
