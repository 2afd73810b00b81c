import { loadAwsServiceSpecSync } from '@aws-cdk/aws-service-spec';

interface SpecType {
  readonly type: string;
  readonly element?: SpecType;
  readonly types?: readonly SpecType[];
  readonly reference?: { readonly $ref: string };
}
type SpecProperties = Record<string, { readonly required?: boolean; readonly type: SpecType }>;

let db: ReturnType<typeof loadAwsServiceSpecSync> | undefined;

/**
 * Every property name (at every depth) of `properties` that the CloudFormation resource schema does not
 * know, and every required property that is missing, as readable paths. Empty means the shape is valid.
 */
export const cfnSchemaProblems = (resourceType: string, properties: Record<string, unknown>): string[] => {
  db ??= loadAwsServiceSpecSync();
  const spec = db;
  const resource = spec.lookup('resource', 'cloudFormationType', 'equals', resourceType)[0];
  if (!resource) return [`unknown resource type ${resourceType}`];
  const problems: string[] = [];
  const checkObject = (value: unknown, schema: SpecProperties, path: string) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      problems.push(`${path}: expected an object`);
      return;
    }
    for (const [name, prop] of Object.entries(schema)) {
      if (prop.required && !(name in value)) problems.push(`${path}.${name}: required`);
    }
    for (const [name, v] of Object.entries(value)) {
      const prop = schema[name];
      if (!prop) problems.push(`${path}.${name}: not in the schema`);
      else checkValue(v, prop.type, `${path}.${name}`);
    }
  };
  const checkValue = (value: unknown, type: SpecType, path: string) => {
    if (type.type === 'ref' && type.reference) {
      const def = spec.get('typeDefinition', type.reference.$ref) as unknown as { properties: SpecProperties };
      checkObject(value, def.properties, path);
    } else if (type.type === 'array' && Array.isArray(value)) {
      const element = type.element;
      if (element) for (const [i, v] of value.entries()) checkValue(v, element, `${path}[${i}]`);
    }
  };
  checkObject(properties, resource.properties as unknown as SpecProperties, resourceType);
  return problems;
};
