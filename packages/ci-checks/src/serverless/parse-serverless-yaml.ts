import type { ScalarTag } from 'yaml';
import { parse } from 'yaml';
import { CiCheckError } from '../errors';

const INTRINSIC_TAGS = [
  'Ref',
  'Condition',
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
];

const intrinsicKey = (tag: string): string => (tag === 'Ref' || tag === 'Condition' ? tag : `Fn::${tag}`);

/** CloudFormation short forms (`!Ref X`, `!GetAtt [A, Arn]`) as their long forms, for scalars and collections. */
const CFN_TAGS = INTRINSIC_TAGS.flatMap((name) => {
  const key = intrinsicKey(name);
  const scalar: ScalarTag = { tag: `!${name}`, resolve: (value: string) => ({ [key]: value }) };
  return [
    scalar,
    {
      tag: `!${name}`,
      collection: 'seq' as const,
      resolve: (value: { toJSON(): unknown }) => ({ [key]: value.toJSON() }),
    },
    {
      tag: `!${name}`,
      collection: 'map' as const,
      resolve: (value: { toJSON(): unknown }) => ({ [key]: value.toJSON() }),
    },
  ];
});

/** Parses a serverless.yml (or a file it includes) as written: `${...}` variables stay unresolved strings. */
export const parseServerlessYaml = (text: string, source: string): unknown => {
  try {
    return parse(text, { customTags: CFN_TAGS, prettyErrors: false });
  } catch (error) {
    throw new CiCheckError(`${source} is not valid YAML`, { cause: error });
  }
};
