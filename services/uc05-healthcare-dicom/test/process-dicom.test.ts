import { buildDicomSample, DICOM_SAMPLE_SYNTAXES, notDicomButNamedDcm, truncatedDicom } from '@fsxn/testing';
import { describe, expect, it } from 'vitest';
import { createHmacUidMapper, type PhiEntity, parseDicom } from '../src/domain';
import { type FrameTextResult, processDicom } from '../src/process-dicom';

const uidMapper = createHmacUidMapper({ secret: 'process-dicom-test-secret' });
const noText = async (): Promise<readonly PhiEntity[]> => [];
const framesSeen: Uint8Array[] = [];
const detectFrameText = async (png: Uint8Array): Promise<FrameTextResult> => {
  framesSeen.push(png);
  return { checked: true, lines: 2 };
};
const deps = { uidMapper, detectPhiText: noText, detectFrameText };

describe('processDicom', () => {
  it.each(DICOM_SAMPLE_SYNTAXES)('de-identifies a %s file and classifies it from its own tags', async (syntax) => {
    const sample = buildDicomSample({ syntax });
    const outcome = await processDicom(sample.bytes, deps);
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
    const outcome = await processDicom(sample.bytes, { ...deps, detectPhiText: detector });
    expect(outcome.kind === 'deidentified' && outcome.phi.textFindingCount).toBeGreaterThan(0);
    expect(outcome.kind === 'deidentified' && outcome.phi.textFindingTypes).toEqual(['NAME']);
    expect(JSON.stringify(outcome.kind === 'deidentified' && outcome.summaryDocument)).not.toContain('Jane Doe');
  });

  it('asks for text detection on a PNG of the first frame, and says why when the frame cannot be rendered', async () => {
    framesSeen.length = 0;
    const native = await processDicom(buildDicomSample({ syntax: 'explicit-le' }).bytes, deps);
    expect(native.kind === 'deidentified' && native.phi.burnedInText).toEqual({ checked: true, lines: 2 });
    expect(framesSeen).toHaveLength(1);
    // PNG signature: the port receives an image, never DICOM bytes.
    expect([...(framesSeen[0] ?? new Uint8Array()).subarray(0, 8)]).toEqual([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a,
    ]);

    const jpeg = await processDicom(buildDicomSample({ syntax: 'jpeg-baseline' }).bytes, deps);
    expect(jpeg.kind === 'deidentified' && jpeg.phi.burnedInText).toEqual({
      checked: false,
      reason: expect.stringMatching(/^compressed pixel data/),
    });
    expect(framesSeen).toHaveLength(1);
  });

  it('fails truncated and non-DICOM input with the parser reason', async () => {
    for (const bytes of [truncatedDicom(), notDicomButNamedDcm()]) {
      const outcome = await processDicom(bytes, deps);
      expect(outcome).toMatchObject({ kind: 'failed', reason: expect.stringMatching(/^DicomParseError: /) });
    }
  });

  it('refuses to stage an output in which original identifiers survive', async () => {
    // An identity "remapping" keeps every original UID: the re-parse check must catch it.
    const outcome = await processDicom(buildDicomSample().bytes, { ...deps, uidMapper: (uid) => uid });
    expect(outcome).toMatchObject({ kind: 'failed', reason: expect.stringMatching(/^PhiLeakDetected: /) });
  });

  it('lets an infrastructure fault of the PHI detector propagate (the state machine retries it)', async () => {
    const failing = async (): Promise<readonly PhiEntity[]> => {
      throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    };
    await expect(processDicom(buildDicomSample().bytes, { ...deps, detectPhiText: failing })).rejects.toThrow(
      'Rate exceeded',
    );
  });
});
