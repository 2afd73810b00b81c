import { InferenceError } from '../errors';
import type { TextEntity } from '../ports';
import type { TextChunk } from '../text/chunk-text';
import { createCodePointToUtf16 } from '../text/code-points';

interface ServiceEntity {
  readonly Type?: string;
  readonly Text?: string;
  readonly Score?: number;
  readonly BeginOffset?: number;
  readonly EndOffset?: number;
}

/**
 * Rebases entities found in one chunk onto the full text: the services count code points within the
 * chunk, the port reports UTF-16 indices within the whole input.
 */
export function rebaseEntities<Type extends string>(
  fullText: string,
  chunk: TextChunk,
  entities: readonly ServiceEntity[],
  operation: string,
): TextEntity<Type>[] {
  const toUtf16 = createCodePointToUtf16(chunk.text);
  return entities.map((entity) => {
    if (entity.Type === undefined || entity.BeginOffset === undefined || entity.EndOffset === undefined) {
      throw new InferenceError(`${operation} returned an entity without type or offsets`, {
        transient: false,
        code: 'MalformedResponse',
      });
    }
    const beginOffset = chunk.start + toUtf16(entity.BeginOffset);
    const endOffset = chunk.start + toUtf16(entity.EndOffset);
    return {
      type: entity.Type as Type,
      text: fullText.slice(beginOffset, endOffset),
      beginOffset,
      endOffset,
      score: entity.Score ?? 0,
    };
  });
}
