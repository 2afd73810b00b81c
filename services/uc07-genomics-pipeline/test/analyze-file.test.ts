import { describe, expect, it } from 'vitest';
import { generateBam, generateFastq, HUMAN_REFERENCES } from '../samples';
import { type AnalyzeLimits, analyzeFile } from '../src/analyze-file';
import { kindOf, sampleIdOf } from '../src/file-kinds';
import { chunked, rangeReader } from './domain/helpers';

const limits: AnalyzeLimits = {
  passQuality: 20,
  fastqReadLimit: 0,
  maxMalformedRecords: 0,
  maxLineBytes: 1 << 20,
  maxBamHeaderBytes: 1 << 20,
};
const depsFor = (bytes: Uint8Array, overrides: Partial<AnalyzeLimits> = {}) => ({
  stream: <T>(consume: (body: AsyncIterable<Uint8Array>) => Promise<T>) => consume(chunked(bytes)),
  readRange: rangeReader(bytes).read,
  size: bytes.length,
  limits: { ...limits, ...overrides },
});

describe('analyzeFile', () => {
  it('reports sampling in the highlights only when a read limit is set', async () => {
    const text = Buffer.from(generateFastq({ reads: 300, seed: 41 }).text);
    const all = await analyzeFile('fastq', depsFor(text));
    const sampled = await analyzeFile('fastq', depsFor(text, { fastqReadLimit: 50 }));
    expect(all).toMatchObject({ kind: 'analyzed', highlights: { reads: 300, sampled: false } });
    expect(sampled).toMatchObject({ kind: 'analyzed', highlights: { reads: 50, sampled: true } });
  });

  it('passes malformed records up to the configured limit and fails above it', async () => {
    const text = Buffer.from('@a\nAC\n+\nII\nnot-a-header\nAC\n+\nII\n');
    expect(await analyzeFile('fastq', depsFor(text, { maxMalformedRecords: 1 }))).toMatchObject({
      kind: 'analyzed',
      highlights: { reads: 1, malformed: 1 },
    });
    expect(await analyzeFile('fastq', depsFor(text))).toEqual({
      kind: 'failed',
      reason: 'FastqFormatError: 1 malformed records (limit 0): #2 (line 5): line 1 does not start with "@"',
    });
    expect(await analyzeFile('fastq', depsFor(Buffer.from('')))).toEqual({
      kind: 'failed',
      reason: 'FastqFormatError: no valid FASTQ reads',
    });
  });

  it('fails a BAM whose @SQ lines disagree with its binary references, or that lacks the EOF block', async () => {
    const readGroups = [{ id: 'g', sample: 's' }];
    const mismatch = generateBam({ references: HUMAN_REFERENCES, readGroups, mismatchAt: 2 });
    expect(await analyzeFile('bam', depsFor(mismatch))).toEqual({
      kind: 'failed',
      reason:
        'BamFormatError: @SQ header lines and the binary reference list disagree: reference 3: @SQ chrM:16569 vs binary chrM_alt:16569',
    });
    const cut = generateBam({ references: HUMAN_REFERENCES, readGroups, withoutEof: true });
    expect(await analyzeFile('bam', depsFor(cut))).toEqual({
      kind: 'failed',
      reason: 'BamFormatError: no BGZF EOF block at the end: the file is truncated',
    });
  });

  it('knows genomics files by name and names samples after them', () => {
    expect(['a.fq.gz', 'b.FASTQ', 'c.vcf.bgz', 'd.bam', 'e.bai', 'f.txt'].map(kindOf)).toEqual([
      'fastq',
      'fastq',
      'vcf',
      'bam',
      undefined,
      undefined,
    ]);
    expect(sampleIdOf('run1/NA12878_R1.fastq.gz')).toBe('NA12878_R1');
  });
});
