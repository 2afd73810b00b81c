import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { bgzfCompress, generateFastq, malformedFastq, truncatedGzip } from '../../samples';
import { analyzeFastqStream, CompressionError, FastqAccumulator, LineTooLongError } from '../../src/domain';
import { chunked } from './helpers';

const analyze = (bytes: Uint8Array, options?: ConstructorParameters<typeof FastqAccumulator>[0], sizes?: number[]) =>
  analyzeFastqStream(chunked(bytes, sizes), new FastqAccumulator(options));

describe('FASTQ statistics', () => {
  it('computes the composition the generator built, over every read', async () => {
    const { text, truth } = generateFastq({ reads: 3000, seed: 11 });
    const { stats, stream } = await analyze(Buffer.from(text));
    expect(stats.reads).toBe(truth.reads);
    expect(stats.bases).toBe(truth.bases);
    expect(stats.baseCounts).toEqual({ A: truth.A, C: truth.C, G: truth.G, T: truth.T, N: truth.N, other: 0 });
    expect(stats.meanQuality).toBeCloseTo(truth.qualitySum / truth.bases, 4);
    expect(stats.q20Percent).toBeCloseTo((truth.q20Bases / truth.bases) * 100, 3);
    expect(stats.q30Percent).toBeCloseTo((truth.q30Bases / truth.bases) * 100, 3);
    expect(stats.gcPercent).toBeCloseTo(((truth.G + truth.C) / (truth.A + truth.C + truth.G + truth.T)) * 100, 3);
    expect(stats.nRatePercent).toBeCloseTo((truth.N / truth.bases) * 100, 3);
    expect(stats.passFilterRate).toBeCloseTo(truth.passingReads / truth.reads, 4);
    expect(stats.length.min).toBe(truth.minLength);
    expect(stats.length.max).toBe(truth.maxLength);
    expect(stats.length.distribution.reduce((n, b) => n + b.reads, 0)).toBe(truth.reads);
    expect(stats.malformed.count).toBe(0);
    expect(stats.sampled).toBeNull();
    expect(stream.compressed).toBe(false);
  });

  it('hand-checked values on a two-read file', async () => {
    // Read 1: GGCC, qualities I(40) I(40) 5(20) +(10) -> sum 110; read 2: ATNA, all '!' (Q0).
    const text = '@r1\nGGCC\n+\nII5+\n@r2\nATNA\n+r2\n!!!!\n';
    const { stats } = await analyze(Buffer.from(text));
    expect(stats).toMatchObject({
      reads: 2,
      bases: 8,
      baseCounts: { A: 2, C: 2, G: 2, T: 1, N: 1, other: 0 },
      meanQuality: 13.75,
      q20Percent: 37.5,
      q30Percent: 25,
      gcPercent: 57.1429, // (2 G + 2 C) / 7 A+C+G+T, N excluded
      nRatePercent: 12.5,
      passFilterRate: 0.5,
      length: { min: 4, max: 4, mean: 4, distribution: [{ min: 4, max: 4, reads: 2 }] },
    });
  });

  it('gives the same statistics for plain, gzip and multi-member BGZF input, whatever the chunking', async () => {
    const { text } = generateFastq({ reads: 1500, seed: 12 });
    const plain = await analyze(Buffer.from(text));
    const gz = await analyze(gzipSync(text), undefined, [1, 7, 300]);
    const bgzf = await analyze(bgzfCompress(Buffer.from(text), 5000), undefined, [65536]);
    expect(gz.stats).toEqual(plain.stats);
    expect(bgzf.stats).toEqual(plain.stats);
    expect(gz.stream.compressed).toBe(true);
    expect(bgzf.stream.bytesDecoded).toBe(Buffer.byteLength(text));
  });

  it('counts malformed records with their record and line numbers and keeps the valid reads', async () => {
    const { text, malformedRecords, validReads } = malformedFastq();
    const { stats } = await analyze(Buffer.from(text));
    expect(stats.reads).toBe(validReads);
    expect(stats.malformed.count).toBe(3);
    expect(stats.malformed.first.map((m) => m.record)).toEqual(malformedRecords);
    expect(stats.malformed.first.map((m) => m.line)).toEqual([5, 13, 21]);
    expect(stats.malformed.first[0]?.problem).toMatch(/line 1 does not start with "@"/);
    expect(stats.malformed.first[1]?.problem).toMatch(/line 3 does not start with "\+"/);
    expect(stats.malformed.first[2]?.problem).toMatch(/sequence length 10 differs from quality length 9/);
  });

  it('reports a record cut off by the end of the file and a quality outside Phred+33', async () => {
    const { stats } = await analyze(Buffer.from('@a\nAC\n+\n\x1f!\n@b\nACGT\n+'));
    expect(stats.reads).toBe(0);
    expect(stats.malformed.first.map((m) => m.problem)).toEqual([
      'quality character "\\u001f" is outside Phred+33',
      'incomplete record: 3 of 4 lines before the end of the file',
    ]);
  });

  it('stops at the read limit only when sampling is asked for, and says so', async () => {
    const { text } = generateFastq({ reads: 500, seed: 13 });
    const { stats } = await analyze(Buffer.from(text), { readLimit: 100 });
    expect(stats.reads).toBe(100);
    expect(stats.sampled).toEqual({ readLimit: 100 });
  });

  it('fails a truncated gzip with CompressionError and a corrupt one too', async () => {
    const { text } = generateFastq({ reads: 400, seed: 14 });
    await expect(analyze(truncatedGzip(text))).rejects.toThrow(CompressionError);
    await expect(analyze(truncatedGzip(text))).rejects.toThrow(/truncated/);
    const corrupt = gzipSync(text);
    corrupt.fill(0x55, 40, 80);
    await expect(analyze(corrupt)).rejects.toThrow(CompressionError);
  });

  it('bounds the line length so a binary file cannot fill memory', async () => {
    await expect(analyzeFastqStream(chunked(Buffer.alloc(5000, 0x41)), new FastqAccumulator(), 1000)).rejects.toThrow(
      LineTooLongError,
    );
  });
});
