import { OntapError, OntapJobFailedError, OntapJobTimeoutError, OntapNotFoundError } from '@fsxn/ontap-client';
import { OntapJobFailed, OntapRequestRejected, OntapUnavailable } from './errors';

export interface StepErrorOptions {
  /**
   * The error a 404 becomes; `OntapRequestRejected` when not given. A service whose input names existing
   * objects (an SVM, a parent volume) passes its own not-found error here.
   */
  readonly notFound?: (message: string, cause: unknown) => Error;
}

/**
 * Maps `@fsxn/ontap-client` errors to named step errors: transient faults (5xx, 429, network, a job still
 * running) stay transient so the state machine retries the step; a failed job, a 404 or a rejected request
 * are permanent and send the run to cleanup. Anything that is not an ONTAP client error (a service's own
 * named error included) is returned as it is. Messages come from the client, which never includes
 * credentials.
 */
export const toStepError = (step: string, error: unknown, options: StepErrorOptions = {}): unknown => {
  if (!(error instanceof OntapError)) return error;
  const message = `${step}: ${error.message}`;
  if (error instanceof OntapJobFailedError) {
    return new OntapJobFailed(step, { uuid: error.jobUuid, code: error.code, message: error.jobMessage }, error);
  }
  if (error instanceof OntapNotFoundError) {
    return options.notFound === undefined
      ? new OntapRequestRejected(message, { cause: error })
      : options.notFound(message, error);
  }
  if (error instanceof OntapJobTimeoutError) return new OntapUnavailable(message, error);
  return error.transient ? new OntapUnavailable(message, error) : new OntapRequestRejected(message, { cause: error });
};

/** Runs one step's ONTAP work with errors mapped by `toStepError`. */
export const ontapStep = async <T>(
  step: string,
  work: () => Promise<T>,
  options: StepErrorOptions = {},
): Promise<T> => {
  try {
    return await work();
  } catch (error) {
    throw toStepError(step, error, options);
  }
};

/** Resolves to `absent` when the object is already gone (404): cleanup must be repeatable. */
export const absentOn404 = async <T>(work: () => Promise<T>): Promise<T | 'absent'> => {
  try {
    return await work();
  } catch (error) {
    if (error instanceof OntapNotFoundError) return 'absent';
    throw error;
  }
};
