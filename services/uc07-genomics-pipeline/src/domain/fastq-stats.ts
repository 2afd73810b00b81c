import { type LengthBin, lengthDistribution } from './length-histogram';

/** Phred+33: quality character `!` (33) is Q0, `~` (126) is Q93. */
export const PHRED_OFFSET = 33;
const MAX_QUALITY_CHAR = 126;

export interface MalformedRecord {
  /** 1-based record number (4 lines per record). */
  record: number;
  /** 1-based line number of the record's first line in the (decompressed) file. */
  line: number;
  problem: string;
}

export interface FastqStats {
  reads: number;
  bases: number;
  baseCounts: { A: number; C: number; G: number; T: number; N: number; other: number };
  meanQuality: number | null;
  q20Percent: number | null;
  q30Percent: number | null;
  /** (G + C) / (A + C + G + T): N and IUPAC ambiguity codes are not in the denominator. */
  gcPercent: number | null;
  nRatePercent: number | null;
  /** Share of reads whose mean quality reaches `passQuality` (the reference's pass_filter_rate). */
  passFilterRate: number | null;
  passQuality: number;
  length: { min: number | null; max: number | null; mean: number | null; distribution: LengthBin[] };
  malformed: { count: number; first: MalformedRecord[] };
  /** Set when reading stopped at `readLimit` reads: the statistics describe a prefix of the file. */
  sampled: { readLimit: number } | null;
}

export interface FastqStatsOptions {
  /** Mean read quality a read needs to pass (reference: 20). */
  passQuality?: number;
  /** Stop after this many valid reads; 0 or absent = every read. */
  readLimit?: number;
  /** Malformed records kept with their numbers in the result (all are counted). */
  keepMalformed?: number;
}

const round = (value: number, digits = 4) => Number(value.toFixed(digits));
const percent = (part: number, whole: number) => (whole === 0 ? null : round((part / whole) * 100));

/**
 * Streaming FASTQ statistics over 4-line records, fed one line at a time: memory is bounded by the
 * longest read and the number of distinct read lengths, never by the file. Malformed records are counted
 * with their record number and skipped; the caller decides whether a file with malformed records passes.
 */
export class FastqAccumulator {
  private readonly passQuality: number;
  private readonly readLimit: number;
  private readonly keepMalformed: number;
  private lines: string[] = [];
  private firstLineNumber = 0;
  private records = 0;
  private reads = 0;
  private bases = 0;
  private a = 0;
  private c = 0;
  private g = 0;
  private t = 0;
  private n = 0;
  private other = 0;
  private qualitySum = 0;
  private q20 = 0;
  private q30 = 0;
  private passing = 0;
  private readonly lengths = new Map<number, number>();
  private malformedCount = 0;
  private readonly malformed: MalformedRecord[] = [];

  constructor(options: FastqStatsOptions = {}) {
    this.passQuality = options.passQuality ?? 20;
    this.readLimit = options.readLimit ?? 0;
    this.keepMalformed = options.keepMalformed ?? 20;
  }

  /** True once `readLimit` valid reads were seen: the caller can stop reading. */
  get full(): boolean {
    return this.readLimit > 0 && this.reads >= this.readLimit;
  }

  pushLine(line: string, lineNumber: number): void {
    if (this.full) return;
    // Blank lines between records (often at the end of a file) are not records.
    if (this.lines.length === 0 && line.length === 0) return;
    if (this.lines.length === 0) this.firstLineNumber = lineNumber;
    this.lines.push(line);
    if (this.lines.length === 4) {
      const [header = '', sequence = '', separator = '', quality = ''] = this.lines;
      this.lines = [];
      this.record(header, sequence, separator, quality);
    }
  }

  finish(): FastqStats {
    if (this.lines.length > 0 && !this.full) {
      this.records += 1;
      this.addMalformed(`incomplete record: ${this.lines.length} of 4 lines before the end of the file`);
      this.lines = [];
    }
    const acgt = this.a + this.c + this.g + this.t;
    const lengths = [...this.lengths.keys()];
    return {
      reads: this.reads,
      bases: this.bases,
      baseCounts: { A: this.a, C: this.c, G: this.g, T: this.t, N: this.n, other: this.other },
      meanQuality: this.bases === 0 ? null : round(this.qualitySum / this.bases),
      q20Percent: percent(this.q20, this.bases),
      q30Percent: percent(this.q30, this.bases),
      gcPercent: percent(this.g + this.c, acgt),
      nRatePercent: percent(this.n, this.bases),
      passFilterRate: this.reads === 0 ? null : round(this.passing / this.reads),
      passQuality: this.passQuality,
      length: {
        min: lengths.length ? Math.min(...lengths) : null,
        max: lengths.length ? Math.max(...lengths) : null,
        mean: this.reads === 0 ? null : round(this.bases / this.reads),
        distribution: lengthDistribution(this.lengths),
      },
      malformed: { count: this.malformedCount, first: [...this.malformed] },
      sampled: this.readLimit > 0 && this.reads >= this.readLimit ? { readLimit: this.readLimit } : null,
    };
  }

  private record(header: string, sequence: string, separator: string, quality: string): void {
    this.records += 1;
    if (!header.startsWith('@')) {
      this.addMalformed('line 1 does not start with "@"');
      return;
    }
    if (!separator.startsWith('+')) {
      this.addMalformed('line 3 does not start with "+"');
      return;
    }
    if (sequence.length !== quality.length) {
      this.addMalformed(`sequence length ${sequence.length} differs from quality length ${quality.length}`);
      return;
    }
    let qualitySum = 0;
    let q20 = 0;
    let q30 = 0;
    for (let i = 0; i < quality.length; i += 1) {
      const code = quality.charCodeAt(i);
      if (code < PHRED_OFFSET || code > MAX_QUALITY_CHAR) {
        this.addMalformed(`quality character ${JSON.stringify(quality[i])} is outside Phred+33`);
        return;
      }
      const q = code - PHRED_OFFSET;
      qualitySum += q;
      if (q >= 20) q20 += 1;
      if (q >= 30) q30 += 1;
    }
    for (let i = 0; i < sequence.length; i += 1) {
      switch (sequence.charCodeAt(i) | 0x20) {
        case 0x61: // a
          this.a += 1;
          break;
        case 0x63: // c
          this.c += 1;
          break;
        case 0x67: // g
          this.g += 1;
          break;
        case 0x74: // t
          this.t += 1;
          break;
        case 0x6e: // n
          this.n += 1;
          break;
        default:
          this.other += 1;
      }
    }
    this.reads += 1;
    this.bases += sequence.length;
    this.qualitySum += qualitySum;
    this.q20 += q20;
    this.q30 += q30;
    if (sequence.length > 0 && qualitySum / sequence.length >= this.passQuality) this.passing += 1;
    this.lengths.set(sequence.length, (this.lengths.get(sequence.length) ?? 0) + 1);
  }

  private addMalformed(problem: string): void {
    this.malformedCount += 1;
    if (this.malformed.length < this.keepMalformed) {
      this.malformed.push({ record: this.records, line: this.firstLineNumber, problem });
    }
  }
}
