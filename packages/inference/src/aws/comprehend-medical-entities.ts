import {
  type Attribute,
  type ComprehendMedicalClient,
  DetectEntitiesV2Command,
  type Entity,
  type Trait,
} from '@aws-sdk/client-comprehendmedical';
import { callAws, InferenceError } from '../errors';
import type { MedicalAttribute, MedicalEntity, MedicalEntityPort, MedicalEntityResult, MedicalTrait } from '../ports';
import { chunkText } from '../text/chunk-text';
import { COMPREHEND_MEDICAL_MAX_CHARS, COMPREHEND_MEDICAL_PROVIDER } from './comprehend-medical-phi';
import { createSpanRebaser } from './offsets';

const OPERATION = 'Comprehend Medical DetectEntitiesV2';

const toTraits = (traits: readonly Trait[] | undefined): MedicalTrait[] =>
  (traits ?? []).flatMap((trait) => (trait.Name === undefined ? [] : [{ name: trait.Name, score: trait.Score ?? 0 }]));

/**
 * Comprehend Medical DetectEntitiesV2, chunked under the 20,000-character limit (the same chunking and
 * code-point → UTF-16 rebasing as DetectPHI); entity and attribute offsets point into the whole input.
 * Attribute and trait ids are per request, so they are not exposed: attributes stay nested in their entity.
 */
export function createComprehendMedicalEntityPort(options: {
  client: ComprehendMedicalClient;
  maxChars?: number;
}): MedicalEntityPort {
  const limit = { max: options.maxChars ?? COMPREHEND_MEDICAL_MAX_CHARS, unit: 'code-points' as const };
  return {
    async detectMedicalEntities({ text }): Promise<MedicalEntityResult> {
      const entities: MedicalEntity[] = [];
      for (const chunk of chunkText(text, limit)) {
        if (chunk.text.trim().length === 0) continue;
        const response = await callAws(OPERATION, () =>
          options.client.send(new DetectEntitiesV2Command({ Text: chunk.text })),
        );
        const rebase = createSpanRebaser(text, chunk, OPERATION);
        const toAttribute = (attribute: Attribute): MedicalAttribute => ({
          ...rebase(attribute),
          ...(attribute.Category === undefined ? {} : { category: attribute.Category }),
          ...(attribute.RelationshipType === undefined ? {} : { relationshipType: attribute.RelationshipType }),
          ...(attribute.RelationshipScore === undefined ? {} : { relationshipScore: attribute.RelationshipScore }),
          traits: toTraits(attribute.Traits),
        });
        const toEntity = (entity: Entity): MedicalEntity => {
          if (entity.Category === undefined) {
            throw new InferenceError(`${OPERATION} returned an entity without a category`, {
              transient: false,
              code: 'MalformedResponse',
            });
          }
          return {
            ...rebase(entity),
            category: entity.Category,
            traits: toTraits(entity.Traits),
            attributes: (entity.Attributes ?? []).map(toAttribute),
          };
        };
        entities.push(...(response.Entities ?? []).map(toEntity));
      }
      return { provider: COMPREHEND_MEDICAL_PROVIDER, entities };
    },
  };
}
