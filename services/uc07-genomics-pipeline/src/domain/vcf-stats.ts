import { VcfFormatError } from './errors';
import { type AlleleClass, classifyAllele, isTransition } from './vcf-alleles';
import { classifyGenotype, type GenotypeClass } from './vcf-genotype';

export interface VcfContig {
  id: string;
  length: number | null;
}

export interface SampleGenotypes {
  sample: string;
  homRef: number;
  het: number;
  homAlt: number;
  missing: number;
  phased: number;
}

export interface QualBin {
  /** Inclusive lower bound. */
  from: number;
  /** Exclusive upper bound; null = no upper bound. */
  to: number | null;
  records: number;
}

export interface MalformedLine {
  line: number;
  problem: string;
}

export interface VcfStats {
  fileFormat: string;
  contigs: VcfContig[];
  infoIds: string[];
  formatIds: string[];
  filterIds: string[];
  samples: string[];
  records: number;
  /** Records with at least one SNV allele (what `bcftools stats` calls SNPs). */
  snvRecords: number;
  multiallelicRecords: number;
  /** Records whose ALT is `.`: no variant at the site. */
  noAltRecords: number;
  alleles: {
    snv: number;
    mnv: number;
    insertion: number;
    deletion: number;
    complex: number;
    star: number;
    breakend: number;
    symbolic: Record<string, number>;
    invalid: number;
    sameAsRef: number;
  };
  transitions: number;
  transversions: number;
  tiTv: number | null;
  filter: { pass: number; missing: number; failed: number; passRate: number | null };
  qual: { missing: number; mean: number | null; histogram: QualBin[] };
  genotypes: SampleGenotypes[];
  recordsOnUndeclaredContigs: number;
  malformed: { count: number; first: MalformedLine[] };
}

const QUAL_EDGES = [0, 10, 20, 30, 40, 50, 100] as const;
const FIXED_COLUMNS = ['#CHROM', 'POS', 'ID', 'REF', 'ALT', 'QUAL', 'FILTER', 'INFO'];
const round = (value: number, digits = 4) => Number(value.toFixed(digits));

const structuredId = (line: string): string | undefined => /[<,]ID=([^,>]+)/.exec(line)?.[1];

/**
 * Streaming VCF statistics, one line at a time: header (fileformat, contigs, INFO/FORMAT/FILTER ids,
 * samples), then every record, every ALT allele classified, Ti/Tv over SNV alleles, PASS rate, a QUAL
 * histogram and per-sample genotype counts. Memory grows with samples and contigs, not with records.
 */
export class VcfAccumulator {
  private fileFormat: string | undefined;
  private readonly contigs: VcfContig[] = [];
  private readonly contigIds = new Set<string>();
  private readonly infoIds: string[] = [];
  private readonly formatIds: string[] = [];
  private readonly filterIds: string[] = [];
  private samples: string[] | undefined;
  private genotypes: SampleGenotypes[] = [];
  private records = 0;
  private snvRecords = 0;
  private multiallelic = 0;
  private noAlt = 0;
  private readonly alleles: VcfStats['alleles'] = {
    snv: 0,
    mnv: 0,
    insertion: 0,
    deletion: 0,
    complex: 0,
    star: 0,
    breakend: 0,
    symbolic: {},
    invalid: 0,
    sameAsRef: 0,
  };
  private transitions = 0;
  private transversions = 0;
  private pass = 0;
  private filterMissing = 0;
  private qualMissing = 0;
  private qualSum = 0;
  private readonly qualBins = new Array<number>(QUAL_EDGES.length).fill(0);
  private undeclared = 0;
  private malformedCount = 0;
  private readonly malformed: MalformedLine[] = [];

  constructor(private readonly keepMalformed = 20) {}

  pushLine(line: string, lineNumber: number): void {
    if (this.fileFormat === undefined) {
      if (!line.startsWith('##fileformat=VCF')) {
        throw new VcfFormatError(`not VCF: line 1 is not "##fileformat=VCFv4.x"`);
      }
      this.fileFormat = line.slice('##fileformat='.length);
      return;
    }
    if (line.startsWith('##')) {
      this.meta(line, lineNumber);
      return;
    }
    if (line.startsWith('#')) {
      this.columnHeader(line, lineNumber);
      return;
    }
    if (line.length === 0) return;
    if (this.samples === undefined) {
      throw new VcfFormatError(`line ${lineNumber}: data line before the #CHROM header line`);
    }
    this.record(line, lineNumber);
  }

  finish(): VcfStats {
    if (this.fileFormat === undefined) throw new VcfFormatError('not VCF: the file is empty');
    if (this.samples === undefined) throw new VcfFormatError('no #CHROM header line');
    const filtered = this.pass + (this.records - this.pass - this.filterMissing);
    const qualCount = this.records - this.qualMissing;
    return {
      fileFormat: this.fileFormat,
      contigs: this.contigs,
      infoIds: this.infoIds,
      formatIds: this.formatIds,
      filterIds: this.filterIds,
      samples: this.samples,
      records: this.records,
      snvRecords: this.snvRecords,
      multiallelicRecords: this.multiallelic,
      noAltRecords: this.noAlt,
      alleles: { ...this.alleles, symbolic: { ...this.alleles.symbolic } },
      transitions: this.transitions,
      transversions: this.transversions,
      tiTv: this.transversions === 0 ? null : round(this.transitions / this.transversions),
      filter: {
        pass: this.pass,
        missing: this.filterMissing,
        failed: this.records - this.pass - this.filterMissing,
        // Of the records a filter was applied to; `.` (not filtered) is not a pass.
        passRate: filtered === 0 ? null : round(this.pass / filtered),
      },
      qual: {
        missing: this.qualMissing,
        mean: qualCount === 0 ? null : round(this.qualSum / qualCount),
        histogram: QUAL_EDGES.map((from, i) => ({
          from,
          to: QUAL_EDGES[i + 1] ?? null,
          records: this.qualBins[i] ?? 0,
        })),
      },
      genotypes: this.genotypes.map((g) => ({ ...g })),
      recordsOnUndeclaredContigs: this.undeclared,
      malformed: { count: this.malformedCount, first: [...this.malformed] },
    };
  }

  private meta(line: string, lineNumber: number): void {
    if (this.samples !== undefined) {
      throw new VcfFormatError(`line ${lineNumber}: meta-information line after the #CHROM header line`);
    }
    const id = structuredId(line);
    if (line.startsWith('##contig=') && id !== undefined) {
      const length = /[<,]length=(\d+)/.exec(line)?.[1];
      this.contigs.push({ id, length: length === undefined ? null : Number(length) });
      this.contigIds.add(id);
    } else if (line.startsWith('##INFO=') && id !== undefined) this.infoIds.push(id);
    else if (line.startsWith('##FORMAT=') && id !== undefined) this.formatIds.push(id);
    else if (line.startsWith('##FILTER=') && id !== undefined) this.filterIds.push(id);
  }

  private columnHeader(line: string, lineNumber: number): void {
    if (this.samples !== undefined) throw new VcfFormatError(`line ${lineNumber}: second #CHROM header line`);
    const columns = line.split('\t');
    const fixed = columns.slice(0, 8);
    if (fixed.length < 8 || fixed.some((c, i) => c !== FIXED_COLUMNS[i])) {
      throw new VcfFormatError(`line ${lineNumber}: header line does not start with the 8 fixed VCF columns`);
    }
    if (columns.length > 8 && columns[8] !== 'FORMAT') {
      throw new VcfFormatError(`line ${lineNumber}: column 9 of the header line is not FORMAT`);
    }
    this.samples = columns.slice(9);
    this.genotypes = this.samples.map((sample) => ({ sample, homRef: 0, het: 0, homAlt: 0, missing: 0, phased: 0 }));
  }

  private record(line: string, lineNumber: number): void {
    const columns = line.split('\t');
    const sampleCount = this.samples?.length ?? 0;
    const expected = sampleCount > 0 ? 9 + sampleCount : 8;
    if (columns.length < 8 || (sampleCount > 0 && columns.length !== expected)) {
      this.addMalformed(lineNumber, `${columns.length} columns, expected ${expected}`);
      return;
    }
    const [chrom = '', pos = '', , ref = '', alt = '', qual = '', filter = ''] = columns;
    if (!/^[1-9]\d*$/.test(pos) && pos !== '0') {
      this.addMalformed(lineNumber, `POS ${JSON.stringify(pos)}`);
      return;
    }
    if (qual !== '.' && !Number.isFinite(Number(qual))) {
      this.addMalformed(lineNumber, `QUAL ${JSON.stringify(qual)}`);
      return;
    }
    const gtIndex = sampleCount > 0 ? (columns[8] ?? '').split(':').indexOf('GT') : -1;
    const calls: ({ kind: GenotypeClass; phased: boolean } | undefined)[] = [];
    if (gtIndex >= 0) {
      for (let s = 0; s < sampleCount; s += 1) {
        const call = classifyGenotype((columns[9 + s] ?? '').split(':')[gtIndex] ?? '.');
        if (call === undefined) {
          this.addMalformed(lineNumber, `sample ${s + 1} GT is not a genotype`);
          return;
        }
        calls.push(call);
      }
    }

    this.records += 1;
    if (this.contigIds.size > 0 && !this.contigIds.has(chrom)) this.undeclared += 1;
    const alts = alt.split(',');
    if (alts.length > 1) this.multiallelic += 1;
    if (alt === '.') this.noAlt += 1;
    else {
      const kinds = alts.map((allele) => this.countAllele(classifyAllele(ref, allele)));
      if (kinds.includes('snv')) this.snvRecords += 1;
    }
    if (filter === 'PASS') this.pass += 1;
    else if (filter === '.') this.filterMissing += 1;
    if (qual === '.') this.qualMissing += 1;
    else {
      const value = Number(qual);
      this.qualSum += value;
      let bin = 0;
      while (bin + 1 < QUAL_EDGES.length && value >= (QUAL_EDGES[bin + 1] ?? Number.POSITIVE_INFINITY)) bin += 1;
      this.qualBins[bin] = (this.qualBins[bin] ?? 0) + 1;
    }
    calls.forEach((call, s) => {
      const counts = this.genotypes[s];
      if (!counts || !call) return;
      counts[call.kind] += 1;
      if (call.phased) counts.phased += 1;
    });
  }

  private countAllele(allele: AlleleClass): AlleleClass['kind'] {
    switch (allele.kind) {
      case 'snv':
        this.alleles.snv += 1;
        if (isTransition(allele.ref, allele.alt)) this.transitions += 1;
        else this.transversions += 1;
        break;
      case 'symbolic':
        this.alleles.symbolic[allele.name] = (this.alleles.symbolic[allele.name] ?? 0) + 1;
        break;
      case 'same-as-ref':
        this.alleles.sameAsRef += 1;
        break;
      // `.` among several ALTs (`A,.`) is not a valid allele list.
      case 'missing':
        this.alleles.invalid += 1;
        break;
      default:
        this.alleles[allele.kind] += 1;
    }
    return allele.kind;
  }

  private addMalformed(line: number, problem: string): void {
    this.malformedCount += 1;
    if (this.malformed.length < this.keepMalformed) this.malformed.push({ line, problem });
  }
}
