import {
  OntapApiError,
  OntapError,
  OntapJobFailedError,
  OntapJobTimeoutError,
  OntapNotFoundError,
} from '@fsxn/ontap-client';
import { FlexCacheRenderError, OntapJobFailed, OntapRequestRejected, OntapUnavailable } from '../domain/errors';

/**
 * Maps `@fsxn/ontap-client` errors to this service's named errors: transient faults (5xx, 429, network,
 * a job still running) stay transient so the state machine retries the step; a failed job or a rejected
 * request is permanent and sends the run to cleanup. Messages come from the client, which never includes
 * credentials.
 */
export const toRenderError = (step: string, error: unknown): unknown => {
  if (error instanceof FlexCacheRenderError) return error;
  if (error instanceof OntapJobFailedError) {
    return new OntapJobFailed(step, { uuid: error.jobUuid, code: error.code, message: error.jobMessage }, error);
  }
  if (error instanceof OntapJobTimeoutError) return new OntapUnavailable(`${step}: ${error.message}`, error);
  if (error instanceof OntapNotFoundError)
    return new OntapRequestRejected(`${step}: ${error.message}`, { cause: error });
  if (error instanceof OntapApiError || error instanceof OntapError) {
    return error.transient
      ? new OntapUnavailable(`${step}: ${error.message}`, error)
      : new OntapRequestRejected(`${step}: ${error.message}`, { cause: error });
  }
  return error;
};

/** Runs one step's ONTAP work with errors mapped by `toRenderError`. */
export const ontapStep = async <T>(step: string, work: () => Promise<T>): Promise<T> => {
  try {
    return await work();
  } catch (error) {
    throw toRenderError(step, error);
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
