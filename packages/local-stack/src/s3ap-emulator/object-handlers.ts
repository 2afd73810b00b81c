import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { IncomingMessage, OutgoingHttpHeaders } from 'node:http';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type ChecksumAlgorithm, checksumHeader, createDigest } from './checksums';
import type { RequestContext } from './context';
import { header, quoteEtag, sendEmpty, sendXml, unquoteEtag } from './http-util';
import { declaredSize, type IngestResult, ingestBody, MemorySink, readSmallBody } from './ingest';
import { parseRange } from './range';
import { S3ApEmulatorError } from './s3-error';
import type { ContentFacts, ObjectSidecar } from './sidecar';
import { tagsFromHeader, tagsFromXml, tagsToXml } from './tags';
import type { StoredObject, Volume } from './volume';
import { el, wrap, xmlDocument } from './xml';

export const STORAGE_CLASS = 'FSX_ONTAP';

/** `x-amz-meta-*` request headers as a metadata map. */
export const userMetadata = (req: IncomingMessage): Record<string, string> | undefined => {
  const entries = Object.entries(req.headers)
    .filter(([name]) => name.startsWith('x-amz-meta-'))
    .map(([name, value]) => [name.slice('x-amz-meta-'.length), Array.isArray(value) ? value.join(',') : (value ?? '')]);
  return entries.length === 0 ? undefined : Object.fromEntries(entries);
};

const objectHeaders = (object: StoredObject): OutgoingHttpHeaders => {
  const headers: OutgoingHttpHeaders = {
    etag: quoteEtag(object.etag),
    'last-modified': object.info.mtime.toUTCString(),
    'content-type':
      object.sidecar.contentType ?? (object.key.endsWith('/') ? 'application/x-directory' : 'application/octet-stream'),
    'accept-ranges': 'bytes',
    'x-amz-storage-class': STORAGE_CLASS,
  };
  for (const [name, value] of Object.entries(object.sidecar.metadata ?? {})) headers[`x-amz-meta-${name}`] = value;
  if (object.sidecar.tags?.length) headers['x-amz-tagging-count'] = String(object.sidecar.tags.length);
  return headers;
};

const RESPONSE_OVERRIDES = [
  'content-type',
  'content-language',
  'expires',
  'cache-control',
  'content-disposition',
  'content-encoding',
];

/** A failed If-Match/If-Unmodified-Since is 412; a matching If-None-Match/If-Modified-Since is 304. */
const conditionalReadStatus = (req: IncomingMessage, object: StoredObject): 304 | 412 | undefined => {
  const ifMatch = header(req, 'if-match');
  const ifNoneMatch = header(req, 'if-none-match');
  const matches = (list: string) => list.split(',').some((v) => v.trim() === '*' || unquoteEtag(v) === object.etag);
  const modifiedMs = Math.floor(object.info.mtimeMs / 1000) * 1000;
  if (ifMatch !== undefined && !matches(ifMatch)) return 412;
  const unmodifiedSince = header(req, 'if-unmodified-since');
  if (ifMatch === undefined && unmodifiedSince !== undefined && modifiedMs > Date.parse(unmodifiedSince)) return 412;
  if (ifNoneMatch !== undefined) return matches(ifNoneMatch) ? 304 : undefined;
  const modifiedSince = header(req, 'if-modified-since');
  if (modifiedSince !== undefined && modifiedMs <= Date.parse(modifiedSince)) return 304;
  return undefined;
};

export const getObject = async (ctx: RequestContext, headOnly: boolean): Promise<void> => {
  const object = await ctx.volume.get(ctx.key);
  const conditional = conditionalReadStatus(ctx.req, object);
  if (conditional === 412)
    throw new S3ApEmulatorError('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold');
  const headers = objectHeaders(object);
  if (conditional === 304) {
    sendEmpty(ctx.res, 304, { etag: headers.etag, 'last-modified': headers['last-modified'] });
    return;
  }
  const size = object.info.isDirectory() ? 0 : object.info.size;
  const partNumber = ctx.query.get('partNumber');
  if (partNumber !== null && (partNumber !== '1' || (object.facts?.partsCount ?? 1) > 1)) {
    throw new S3ApEmulatorError('InvalidPartNumber', 'The requested partnumber is not satisfiable');
  }
  const range = parseRange(header(ctx.req, 'range'), size);
  if (!headOnly) {
    for (const name of RESPONSE_OVERRIDES) {
      const override = ctx.query.get(`response-${name}`);
      if (override !== null) headers[name] = override;
    }
  }
  const checksum = object.facts?.checksum;
  if (!range && checksum && header(ctx.req, 'x-amz-checksum-mode')?.toUpperCase() === 'ENABLED') {
    headers[checksumHeader(checksum.algorithm)] = checksum.value;
    headers['x-amz-checksum-type'] = 'FULL_OBJECT';
  }
  if (range) headers['content-range'] = `bytes ${range.start}-${range.end}/${size}`;
  headers['content-length'] = range ? range.end - range.start + 1 : size;
  ctx.res.writeHead(range ? 206 : 200, headers);
  if (headOnly || size === 0) {
    ctx.res.end();
    return;
  }
  // Streamed straight from the file: memory stays flat whatever the object size.
  await pipeline(createReadStream(object.file, { start: range?.start ?? 0, end: range?.end ?? size - 1 }), ctx.res);
};

/** Receives a body into a temp file in the state dir; removes the temp file if anything fails. */
export const receiveToTemp = async (
  ctx: RequestContext,
  maxBytes: number,
): Promise<{ temp: string; received: IngestResult }> => {
  const temp = ctx.volume.tempPath();
  try {
    const received = await ingestBody(ctx.req, createWriteStream(temp), maxBytes);
    return { temp, received };
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
};

const checksumResponseHeaders = (facts: Pick<ContentFacts, 'checksum'>): OutgoingHttpHeaders =>
  facts.checksum ? { [checksumHeader(facts.checksum.algorithm)]: facts.checksum.value } : {};

export const putObject = async (ctx: RequestContext): Promise<void> => {
  const tags = tagsFromHeader(header(ctx.req, 'x-amz-tagging'));
  const key = await ctx.volume.checkWritable(ctx.key);
  if (key.directory) {
    if ((declaredSize(ctx.req) ?? 0) > 0) {
      throw new S3ApEmulatorError('InvalidArgument', 'A key ending in "/" names a directory and cannot have content.');
    }
    await ingestBody(ctx.req, new MemorySink(), 0);
    await ctx.volume.makeDirectory(ctx.key);
    sendEmpty(ctx.res, 200, { etag: quoteEtag('d41d8cd98f00b204e9800998ecf8427e'), 'x-amz-request-id': ctx.requestId });
    return;
  }
  const { temp, received } = await receiveToTemp(ctx, ctx.limits.maxPartSize);
  try {
    const facts = await ctx.volume.commit(
      ctx.key,
      temp,
      { etag: received.md5Hex, checksum: received.checksum },
      { contentType: header(ctx.req, 'content-type'), metadata: userMetadata(ctx.req), tags },
    );
    sendEmpty(ctx.res, 200, { etag: quoteEtag(facts.etag), ...checksumResponseHeaders(facts) });
  } finally {
    await rm(temp, { force: true });
  }
};

/** Parses `x-amz-copy-source` (`[/]bucket/key[?versionId=…]`, or an access point ARN form). */
export const parseCopySource = (value: string): { bucket: string; key: string } => {
  const [pathPart = '', queryPart] = value.split('?', 2);
  if (queryPart !== undefined) {
    const versionId = new URLSearchParams(queryPart).get('versionId');
    if (versionId !== null && versionId !== 'null') {
      throw new S3ApEmulatorError(
        'NotImplemented',
        'Versioning is not supported by Amazon FSx for NetApp ONTAP S3 access points.',
      );
    }
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathPart.replace(/^\//, ''));
  } catch (cause) {
    throw new S3ApEmulatorError('InvalidArgument', 'Invalid copy source encoding.', {}, { cause });
  }
  const arn = /^arn:aws[a-z-]*:s3:[^:]*:\d*:accesspoint\/([^/]+)\/object\/(.+)$/.exec(decoded);
  if (arn) return { bucket: arn[1] ?? '', key: arn[2] ?? '' };
  const slash = decoded.indexOf('/');
  if (slash <= 0 || slash === decoded.length - 1) {
    throw new S3ApEmulatorError(
      'InvalidArgument',
      'Copy Source must mention the source bucket and key: sourcebucket/sourcekey',
    );
  }
  return { bucket: decoded.slice(0, slash), key: decoded.slice(slash + 1) };
};

/** The source object of CopyObject / UploadPartCopy; FSx S3AP copies only within one access point. */
export const copySourceObject = async (ctx: RequestContext): Promise<StoredObject> => {
  const source = parseCopySource(header(ctx.req, 'x-amz-copy-source') ?? '');
  const sourceAccessPoint = ctx.accessPointOf(source.bucket);
  if (sourceAccessPoint === undefined)
    throw new S3ApEmulatorError('NoSuchBucket', 'The specified bucket does not exist', { BucketName: source.bucket });
  if (sourceAccessPoint.name !== ctx.volume.info.name) {
    throw new S3ApEmulatorError(
      'InvalidRequest',
      'FSx S3 access points copy objects only within the same access point.',
    );
  }
  const object = await ctx.volume.get(source.key);
  if (object.info.isDirectory()) throw new S3ApEmulatorError('InvalidRequest', 'A directory cannot be a copy source.');
  const ifMatch = header(ctx.req, 'x-amz-copy-source-if-match');
  const ifNoneMatch = header(ctx.req, 'x-amz-copy-source-if-none-match');
  if (
    (ifMatch !== undefined && unquoteEtag(ifMatch) !== object.etag) ||
    (ifNoneMatch !== undefined && unquoteEtag(ifNoneMatch) === object.etag)
  ) {
    throw new S3ApEmulatorError('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold');
  }
  return object;
};

/** Copies bytes [start, end] of a file into a temp file, hashing on the way. */
export const copyToTemp = async (
  volume: Volume,
  file: string,
  start: number,
  end: number,
  algorithm?: ChecksumAlgorithm,
): Promise<{ temp: string; md5Hex: string; checksum?: ContentFacts['checksum'] }> => {
  const temp = volume.tempPath();
  const md5 = createHash('md5');
  const digest = algorithm ? createDigest(algorithm) : undefined;
  const hasher = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      md5.update(chunk);
      digest?.update(chunk);
      callback(null, chunk);
    },
  });
  try {
    const source = end < start ? [] : createReadStream(file, { start, end });
    await pipeline(source, hasher, createWriteStream(temp));
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  return {
    temp,
    md5Hex: md5.digest('hex'),
    checksum: algorithm && digest ? { algorithm, value: digest.base64() } : undefined,
  };
};

export const copyObject = async (ctx: RequestContext): Promise<void> => {
  await ctx.volume.checkWritable(ctx.key);
  const source = await copySourceObject(ctx);
  const replaceMetadata = header(ctx.req, 'x-amz-metadata-directive')?.toUpperCase() === 'REPLACE';
  const replaceTags = header(ctx.req, 'x-amz-tagging-directive')?.toUpperCase() === 'REPLACE';
  if (source.key === ctx.key && !replaceMetadata) {
    throw new S3ApEmulatorError(
      'InvalidRequest',
      "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
    );
  }
  const copied = await copyToTemp(ctx.volume, source.file, 0, source.info.size - 1, source.facts?.checksum?.algorithm);
  const sidecar: Omit<ObjectSidecar, 'key' | 'content'> = {
    contentType: replaceMetadata ? header(ctx.req, 'content-type') : source.sidecar.contentType,
    metadata: replaceMetadata ? userMetadata(ctx.req) : source.sidecar.metadata,
    tags: replaceTags ? tagsFromHeader(header(ctx.req, 'x-amz-tagging')) : source.sidecar.tags,
  };
  try {
    const facts = await ctx.volume.commit(
      ctx.key,
      copied.temp,
      { etag: copied.md5Hex, checksum: copied.checksum },
      sidecar,
    );
    const result = el('ETag', quoteEtag(facts.etag)) + el('LastModified', new Date(facts.mtimeMs).toISOString());
    sendXml(ctx.res, 200, xmlDocument('CopyObjectResult', result));
  } finally {
    await rm(copied.temp, { force: true });
  }
};

export const deleteObject = async (ctx: RequestContext): Promise<void> => {
  await ctx.volume.delete(ctx.key);
  sendEmpty(ctx.res, 204);
};

export const getObjectTagging = async (ctx: RequestContext): Promise<void> => {
  const object = await ctx.volume.get(ctx.key);
  sendXml(ctx.res, 200, tagsToXml(object.sidecar.tags ?? []));
};

export const putObjectTagging = async (ctx: RequestContext): Promise<void> => {
  const tags = tagsFromXml(await readSmallBody(ctx.req));
  const object = await ctx.volume.get(ctx.key);
  await ctx.volume.sidecars.write({ ...object.sidecar, tags });
  sendEmpty(ctx.res, 200);
};

export const deleteObjectTagging = async (ctx: RequestContext): Promise<void> => {
  const object = await ctx.volume.get(ctx.key);
  const { tags: _removed, ...rest } = object.sidecar;
  await ctx.volume.sidecars.write(rest);
  sendEmpty(ctx.res, 204);
};

const ATTRIBUTES = ['ETag', 'Checksum', 'ObjectParts', 'StorageClass', 'ObjectSize'] as const;

export const getObjectAttributes = async (ctx: RequestContext): Promise<void> => {
  const wanted = (header(ctx.req, 'x-amz-object-attributes') ?? '')
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  const unknown = wanted.filter((a) => !(ATTRIBUTES as readonly string[]).includes(a));
  if (wanted.length === 0 || unknown.length > 0) {
    throw new S3ApEmulatorError(
      'InvalidArgument',
      `Invalid attribute name specified: ${unknown.join(', ') || '(none)'}`,
    );
  }
  const object = await ctx.volume.get(ctx.key);
  const size = object.info.isDirectory() ? 0 : object.info.size;
  const parts: string[] = [];
  if (wanted.includes('ETag')) parts.push(el('ETag', object.etag));
  const checksum = object.facts?.checksum;
  if (wanted.includes('Checksum') && checksum) {
    parts.push(
      wrap('Checksum', el(`Checksum${checksum.algorithm}`, checksum.value) + el('ChecksumType', 'FULL_OBJECT')),
    );
  }
  if (wanted.includes('ObjectParts') && object.facts?.partsCount) {
    parts.push(wrap('ObjectParts', el('PartsCount', object.facts.partsCount)));
  }
  if (wanted.includes('StorageClass')) parts.push(el('StorageClass', STORAGE_CLASS));
  if (wanted.includes('ObjectSize')) parts.push(el('ObjectSize', size));
  sendXml(ctx.res, 200, xmlDocument('GetObjectAttributesResponse', parts.join('')), {
    'last-modified': object.info.mtime.toUTCString(),
  });
};
