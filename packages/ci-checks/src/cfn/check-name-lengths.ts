import type { Finding } from '../findings';
import { type RefValues, resolveString } from './resolve-string';
import type { CfnTemplate } from './template';

/** Name properties AWS caps, by resource type. */
export const NAME_LIMITS: Readonly<Record<string, { readonly property: string; readonly max: number }>> = {
  'AWS::Lambda::Function': { property: 'FunctionName', max: 64 },
  'AWS::IAM::Role': { property: 'RoleName', max: 64 },
};

/** The longest values a pseudo parameter takes in a commercial region, so names are checked at their worst. */
export const LONGEST_PSEUDO_PARAMETERS: RefValues = {
  'AWS::Region': 'ap-northeast-1',
  'AWS::AccountId': '123456789012',
  'AWS::Partition': 'aws',
  'AWS::URLSuffix': 'amazonaws.com',
  'AWS::StackName': 'stack',
};

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Rewrites a name generated for one stage into the name another stage gets: the stage appears as a whole
 * `-`/`_`/`/`-delimited token (`svc-dev-fn`), never inside a word (`device` stays as it is).
 */
export const projectStage = (name: string, fromStage: string, toStage: string): string =>
  name.replace(
    new RegExp(`(^|[-_/])${escapeRegExp(fromStage)}(?=$|[-_/])`, 'g'),
    (_m, lead: string) => `${lead}${toStage}`,
  );

export interface NameLengthOptions {
  /** The stage the template was packaged with. */
  readonly packagedStage: string;
  /** Every stage the names must fit for, e.g. `['dev', 'production']`. */
  readonly stages: readonly string[];
  readonly refs?: RefValues;
}

/** Every Lambda FunctionName and IAM RoleName fits its 64-character limit for every stage. */
export const checkNameLengths = (template: CfnTemplate, options: NameLengthOptions): Finding[] => {
  const refs = { ...LONGEST_PSEUDO_PARAMETERS, ...options.refs };
  const findings: Finding[] = [];
  for (const [id, resource] of template.resources) {
    const limit = NAME_LIMITS[resource.Type];
    if (!limit || !(limit.property in resource.Properties)) continue;
    const path = `Properties.${limit.property}`;
    const resolved = resolveString(resource.Properties[limit.property], refs);
    if (!resolved.ok) {
      findings.push({
        rule: 'name-length',
        severity: 'warning',
        subject: id,
        path,
        message: `length unknown: ${resolved.reason}`,
      });
      continue;
    }
    const seen = new Set<string>();
    for (const stage of options.stages) {
      const name = projectStage(resolved.value, options.packagedStage, stage);
      // A name without a stage token is the same for every stage: report it once.
      if (seen.has(name)) continue;
      seen.add(name);
      if (name.length > limit.max) {
        findings.push({
          rule: 'name-length',
          severity: 'error',
          subject: id,
          path,
          message: `${resource.Type} name "${name}" (stage ${stage}) is ${name.length} characters, over ${limit.max}`,
        });
      }
    }
  }
  return findings;
};
