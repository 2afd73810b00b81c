import { S3ApInvalidInputError } from './errors';

/** A parsed S3 access point reference; `bucket` is what to pass as `Bucket` in S3 requests. */
export type AccessPointRef =
  | { readonly kind: 'alias'; readonly bucket: string; readonly alias: string }
  | {
      readonly kind: 'arn';
      readonly bucket: string;
      readonly name: string;
      readonly partition: 'aws' | 'aws-cn' | 'aws-us-gov';
      readonly region: string;
      readonly accountId: string;
      /** Resource ARNs for IAM policies: the access point and its objects. */
      readonly iamResourceArns: readonly [string, string];
    };

const ALIAS = /^[a-z0-9][a-z0-9-]{1,48}-[a-z0-9]{10}-ext-s3alias$/;
const NAME = /^[a-z0-9](?:[a-z0-9-]{1,48})[a-z0-9]$/;
const ARN = /^arn:(aws|aws-cn|aws-us-gov):s3:([a-z]{2}(?:-gov|-iso[a-z]*)?-[a-z]+-\d):(\d{12}):accesspoint\/([^/]+)$/;

/**
 * Parses an access point alias (`<name>-<10 alnum>-ext-s3alias`) or ARN
 * (`arn:<partition>:s3:<region>:<account>:accesspoint/<name>`). Anything else — bucket ARNs, object ARNs,
 * plain bucket names, S3 URIs — is refused with a message that says what was expected.
 */
export const parseAccessPoint = (ref: string): AccessPointRef => {
  const value = ref.trim();
  if (value.startsWith('arn:')) {
    const match = ARN.exec(value);
    if (!match) {
      throw new S3ApInvalidInputError(
        `Not an S3 access point ARN: "${value}". Expected arn:aws:s3:<region>:<12-digit account>:accesspoint/<name> (partitions aws, aws-cn, aws-us-gov).`,
      );
    }
    const [, partition, region, accountId, name] = match as unknown as [
      string,
      'aws' | 'aws-cn' | 'aws-us-gov',
      string,
      string,
      string,
    ];
    if (!NAME.test(name) || name.includes('--')) {
      throw new S3ApInvalidInputError(
        `Invalid access point name "${name}" in ARN: 3-50 lowercase letters, digits and hyphens.`,
      );
    }
    return {
      kind: 'arn',
      bucket: value,
      name,
      partition,
      region,
      accountId,
      iamResourceArns: [value, `${value}/object/*`],
    };
  }
  if (ALIAS.test(value) && value.length <= 63 && !value.includes('--'))
    return { kind: 'alias', bucket: value, alias: value };
  throw new S3ApInvalidInputError(
    `Not an S3 access point alias or ARN: "${value}". Expected <name>-<10 lowercase letters/digits>-ext-s3alias or arn:aws:s3:<region>:<account>:accesspoint/<name>.`,
  );
};
