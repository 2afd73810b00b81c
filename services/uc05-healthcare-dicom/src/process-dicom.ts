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
  type UidMapper,
} from './domain';

export interface ProcessDeps {
  uidMapper: UidMapper;
  /** Comprehend Medical DetectPHI in AWS, local rules offline. */
  detectPhiText: (text: string) => Promise<readonly PhiEntity[]>;
}

export interface PhiOverview {
  attributeCount: number;
  textFindingCount: number;
  textFindingTypes: string[];
  privateAttributeCount: number;
  burnedInAnnotation: boolean;
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
  const phi: PhiOverview = {
    attributeCount: report.attributes.length,
    textFindingCount: report.textFindings.length,
    textFindingTypes: [...new Set(report.textFindings.map((f) => f.entityType))].sort(),
    privateAttributeCount: report.privateAttributeCount,
    burnedInAnnotation: report.burnedInAnnotation,
  };
  return {
    kind: 'deidentified',
    bytes: output.bytes,
    classification,
    phi,
    summaryDocument: { classification, phi, changes: output.summary },
  };
};
