/**
 * The slice of a CloudFormation resource schema the checks need. Kept independent of the schema source so
 * the checks stay pure and the source (the CDK service spec today) can be swapped.
 */
export type ValueShape =
  | { readonly kind: 'string' | 'number' | 'integer' | 'boolean' | 'json' | 'date-time' | 'null' | 'tag' }
  | { readonly kind: 'array' | 'map'; readonly element: ValueShape }
  | { readonly kind: 'union'; readonly options: readonly ValueShape[] }
  /** Resolved lazily: CloudFormation types can be recursive (WAF rule statements, for example). */
  | { readonly kind: 'object'; readonly resolve: () => ObjectSchema };

export interface PropertySchema {
  readonly required: boolean;
  readonly shape: ValueShape;
}

export interface ObjectSchema {
  readonly name: string;
  readonly properties: Readonly<Record<string, PropertySchema>>;
}

export interface ResourceSchemaSource {
  /** The schema of a resource type such as `AWS::Lambda::Function`, or undefined when no such type exists. */
  resource(cloudFormationType: string): ObjectSchema | undefined;
}

/** The fixed shape of the legacy `tag` type: a key/value pair. */
export const TAG_SCHEMA: ObjectSchema = {
  name: 'Tag',
  properties: {
    Key: { required: true, shape: { kind: 'string' } },
    Value: { required: true, shape: { kind: 'string' } },
  },
};
