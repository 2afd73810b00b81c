import { type ComprehendMedicalClient, DetectPHICommand } from '@aws-sdk/client-comprehendmedical';
import { callAws } from '../errors';
import type { EntityResult, PhiPort, PhiType } from '../ports';
import { chunkText } from '../text/chunk-text';
import { rebaseEntities } from './offsets';

export const COMPREHEND_MEDICAL_PROVIDER = 'aws:comprehendmedical';
/** DetectPHI accepts at most 20,000 characters per call. */
export const COMPREHEND_MEDICAL_MAX_CHARS = 20_000;

/** Comprehend Medical DetectPHI, chunked under the character limit with offsets rebased. */
export function createComprehendMedicalPhiPort(options: {
  client: ComprehendMedicalClient;
  maxChars?: number;
}): PhiPort {
  const limit = { max: options.maxChars ?? COMPREHEND_MEDICAL_MAX_CHARS, unit: 'code-points' as const };
  return {
    async detectPhi({ text }): Promise<EntityResult<PhiType>> {
      const entities = [];
      for (const chunk of chunkText(text, limit)) {
        if (chunk.text.trim().length === 0) continue;
        const response = await callAws('Comprehend Medical DetectPHI', () =>
          options.client.send(new DetectPHICommand({ Text: chunk.text })),
        );
        entities.push(...rebaseEntities<PhiType>(text, chunk, response.Entities ?? [], 'Comprehend Medical DetectPHI'));
      }
      return { provider: COMPREHEND_MEDICAL_PROVIDER, entities };
    },
  };
}
