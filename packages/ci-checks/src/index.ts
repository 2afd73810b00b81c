export { loadAwsServiceSpecSource } from './cfn/aws-service-spec-source';
export { checkIamPolicies } from './cfn/check-iam';
export { checkLambdaRuntime } from './cfn/check-lambda-runtime';
export type { NameLengthOptions } from './cfn/check-name-lengths';
export { checkNameLengths, LONGEST_PSEUDO_PARAMETERS, NAME_LIMITS, projectStage } from './cfn/check-name-lengths';
export { checkResourceProperties, checkResourceSchemas } from './cfn/check-resource-schemas';
export type { TemplateCheckOptions } from './cfn/check-template';
export { checkTemplate, DEFAULT_TEMPLATE_CHECK_OPTIONS } from './cfn/check-template';
export { actionMatches, DATA_ACTIONS, dataActionsGrantedBy } from './cfn/iam-actions';
export { isIntrinsic } from './cfn/intrinsics';
export type { RefValues, Resolved } from './cfn/resolve-string';
export { resolveString } from './cfn/resolve-string';
export type { ObjectSchema, PropertySchema, ResourceSchemaSource, ValueShape } from './cfn/schema';
export type { CfnResource, CfnTemplate } from './cfn/template';
export { parseTemplate } from './cfn/template';
export { CiCheckError } from './errors';
export type { Finding } from './findings';
export { errorsOf, formatFinding } from './findings';
export { checkReviewGate } from './serverless/check-review-gate';
export type { ServerlessConfigRules } from './serverless/check-serverless-config';
export {
  checkOfflineVariables,
  checkServerlessConfig,
  DEFAULT_SERVERLESS_RULES,
} from './serverless/check-serverless-config';
export {
  checkTriggerModes,
  discoverStepsOf,
  FPOLICY_DETAIL_TYPE,
  FPOLICY_EVENT_SOURCE,
  TRIGGER_MODES,
} from './serverless/check-trigger-modes';
export { parseServerlessYaml } from './serverless/parse-serverless-yaml';
export type { AslState, StateMachineEntry } from './serverless/state-machines';
export { invokedFunctionOf, stateMachinesOf, statesOf } from './serverless/state-machines';
export type { ImportSpecifier, SourceFile } from './workspace/check-imports';
export { checkRuntimeImports, importSpecifiers, packageNameOf } from './workspace/check-imports';
export { checkTsconfigExtends } from './workspace/check-tsconfig';
export type { Catalogs, StandaloneManifestInput } from './workspace/export-plan';
export { standaloneManifest, tarballName, workspaceClosure } from './workspace/export-plan';
export {
  guardPackage,
  guardReviewGate,
  guardServerlessService,
  guardTriggerModes,
  packageDirs,
  readServerlessService,
  readSourceFiles,
} from './workspace/guard-package';
export type { Manifest } from './workspace/manifest';
export { parseManifest } from './workspace/manifest';
export type { Workspace, WorkspacePackage } from './workspace/workspace';
export { readManifest, readWorkspace } from './workspace/workspace';
