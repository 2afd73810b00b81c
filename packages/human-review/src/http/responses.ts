import type { APIGatewayProxyResult } from 'aws-lambda';
import {
  DecisionConflictError,
  ReviewNotFoundError,
  ReviewValidationError,
  SeparationOfDutiesError,
  UnauthorizedActionError,
  UnknownUseCaseError,
} from '../errors';
import { MethodNotAllowedError, RouteNotFoundError } from './errors';

const HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

export const jsonResult = (
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): APIGatewayProxyResult => ({ statusCode, headers: { ...HEADERS, ...headers }, body: JSON.stringify(body) });

/**
 * Errors whose message is written for the caller, and their status. The package's errors never carry the
 * task token, so their messages can be shown; everything else is answered with a generic 500.
 */
const EXPOSED: ReadonlyArray<readonly [abstract new (...args: never[]) => Error, number]> = [
  [ReviewValidationError, 400],
  [UnknownUseCaseError, 400],
  [UnauthorizedActionError, 403],
  [SeparationOfDutiesError, 403],
  [ReviewNotFoundError, 404],
  [RouteNotFoundError, 404],
  [MethodNotAllowedError, 405],
  [DecisionConflictError, 409],
];

export const statusOf = (error: unknown): number | undefined => EXPOSED.find(([type]) => error instanceof type)?.[1];

/** What an unexpected error looks like in the log: name, message and stack of it and its causes, nothing else. */
export interface ErrorSummary {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
  readonly cause?: ErrorSummary;
}

export const summarize = (error: unknown, depth = 0): ErrorSummary => {
  if (!(error instanceof Error)) return { name: typeof error, message: 'a non-Error value was thrown' };
  const cause = error.cause !== undefined && depth < 4 ? summarize(error.cause, depth + 1) : undefined;
  return {
    name: error.name,
    message: error.message,
    ...(error.stack === undefined ? {} : { stack: error.stack }),
    ...(cause === undefined ? {} : { cause }),
  };
};

/** The response for a failed request: known errors with their status and message, the rest as a bare 500. */
export const errorResult = (error: unknown, requestId: string): APIGatewayProxyResult => {
  const status = statusOf(error);
  if (status === undefined || !(error instanceof Error)) {
    return jsonResult(500, {
      error: {
        code: 'InternalError',
        message: 'the review API failed unexpectedly; quote the request id to an operator',
        requestId,
      },
    });
  }
  const allow: Record<string, string> = error instanceof MethodNotAllowedError ? { allow: error.allow.join(', ') } : {};
  return jsonResult(status, { error: { code: error.name, message: error.message, requestId } }, allow);
};
