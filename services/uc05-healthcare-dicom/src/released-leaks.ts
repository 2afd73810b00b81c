import { DicomError, detectPhi, parseDicom, tagOf } from './domain';
import { topLevel } from './domain/read-file';
import { readText } from './domain/values';

const PATIENT_IDENTITY_REMOVED = tagOf(0x0012, 0x0062);

export interface ReleasedLeak {
  key: string;
  problem: string;
}

/**
 * Re-parses released outputs on their own (the originals are not read again) and counts what the
 * Basic Profile says must be gone: attributes it removes, private attributes, and a missing or false
 * PatientIdentityRemoved. An output that no longer parses counts as one leak: it cannot be vouched for.
 */
export const countReleasedPhiLeaks = async (
  keys: readonly string[],
  read: (key: string) => Promise<Uint8Array>,
): Promise<{ total: number; details: ReleasedLeak[] }> => {
  const details: ReleasedLeak[] = [];
  for (const key of keys) {
    let parsed: ReturnType<typeof parseDicom>;
    try {
      parsed = parseDicom(await read(key));
    } catch (error) {
      if (!(error instanceof DicomError)) throw error;
      details.push({ key, problem: `does not re-parse: ${error.message}` });
      continue;
    }
    // No free-text detector here: this pass checks structure, the text pass ran before release.
    const report = await detectPhi(parsed, async () => []);
    for (const finding of report.attributes) {
      if (finding.action === 'X') details.push({ key, problem: `${finding.keyword} (${finding.tag}) still present` });
    }
    if (report.privateAttributeCount > 0) {
      details.push({ key, problem: `${report.privateAttributeCount} private attribute(s) still present` });
    }
    const removedFlag = topLevel(parsed.dataset, PATIENT_IDENTITY_REMOVED);
    const flag = removedFlag ? readText(parsed.dataset.bytes, removedFlag, parsed.decodeText).trim() : undefined;
    if (flag !== 'YES') {
      details.push({ key, problem: 'PatientIdentityRemoved is not YES' });
    }
  }
  return { total: details.length, details };
};
