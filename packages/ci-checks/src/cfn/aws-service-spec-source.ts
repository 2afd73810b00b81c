import { loadAwsServiceSpecSync } from '@aws-cdk/aws-service-spec';
import type { ObjectSchema, PropertySchema, ResourceSchemaSource, ValueShape } from './schema';

type SpecDatabase = ReturnType<typeof loadAwsServiceSpecSync>;
type SpecResource = ReturnType<SpecDatabase['get']> & { readonly properties?: unknown };

/** Structural view of the spec's property types (the types package is a transitive dependency only). */
interface SpecType {
  readonly type: string;
  readonly element?: SpecType;
  readonly types?: readonly SpecType[];
  readonly reference?: { readonly $ref: string };
}
interface SpecProperty {
  readonly required?: boolean;
  readonly type: SpecType;
}

const PRIMITIVES = new Set(['string', 'number', 'integer', 'boolean', 'json', 'date-time', 'null', 'tag']);

/**
 * Schemas from `@aws-cdk/aws-service-spec` (the CloudFormation registry schemas the CDK is generated from).
 * Loading the database takes ~0.4 s and ~150 MB, so build one source per process.
 */
export const loadAwsServiceSpecSource = (): ResourceSchemaSource => {
  const db = loadAwsServiceSpecSync();
  const typeDefinitions = new Map<string, ObjectSchema>();

  const toShape = (t: SpecType): ValueShape => {
    switch (t.type) {
      case 'array':
      case 'map':
        return { kind: t.type, element: t.element ? toShape(t.element) : { kind: 'json' } };
      case 'union':
        return { kind: 'union', options: (t.types ?? []).map(toShape) };
      case 'ref': {
        const id = t.reference?.$ref;
        if (id === undefined) return { kind: 'json' };
        return { kind: 'object', resolve: () => typeDefinition(id) };
      }
      default:
        return PRIMITIVES.has(t.type) ? ({ kind: t.type } as ValueShape) : { kind: 'json' };
    }
  };

  const toProperties = (raw: unknown): Record<string, PropertySchema> => {
    const properties: Record<string, PropertySchema> = {};
    for (const [name, prop] of Object.entries((raw ?? {}) as Record<string, SpecProperty>)) {
      properties[name] = { required: prop.required === true, shape: toShape(prop.type) };
    }
    return properties;
  };

  const typeDefinition = (id: string): ObjectSchema => {
    const cached = typeDefinitions.get(id);
    if (cached) return cached;
    const def = db.get('typeDefinition', id);
    const schema: ObjectSchema = { name: def.name, properties: toProperties(def.properties) };
    typeDefinitions.set(id, schema);
    return schema;
  };

  return {
    resource(cloudFormationType) {
      const found = db.lookup('resource', 'cloudFormationType', 'equals', cloudFormationType);
      const resource: SpecResource | undefined = found[0];
      if (!resource) return undefined;
      return { name: cloudFormationType, properties: toProperties(resource.properties) };
    },
  };
};
