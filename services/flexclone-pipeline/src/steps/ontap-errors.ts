import { ontapStep as runOntapStep, type StepErrorOptions, toStepError } from '@fsxn/ontap-automation';
import { ResourceNotFoundError } from '../domain/errors';

export { absentOn404 } from '@fsxn/ontap-automation';

/** A 404 here means an SVM, volume, snapshot or clone the input named does not exist. */
const options: StepErrorOptions = { notFound: (message, cause) => new ResourceNotFoundError(message, { cause }) };

/** `@fsxn/ontap-automation`'s mapping, with a 404 named ResourceNotFoundError. */
export const toPipelineError = (step: string, error: unknown): unknown => toStepError(step, error, options);

/** Runs one step's ONTAP work with errors mapped by `toPipelineError`. */
export const ontapStep = <T>(step: string, work: () => Promise<T>): Promise<T> => runOntapStep(step, work, options);
