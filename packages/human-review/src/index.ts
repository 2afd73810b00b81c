export { PERMANENT_CALLBACK_ERRORS, sendCallback } from './callback';
export {
  DecisionConflictError,
  HumanReviewError,
  ReviewNotFoundError,
  ReviewValidationError,
  SeparationOfDutiesError,
  UnauthorizedActionError,
  UnknownUseCaseError,
} from './errors';
export {
  createReviewApi,
  type ReviewApiHandler,
  type ReviewApiOptions,
  type UnexpectedErrorReport,
} from './http/api';
export { MethodNotAllowedError, RoleMapError, RouteNotFoundError } from './http/errors';
export { type CallerIdentity, callerIdentity } from './http/identity';
export { parseRoleMap, type RoleMap, rolesOf } from './http/role-map';
export { REVIEW_API_ROUTES, type RouteSpec, reviewApiHttpEvents, type ServerlessHttpEvent } from './http/routes';
export {
  type Actor,
  type AuditAction,
  type AuditEntry,
  type CancelInput,
  type CreateTaskInput,
  DECISIONS,
  type DecideInput,
  type Decision,
  FINAL_STATUSES,
  type FinalDecision,
  type PolicySnapshot,
  type ReviewStatus,
  type ReviewStep,
  type ReviewTaskView,
  ROLES,
  type Role,
  STATUSES,
} from './model';
export {
  canonicalUseCaseId,
  DEFAULT_CONFIDENCE_THRESHOLD,
  definePolicy,
  HIGH_RISK_USE_CASES,
  needsReview,
  type ReviewNeed,
  type ReviewPolicy,
  type ReviewReason,
  type RiskTier,
  reviewPolicyFor,
} from './policy';
export {
  type ApprovalOutput,
  type Callback,
  callbackFor,
  type ReviewAction,
  type Transition,
  transition,
} from './state-machine';
export {
  auditByUseCase,
  auditTrail,
  type CreateResult,
  cancelReview,
  createReviewTask,
  type DecisionResult,
  decide,
  getTask,
  type ListOptions,
  listPending,
  type ReviewDeps,
  redeliverCallback,
  reviewIdFor,
} from './store';
export {
  DEFAULT_REVIEW_TABLE,
  OPEN_BUCKET,
  OPEN_INDEX,
  type ReviewTableCfnOptions,
  reviewTableCfn,
  USE_CASE_INDEX,
} from './table';
