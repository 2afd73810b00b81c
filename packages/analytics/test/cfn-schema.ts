import { loadAwsServiceSpecSync } from '@aws-cdk/aws-service-spec';

interface SpecType {
  readonly type: string;
  readonly element?: SpecType;
  readonly reference?: { readonly $ref: string };
}
type SpecProperties = Record<string, { readonly required?: boolean; readonly type: SpecType }>;

let spec: ReturnType<typeof loadAwsServiceSpecSync> | undefined;

/**
 * Paths in `properties` that the CloudFormation registry schema of `resourceType` does not define, and
 * required properties that are missing (an independent check of the property names we emit).
 */
export const cfnProblems = (resourceType: string, properties: object): string[] => {
  spec ??= loadAwsServiceSpecSync();
  const db = spec;
  const resource = db.lookup('resource', 'cloudFormationType', 'equals', resourceType)[0];
  if (!resource) return [`unknown resource type ${resourceType}`];
  const problems: string[] = [];
  const visit = (value: unknown, schema: SpecProperties, path: string) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return;
    for (const [name, prop] of Object.entries(schema)) {
      if (prop.required && !(name in value)) problems.push(`${path}.${name} is required`);
    }
    for (const [name, child] of Object.entries(value)) {
      const prop = schema[name];
      if (!prop) {
        problems.push(`${path}.${name} is not in the schema`);
        continue;
      }
      const type = prop.type.type === 'array' && prop.type.element ? prop.type.element : prop.type;
      if (type.type !== 'ref' || !type.reference) continue;
      const definition = db.get('typeDefinition', type.reference.$ref) as unknown as { properties: SpecProperties };
      const items = Array.isArray(child) ? child : [child];
      for (const [i, item] of items.entries()) {
        visit(item, definition.properties, Array.isArray(child) ? `${path}.${name}[${i}]` : `${path}.${name}`);
      }
    }
  };
  visit(properties, resource.properties as unknown as SpecProperties, resourceType);
  return problems;
};
