import { type CollectionTag, parse, type ScalarTag, type YAMLMap, type YAMLSeq } from 'yaml';

/**
 * YAML tags for CloudFormation's short intrinsic-function forms (`!Ref X`, `!GetAtt A.Arn`, `!Sub [...]`).
 * Each produces the long form (`{ Ref: 'X' }`, `{ 'Fn::GetAtt': ['A', 'Arn'] }`) that the JSON template uses.
 */
const FUNCTION_TAGS = [
  'And',
  'Base64',
  'Cidr',
  'Equals',
  'FindInMap',
  'GetAtt',
  'GetAZs',
  'If',
  'ImportValue',
  'Join',
  'Not',
  'Or',
  'Select',
  'Split',
  'Sub',
  'Transform',
] as const;

const collectionTag = (tag: string, key: string, collection: 'seq' | 'map'): CollectionTag => ({
  tag,
  collection,
  resolve: (value: YAMLSeq.Parsed | YAMLMap.Parsed) => ({ [key]: value.toJSON() }),
});

const scalarTag = (tag: string, resolve: (value: string) => unknown): ScalarTag => ({ tag, resolve });

const buildTags = (): (ScalarTag | CollectionTag)[] => {
  const tags: (ScalarTag | CollectionTag)[] = [
    scalarTag('!Ref', (value) => ({ Ref: value })),
    scalarTag('!Condition', (value) => ({ Condition: value })),
  ];
  for (const fn of FUNCTION_TAGS) {
    const key = `Fn::${fn}`;
    tags.push(collectionTag(`!${fn}`, key, 'seq'), collectionTag(`!${fn}`, key, 'map'));
    // `!GetAtt Resource.Attribute` is the one scalar form that is not passed through as is.
    tags.push(
      scalarTag(`!${fn}`, (value) => ({
        [key]: fn === 'GetAtt' ? splitGetAtt(value) : value,
      })),
    );
  }
  return tags;
};

const splitGetAtt = (value: string): string[] => {
  const dot = value.indexOf('.');
  return dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)];
};

const CFN_TAGS = buildTags();

/** Parses serverless.yml (or any CloudFormation-flavoured YAML) into plain JSON values. */
export const parseCfnYaml = (text: string): unknown => parse(text, { customTags: CFN_TAGS, maxAliasCount: 1000 });
