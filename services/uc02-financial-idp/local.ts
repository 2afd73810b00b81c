import { type LocalServiceDescriptor, localServiceEnvironment } from '@fsxn/local-stack';
import { generateFinancialDocuments } from './samples/documents';

/**
 * How `fsxn run` / `fsxn demo` run this service on the embedded local stack. Everything else (functions,
 * state machine, tables) comes from serverless.yml, exactly as deployed. Offline, text comes from the PDF
 * text layer, and from `tesseract` for images when it is installed (LOCAL_OCR=auto).
 */
const descriptor: LocalServiceDescriptor = {
  stateMachine: 'pipeline',
  params: { deploymentProfile: 'poc', triggerMode: 'POLLING' },
  accessPoints: { input: 'finance-volume' },
  outputPrefix: 'fsxn-output/uc02-financial-idp/',
  environment: (stack) => ({
    ...localServiceEnvironment(stack),
    LOCAL_OCR: process.env.FSXN_LOCAL_OCR === 'off' ? 'off' : 'auto',
  }),
  input: () => ({ prefix: '' }),
  generateSamples: async (dir) => {
    const { files, bytes } = await generateFinancialDocuments(dir);
    const kinds: Record<string, number> = {};
    for (const f of files) kinds[f.expect] = (kinds[f.expect] ?? 0) + 1;
    return { files: files.length, bytes, kinds };
  },
};

export default descriptor;
