import { z } from 'zod';
import { ReviewValidationError } from '../errors';
import { DECISIONS, parseWith } from '../model';

const comment = z.string().max(10_000).optional();

/** Review ids are `rv-<hex>`; anything outside this alphabet cannot name one. */
export const reviewIdSchema = z.string().regex(/^[\w.:-]{1,128}$/, 'must be 1-128 letters, digits or any of . : _ -');

/** Strict, so a body that tries to say who is acting (`actor`, `roles`) is refused rather than ignored. */
export const decisionBodySchema = z.strictObject({ decision: z.enum(DECISIONS), comment });
export const cancelBodySchema = z.strictObject({ comment });

export const listQuerySchema = z.object({
  useCase: z.string().min(1).max(128).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});

export interface BodyRequest {
  readonly body: string | null;
  readonly isBase64Encoded?: boolean;
}

/** The JSON request body (`{}` when there is none and `required` is false); never echoes the body in errors. */
export const jsonBody = (request: BodyRequest, required: boolean): unknown => {
  const text =
    request.body === null
      ? ''
      : request.isBase64Encoded
        ? Buffer.from(request.body, 'base64').toString()
        : request.body;
  if (text.trim() === '') {
    if (required) throw new ReviewValidationError('the request needs a JSON body');
    return {};
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ReviewValidationError('the request body is not valid JSON', { cause: error });
  }
};

export const reviewIdOf = (params: Readonly<Record<string, string>>): string =>
  parseWith(reviewIdSchema, params.reviewId, 'review id');
