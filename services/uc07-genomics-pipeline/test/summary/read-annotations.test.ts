import { gzipSync } from 'node:zlib';
import { S3ApError, S3ApNotFoundError } from '@fsxn/s3ap';
import { describe, expect, it } from 'vitest';
import { bgzfCompress, generateVcf, truncatedGzip } from '../../samples';
import { readVcfAnnotations, type StreamInput } from '../../src/summary/read-annotations';

const CHUNK = 4096;

/** Objects in memory, delivered in 4 KiB chunks; records how many chunks each read pulled. */
const store = (objects: Record<string, Uint8Array | Error>) => {
  const pulled: Record<string, number> = {};
  const stream: StreamInput = async (key, consume) => {
    const body = objects[key];
    if (body === undefined) throw new S3ApNotFoundError(`GetObject failed: NoSuchKey (${key})`, { code: 'NoSuchKey' });
    if (body instanceof Error) throw body;
    const bytes: Uint8Array = body;
    pulled[key] = 0;
    async function* chunks() {
      for (let at = 0; at < bytes.length; at += CHUNK) {
        pulled[key] = (pulled[key] ?? 0) + 1;
        yield bytes.subarray(at, at + CHUNK);
      }
    }
    return consume(chunks());
  };
  return { stream, pulled };
};

const annotated = generateVcf({ seed: 11, snvRecords: 300, annotations: 'snpeff' });
const other = generateVcf({ seed: 12, snvRecords: 50, annotations: 'vep' });
const plain = generateVcf({ seed: 13, snvRecords: 3000 });

describe('reading the annotations of released VCFs', () => {
  it('gives the same text for plain, gzip and BGZF files', async () => {
    const text = annotated.text;
    const { stream } = store({
      'a.vcf': Buffer.from(text),
      'a.vcf.gz': gzipSync(text),
      'a.vcf.bgz': bgzfCompress(Buffer.from(text)),
    });
    const results = await Promise.all(['a.vcf', 'a.vcf.gz', 'a.vcf.bgz'].map((k) => readVcfAnnotations([k], stream)));
    const [first] = results;
    expect(first?.text.length).toBeGreaterThan(0);
    for (const gene of annotated.truth.annotations.genes) expect(first?.text).toContain(gene);
    for (const r of results) expect(r.text).toBe(first?.text);
  });

  it('joins several files in order and keeps reading past a missing or corrupt one', async () => {
    const { stream } = store({
      'one.vcf': Buffer.from(annotated.text),
      'broken.vcf.gz': truncatedGzip(other.text),
      'two.vcf': Buffer.from(other.text),
    });
    const result = await readVcfAnnotations(['one.vcf', 'gone.vcf', 'broken.vcf.gz', 'two.vcf'], stream);
    const lines = result.text.split('\n');
    expect(lines[0]).toContain(annotated.truth.annotations.genes[0]);
    expect(lines.at(-1)).toContain(other.truth.annotations.genes.at(-1));
    expect(result.stats.filesRequested).toBe(4);
    expect(result.stats.filesRead).toBe(2);
    expect(result.stats.unreadable.map((u) => [u.key, u.reason.split(':')[0]])).toEqual([
      ['gone.vcf', 'S3ApNotFoundError'],
      ['broken.vcf.gz', 'CompressionError'],
    ]);
  });

  it('rethrows a transient storage fault so the step is retried', async () => {
    const { stream } = store({ 'slow.vcf': new S3ApError('GetObject failed: SlowDown', { transient: true }) });
    await expect(readVcfAnnotations(['slow.vcf'], stream)).rejects.toThrow('SlowDown');
  });

  it('reads only the header of a file that declares no annotation fields', async () => {
    const { stream, pulled } = store({ 'plain.vcf': Buffer.from(plain.text) });
    const result = await readVcfAnnotations(['plain.vcf'], stream);
    expect(result.text).toBe('');
    expect(Buffer.byteLength(plain.text)).toBeGreaterThan(20 * CHUNK);
    expect(pulled['plain.vcf']).toBe(1);
  });

  it('stops at the per-file byte cap and at the character budget', async () => {
    const { stream, pulled } = store({ 'a.vcf': Buffer.from(annotated.text), 'b.vcf': Buffer.from(other.text) });
    const capped = await readVcfAnnotations(['a.vcf'], stream, { maxChars: 20_000, maxBytesPerFile: CHUNK });
    expect(capped.stats.filesCapped).toBe(1);
    expect(pulled['a.vcf']).toBe(1);

    // A budget of exactly the first two sentences: the text is cut at a sentence, and b.vcf is never opened.
    const whole = await readVcfAnnotations(['a.vcf'], stream);
    const firstTwo = whole.text.split('\n').slice(0, 2).join('\n');
    const small = await readVcfAnnotations(['a.vcf', 'b.vcf'], stream, {
      maxChars: firstTwo.length,
      maxBytesPerFile: 1 << 30,
    });
    expect(small.text).toBe(firstTwo);
    expect(small.stats.truncated).toBe(true);
    expect(small.stats.filesRead).toBe(1);
    expect(pulled['b.vcf']).toBeUndefined();
  });
});
