import { buildDicomSample, DICOM_SAMPLE_SYNTAXES, notDicomButNamedDcm, truncatedDicom } from '@fsxn/testing';
import { describe, expect, it } from 'vitest';
import { createHmacUidMapper, type PhiEntity, parseDicom } from '../src/domain';
import { processDicom } from '../src/process-dicom';

const uidMapper = createHmacUidMapper({ secret: 'process-dicom-test-secret' });
const noText = async (): Promise<readonly PhiEntity[]> => [];

describe('processDicom', () => {
  it.each(DICOM_SAMPLE_SYNTAXES)('de-identifies a %s file and classifies it from its own tags', async (syntax) => {
    const sample = buildDicomSample({ syntax });
    const outcome = await processDicom(sample.bytes, { uidMapper, detectPhiText: noText });
    expect(outcome.kind).toBe('deidentified');
    if (outcome.kind !== 'deidentified') return;
    // The generator wrote Modality CT and Body Part CHEST.
    expect(outcome.classification).toEqual({
      modalityCode: 'CT',
      modalityCategory: 'computed_tomography',
      bodyPart: 'CHEST',
    });
    expect(outcome.phi.attributeCount).toBeGreaterThan(10);
    expect(outcome.phi.privateAttributeCount).toBeGreaterThan(0);
    const after = parseDicom(outcome.bytes).attributes;
    expect(after.patientName).not.toBe(sample.values.patientName);
    expect(after.studyInstanceUid).not.toBe(sample.values.studyInstanceUid);
  });

  it('counts what the free-text detector finds and keeps no text of it', async () => {
    const sample = buildDicomSample({ syntax: 'explicit-le' });
    const detector = async (text: string): Promise<readonly PhiEntity[]> => {
      const at = text.indexOf('Jane Doe');
      return at < 0 ? [] : [{ text: 'Jane Doe', type: 'NAME', score: 0.99, beginOffset: at, endOffset: at + 8 }];
    };
    const outcome = await processDicom(sample.bytes, { uidMapper, detectPhiText: detector });
    expect(outcome.kind === 'deidentified' && outcome.phi.textFindingCount).toBeGreaterThan(0);
    expect(outcome.kind === 'deidentified' && outcome.phi.textFindingTypes).toEqual(['NAME']);
    expect(JSON.stringify(outcome.kind === 'deidentified' && outcome.summaryDocument)).not.toContain('Jane Doe');
  });

  it('fails truncated and non-DICOM input with the parser reason', async () => {
    for (const bytes of [truncatedDicom(), notDicomButNamedDcm()]) {
      const outcome = await processDicom(bytes, { uidMapper, detectPhiText: noText });
      expect(outcome).toMatchObject({ kind: 'failed', reason: expect.stringMatching(/^DicomParseError: /) });
    }
  });

  it('refuses to stage an output in which original identifiers survive', async () => {
    // An identity "remapping" keeps every original UID: the re-parse check must catch it.
    const outcome = await processDicom(buildDicomSample().bytes, { uidMapper: (uid) => uid, detectPhiText: noText });
    expect(outcome).toMatchObject({ kind: 'failed', reason: expect.stringMatching(/^PhiLeakDetected: /) });
  });

  it('lets an infrastructure fault of the PHI detector propagate (the state machine retries it)', async () => {
    const failing = async (): Promise<readonly PhiEntity[]> => {
      throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    };
    await expect(processDicom(buildDicomSample().bytes, { uidMapper, detectPhiText: failing })).rejects.toThrow(
      'Rate exceeded',
    );
  });
});
