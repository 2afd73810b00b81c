import { pick, seededRandom } from './prng';
import {
  type AnnotationTruth,
  addToTruth,
  annotationHeaderLines,
  annotationInfo,
  emptyAnnotationTruth,
  SITES,
  siteHgvs,
  type VcfAnnotationStyle,
} from './vcf-annotations';

export interface VcfSpec {
  seed: number;
  /** Plain single-SNV records (beside one record of every other kind). */
  snvRecords: number;
  samples?: readonly string[];
  /** Add one record of every other kind (MNV, indels, multi-allelic, `*`, `<DEL>`, no-ALT); default true. */
  everyKind?: boolean;
  /**
   * Annotate the first SNV records with genes, HGVS and dbSNP ids (and ClinVar disease names) in this
   * tool's INFO format; the statistics of the file do not change. Default: no annotations.
   */
  annotations?: VcfAnnotationStyle;
}

/** What the generator wrote, counted from its own plan (not by classifying the text). */
export interface VcfTruth {
  records: number;
  samples: string[];
  snv: number;
  mnv: number;
  insertion: number;
  deletion: number;
  complex: number;
  star: number;
  symbolic: Record<string, number>;
  noAlt: number;
  multiallelic: number;
  transitions: number;
  transversions: number;
  pass: number;
  filterMissing: number;
  qualMissing: number;
  genotypes: Record<string, { homRef: number; het: number; homAlt: number; missing: number; phased: number }>;
  /** What the INFO annotations name (empty without `annotations`). */
  annotations: AnnotationTruth;
}

const TRANSITION: Record<string, string> = { A: 'G', G: 'A', C: 'T', T: 'C' };
const TRANSVERSIONS: Record<string, readonly string[]> = {
  A: ['C', 'T'],
  G: ['C', 'T'],
  C: ['A', 'G'],
  T: ['A', 'G'],
};

type Planned = { ref: string; alts: string[]; count: (truth: VcfTruth) => void };

/**
 * A VCF 4.2 file with two contigs, INFO/FORMAT/FILTER headers, samples with diploid genotypes (phased
 * and unphased, missing), plain SNVs (transitions and transversions), and one record each of MNV,
 * insertion, deletion, complex indel, multi-allelic SNV, spanning deletion `*`, symbolic `<DEL>` and
 * no-ALT `.`; plus the counts it was built with.
 */
export const generateVcf = (spec: VcfSpec): { text: string; truth: VcfTruth } => {
  const random = seededRandom(spec.seed);
  const samples = [...(spec.samples ?? ['NA12878', 'NA12891', 'NA12892'])];
  const truth: VcfTruth = {
    records: 0,
    samples,
    snv: 0,
    mnv: 0,
    insertion: 0,
    deletion: 0,
    complex: 0,
    star: 0,
    symbolic: {},
    noAlt: 0,
    multiallelic: 0,
    transitions: 0,
    transversions: 0,
    pass: 0,
    filterMissing: 0,
    qualMissing: 0,
    genotypes: Object.fromEntries(samples.map((s) => [s, { homRef: 0, het: 0, homAlt: 0, missing: 0, phased: 0 }])),
    annotations: emptyAnnotationTruth(),
  };
  const snv = (ref: string, alt: string) => (t: VcfTruth) => {
    t.snv += 1;
    if (TRANSITION[ref] === alt) t.transitions += 1;
    else t.transversions += 1;
  };
  const plans: Planned[] = [];
  for (let i = 0; i < spec.snvRecords; i += 1) {
    const ref = pick(random, ['A', 'C', 'G', 'T'] as const);
    const alt = random() < 0.66 ? (TRANSITION[ref] ?? 'A') : pick(random, TRANSVERSIONS[ref] ?? ['A']);
    plans.push({ ref, alts: [alt], count: snv(ref, alt) });
  }
  if (spec.everyKind !== false)
    plans.push(
      { ref: 'AC', alts: ['GT'], count: (t) => (t.mnv += 1) },
      { ref: 'A', alts: ['ATG'], count: (t) => (t.insertion += 1) },
      { ref: 'ATG', alts: ['A'], count: (t) => (t.deletion += 1) },
      { ref: 'ATG', alts: ['CA'], count: (t) => (t.complex += 1) },
      {
        ref: 'A',
        alts: ['G', 'T'],
        count: (t) => {
          snv('A', 'G')(t);
          snv('A', 'T')(t);
          t.multiallelic += 1;
        },
      },
      {
        ref: 'C',
        alts: ['T', '*'],
        count: (t) => {
          snv('C', 'T')(t);
          t.star += 1;
          t.multiallelic += 1;
        },
      },
      { ref: 'G', alts: ['<DEL>'], count: (t) => (t.symbolic['<DEL>'] = (t.symbolic['<DEL>'] ?? 0) + 1) },
      { ref: 'T', alts: ['.'], count: (t) => (t.noAlt += 1) },
    );

  const header = [
    '##fileformat=VCFv4.2',
    '##source=fsxn-uc07-sample-generator',
    '##contig=<ID=chr1,length=248956422>',
    '##contig=<ID=chr2,length=242193529>',
    '##INFO=<ID=DP,Number=1,Type=Integer,Description="Total depth">',
    '##INFO=<ID=END,Number=1,Type=Integer,Description="End position">',
    '##INFO=<ID=SVTYPE,Number=1,Type=String,Description="Type of structural variant">',
    ...(spec.annotations ? annotationHeaderLines(spec.annotations) : []),
    '##FILTER=<ID=LowQual,Description="Low quality">',
    '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">',
    '##FORMAT=<ID=DP,Number=1,Type=Integer,Description="Read depth">',
    ['#CHROM', 'POS', 'ID', 'REF', 'ALT', 'QUAL', 'FILTER', 'INFO', 'FORMAT', ...samples].join('\t'),
  ];
  const lines = [...header];
  let pos = 10_000;
  plans.forEach((plan, i) => {
    pos += 100 + Math.floor(random() * 900);
    const chrom = i < plans.length / 2 ? 'chr1' : 'chr2';
    if (i === Math.ceil(plans.length / 2)) pos = 10_000 + Math.floor(random() * 900);
    const q = random();
    const qual = q < 0.05 ? '.' : (random() * 120).toFixed(1);
    const filter = q < 0.05 ? '.' : Number(qual) >= 30 ? 'PASS' : 'LowQual';
    if (qual === '.') truth.qualMissing += 1;
    if (filter === 'PASS') truth.pass += 1;
    if (filter === '.') truth.filterMissing += 1;
    const altCount = plan.alts[0] === '.' ? 0 : plan.alts.length;
    const calls = samples.map((sample) => {
      const counts = truth.genotypes[sample];
      const g = random();
      const sep = random() < 0.3 ? '|' : '/';
      let gt: string;
      if (g < 0.08 || altCount === 0) {
        gt = altCount === 0 && g >= 0.08 ? `0${sep}0` : `.${sep}.`;
      } else if (g < 0.35) gt = `0${sep}0`;
      else if (g < 0.75) gt = `0${sep}${1 + Math.floor(random() * altCount)}`;
      else {
        const a = 1 + Math.floor(random() * altCount);
        gt = `${a}${sep}${a}`;
      }
      if (counts) {
        const [x, y] = gt.split(sep);
        if (x === '.' || y === '.') counts.missing += 1;
        else if (x === '0' && y === '0') counts.homRef += 1;
        else if (x === y) counts.homAlt += 1;
        else counts.het += 1;
        if (sep === '|') counts.phased += 1;
      }
      return `${gt}:${5 + Math.floor(random() * 40)}`;
    });
    const info =
      plan.alts[0] === '<DEL>' ? `DP=30;SVTYPE=DEL;END=${pos + 500}` : `DP=${10 + Math.floor(random() * 50)}`;
    // The first plans are the single-SNV ones; annotating them draws no random numbers, so the rest of
    // the file is the same with or without annotations.
    const site = spec.annotations && i < spec.snvRecords ? SITES[spec.annotations][i] : undefined;
    const [alt = ''] = plan.alts;
    const annotation = spec.annotations && site ? annotationInfo(spec.annotations, site, i, plan.ref, alt) : [];
    if (site) addToTruth(truth.annotations, site, siteHgvs(site, i, plan.ref, alt));
    lines.push(
      [
        chrom,
        String(pos),
        site?.rsId ?? '.',
        plan.ref,
        plan.alts.join(','),
        qual,
        filter,
        [info, ...annotation].join(';'),
        'GT:DP',
        ...calls,
      ].join('\t'),
    );
    truth.records += 1;
    plan.count(truth);
  });
  return { text: `${lines.join('\n')}\n`, truth };
};

/** A text file named `.vcf` that is not VCF (a CSV export). */
export const notVcfButNamedVcf = (): string => 'sample,gene,effect\nS1,BRCA1,missense\nS2,TP53,nonsense\n';
