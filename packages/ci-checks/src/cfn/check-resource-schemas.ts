import type { Finding } from '../findings';
import { isJsonObject } from '../json';
import { isIntrinsic } from './intrinsics';
import { type ObjectSchema, type ResourceSchemaSource, TAG_SCHEMA, type ValueShape } from './schema';
import { type CfnTemplate, parseTemplate } from './template';

const RESOURCE_ATTRIBUTES = new Set([
  'Condition',
  'CreationPolicy',
  'DeletionPolicy',
  'DependsOn',
  'Metadata',
  'UpdatePolicy',
  'UpdateReplacePolicy',
]);

type Report = (path: string, message: string) => void;

/** CloudFormation converts scalars loosely (a number where a string is expected is accepted), so do we. */
const scalarFits = (kind: string, value: unknown): boolean => {
  switch (kind) {
    case 'string':
    case 'date-time':
      return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
    case 'number':
      return (
        typeof value === 'number' || (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value)))
      );
    case 'integer':
      return (
        (typeof value === 'number' && Number.isInteger(value)) || (typeof value === 'string' && /^-?\d+$/.test(value))
      );
    case 'boolean':
      return typeof value === 'boolean' || value === 'true' || value === 'false';
    case 'null':
      return value === null;
    default:
      return true;
  }
};

const describe = (shape: ValueShape): string => {
  switch (shape.kind) {
    case 'array':
    case 'map':
      return `${shape.kind} of ${describe(shape.element)}`;
    case 'union':
      return shape.options.map(describe).join(' | ');
    case 'object':
      return shape.resolve().name;
    default:
      return shape.kind;
  }
};

/** Whether a value could be of a shape, without reporting (used to pick a union member). */
const fits = (shape: ValueShape, value: unknown): boolean => {
  if (isIntrinsic(value)) return true;
  switch (shape.kind) {
    case 'array':
      return Array.isArray(value);
    case 'map':
    case 'object':
    case 'tag':
      return isJsonObject(value);
    case 'union':
      return shape.options.some((option) => fits(option, value));
    case 'json':
      return true;
    default:
      return scalarFits(shape.kind, value);
  }
};

const checkObject = (schema: ObjectSchema, value: Record<string, unknown>, path: string, report: Report): void => {
  for (const [name, prop] of Object.entries(schema.properties)) {
    if (prop.required && !(name in value)) report(path, `required property ${name} is missing`);
  }
  for (const [name, child] of Object.entries(value)) {
    const prop = schema.properties[name];
    const childPath = path ? `${path}.${name}` : name;
    if (!prop) {
      report(childPath, `${schema.name} has no property ${name}`);
      continue;
    }
    checkValue(prop.shape, child, childPath, report);
  }
};

const checkValue = (shape: ValueShape, value: unknown, path: string, report: Report): void => {
  if (isIntrinsic(value)) return;
  if (!fits(shape, value)) {
    report(path, `expected ${describe(shape)}, found ${Array.isArray(value) ? 'array' : typeof value}`);
    return;
  }
  switch (shape.kind) {
    case 'array':
      for (const [i, item] of (value as unknown[]).entries()) checkValue(shape.element, item, `${path}[${i}]`, report);
      return;
    case 'map':
      for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
        checkValue(shape.element, item, `${path}.${key}`, report);
      }
      return;
    case 'object':
      checkObject(shape.resolve(), value as Record<string, unknown>, path, report);
      return;
    case 'tag':
      checkObject(TAG_SCHEMA, value as Record<string, unknown>, path, report);
      return;
    case 'union': {
      // Prefer a typed member over the `json` escape hatch some schemas add to a union.
      const typed = shape.options.filter((option) => option.kind !== 'json');
      const match = typed.find((option) => fits(option, value));
      if (match) checkValue(match, value, path, report);
      return;
    }
    default:
      return;
  }
};

/**
 * Every resource Type exists, every property (nested ones too) exists for its type, every required
 * property is present and literal values have the right type. Values that are intrinsic functions are not
 * type-checked (only known at deploy time), but the property names around them are.
 */
export const checkResourceSchemas = (template: CfnTemplate, schemas: ResourceSchemaSource): Finding[] => {
  const findings: Finding[] = [];
  for (const [id, resource] of template.resources) {
    const add = (rule: string) => (path: string, message: string) =>
      findings.push({ rule, severity: 'error', subject: id, ...(path ? { path } : {}), message });
    for (const key of Object.keys(resource.attributes)) {
      if (!RESOURCE_ATTRIBUTES.has(key)) add('resource-attribute')(key, `unknown resource attribute ${key}`);
    }
    // Custom resources take any properties the backing Lambda understands.
    if (resource.Type.startsWith('Custom::') || resource.Type === 'AWS::CloudFormation::CustomResource') continue;
    const schema = schemas.resource(resource.Type);
    if (!schema) {
      add('resource-type')('Type', `unknown resource type ${resource.Type}`);
      continue;
    }
    const report = add('resource-property');
    checkObject(schema, resource.Properties, 'Properties', (path, message) => report(path, message));
  }
  return findings;
};

/**
 * The findings for one resource's properties, for code that builds a resource snippet (a `…Cfn()` function)
 * and wants it checked against the CloudFormation schema without writing a whole template.
 */
export const checkResourceProperties = (
  resourceType: string,
  properties: Readonly<Record<string, unknown>>,
  schemas: ResourceSchemaSource,
): Finding[] =>
  checkResourceSchemas(
    parseTemplate({ Resources: { Resource: { Type: resourceType, Properties: properties } } }),
    schemas,
  );
