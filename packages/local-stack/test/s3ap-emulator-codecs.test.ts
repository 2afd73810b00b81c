import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveAlias } from '../src/s3ap-emulator/access-points';
import { AwsChunkedDecoder } from '../src/s3ap-emulator/aws-chunked';
import { crc32c, createDigest, multipartEtag } from '../src/s3ap-emulator/checksums';
import { compareKeys, groupOf, paginate } from '../src/s3ap-emulator/listing';
import { validateKey } from '../src/s3ap-emulator/object-paths';
import { parseRange } from '../src/s3ap-emulator/range';
import { S3ApEmulatorError } from '../src/s3ap-emulator/s3-error';
import { elements, escapeXml, unescapeXml } from '../src/s3ap-emulator/xml';

const decodeChunked = async (pieces: Buffer[]): Promise<{ payload: Buffer; trailers: Map<string, string> }> => {
  const decoder = new AwsChunkedDecoder();
  const out: Buffer[] = [];
  await pipeline(Readable.from(pieces), decoder, async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) out.push(chunk);
  });
  return { payload: Buffer.concat(out), trailers: decoder.trailers };
};

/** Splits a buffer at the given fractional cut points. */
const splitAt = (data: Buffer, cuts: number[]): Buffer[] => {
  const points = [...new Set(cuts.map((c) => Math.floor(c * data.length)))].sort((a, b) => a - b);
  const pieces: Buffer[] = [];
  let from = 0;
  for (const p of points) {
    pieces.push(data.subarray(from, p));
    from = p;
  }
  pieces.push(data.subarray(from));
  return pieces.filter((p) => p.length > 0);
};

describe('aws-chunked decoding', () => {
  it('recovers the payload and trailers whatever the chunk sizes and network splits', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 3000 }),
        fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 12 }),
        fc.boolean(),
        async (bytes, chunkSizes, cuts, signed) => {
          const payload = Buffer.from(bytes);
          const framed: Buffer[] = [];
          let offset = 0;
          let i = 0;
          while (offset < payload.length) {
            const size = Math.min(chunkSizes[i++ % chunkSizes.length] ?? 1, payload.length - offset);
            const ext = signed ? `;chunk-signature=${'a'.repeat(64)}` : '';
            framed.push(
              Buffer.from(`${size.toString(16)}${ext}\r\n`),
              payload.subarray(offset, offset + size),
              Buffer.from('\r\n'),
            );
            offset += size;
          }
          framed.push(Buffer.from('0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n'));
          const decoded = await decodeChunked(splitAt(Buffer.concat(framed), cuts));
          expect(decoded.payload.equals(payload)).toBe(true);
          expect(decoded.trailers.get('x-amz-checksum-crc32')).toBe('AAAAAA==');
        },
      ),
      { numRuns: 150 },
    );
  });

  it('rejects a body that stops before the final zero-length chunk', async () => {
    await expect(decodeChunked([Buffer.from('5\r\nhel')])).rejects.toThrow(/final chunk/);
  });

  it('rejects a chunk whose data is not followed by CRLF', async () => {
    await expect(decodeChunked([Buffer.from('2\r\nhiXX0\r\n\r\n')])).rejects.toThrow(/CRLF/);
  });
});

describe('checksums', () => {
  it('match the published check values for "123456789"', () => {
    const check = Buffer.from('123456789');
    expect(crc32c(check)).toBe(0xe3069283);
    const crc32 = createDigest('CRC32');
    crc32.update(check);
    expect(Buffer.from(crc32.base64(), 'base64').readUInt32BE()).toBe(0xcbf43926);
  });

  it('give the same CRC32C whether data arrives whole or in pieces', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 500 }), fc.nat({ max: 500 }), (bytes, cut) => {
        const data = Buffer.from(bytes);
        const at = Math.min(cut, data.length);
        expect(crc32c(data.subarray(at), crc32c(data.subarray(0, at)))).toBe(crc32c(data));
      }),
    );
  });

  it('compute the multipart ETag as md5 of the concatenated part md5s plus the part count', () => {
    const partA = createHash('md5').update('a').digest('hex');
    const partB = createHash('md5').update('b').digest('hex');
    const expected = createHash('md5')
      .update(Buffer.concat([Buffer.from(partA, 'hex'), Buffer.from(partB, 'hex')]))
      .digest('hex');
    expect(multipartEtag([partA, partB])).toBe(`${expected}-2`);
  });
});

describe('XML text', () => {
  it('round-trips any string through escape and unescape', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(unescapeXml(escapeXml(s))).toBe(s);
      }),
    );
  });

  it('finds elements without confusing tags that share a prefix', () => {
    const xml = '<Part><KeyMarker>x</KeyMarker><Key>a&amp;b</Key><Key/></Part>';
    expect(elements(xml, 'Key')).toEqual(['a&amp;b', '']);
  });
});

describe('Range header', () => {
  it('serves bytes a..min(b, size-1) for bytes=a-b when a is inside the object', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.nat(), fc.nat(), (size, x, y) => {
        const a = x % size;
        const b = a + (y % 20_000);
        expect(parseRange(`bytes=${a}-${b}`, size)).toEqual({ start: a, end: Math.min(b, size - 1) });
      }),
    );
  });

  it('serves the last n bytes for bytes=-n and the tail for bytes=a-', () => {
    expect(parseRange('bytes=-3', 10)).toEqual({ start: 7, end: 9 });
    expect(parseRange('bytes=-30', 10)).toEqual({ start: 0, end: 9 });
    expect(parseRange('bytes=4-', 10)).toEqual({ start: 4, end: 9 });
  });

  it('is InvalidRange when the start is past the end of the object, and ignored when malformed', () => {
    expect(() => parseRange('bytes=10-', 10)).toThrow(S3ApEmulatorError);
    expect(() => parseRange('bytes=-0', 10)).toThrow(S3ApEmulatorError);
    expect(parseRange('bytes=1-2,4-5', 10)).toBeUndefined();
    expect(parseRange('items=1-2', 10)).toBeUndefined();
  });
});

describe('object keys', () => {
  it('refuses every key with a . or .. segment, a leading slash or a NUL byte with AccessDenied', () => {
    const segment = fc
      .string({ minLength: 1, maxLength: 5 })
      .filter((s) => !s.includes('/') && s !== '.' && s !== '..');
    const hostile = fc.oneof(
      fc
        .tuple(fc.array(segment, { maxLength: 3 }), fc.constantFrom('.', '..'), fc.array(segment, { maxLength: 3 }))
        .map(([a, bad, b]) => [...a, bad, ...b].join('/')),
      segment.map((s) => `/${s}`),
      fc.tuple(segment, segment).map(([a, b]) => `${a}\0${b}`),
    );
    fc.assert(
      fc.property(hostile, (key) => {
        try {
          validateKey(key);
          expect.unreachable(`accepted ${JSON.stringify(key)}`);
        } catch (error) {
          expect((error as S3ApEmulatorError).code).toBe('AccessDenied');
        }
      }),
    );
  });

  it('accepts ordinary nested keys and marks a trailing slash as a directory', () => {
    expect(validateKey('a/b c/ü.txt').segments).toEqual(['a', 'b c', 'ü.txt']);
    expect(validateKey('dir/sub/').directory).toBe(true);
    expect(() => validateKey('a//b')).toThrow(/empty path segments/);
  });
});

describe('listing pages', () => {
  /** The whole listing, computed without paging: each key or its common prefix, consecutive duplicates removed. */
  const referenceListing = (keys: string[], prefix: string, delimiter: string | undefined): string[] => {
    const items = keys
      .filter((k) => k.startsWith(prefix))
      .sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)))
      .map((k) => groupOf(k, prefix, delimiter) ?? k);
    return items.filter((item, i) => item !== items[i - 1]);
  };

  it('returns every key and common prefix exactly once, in byte order, across pages of any size', () => {
    const key = fc
      .array(fc.constantFrom('a', 'b', '-', '/', 'é', '\u{1F600}', 'z'), { minLength: 1, maxLength: 6 })
      .map((cs) => cs.join(''));
    fc.assert(
      fc.property(
        fc.uniqueArray(key, { maxLength: 40 }),
        fc.constantFrom('', 'a', 'a/', 'b-'),
        fc.constantFrom(undefined, '/'),
        fc.integer({ min: 1, max: 7 }),
        (keys, prefix, delimiter, maxKeys) => {
          const sorted = keys
            .filter((k) => k.startsWith(prefix))
            .sort(compareKeys)
            .map((k) => ({ key: k }));
          const seen: string[] = [];
          let after: string | undefined;
          for (let pageNo = 0; pageNo < 100; pageNo++) {
            const page = paginate(sorted, { prefix, delimiter, after, maxKeys });
            expect(page.contents.length + page.commonPrefixes.length).toBeLessThanOrEqual(maxKeys);
            const pageItems = [...page.contents.map((c) => c.key), ...page.commonPrefixes].sort(compareKeys);
            seen.push(...pageItems);
            if (!page.isTruncated) break;
            after = page.last;
          }
          expect(seen).toEqual(referenceListing(keys, prefix, delimiter));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('aliases', () => {
  it('derive <name>-<10 lowercase alnum>-ext-s3alias, stable per name', () => {
    const alias = deriveAlias('finance-vol');
    expect(alias).toMatch(/^finance-vol-[a-z0-9]{10}-ext-s3alias$/);
    expect(deriveAlias('finance-vol')).toBe(alias);
    expect(deriveAlias('other-vol')).not.toBe(alias.replace('finance-vol', 'other-vol'));
  });
});
