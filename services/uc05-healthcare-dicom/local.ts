import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type LocalServiceDescriptor, localServiceEnvironment } from '@fsxn/local-stack';
import { generateDicomStudies, notDicomButNamedDcm, truncatedDicom } from '@fsxn/testing';

/**
 * How `fsxn run` / `fsxn demo` run this service on the embedded local stack. Everything else (functions,
 * state machine, tables, the UID key secret) comes from serverless.yml, exactly as deployed.
 */
const descriptor: LocalServiceDescriptor = {
  stateMachine: 'pipeline',
  params: { deploymentProfile: 'poc', triggerMode: 'POLLING' },
  accessPoints: { input: 'dicom-volume' },
  outputPrefix: 'fsxn-output/uc05-healthcare-dicom/',
  environment: (stack) => localServiceEnvironment(stack),
  input: () => ({ prefix: '' }),
  generateSamples: async (dir) => {
    const studies = await generateDicomStudies(dir, { studies: 2, seriesPerStudy: 2, instancesPerSeries: 2 });
    const bad = join(dir, 'incoming');
    await mkdir(bad, { recursive: true });
    const truncated = truncatedDicom();
    const notDicom = notDicomButNamedDcm();
    await writeFile(join(bad, 'truncated.dcm'), truncated);
    await writeFile(join(bad, 'not-dicom.dcm'), notDicom);
    return {
      files: studies.files.length + 2,
      bytes: studies.totalBytes + truncated.length + notDicom.length,
      kinds: { valid: studies.files.length, truncated: 1, notDicom: 1 },
    };
  },
};

export default descriptor;
