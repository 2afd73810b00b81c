import { LocalStackError } from '../errors';

/** Base of the simulator's errors (bad options, failed start-up); never transient. */
export class OntapSimulatorError extends LocalStackError {
  override readonly name: string = 'OntapSimulatorError';

  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause, transient: false });
  }
}

/**
 * An ONTAP error answer: HTTP status + `{"error":{message,code,target}}`. Thrown inside request handlers
 * and job work; the server turns it into the response body (or the failed job's code/message).
 */
export class OntapRestError extends OntapSimulatorError {
  override readonly name: string = 'OntapRestError';
  readonly status: number;
  readonly code: string;
  readonly target: string | undefined;

  constructor(status: number, code: string, message: string, target?: string) {
    super(message);
    this.status = status;
    this.code = code;
    this.target = target;
  }

  toBody(): { error: { message: string; code: string; target?: string } } {
    return {
      error: { message: this.message, code: this.code, ...(this.target === undefined ? {} : { target: this.target }) },
    };
  }
}

/**
 * Codes marked [V]/[C] come from the reference; codes marked [sim] are the simulator's own choice where
 * no public source gives ONTAP's number (kept in one place so they are easy to correct).
 */
export const ErrorCodes = {
  duplicate: '1', // [C]
  notFound: '4', // [C]
  unexpectedArgument: '262179', // [V]
  cannotSet: '262196', // [V]
  invalidValue: '262197', // [V]
  pathNotInNamespace: '655551', // [V]
  fileSecurityPathNotFound: '655865', // [C]
  snapshotBusy: '1638555', // [V] "has not expired or is locked"
  anotherVolumeOperation: '13107406', // [C]
  fpolicyPolicyEnabled: '9765029', // [C]
  volumeMounted: '917536', // [C] unmount/lock family; exact code for "mounted" unknown
  volumeHasClones: '917537', // [sim]
  fpolicyObjectInUse: '9765030', // [sim]
  flexcacheNotMounted: '66846735', // [sim]
  missingRequired: '2', // [sim] required field missing
  // FPolicy persistent stores: [V] docs.netapp.com ontap-restapi-9141 PATCH/DELETE persistent-stores pages.
  persistentStoreVolumeMissing: '9765053', // [V] "Volume mentioned does not exist in the SVM" (also on POST here)
  persistentStoreNotFound: '9765056', // [V] "Specified persistent store name does not exist in the SVM"
  persistentStoreActive: '9765064', // [V] delete refused: "Persistent Store is active on at least one policy"
  persistentStoreNotFlexVol: '9765069', // [V] "Volume is not a Flexvol"
  persistentStoreVolumeInUse: '9765070', // [V] volume change refused while part of an enabled policy
  persistentStoreNoJunction: '9765071', // [V] "Volume without junction-path is not supported."
  persistentStorePerSvm: '9765073', // [sim] a second store in one SVM (docs: one store per SVM; code unknown)
  persistentStorePolicyMode: '9765074', // [sim] store on a synchronous or mandatory policy (docs: unsupported)
} as const;

/**
 * [sim] A path newer than the simulated release: answered as ONTAP answers any path with an extra
 * segment below a known one (404, 262179 naming the segment, no target) [V capture].
 */
export const notInThisRelease = (segment: string): OntapRestError =>
  new OntapRestError(404, ErrorCodes.unexpectedArgument, `Unexpected argument "${segment}".`);

export const notFoundError = (target = 'uuid'): OntapRestError =>
  new OntapRestError(404, ErrorCodes.notFound, "entry doesn't exist", target);

export const unexpectedArgument = (name: string, status = 400): OntapRestError =>
  new OntapRestError(status, ErrorCodes.unexpectedArgument, `Unexpected argument "${name}".`, name);

export const invalidValue = (value: string, field: string): OntapRestError =>
  new OntapRestError(400, ErrorCodes.invalidValue, `The value "${value}" is invalid for field "${field}"`, field);

export const cannotSet = (field: string): OntapRestError =>
  new OntapRestError(400, ErrorCodes.cannotSet, `Field "${field}" cannot be set in this operation`, field);

export const missingField = (field: string): OntapRestError =>
  new OntapRestError(400, ErrorCodes.missingRequired, `Missing value for required field "${field}"`, field);
