import {
  type ComprehendClient,
  DetectEntitiesCommand,
  DetectPiiEntitiesCommand,
  LanguageCode,
} from '@aws-sdk/client-comprehend';
import { callAws, InferenceError } from '../errors';
import { detectPiiLocally, LOCAL_PII_PROVIDER } from '../local/entities/local-entities';
import type { EntityInput, EntityPort, EntityResult, EntityType, PiiType } from '../ports';
import { chunkText } from '../text/chunk-text';
import { rebaseEntities } from './offsets';

export const COMPREHEND_PROVIDER = 'aws:comprehend';

/** DetectEntities and DetectPiiEntities accept at most 100 KB of UTF-8; stay under 100,000 bytes. */
export const COMPREHEND_MAX_BYTES = 100_000;
/** Languages DetectPiiEntities supports. */
export const COMPREHEND_PII_LANGUAGES: readonly string[] = ['en', 'es'];

const LANGUAGES = new Set<string>(Object.values(LanguageCode));

function languageOf(code: string): LanguageCode {
  if (!LANGUAGES.has(code)) {
    throw new InferenceError(`Comprehend does not support language "${code}"`, {
      transient: false,
      code: 'UnsupportedLanguage',
    });
  }
  return code as LanguageCode;
}

/**
 * Comprehend adapter. Long texts are cut at sentence boundaries into chunks under the byte limit and
 * each chunk's offsets are rebased. For languages DetectPiiEntities does not support (e.g. `ja`) the
 * PII call runs the local rules instead, and the result says so in `provider`.
 */
export function createComprehendEntityPort(options: { client: ComprehendClient; maxBytes?: number }): EntityPort {
  const limit = { max: options.maxBytes ?? COMPREHEND_MAX_BYTES, unit: 'utf8-bytes' as const };
  return {
    async detectEntities({ text, languageCode }: EntityInput): Promise<EntityResult<EntityType>> {
      const language = languageOf(languageCode);
      const entities = [];
      for (const chunk of chunkText(text, limit)) {
        if (chunk.text.trim().length === 0) continue;
        const response = await callAws('Comprehend DetectEntities', () =>
          options.client.send(new DetectEntitiesCommand({ Text: chunk.text, LanguageCode: language })),
        );
        entities.push(...rebaseEntities<EntityType>(text, chunk, response.Entities ?? [], 'Comprehend DetectEntities'));
      }
      return { provider: COMPREHEND_PROVIDER, entities };
    },
    async detectPii({ text, languageCode }: EntityInput): Promise<EntityResult<PiiType>> {
      if (!COMPREHEND_PII_LANGUAGES.includes(languageCode)) {
        return { provider: LOCAL_PII_PROVIDER, entities: detectPiiLocally(text) };
      }
      const language = languageOf(languageCode);
      const entities = [];
      for (const chunk of chunkText(text, limit)) {
        if (chunk.text.trim().length === 0) continue;
        const response = await callAws('Comprehend DetectPiiEntities', () =>
          options.client.send(new DetectPiiEntitiesCommand({ Text: chunk.text, LanguageCode: language })),
        );
        entities.push(...rebaseEntities<PiiType>(text, chunk, response.Entities ?? [], 'Comprehend DetectPiiEntities'));
      }
      return { provider: COMPREHEND_PROVIDER, entities };
    },
  };
}
