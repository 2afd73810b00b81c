export { loadAwsServiceSpecSource } from './cfn/aws-service-spec-source';
export { checkIamPolicies } from './cfn/check-iam';
export { checkLambdaRuntime } from './cfn/check-lambda-runtime';
export type { NameLengthOptions } from './cfn/check-name-lengths';
export { checkNameLengths, LONGEST_PSEUDO_PARAMETERS, NAME_LIMITS, projectStage } from './cfn/check-name-lengths';
export { checkResourceSchemas } from './cfn/check-resource-schemas';
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
export type { ServerlessConfigRules } from './serverless/check-serverless-config';
export {
  checkOfflineVariables,
  checkServerlessConfig,
  DEFAULT_SERVERLESS_RULES,
} from './serverless/check-serverless-config';
export { parseServerlessYaml } from './serverless/parse-serverless-yaml';
export type { ImportSpecifier, SourceFile } from './workspace/check-imports';
export { checkRuntimeImports, importSpecifiers, packageNameOf } from './workspace/check-imports';
export { checkTsconfigExtends } from './workspace/check-tsconfig';
export type { Catalogs, StandaloneManifestInput } from './workspace/export-plan';
export { standaloneManifest, tarballName, workspaceClosure } from './workspace/export-plan';
export { guardPackage, guardServerlessService, packageDirs, readSourceFiles } from './workspace/guard-package';
export type { Manifest } from './workspace/manifest';
export { parseManifest } from './workspace/manifest';
export type { Workspace, WorkspacePackage } from './workspace/workspace';
export { readManifest, readWorkspace } from './workspace/workspace';
