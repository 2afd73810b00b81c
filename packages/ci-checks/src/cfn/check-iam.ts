import type { Finding } from '../findings';
import { isJsonObject, type JsonObject } from '../json';
import { dataActionsGrantedBy } from './iam-actions';
import { isIntrinsic } from './intrinsics';
import type { CfnTemplate } from './template';

interface PolicyDocumentAt {
  readonly path: string;
  readonly document: unknown;
}

/** Identity policy documents a resource carries (trust policies excluded: they grant no actions). */
const policyDocuments = (type: string, properties: JsonObject): PolicyDocumentAt[] => {
  switch (type) {
    case 'AWS::IAM::Role':
    case 'AWS::IAM::User':
    case 'AWS::IAM::Group': {
      const policies = properties.Policies;
      if (!Array.isArray(policies)) return [];
      return policies.flatMap((p, i) =>
        isJsonObject(p) ? [{ path: `Properties.Policies[${i}].PolicyDocument`, document: p.PolicyDocument }] : [],
      );
    }
    case 'AWS::IAM::Policy':
    case 'AWS::IAM::ManagedPolicy':
    case 'AWS::IAM::RolePolicy':
      return [{ path: 'Properties.PolicyDocument', document: properties.PolicyDocument }];
    default:
      return [];
  }
};

const asList = (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

const statementsOf = (document: unknown): unknown[] => (isJsonObject(document) ? asList(document.Statement) : []);

/**
 * Least privilege on every Allow statement: no `*` action, no whole-service wildcard (`s3:*`), no
 * NotAction, and no data action (object/item/secret reads and writes) on `Resource: '*'` or NotResource.
 */
export const checkIamPolicies = (template: CfnTemplate): Finding[] => {
  const findings: Finding[] = [];
  for (const [id, resource] of template.resources) {
    for (const { path, document } of policyDocuments(resource.Type, resource.Properties)) {
      statementsOf(document).forEach((statement, i) => {
        if (!isJsonObject(statement) || statement.Effect !== 'Allow') return;
        const at = `${path}.Statement[${i}]`;
        const add = (message: string) =>
          findings.push({ rule: 'iam-least-privilege', severity: 'error', subject: id, path: at, message });
        if (statement.NotAction !== undefined) add('Allow with NotAction grants everything else');
        const actions = asList(statement.Action).filter((a): a is string => typeof a === 'string');
        for (const action of actions) {
          if (action === '*') add('Action "*" grants every action');
          else if (/^[^:]+:\*$/.test(action)) add(`Action "${action}" grants the whole service`);
        }
        const resources = asList(statement.Resource);
        const anyResource = statement.NotResource !== undefined || resources.some((r) => r === '*' && !isIntrinsic(r));
        if (!anyResource) return;
        const data = [...new Set(actions.flatMap(dataActionsGrantedBy))];
        if (data.length > 0) add(`data actions on every resource: ${data.join(', ')}`);
      });
    }
  }
  return findings;
};
