import { OntapError } from '@fsxn/ontap-client';
import { Fc1Error, OntapRequestRejected, OntapUnavailable } from '../domain/errors';

/**
 * Maps `@fsxn/ontap-client` errors that end a health run: transient ones (5xx, 429, network, job timeout)
 * stay transient so the state machine retries the step; anything else is a rejected request. Messages
 * come from the client, which never includes credentials.
 */
export const toFc1Error = (step: string, error: unknown): unknown => {
  if (error instanceof Fc1Error || !(error instanceof OntapError)) return error;
  return error.transient
    ? new OntapUnavailable(`${step}: ${error.message}`, error)
    : new OntapRequestRejected(`${step}: ${error.message}`, { cause: error });
};
