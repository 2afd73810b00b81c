import type { RequestContext } from './context';
import { quoteEtag, sendEmpty, sendXml } from './http-util';
import { readSmallBody } from './ingest';
import { compareKeys, type ListedObject, paginate, walkObjects } from './listing';
import { STORAGE_CLASS } from './object-handlers';
import { malformedXml, S3ApEmulatorError } from './s3-error';
import { el, elements, text, wrap, xmlDocument } from './xml';

const MAX_KEYS = 1000;

const parseMaxKeys = (value: string | null): number => {
  if (value === null) return MAX_KEYS;
  if (!/^\d+$/.test(value))
    throw new S3ApEmulatorError('InvalidArgument', 'Provided max-keys not an integer or within integer range');
  return Math.min(Number(value), MAX_KEYS);
};

/** Keys in responses are URL-encoded when the client asks for `encoding-type=url` (slashes kept). */
const encoder = (query: URLSearchParams): ((value: string) => string) => {
  const encoding = query.get('encoding-type');
  if (encoding === null) return (v) => v;
  if (encoding !== 'url')
    throw new S3ApEmulatorError('InvalidArgument', 'Invalid Encoding Method specified in Request');
  return (v) => encodeURIComponent(v).replace(/%2F/g, '/');
};

const etagCache = async (ctx: RequestContext, object: ListedObject): Promise<string> =>
  object.directoryMarker
    ? 'd41d8cd98f00b204e9800998ecf8427e'
    : ((await ctx.volume.get(object.key).catch(() => undefined))?.etag ?? '');

const contentsXml = async (
  ctx: RequestContext,
  objects: readonly ListedObject[],
  encode: (v: string) => string,
): Promise<string> => {
  const parts: string[] = [];
  for (const object of objects) {
    parts.push(
      wrap(
        'Contents',
        el('Key', encode(object.key)) +
          el('LastModified', object.mtime.toISOString()) +
          el('ETag', quoteEtag(await etagCache(ctx, object))) +
          el('Size', object.size) +
          el('StorageClass', STORAGE_CLASS),
      ),
    );
  }
  return parts.join('');
};

const prefixesXml = (prefixes: readonly string[], encode: (v: string) => string): string =>
  prefixes.map((p) => wrap('CommonPrefixes', el('Prefix', encode(p)))).join('');

const encodeToken = (last: string): string =>
  Buffer.from(JSON.stringify({ after: last }), 'utf8').toString('base64url');

const decodeToken = (token: string): string => {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { after?: unknown };
    if (typeof parsed.after === 'string') return parsed.after;
  } catch {
    // fall through to the S3 error below
  }
  throw new S3ApEmulatorError('InvalidArgument', 'The continuation token provided is incorrect');
};

export const listObjectsV2 = async (ctx: RequestContext): Promise<void> => {
  const { query } = ctx;
  const prefix = query.get('prefix') ?? '';
  const delimiter = query.get('delimiter') || undefined;
  const maxKeys = parseMaxKeys(query.get('max-keys'));
  const token = query.get('continuation-token');
  const startAfter = query.get('start-after') ?? undefined;
  const encode = encoder(query);
  let after = token !== null ? decodeToken(token) : startAfter;
  if (token !== null && startAfter !== undefined && compareKeys(startAfter, after ?? '') > 0) after = startAfter;
  const page =
    maxKeys === 0
      ? { contents: [], commonPrefixes: [], isTruncated: false, last: undefined }
      : paginate(await walkObjects(ctx.volume.rootReal, prefix), { prefix, delimiter, after, maxKeys });
  const body =
    el('Name', ctx.volume.info.alias) +
    el('Prefix', encode(prefix)) +
    (delimiter !== undefined ? el('Delimiter', encode(delimiter)) : '') +
    el('MaxKeys', maxKeys) +
    el('KeyCount', page.contents.length + page.commonPrefixes.length) +
    el('IsTruncated', page.isTruncated) +
    (token !== null ? el('ContinuationToken', token) : '') +
    (page.isTruncated && page.last !== undefined ? el('NextContinuationToken', encodeToken(page.last)) : '') +
    (startAfter !== undefined ? el('StartAfter', encode(startAfter)) : '') +
    (query.get('encoding-type') === 'url' ? el('EncodingType', 'url') : '') +
    (await contentsXml(ctx, page.contents, encode)) +
    prefixesXml(page.commonPrefixes, encode);
  sendXml(ctx.res, 200, xmlDocument('ListBucketResult', body));
};

export const listObjectsV1 = async (ctx: RequestContext): Promise<void> => {
  const { query } = ctx;
  const prefix = query.get('prefix') ?? '';
  const delimiter = query.get('delimiter') || undefined;
  const maxKeys = parseMaxKeys(query.get('max-keys'));
  const marker = query.get('marker') ?? undefined;
  const encode = encoder(query);
  const page =
    maxKeys === 0
      ? { contents: [], commonPrefixes: [], isTruncated: false, last: undefined }
      : paginate(await walkObjects(ctx.volume.rootReal, prefix), { prefix, delimiter, after: marker, maxKeys });
  const body =
    el('Name', ctx.volume.info.alias) +
    el('Prefix', encode(prefix)) +
    el('Marker', encode(marker ?? '')) +
    (page.isTruncated && page.last !== undefined ? el('NextMarker', encode(page.last)) : '') +
    el('MaxKeys', maxKeys) +
    (delimiter !== undefined ? el('Delimiter', encode(delimiter)) : '') +
    el('IsTruncated', page.isTruncated) +
    (query.get('encoding-type') === 'url' ? el('EncodingType', 'url') : '') +
    (await contentsXml(ctx, page.contents, encode)) +
    prefixesXml(page.commonPrefixes, encode);
  sendXml(ctx.res, 200, xmlDocument('ListBucketResult', body));
};

export const headBucket = async (ctx: RequestContext): Promise<void> => {
  sendEmpty(ctx.res, 200, { 'x-amz-bucket-region': ctx.region, 'x-amz-access-point-alias': 'true' });
};

export const getBucketLocation = async (ctx: RequestContext): Promise<void> => {
  // us-east-1 is reported as an empty LocationConstraint, as S3 does.
  const location = ctx.region === 'us-east-1' ? '' : ctx.region;
  sendXml(
    ctx.res,
    200,
    `<?xml version="1.0" encoding="UTF-8"?>\n<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${location}</LocationConstraint>`,
  );
};

export const deleteObjects = async (ctx: RequestContext): Promise<void> => {
  const hasIntegrity = Object.keys(ctx.req.headers).some(
    (h) => h === 'content-md5' || (h.startsWith('x-amz-checksum-') && h !== 'x-amz-checksum-algorithm'),
  );
  if (!hasIntegrity) {
    throw new S3ApEmulatorError(
      'InvalidRequest',
      'Missing required header for this request: Content-MD5 or x-amz-checksum-*',
    );
  }
  const xml = await readSmallBody(ctx.req, 2 * 1024 * 1024);
  if (!/<Delete[\s>]/.test(xml)) throw malformedXml();
  const objects = elements(xml, 'Object');
  if (objects.length === 0 || objects.length > 1000) throw malformedXml();
  const quiet = text(xml, 'Quiet') === 'true';
  const results: string[] = [];
  for (const object of objects) {
    const key = text(object, 'Key');
    if (key === undefined) throw malformedXml();
    const versionId = text(object, 'VersionId');
    try {
      if (versionId !== undefined && versionId !== 'null') {
        throw new S3ApEmulatorError(
          'NotImplemented',
          'Versioning is not supported by Amazon FSx for NetApp ONTAP S3 access points.',
        );
      }
      await ctx.volume.delete(key);
      if (!quiet) results.push(wrap('Deleted', el('Key', key)));
    } catch (error) {
      if (!(error instanceof S3ApEmulatorError)) throw error;
      results.push(wrap('Error', el('Key', key) + el('Code', error.code) + el('Message', error.message)));
    }
  }
  sendXml(ctx.res, 200, xmlDocument('DeleteResult', results.join('')));
};

/** A present-but-unparseable Authorization header is the only credential problem the emulator reports. */
export const checkAuthorization = (value: string | undefined): void => {
  if (value === undefined) return;
  if (value.startsWith('AWS4-HMAC-SHA256 ')) {
    const credential = /Credential=([^,\s]+)/.exec(value)?.[1];
    if (!credential || credential.split('/').length < 5 || !/SignedHeaders=/.test(value) || !/Signature=/.test(value)) {
      throw new S3ApEmulatorError('InvalidArgument', 'The authorization header is malformed.', {
        ArgumentName: 'Authorization',
      });
    }
    return;
  }
  if (!value.startsWith('AWS ')) {
    throw new S3ApEmulatorError('InvalidArgument', 'Unsupported Authorization Type', { ArgumentName: 'Authorization' });
  }
};
