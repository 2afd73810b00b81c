import { createReadStream, createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createDigest, isChecksumAlgorithm, multipartEtag } from './checksums';
import type { RequestContext } from './context';
import { header, quoteEtag, sendEmpty, sendXml, unquoteEtag } from './http-util';
import { entityTooLarge, readSmallBody } from './ingest';
import { compareKeys } from './listing';
import type { PartRecord } from './multipart-store';
import { copySourceObject, copyToTemp, receiveToTemp, STORAGE_CLASS, userMetadata } from './object-handlers';
import { parseRange } from './range';
import { malformedXml, S3ApEmulatorError } from './s3-error';
import { tagsFromHeader } from './tags';
import { el, elements, text, wrap, xmlDocument } from './xml';

const MAX_PARTS = 10_000;

const partNumberOf = (ctx: RequestContext): number => {
  const value = ctx.query.get('partNumber') ?? '';
  const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!(n >= 1 && n <= MAX_PARTS)) {
    throw new S3ApEmulatorError('InvalidArgument', 'Part number must be an integer between 1 and 10000, inclusive', {
      ArgumentName: 'partNumber',
      ArgumentValue: value,
    });
  }
  return n;
};

const uploadOf = (ctx: RequestContext) =>
  ctx.uploads.get(ctx.query.get('uploadId') ?? '', ctx.volume.info.name, ctx.key);

export const createMultipartUpload = async (ctx: RequestContext): Promise<void> => {
  const key = await ctx.volume.checkWritable(ctx.key);
  if (key.directory)
    throw new S3ApEmulatorError('InvalidArgument', 'A key ending in "/" names a directory and cannot have content.');
  const algorithm = header(ctx.req, 'x-amz-checksum-algorithm')?.toUpperCase();
  if (algorithm !== undefined && !isChecksumAlgorithm(algorithm)) {
    throw new S3ApEmulatorError(
      'InvalidRequest',
      `Checksum algorithm ${algorithm} is not verified by the S3AP emulator.`,
    );
  }
  const record = await ctx.uploads.create({
    accessPoint: ctx.volume.info.name,
    key: ctx.key,
    contentType: header(ctx.req, 'content-type'),
    metadata: userMetadata(ctx.req),
    tags: tagsFromHeader(header(ctx.req, 'x-amz-tagging')),
    checksumAlgorithm: algorithm,
  });
  const body = el('Bucket', ctx.volume.info.alias) + el('Key', ctx.key) + el('UploadId', record.uploadId);
  sendXml(
    ctx.res,
    200,
    xmlDocument('InitiateMultipartUploadResult', body),
    algorithm ? { 'x-amz-checksum-algorithm': algorithm } : {},
  );
};

export const uploadPart = async (ctx: RequestContext): Promise<void> => {
  const partNumber = partNumberOf(ctx);
  const upload = await uploadOf(ctx);
  const { temp, received } = await receiveToTemp(ctx, ctx.limits.maxPartSize);
  try {
    await ctx.uploads.savePart(upload.uploadId, temp, {
      partNumber,
      etag: received.md5Hex,
      size: received.size,
      lastModified: new Date().toISOString(),
      checksum: received.checksum?.value,
    });
  } finally {
    await rm(temp, { force: true });
  }
  const checksumHeaders = received.checksum
    ? { [`x-amz-checksum-${received.checksum.algorithm.toLowerCase()}`]: received.checksum.value }
    : {};
  sendEmpty(ctx.res, 200, { etag: quoteEtag(received.md5Hex), ...checksumHeaders });
};

export const uploadPartCopy = async (ctx: RequestContext): Promise<void> => {
  const partNumber = partNumberOf(ctx);
  const upload = await uploadOf(ctx);
  const source = await copySourceObject(ctx);
  const rangeHeader = header(ctx.req, 'x-amz-copy-source-range');
  const range = parseRange(rangeHeader, source.info.size) ?? { start: 0, end: source.info.size - 1 };
  const length = range.end - range.start + 1;
  if (length > ctx.limits.maxPartSize) throw entityTooLarge(length, ctx.limits.maxPartSize);
  const copied = await copyToTemp(ctx.volume, source.file, range.start, range.end, upload.checksumAlgorithm);
  try {
    await ctx.uploads.savePart(upload.uploadId, copied.temp, {
      partNumber,
      etag: copied.md5Hex,
      size: length,
      lastModified: new Date().toISOString(),
      checksum: copied.checksum?.value,
    });
  } finally {
    await rm(copied.temp, { force: true });
  }
  const result = el('ETag', quoteEtag(copied.md5Hex)) + el('LastModified', new Date().toISOString());
  sendXml(ctx.res, 200, xmlDocument('CopyPartResult', result));
};

const invalidPart = (): S3ApEmulatorError =>
  new S3ApEmulatorError(
    'InvalidPart',
    "One or more of the specified parts could not be found. The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.",
  );

/** Checks the client's part list against what was uploaded and S3's ordering and size rules. */
const selectParts = (xml: string, uploaded: readonly PartRecord[], minPartSize: number): PartRecord[] => {
  if (!/<CompleteMultipartUpload[\s>]/.test(xml)) throw malformedXml();
  const requested = elements(xml, 'Part').map((part) => ({
    partNumber: Number(text(part, 'PartNumber')),
    etag: unquoteEtag(text(part, 'ETag') ?? ''),
    checksums: ['CRC32', 'CRC32C', 'SHA1', 'SHA256']
      .map((a) => text(part, `Checksum${a}`))
      .filter((v) => v !== undefined),
  }));
  if (requested.length === 0) throw malformedXml();
  const byNumber = new Map(uploaded.map((p) => [p.partNumber, p]));
  const chosen: PartRecord[] = [];
  let previous = 0;
  for (const want of requested) {
    if (!Number.isInteger(want.partNumber)) throw malformedXml();
    if (want.partNumber <= previous) {
      throw new S3ApEmulatorError(
        'InvalidPartOrder',
        'The list of parts was not in ascending order. Parts must be ordered by part number.',
      );
    }
    previous = want.partNumber;
    const part = byNumber.get(want.partNumber);
    if (!part || part.etag !== want.etag) throw invalidPart();
    if (want.checksums.length > 0 && part.checksum !== undefined && !want.checksums.includes(part.checksum))
      throw invalidPart();
    chosen.push(part);
  }
  chosen.slice(0, -1).forEach((part) => {
    if (part.size < minPartSize) {
      throw new S3ApEmulatorError(
        'EntityTooSmall',
        'Your proposed upload is smaller than the minimum allowed object size.',
        {
          ProposedSize: String(part.size),
          MinSizeAllowed: String(minPartSize),
          PartNumber: String(part.partNumber),
        },
      );
    }
  });
  return chosen;
};

export const completeMultipartUpload = async (ctx: RequestContext): Promise<void> => {
  const upload = await uploadOf(ctx);
  const xml = await readSmallBody(ctx.req);
  const parts = selectParts(xml, await ctx.uploads.parts(upload.uploadId), ctx.limits.minPartSize);
  const total = parts.reduce((sum, p) => sum + p.size, 0);
  // FSx S3AP checks the 50 GiB object limit only here, at completion.
  if (total > ctx.limits.maxObjectSize) throw entityTooLarge(total, ctx.limits.maxObjectSize);
  const temp = ctx.volume.tempPath();
  const digest = upload.checksumAlgorithm ? createDigest(upload.checksumAlgorithm) : undefined;
  try {
    const partFiles = parts.map((p) => ctx.uploads.partFile(upload.uploadId, p.partNumber));
    const concatenated = async function* () {
      for (const file of partFiles) yield* createReadStream(file);
    };
    const hashing = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        digest?.update(chunk);
        callback(null, chunk);
      },
    });
    await pipeline(concatenated, hashing, createWriteStream(temp));
    const facts = await ctx.volume.commit(
      ctx.key,
      temp,
      {
        etag: multipartEtag(parts.map((p) => p.etag)),
        partsCount: parts.length,
        checksum:
          upload.checksumAlgorithm && digest
            ? { algorithm: upload.checksumAlgorithm, value: digest.base64() }
            : undefined,
      },
      { contentType: upload.contentType, metadata: upload.metadata, tags: upload.tags },
    );
    await ctx.uploads.remove(upload.uploadId);
    const location = `/${ctx.volume.info.alias}/${ctx.key.split('/').map(encodeURIComponent).join('/')}`;
    const body =
      el('Location', location) +
      el('Bucket', ctx.volume.info.alias) +
      el('Key', ctx.key) +
      el('ETag', quoteEtag(facts.etag));
    sendXml(ctx.res, 200, xmlDocument('CompleteMultipartUploadResult', body));
  } finally {
    await rm(temp, { force: true });
  }
};

export const abortMultipartUpload = async (ctx: RequestContext): Promise<void> => {
  const upload = await uploadOf(ctx);
  await ctx.uploads.remove(upload.uploadId);
  sendEmpty(ctx.res, 204);
};

export const listParts = async (ctx: RequestContext): Promise<void> => {
  const upload = await uploadOf(ctx);
  const marker = Number(ctx.query.get('part-number-marker') ?? '0') || 0;
  const maxParts = Math.min(Number(ctx.query.get('max-parts') ?? '1000') || 1000, 1000);
  const after = (await ctx.uploads.parts(upload.uploadId)).filter((p) => p.partNumber > marker);
  const page = after.slice(0, maxParts);
  const truncated = after.length > page.length;
  const body =
    el('Bucket', ctx.volume.info.alias) +
    el('Key', ctx.key) +
    el('UploadId', upload.uploadId) +
    el('PartNumberMarker', marker) +
    (truncated ? el('NextPartNumberMarker', page.at(-1)?.partNumber) : '') +
    el('MaxParts', maxParts) +
    el('IsTruncated', truncated) +
    el('StorageClass', STORAGE_CLASS) +
    (upload.checksumAlgorithm ? el('ChecksumAlgorithm', upload.checksumAlgorithm) : '') +
    page
      .map((p) =>
        wrap(
          'Part',
          el('PartNumber', p.partNumber) +
            el('LastModified', p.lastModified) +
            el('ETag', quoteEtag(p.etag)) +
            el('Size', p.size) +
            (p.checksum && upload.checksumAlgorithm ? el(`Checksum${upload.checksumAlgorithm}`, p.checksum) : ''),
        ),
      )
      .join('');
  sendXml(ctx.res, 200, xmlDocument('ListPartsResult', body));
};

export const listMultipartUploads = async (ctx: RequestContext): Promise<void> => {
  const prefix = ctx.query.get('prefix') ?? '';
  const keyMarker = ctx.query.get('key-marker') ?? '';
  const maxUploads = Math.min(Number(ctx.query.get('max-uploads') ?? '1000') || 1000, 1000);
  const uploads = (await ctx.uploads.uploadsOf(ctx.volume.info.name))
    .filter((u) => u.key.startsWith(prefix) && (keyMarker === '' || compareKeys(u.key, keyMarker) > 0))
    .sort((a, b) => compareKeys(a.key, b.key) || a.initiated.localeCompare(b.initiated));
  const page = uploads.slice(0, maxUploads);
  const truncated = uploads.length > page.length;
  const last = page.at(-1);
  const body =
    el('Bucket', ctx.volume.info.alias) +
    el('KeyMarker', keyMarker) +
    el('UploadIdMarker', '') +
    (truncated && last ? el('NextKeyMarker', last.key) + el('NextUploadIdMarker', last.uploadId) : '') +
    el('Prefix', prefix) +
    el('MaxUploads', maxUploads) +
    el('IsTruncated', truncated) +
    page
      .map((u) =>
        wrap(
          'Upload',
          el('Key', u.key) +
            el('UploadId', u.uploadId) +
            el('StorageClass', STORAGE_CLASS) +
            el('Initiated', u.initiated),
        ),
      )
      .join('');
  sendXml(ctx.res, 200, xmlDocument('ListMultipartUploadsResult', body));
};
