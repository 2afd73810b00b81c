import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bgzfCompress, generateBam } from '../../samples';
import {
  analyzeFastqStream,
  analyzeVcfStream,
  FastqAccumulator,
  GenomicsError,
  LineSplitter,
  parseBamHeader,
  readBamHeader,
  readBgzfBlock,
  VcfAccumulator,
} from '../../src/domain';
import { chunked, rangeReader } from './helpers';

const onlyDomainErrors = async (run: () => Promise<unknown>) => {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(GenomicsError);
  }
};

const fastqRecord = fc
  .record({
    name: fc.stringMatching(/^[A-Za-z0-9:_-]{1,20}$/),
    seqQual: fc
      .array(fc.tuple(fc.constantFrom('A', 'C', 'G', 'T', 'N'), fc.integer({ min: 0, max: 93 })), { maxLength: 60 })
      .map((pairs) => ({
        seq: pairs.map(([b]) => b).join(''),
        qual: pairs.map(([, q]) => String.fromCharCode(q + 33)).join(''),
        qualities: pairs.map(([, q]) => q),
      })),
  })
  .map(({ name, seqQual }) => ({ text: `@${name}\n${seqQual.seq}\n+\n${seqQual.qual}\n`, ...seqQual }));

describe('parser properties', () => {
  it('line splitting does not depend on how the bytes are chunked', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 200 }),
        fc.array(fc.integer({ min: 1, max: 17 }), { minLength: 1 }),
        (text, sizes) => {
          const lines: string[] = [];
          const splitter = new LineSplitter((line) => lines.push(line), 1000, 'utf8');
          const bytes = Buffer.from(text, 'utf8');
          let p = 0;
          for (let i = 0; p < bytes.length; i += 1) {
            const size = sizes[i % sizes.length] ?? 1;
            splitter.push(bytes.subarray(p, p + size));
            p += size;
          }
          splitter.end();
          const expected = text.split('\n').map((l) => l.replace(/\r$/, ''));
          if (text.endsWith('\n') || text === '') expected.pop();
          expect(lines).toEqual(expected);
        },
      ),
    );
  });

  it('FASTQ: encoding records and parsing them back gives their counts, via gzip or BGZF too', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fastqRecord, { maxLength: 30 }),
        fc.constantFrom('plain', 'gzip', 'bgzf'),
        async (records, codec) => {
          const text = records.map((r) => r.text).join('');
          const raw = Buffer.from(text);
          const bytes = codec === 'gzip' ? gzipSync(raw) : codec === 'bgzf' ? bgzfCompress(raw, 97) : raw;
          const { stats } = await analyzeFastqStream(chunked(bytes, [13, 1, 250]), new FastqAccumulator());
          const qualities = records.flatMap((r) => r.qualities);
          expect(stats.reads).toBe(records.length);
          expect(stats.bases).toBe(qualities.length);
          expect(stats.malformed.count).toBe(0);
          if (qualities.length > 0) {
            expect(stats.meanQuality).toBeCloseTo(qualities.reduce((a, b) => a + b, 0) / qualities.length, 3);
            expect(stats.q30Percent).toBeCloseTo((qualities.filter((q) => q >= 30).length / qualities.length) * 100, 3);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('FASTQ and VCF: arbitrary, truncated or flipped bytes only ever raise the domain error', async () => {
    const fastq = Buffer.from('@r1\nACGT\n+\nIIII\n@r2\nGGCC\n+\n!!!!\n');
    const vcf = Buffer.from(
      '##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n1\t5\t.\tA\tG\t9\tPASS\t.\n',
    );
    const mutate = fc.oneof(
      fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
      fc.constantFrom(fastq, vcf, gzipSync(fastq), bgzfCompress(vcf)).chain((base) =>
        fc.oneof(
          fc.integer({ min: 0, max: base.length }).map((n) => base.subarray(0, n)),
          fc.tuple(fc.nat(base.length - 1), fc.integer({ min: 1, max: 255 })).map(([i, x]) => {
            const copy = Buffer.from(base);
            copy[i] = (copy[i] ?? 0) ^ x;
            return copy;
          }),
        ),
      ),
    );
    await fc.assert(
      fc.asyncProperty(mutate, async (bytes) => {
        await onlyDomainErrors(() => analyzeFastqStream(chunked(bytes, [7]), new FastqAccumulator(), 4096));
        await onlyDomainErrors(() => analyzeVcfStream(chunked(bytes, [7]), new VcfAccumulator(), 4096));
      }),
      { numRuns: 300 },
    );
  });

  it('BAM: generated headers round-trip; truncated or flipped ones only raise the domain error', async () => {
    const reference = fc.record({
      name: fc.stringMatching(/^[A-Za-z0-9_.]{1,30}$/),
      length: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(reference, { selector: (r) => r.name, maxLength: 40 }),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        async (references, at, flip) => {
          const bam = generateBam({ references, readGroups: [{ id: 'g', sample: 's' }] });
          const header = await readBamHeader(rangeReader(bam).read, bam.length, { firstReadBytes: 64 });
          expect(header.references).toEqual(references);
          expect(header.referenceMismatches).toEqual([]);
          const damaged = Buffer.from(bam);
          const i = at % damaged.length;
          damaged[i] = (damaged[i] ?? 0) ^ flip;
          await onlyDomainErrors(() => readBamHeader(rangeReader(damaged).read, damaged.length));
          const cut = bam.subarray(0, at % bam.length);
          await onlyDomainErrors(() => readBamHeader(rangeReader(cut).read, cut.length));
        },
      ),
      { numRuns: 80 },
    );
  });

  it('BAM: arbitrary decompressed bytes and BGZF blocks only raise the domain error', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        for (const run of [() => parseBamHeader(bytes), () => readBgzfBlock(bytes, 0)]) {
          try {
            run();
          } catch (error) {
            expect(error).toBeInstanceOf(GenomicsError);
          }
        }
      }),
    );
  });
});
