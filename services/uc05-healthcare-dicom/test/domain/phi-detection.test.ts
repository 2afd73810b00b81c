import { buildDicomSample } from '@fsxn/testing';
import { describe, expect, it } from 'vitest';
import {
  collectTextValues,
  detectPhi,
  listProfileAttributes,
  type PhiEntity,
  type PhiTextDetector,
  parseDicom,
} from '../../src/domain';

/** A stand-in detector: finds "Jane Doe<digits>" as NAME and NNN-NNNN as PHONE, with exact offsets. */
const ruleDetector =
  (calls: string[]): PhiTextDetector =>
  async (text) => {
    calls.push(text);
    const entities: PhiEntity[] = [];
    for (const [pattern, type] of [
      [/Jane Doe\d+/gu, 'NAME'],
      [/\b\d{3}-\d{4}\b/gu, 'PHONE_OR_FAX'],
    ] as const) {
      for (const match of text.matchAll(pattern)) {
        entities.push({
          text: match[0],
          type,
          score: 0.99,
          beginOffset: match.index,
          endOffset: match.index + match[0].length,
        });
      }
    }
    return entities;
  };

describe('listProfileAttributes', () => {
  it('lists the attributes present that the Basic Profile acts on, with their resolved action', () => {
    const findings = listProfileAttributes(parseDicom(buildDicomSample().bytes));
    const byKeyword = new Map(findings.map((finding) => [finding.keyword, `${finding.code}→${finding.action}`]));
    expect(byKeyword.get('PatientName')).toBe('Z→Z');
    expect(byKeyword.get('PatientID')).toBe('Z/D→D');
    expect(byKeyword.get('PatientAddress')).toBe('X→X');
    expect(byKeyword.get('InstitutionName')).toBe('X/Z/D→D');
    expect(byKeyword.get('SeriesDate')).toBe('X/D→D');
    expect(byKeyword.get('ReferencedStudySequence')).toBe('X/Z→Z');
    expect(byKeyword.get('ReferencedImageSequence')).toBe('X/Z/U*→U');
    expect(byKeyword.get('StudyInstanceUID')).toBe('U→U');
    expect(byKeyword.get('MediaStorageSOPInstanceUID')).toBe('U→U');
    // Not listed by the profile: kept, so not reported.
    expect(byKeyword.has('Modality')).toBe(false);
    expect(byKeyword.has('SOPClassUID')).toBe(false);
    const nested = findings.find(
      (finding) => finding.keyword === 'ReferencedSOPInstanceUID' && finding.path.length === 2,
    );
    expect(nested?.path).toEqual(['(0008,1115)', '(0008,114A)']);
  });
});

describe('collectTextValues', () => {
  it('collects free-text values, person names with separators as spaces, private ones included', () => {
    const values = collectTextValues(parseDicom(buildDicomSample().bytes));
    const byKeyword = new Map(values.map((value) => [value.keyword, value.text]));
    expect(byKeyword.get('StudyDescription')).toBe('CT CHEST for Jane Doe1, MRN-900001');
    expect(byKeyword.get('ImageComments')).toBe('Patient Jane Doe1 (DOB 1970-04-12) called 555-0142 before scan');
    expect(byKeyword.get('PatientName')).toBe('DOE1 JANE Q');
    expect(values.some((value) => value.tag === '(0009,1001)' && value.text === 'internal ref Jane Doe1')).toBe(true);
    // CS, DA and UI are not free text.
    expect(byKeyword.has('Modality')).toBe(false);
    expect(byKeyword.has('StudyDate')).toBe(false);
  });
});

describe('detectPhi', () => {
  it('maps detector entities back to their attribute with offsets inside that attribute', async () => {
    const calls: string[] = [];
    const report = await detectPhi(parseDicom(buildDicomSample().bytes), ruleDetector(calls));
    expect(calls).toHaveLength(1);
    const comments = report.textFindings.filter((finding) => finding.keyword === 'ImageComments');
    expect(comments).toEqual([
      {
        tag: '(0020,4000)',
        keyword: 'ImageComments',
        path: [],
        entityType: 'NAME',
        score: 0.99,
        beginOffset: 8,
        endOffset: 17,
      },
      {
        tag: '(0020,4000)',
        keyword: 'ImageComments',
        path: [],
        entityType: 'PHONE_OR_FAX',
        score: 0.99,
        beginOffset: 42,
        endOffset: 50,
      },
    ]);
    expect(report.textFindings.some((finding) => finding.tag === '(0009,1001)')).toBe(true);
    expect(report.privateAttributeCount).toBe(2);
    expect(report.burnedInAnnotation).toBe(false);
    expect(report.hasPhi).toBe(true);
  });

  it('splits calls at maxCharsPerCall and still maps offsets (including slices of a long value)', async () => {
    const calls: string[] = [];
    const longComment = `${'x'.repeat(70)} Jane Doe7 ${'y'.repeat(10)}`;
    const parsed = parseDicom(buildDicomSample({ values: { imageComments: longComment } }).bytes);
    const report = await detectPhi(parsed, ruleDetector(calls), { maxCharsPerCall: 40 });
    expect(calls.every((call) => call.length <= 40)).toBe(true);
    expect(calls.length).toBeGreaterThan(3);
    const comment = report.textFindings.find((finding) => finding.keyword === 'ImageComments');
    // 70 x's and a space put "Jane Doe7" at 71..80, inside the value's second 40-character slice [40, 80).
    expect(comment).toMatchObject({ beginOffset: 71, endOffset: 80, entityType: 'NAME' });
  });

  it('flags burned-in annotation even with no text PHI', async () => {
    const parsed = parseDicom(buildDicomSample({ values: { burnedInAnnotation: 'YES' } }).bytes);
    const report = await detectPhi(parsed, async () => []);
    expect(report.burnedInAnnotation).toBe(true);
    expect(report.hasPhi).toBe(true);
  });
});
