import { InferenceError } from '../errors';
import type { GeneratedText, GenerateInput, TextGenerationPort } from '../ports';
import { summarize } from './text/extractive-summary';
import { estimateTokens } from './text/tokens';

export const LOCAL_SUMMARY_PROVIDER = 'local:extractive-summary';

/**
 * Offline stand-in for a model: an extractive summary of the prompt (the system prompt is read as
 * instructions and not summarised). It selects sentences that are in the input; it cannot follow
 * instructions, answer questions or produce JSON. `temperature` is irrelevant to a deterministic method.
 */
export function createLocalTextGenerationPort(options: { maxSentences?: number } = {}): TextGenerationPort {
  return {
    async generate(input: GenerateInput): Promise<GeneratedText> {
      if (!Number.isInteger(input.maxTokens) || input.maxTokens < 1) {
        throw new InferenceError('maxTokens must be a positive integer', { transient: false });
      }
      const summary = summarize(input.prompt, { maxTokens: input.maxTokens, maxSentences: options.maxSentences ?? 5 });
      return {
        provider: LOCAL_SUMMARY_PROVIDER,
        text: summary.text,
        stopReason: summary.truncatedByBudget ? 'max_tokens' : 'end_turn',
        usage: {
          inputTokens: estimateTokens(`${input.system ?? ''}${input.prompt}`),
          outputTokens: estimateTokens(summary.text),
        },
      };
    },
  };
}
