import { describe, expect, it } from 'vitest';
import { bgzfCompress, generateBam, HUMAN_REFERENCES } from '../../samples';
import { BamFormatError, BGZF_EOF, readBamHeader, readBgzfBlock } from '../../src/domain';
import { rangeReader } from './helpers';

const readGroups = [
  { id: 'rg1', sample: 'S1', platform: 'ILLUMINA', library: 'L1' },
  { id: 'rg2', sample: 'S2' },
];

describe('BAM header', () => {
  it('reads references and read groups with bounded Range reads', async () => {
    const bam = generateBam({ references: HUMAN_REFERENCES, readGroups, unmappedReads: 3000 });
    const reader = rangeReader(bam);
    const header = await readBamHeader(reader.read, bam.length);
    expect(header.references).toEqual(HUMAN_REFERENCES.map((r) => ({ ...r })));
    expect(header.text.sequences).toEqual(header.references);
    expect(header.text.readGroups).toEqual([
      { id: 'rg1', sample: 'S1', platform: 'ILLUMINA', library: 'L1' },
      { id: 'rg2', sample: 'S2', platform: null, library: null },
    ]);
    expect(header.text).toMatchObject({ version: '1.6', sortOrder: 'unsorted' });
    expect(header.eofMarker).toBe(true);
    expect(header.referenceMismatches).toEqual([]);
    expect(bam.length).toBeGreaterThan(200_000);
    expect(header.bytesRead).toBe(64 * 1024 + BGZF_EOF.length);
    expect(reader.reads.at(-1)).toEqual([bam.length - 28, bam.length - 1]);
  });

  it('follows a header across several BGZF blocks, growing the window', async () => {
    const references = Array.from({ length: 3000 }, (_, i) => ({ name: `contig_${i}`, length: 1000 + i }));
    const bam = generateBam({ references, readGroups });
    const header = await readBamHeader(rangeReader(bam).read, bam.length, { firstReadBytes: 1024 });
    expect(header.references).toHaveLength(3000);
    expect(header.references.at(-1)).toEqual({ name: 'contig_2999', length: 3999 });
  });

  it('names disagreements between @SQ and the binary list, and a missing EOF block', async () => {
    const bam = generateBam({ references: HUMAN_REFERENCES, readGroups, mismatchAt: 1, withoutEof: true });
    const header = await readBamHeader(rangeReader(bam).read, bam.length);
    expect(header.referenceMismatches).toEqual(['reference 2: @SQ chr2:242193529 vs binary chr2_alt:242193529']);
    expect(header.eofMarker).toBe(false);
  });

  it('refuses BGZF that is not BAM, and a header beyond the limit', async () => {
    const notBam = bgzfCompress(Buffer.from('##fileformat=VCFv4.2\n'));
    await expect(readBamHeader(rangeReader(notBam).read, notBam.length)).rejects.toThrow(/not BAM: magic/);
    const plain = Buffer.from('plain text, not BGZF at all........');
    await expect(readBamHeader(rangeReader(plain).read, plain.length)).rejects.toThrow(BamFormatError);
    const references = Array.from({ length: 5000 }, (_, i) => ({ name: `c${i}-${'x'.repeat(40)}`, length: i + 1 }));
    const big = generateBam({ references, readGroups });
    await expect(
      readBamHeader(rangeReader(big).read, big.length, { maxHeaderBytes: 4096, firstReadBytes: 1024 }),
    ).rejects.toThrow(/larger than the 4096-byte limit/);
  });

  it('checks each BGZF block against its CRC32', () => {
    const block = bgzfCompress(Buffer.from('hello BAM'), undefined, false);
    expect(readBgzfBlock(block, 0)).toMatchObject({ kind: 'block', blockSize: block.length });
    const flipped = Buffer.from(block);
    flipped.writeUInt32LE((flipped.readUInt32LE(block.length - 8) ^ 1) >>> 0, block.length - 8);
    expect(() => readBgzfBlock(flipped, 0)).toThrow(/CRC32/);
    expect(readBgzfBlock(block.subarray(0, 20), 0)).toEqual({ kind: 'incomplete' });
  });
});
