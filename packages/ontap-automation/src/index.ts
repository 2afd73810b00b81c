export {
  type AccessPointRequest,
  type AccessPointState,
  detachAccessPoint,
  ensureAccessPoint,
  fsxClient,
} from './access-point';
export {
  AccessPointAttachError,
  FsxUnavailable,
  OntapAutomationError,
  OntapJobFailed,
  OntapRequestRejected,
  OntapUnavailable,
} from './errors';
export { type OntapEnv, type OntapEnvDefaults, ontapEnv } from './ontap-env';
export { absentOn404, ontapStep, type StepErrorOptions, toStepError } from './ontap-errors';
export { type CountingOntapClient, countingOntapClient, type OntapClientDeps, ontapClientOf } from './ontap-runtime';
