/**
 * Actions that read or change data (objects, items, secrets) rather than configuration. Granting them on
 * `Resource: '*'` hands a function every object/item/secret in the account.
 */
export const DATA_ACTIONS: readonly string[] = [
  's3:GetObject',
  's3:GetObjectVersion',
  's3:GetObjectAttributes',
  's3:GetObjectTagging',
  's3:GetObjectAcl',
  's3:PutObject',
  's3:PutObjectTagging',
  's3:PutObjectAcl',
  's3:DeleteObject',
  's3:DeleteObjectVersion',
  's3:DeleteObjectTagging',
  's3:RestoreObject',
  's3:AbortMultipartUpload',
  's3:ListMultipartUploadParts',
  's3:ListBucket',
  's3:ListBucketVersions',
  'dynamodb:GetItem',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchGetItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
  'dynamodb:Query',
  'dynamodb:Scan',
  'dynamodb:PartiQLSelect',
  'dynamodb:PartiQLInsert',
  'dynamodb:PartiQLUpdate',
  'dynamodb:PartiQLDelete',
  'secretsmanager:GetSecretValue',
];

/** IAM action matching: case-insensitive, `*` any run of characters, `?` one character. */
export const actionMatches = (pattern: string, action: string): boolean => {
  const source = pattern
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, 'i').test(action);
};

/** The data actions an action pattern from a policy grants. */
export const dataActionsGrantedBy = (pattern: string): string[] =>
  DATA_ACTIONS.filter((action) => actionMatches(pattern, action));
