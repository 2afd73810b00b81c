import {
  type Classification,
  classify,
  type DeidentificationSummary,
  DicomError,
  deidentify,
  detectPhi,
  findPhiLeaks,
  type PhiEntity,
  type PhiLeak,
  parseDicom,
  renderFirstFrame,
  type UidMapper,
} from './domain';

/** Text lines found in a rendered frame, or why the frame was not checked (offline there is no OCR). */
export type FrameTextResult = { checked: true; lines: number } | { checked: false; reason: string };

export interface ProcessDeps {
  uidMapper: UidMapper;
  /** Comprehend Medical DetectPHI in AWS, local rules offline. */
  detectPhiText: (text: string) => Promise<readonly PhiEntity[]>;
  /** Rekognition DetectText on a PNG of the first frame in AWS; offline it reports that it cannot check. */
  detectFrameText: (png: Uint8Array) => Promise<FrameTextResult>;
}

export interface PhiOverview {
  attributeCount: number;
  textFindingCount: number;
  textFindingTypes: string[];
  privateAttributeCount: number;
  burnedInAnnotation: boolean;
  /** What the reviewer is told about text in the pixels; the text itself is never kept (it may be PHI). */
  burnedInText: FrameTextResult;
}

export type ProcessedDicom =
  | {
      kind: 'deidentified';
      bytes: Uint8Array;
      classification: Classification;
      phi: PhiOverview;
      /** The JSON summary written beside the output: what was changed, never the original values. */
      summaryDocument: { classification: Classification; phi: PhiOverview; changes: DeidentificationSummary };
    }
  | { kind: 'failed'; reason: string; leaks?: PhiLeak[] };

/**
 * Parse → detect PHI → de-identify → re-parse the output and refuse it if anything the profile removes
 * survived. Bad input ends as `failed` with a reason; only infrastructure faults (the PHI detector) throw.
 */
export const processDicom = async (input: Uint8Array, deps: ProcessDeps): Promise<ProcessedDicom> => {
  let parsed: ReturnType<typeof parseDicom>;
  try {
    parsed = parseDicom(input);
  } catch (error) {
    if (error instanceof DicomError) return { kind: 'failed', reason: `${error.name}: ${error.message}` };
    throw error;
  }
  const report = await detectPhi(parsed, deps.detectPhiText);
  let output: ReturnType<typeof deidentify>;
  try {
    output = deidentify(input, { uidMap: deps.uidMapper });
  } catch (error) {
    if (error instanceof DicomError) return { kind: 'failed', reason: `${error.name}: ${error.message}` };
    throw error;
  }
  const leaks = findPhiLeaks(parsed, output.bytes);
  if (leaks.length > 0) {
    const kinds = [...new Set(leaks.map((l) => `${l.kind} ${l.keyword}`))].slice(0, 5).join(', ');
    return {
      kind: 'failed',
      reason: `PhiLeakDetected: ${leaks.length} finding(s) after de-identification: ${kinds}`,
      leaks,
    };
  }
  const classification = classify(parsed.attributes.modality, parsed.attributes.bodyPartExamined);
  const frame = renderFirstFrame(parsed);
  const burnedInText: FrameTextResult =
    frame.kind === 'rendered' ? await deps.detectFrameText(frame.png) : { checked: false, reason: frame.reason };
  const phi: PhiOverview = {
    attributeCount: report.attributes.length,
    textFindingCount: report.textFindings.length,
    textFindingTypes: [...new Set(report.textFindings.map((f) => f.entityType))].sort(),
    privateAttributeCount: report.privateAttributeCount,
    burnedInAnnotation: report.burnedInAnnotation,
    burnedInText,
  };
  return {
    kind: 'deidentified',
    bytes: output.bytes,
    classification,
    phi,
    summaryDocument: { classification, phi, changes: output.summary },
  };
};
