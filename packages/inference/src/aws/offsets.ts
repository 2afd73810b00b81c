import { InferenceError } from '../errors';
import type { TextEntity } from '../ports';
import type { TextChunk } from '../text/chunk-text';
import { createCodePointToUtf16 } from '../text/code-points';

/** The span fields every Comprehend and Comprehend Medical entity (and attribute) carries. */
export interface ServiceSpan {
  readonly Type?: string;
  readonly Text?: string;
  readonly Score?: number;
  readonly BeginOffset?: number;
  readonly EndOffset?: number;
}

/**
 * Returns a function that rebases one span found in `chunk` onto the full text: the services count
 * code points within the chunk, the ports report UTF-16 indices within the whole input. A span without
 * type or offsets is a malformed response.
 */
export function createSpanRebaser(
  fullText: string,
  chunk: TextChunk,
  operation: string,
): <Type extends string>(span: ServiceSpan) => TextEntity<Type> {
  const toUtf16 = createCodePointToUtf16(chunk.text);
  return <Type extends string>(span: ServiceSpan): TextEntity<Type> => {
    if (span.Type === undefined || span.BeginOffset === undefined || span.EndOffset === undefined) {
      throw new InferenceError(`${operation} returned an entity without type or offsets`, {
        transient: false,
        code: 'MalformedResponse',
      });
    }
    const beginOffset = chunk.start + toUtf16(span.BeginOffset);
    const endOffset = chunk.start + toUtf16(span.EndOffset);
    return {
      type: span.Type as Type,
      text: fullText.slice(beginOffset, endOffset),
      beginOffset,
      endOffset,
      score: span.Score ?? 0,
    };
  };
}

/** Rebases all entities found in one chunk onto the full text (see `createSpanRebaser`). */
export function rebaseEntities<Type extends string>(
  fullText: string,
  chunk: TextChunk,
  entities: readonly ServiceSpan[],
  operation: string,
): TextEntity<Type>[] {
  const rebase = createSpanRebaser(fullText, chunk, operation);
  return entities.map((entity) => rebase<Type>(entity));
}
