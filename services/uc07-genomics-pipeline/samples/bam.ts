import { bgzfCompress } from './bgzf-writer';
import { seededRandom } from './prng';

export interface BamSpec {
  references: readonly { name: string; length: number }[];
  readGroups: readonly { id: string; sample: string; platform?: string; library?: string }[];
  /** Unmapped reads after the header, so the file is larger than its header (default 0). */
  unmappedReads?: number;
  seed?: number;
  /** Write a different name into the binary list than into @SQ for this reference index. */
  mismatchAt?: number;
  /** Leave out the BGZF EOF block (a cut-short file). */
  withoutEof?: boolean;
}

const int32 = (value: number) => {
  const b = Buffer.alloc(4);
  b.writeInt32LE(value, 0);
  return b;
};

const NIBBLE: Record<string, number> = { A: 1, C: 2, G: 4, T: 8, N: 15 };

/** One unmapped alignment record (SAM/BAM spec §4.2): refID −1, no CIGAR, flag 4, bin 4680. */
const unmappedRecord = (name: string, seq: string, qualities: number[]): Buffer => {
  const readName = Buffer.from(`${name}\0`, 'latin1');
  const packed = Buffer.alloc(Math.ceil(seq.length / 2));
  for (let i = 0; i < seq.length; i += 1) {
    const code = NIBBLE[seq[i] ?? 'N'] ?? 15;
    packed[i >> 1] = (packed[i >> 1] ?? 0) | (i % 2 === 0 ? code << 4 : code);
  }
  const fixed = Buffer.alloc(32);
  fixed.writeInt32LE(-1, 0); // refID
  fixed.writeInt32LE(-1, 4); // pos
  fixed.writeUInt8(readName.length, 8); // l_read_name
  fixed.writeUInt8(255, 9); // mapq
  fixed.writeUInt16LE(4680, 10); // bin of an unmapped read
  fixed.writeUInt16LE(0, 12); // n_cigar_op
  fixed.writeUInt16LE(4, 14); // flag: unmapped
  fixed.writeInt32LE(seq.length, 16); // l_seq
  fixed.writeInt32LE(-1, 20); // next_refID
  fixed.writeInt32LE(-1, 24); // next_pos
  fixed.writeInt32LE(0, 28); // tlen
  const body = Buffer.concat([fixed, readName, packed, Buffer.from(qualities)]);
  return Buffer.concat([int32(body.length), body]);
};

/** The SAM header text the generator writes (also what `samtools view -H` prints back). */
export const samHeaderText = (spec: BamSpec): string =>
  [
    '@HD\tVN:1.6\tSO:unsorted',
    ...spec.references.map((r) => `@SQ\tSN:${r.name}\tLN:${r.length}`),
    ...spec.readGroups.map((rg) =>
      [
        `@RG\tID:${rg.id}\tSM:${rg.sample}`,
        rg.platform ? `PL:${rg.platform}` : '',
        rg.library ? `LB:${rg.library}` : '',
      ]
        .filter(Boolean)
        .join('\t'),
    ),
    '@PG\tID:fsxn-uc07-sample-generator\tPN:fsxn',
    '',
  ].join('\n');

/** A BAM file (BGZF with the EOF block): header text, binary reference list, optional unmapped reads. */
export const generateBam = (spec: BamSpec): Buffer => {
  const text = Buffer.from(samHeaderText(spec), 'utf8');
  const refs = spec.references.map((r, i) => {
    const name = Buffer.from(`${i === spec.mismatchAt ? `${r.name}_alt` : r.name}\0`, 'latin1');
    return Buffer.concat([int32(name.length), name, int32(r.length)]);
  });
  const random = seededRandom(spec.seed ?? 7);
  const reads: Buffer[] = [];
  for (let i = 0; i < (spec.unmappedReads ?? 0); i += 1) {
    let seq = '';
    const quals: number[] = [];
    for (let j = 0; j < 100; j += 1) {
      seq += 'ACGT'[Math.floor(random() * 4)] ?? 'A';
      quals.push(2 + Math.floor(random() * 39));
    }
    reads.push(unmappedRecord(`read${i + 1}`, seq, quals));
  }
  const bam = Buffer.concat([
    Buffer.from('BAM\x01', 'latin1'),
    int32(text.length),
    text,
    int32(refs.length),
    ...refs,
    ...reads,
  ]);
  return bgzfCompress(bam, undefined, !spec.withoutEof);
};
