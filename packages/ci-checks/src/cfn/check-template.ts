import type { Finding } from '../findings';
import { checkIamPolicies } from './check-iam';
import { checkLambdaRuntime } from './check-lambda-runtime';
import { checkNameLengths, type NameLengthOptions } from './check-name-lengths';
import { checkResourceSchemas } from './check-resource-schemas';
import type { ResourceSchemaSource } from './schema';
import type { CfnTemplate } from './template';

export interface TemplateCheckOptions extends NameLengthOptions {
  readonly schemas: ResourceSchemaSource;
  readonly lambdaRuntime: string;
}

export const DEFAULT_TEMPLATE_CHECK_OPTIONS = {
  packagedStage: 'dev',
  stages: ['dev', 'production'],
  lambdaRuntime: 'nodejs22.x',
} as const;

/** Every check a packaged template must pass. */
export const checkTemplate = (template: CfnTemplate, options: TemplateCheckOptions): Finding[] => [
  ...checkResourceSchemas(template, options.schemas),
  ...checkNameLengths(template, options),
  ...checkIamPolicies(template),
  ...checkLambdaRuntime(template, options.lambdaRuntime),
];
