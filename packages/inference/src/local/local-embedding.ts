import type { Embedding, EmbeddingPort } from '../ports';
import { hashingEmbedding } from './text/hashing-embedding';

export const LOCAL_EMBEDDING_PROVIDER = 'local:feature-hashing';

/** Deterministic feature-hashing embedding; good for lexical similarity, blind to synonyms. */
export function createLocalEmbeddingPort(options: { dimensions?: number } = {}): EmbeddingPort {
  const dimensions = options.dimensions ?? 256;
  return {
    async embed({ text }): Promise<Embedding> {
      return { provider: LOCAL_EMBEDDING_PROVIDER, vector: hashingEmbedding(text, dimensions), dimensions };
    },
  };
}
