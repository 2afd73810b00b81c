import { type BedrockRuntimeClient, ConverseCommand, InvokeModelCommand } from '@aws-sdk/client-bedrock-runtime';
import { callAws, InferenceError } from '../errors';
import type { Embedding, EmbeddingPort, GeneratedText, GenerateInput, TextGenerationPort } from '../ports';

export const BEDROCK_PROVIDER = 'aws:bedrock';
export const DEFAULT_TEXT_MODEL_ID = 'amazon.nova-lite-v1:0';
export const DEFAULT_EMBEDDING_MODEL_ID = 'amazon.titan-embed-text-v2:0';
/** Titan Text Embeddings v2 output sizes and input limit. */
export const TITAN_EMBEDDING_DIMENSIONS = [256, 512, 1024] as const;
export const TITAN_EMBEDDING_MAX_CHARS = 50_000;

// Geography prefixes of Bedrock cross-region inference profiles.
const PROFILE_PREFIX = /^(?:us|eu|apac|jp|au|ca|us-gov|global)\./;

/**
 * Turns a foundation-model id into a cross-region inference profile id (`us.amazon.nova-lite-v1:0`)
 * when a geography is given. ARNs and ids that already carry a prefix are left alone.
 */
export function resolveModelId(modelId: string, crossRegion?: string): string {
  if (crossRegion === undefined || modelId.startsWith('arn:') || PROFILE_PREFIX.test(modelId)) return modelId;
  return `${crossRegion}.${modelId}`;
}

/**
 * Bedrock Converse for every model: one request shape (messages + system + inferenceConfig), so a
 * model id change never needs a different body — the defect of sending Titan bodies to Nova models.
 */
export function createBedrockTextGenerationPort(options: {
  client: BedrockRuntimeClient;
  modelId?: string;
}): TextGenerationPort {
  const modelId = options.modelId ?? DEFAULT_TEXT_MODEL_ID;
  return {
    async generate({ system, prompt, maxTokens, temperature }: GenerateInput): Promise<GeneratedText> {
      const response = await callAws('Bedrock Converse', () =>
        options.client.send(
          new ConverseCommand({
            modelId,
            messages: [{ role: 'user', content: [{ text: prompt }] }],
            ...(system === undefined ? {} : { system: [{ text: system }] }),
            inferenceConfig: { maxTokens, temperature },
          }),
        ),
      );
      const content = response.output?.message?.content;
      if (content === undefined) {
        throw new InferenceError(`Bedrock Converse returned no message (stopReason ${response.stopReason ?? 'none'})`, {
          transient: false,
          code: 'MalformedResponse',
        });
      }
      return {
        provider: BEDROCK_PROVIDER,
        modelId,
        text: content.map((block) => block.text ?? '').join(''),
        stopReason: response.stopReason ?? 'unknown',
        usage: { inputTokens: response.usage?.inputTokens ?? 0, outputTokens: response.usage?.outputTokens ?? 0 },
      };
    },
  };
}

export interface TitanEmbeddingOptions {
  readonly client: BedrockRuntimeClient;
  readonly modelId?: string;
  readonly dimensions?: (typeof TITAN_EMBEDDING_DIMENSIONS)[number];
}

/** Titan Text Embeddings v2 through InvokeModel (`{inputText, dimensions, normalize}`), normalised vectors. */
export function createTitanEmbeddingPort(options: TitanEmbeddingOptions): EmbeddingPort {
  const modelId = options.modelId ?? DEFAULT_EMBEDDING_MODEL_ID;
  const dimensions = options.dimensions ?? 256;
  if (!(TITAN_EMBEDDING_DIMENSIONS as readonly number[]).includes(dimensions)) {
    throw new InferenceError(`Titan v2 embeddings have 256, 512 or 1024 dimensions, not ${dimensions}`, {
      transient: false,
    });
  }
  return {
    async embed({ text }): Promise<Embedding> {
      if (text.trim().length === 0 || text.length > TITAN_EMBEDDING_MAX_CHARS) {
        throw new InferenceError(
          `text to embed must have 1–${TITAN_EMBEDDING_MAX_CHARS} characters, got ${text.length}`,
          {
            transient: false,
            code: 'ValidationException',
          },
        );
      }
      const response = await callAws('Bedrock InvokeModel', () =>
        options.client.send(
          new InvokeModelCommand({
            modelId,
            contentType: 'application/json',
            accept: 'application/json',
            body: JSON.stringify({ inputText: text, dimensions, normalize: true }),
          }),
        ),
      );
      const vector = embeddingOf(response.body);
      if (!Array.isArray(vector) || vector.length !== dimensions || !vector.every((v) => typeof v === 'number')) {
        throw new InferenceError(`Bedrock ${modelId} returned no ${dimensions}-dimension embedding`, {
          transient: false,
          code: 'MalformedResponse',
        });
      }
      return { provider: BEDROCK_PROVIDER, vector, dimensions };
    },
  };
}

function embeddingOf(body: Uint8Array | undefined): unknown {
  if (body === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(new TextDecoder().decode(body));
    return typeof parsed === 'object' && parsed !== null ? (parsed as { embedding?: unknown }).embedding : undefined;
  } catch {
    return undefined;
  }
}
