import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseKey, parseAccessPoint, S3ApInvalidInputError, suffixMatcher } from '../src/index';

const name = fc
  .array(fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789'), { minLength: 3, maxLength: 20 })
  .map((cs) => cs.join(''));
const suffix = fc
  .array(fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789'), { minLength: 10, maxLength: 10 })
  .map((cs) => cs.join(''));

describe('parseAccessPoint', () => {
  it('accepts every <name>-<10 alnum>-ext-s3alias and passes it through as the bucket', () => {
    fc.assert(
      fc.property(name, suffix, (n, s) => {
        const alias = `${n}-${s}-ext-s3alias`;
        expect(parseAccessPoint(alias)).toEqual({ kind: 'alias', bucket: alias, alias });
      }),
    );
  });

  it('parses access point ARNs in every partition into name, region, account and IAM resource ARNs', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('aws', 'aws-cn', 'aws-us-gov'),
        fc.constantFrom('us-east-1', 'ap-northeast-1', 'cn-north-1', 'us-gov-west-1', 'eu-central-2'),
        fc.stringMatching(/^\d{12}$/),
        name,
        (partition, region, account, n) => {
          const arn = `arn:${partition}:s3:${region}:${account}:accesspoint/${n}`;
          const parsed = parseAccessPoint(arn);
          expect(parsed).toEqual({
            kind: 'arn',
            bucket: arn,
            name: n,
            partition,
            region,
            accountId: account,
            iamResourceArns: [arn, `${arn}/object/*`],
          });
        },
      ),
    );
  });

  it('refuses bucket names, bucket ARNs, object ARNs, S3 URIs and malformed references with a clear message', () => {
    for (const bad of [
      'my-bucket',
      'arn:aws:s3:::my-bucket',
      'arn:aws:s3:us-east-1:123456789012:accesspoint/ap/object/key.txt',
      'arn:aws:s3:us-east-1:12345:accesspoint/ap',
      'arn:aws:sqs:us-east-1:123456789012:accesspoint/ap',
      's3://my-bucket/key',
      'ap-ABCDEFGHIJ-ext-s3alias',
      'ap-abc-ext-s3alias',
      '',
    ]) {
      expect(() => parseAccessPoint(bad), bad).toThrow(S3ApInvalidInputError);
      expect(() => parseAccessPoint(bad), bad).toThrow(/alias|ARN/);
    }
  });

  it('never accepts an arbitrary string that is neither alias nor ARN shaped', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        fc.pre(!s.trim().endsWith('-ext-s3alias') && !s.trim().startsWith('arn:'));
        expect(() => parseAccessPoint(s)).toThrow(S3ApInvalidInputError);
      }),
    );
  });
});

describe('normaliseKey', () => {
  it('joins prefix and key into a key without a leading slash or . / .. segments, under the prefix', () => {
    const segment = fc
      .string({ minLength: 1, maxLength: 6 })
      .filter((s) => !s.includes('/') && !s.includes('\0') && s !== '.' && s !== '..');
    fc.assert(
      fc.property(
        fc.array(segment, { maxLength: 3 }),
        fc.array(segment, { minLength: 1, maxLength: 3 }),
        fc.boolean(),
        (p, k, lead) => {
          const prefix = p.length === 0 ? '' : `${p.join('/')}/`;
          const key = normaliseKey(prefix, `${lead ? '/' : ''}${k.join('/')}`);
          expect(key).toBe(`${prefix}${k.join('/')}`);
          expect(key.startsWith('/')).toBe(false);
        },
      ),
    );
  });

  it('adds the missing slash after a prefix and refuses escaping or empty names', () => {
    expect(normaliseKey('ai-outputs', 'a.json')).toBe('ai-outputs/a.json');
    for (const bad of ['../x', 'a/../../x', 'a//b', 'dir/', '', 'a/./b', 'nul\0']) {
      expect(() => normaliseKey('out/', bad), bad).toThrow(S3ApInvalidInputError);
    }
  });
});

describe('suffixMatcher', () => {
  it('matches a key exactly when some suffix ends it, optionally ignoring case', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.array(fc.string({ minLength: 1, maxLength: 5 }), { maxLength: 4 }),
        fc.boolean(),
        (key, suffixes, ci) => {
          const expected =
            suffixes.length === 0 ||
            suffixes.some((s) => (ci ? key.toLowerCase().endsWith(s.toLowerCase()) : key.endsWith(s)));
          expect(suffixMatcher(suffixes, ci)(key)).toBe(expected);
        },
      ),
    );
  });
});
