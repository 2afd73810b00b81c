import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateVcf } from '../../samples';
import { AnnotationTextCollector, annotationSentence, layoutFieldsOf } from '../../src/summary/annotation-text';

const COLUMNS = '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tPATIENT-JANE-DOE';
const read = (lines: readonly string[], maxChars = 20_000) => {
  const collector = new AnnotationTextCollector({ maxChars });
  const reader = collector.reader();
  const wanted = lines.map((line) => reader.pushLine(line));
  return { collector, wanted, text: collector.text() };
};

describe('annotation text from VCF INFO fields', () => {
  it('reads SnpEff ANN with the transcript added to HGVS.c, ClinVar CLNDN and the rs id of the ID column', () => {
    const { text } = read([
      '##fileformat=VCFv4.2',
      '##INFO=<ID=ANN,Number=.,Type=String,Description="Functional annotations: \'Allele | Annotation | Annotation_Impact | Gene_Name | Gene_ID | Feature_Type | Feature_ID | Transcript_BioType | Rank | HGVS.c | HGVS.p\' ">',
      '##INFO=<ID=CLNDN,Number=.,Type=String,Description="ClinVar disease name">',
      COLUMNS,
      'chr17\t43045712\trs80357914\tAG\tA\t50\tPASS\tDP=20;ANN=A|frameshift_variant|HIGH|BRCA1|ENSG00000012048|transcript|NM_007294.4|protein_coding|2/23|c.68_69delAG|p.Glu23fs,A|frameshift_variant|HIGH|BRCA1|ENSG00000012048|transcript|NM_007300.4|protein_coding|2/24|c.68_69delAG|p.Glu23fs;CLNDN=Hereditary_breast_and_ovarian_cancer|not_provided\tGT\t0/1',
    ]);
    expect(text).toBe(
      'BRCA1 gene variant NM_007294.4:c.68_69delAG, p.Glu23fs, NM_007300.4:c.68_69delAG (frameshift variant), dbSNP rs80357914, reported in Hereditary breast and ovarian cancer.',
    );
  });

  it('reads VEP CSQ by the layout its header declares, decoding percent-encoded values', () => {
    const { text } = read([
      '##fileformat=VCFv4.3',
      // A layout in another order than SnpEff's: SYMBOL last.
      '##INFO=<ID=CSQ,Number=.,Type=String,Description="Consequence annotations from Ensembl VEP. Format: Allele|Consequence|HGVSc|HGVSp|SYMBOL">',
      COLUMNS,
      'chr12\t25245350\t.\tC\tA\t.\tPASS\tCSQ=A|missense_variant&splice_region_variant|ENST00000256078.10:c.35G>T|ENSP00000256078.5:p.Gly12Val|KRAS\tGT\t0/1',
      'chr1\t100\t.\tC\tT\t.\tPASS\tCSQ=T|synonymous_variant|ENST00000000001.1:c.9C>T|ENSP00000000001.1:p.%3D|GENEX\tGT\t0/1',
    ]);
    expect(text.split('\n')).toEqual([
      'KRAS gene variant ENST00000256078.10:c.35G>T, ENSP00000256078.5:p.Gly12Val (missense variant, splice region variant).',
      'GENEX gene variant ENST00000000001.1:c.9C>T, ENSP00000000001.1:p.= (synonymous variant).',
    ]);
  });

  it('reads GENE, ClinVar GENEINFO, CLNHGVS and RS', () => {
    const { text } = read([
      '##fileformat=VCFv4.1',
      '##INFO=<ID=GENEINFO,Number=1,Type=String,Description="Gene(s) for the variant">',
      '##INFO=<ID=CLNHGVS,Number=.,Type=String,Description="Top-level HGVS">',
      '##INFO=<ID=RS,Number=.,Type=String,Description="dbSNP ID">',
      '##INFO=<ID=GENE,Number=.,Type=String,Description="Gene">',
      '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO',
      '17\t43045712\t1\tAG\tA\t.\t.\tGENEINFO=BRCA1:672|NBR2:10230;CLNHGVS=NC_000017.11:g.43045712del;RS=80357914',
      '7\t55191822\t2\tT\tG\t.\t.\tGENE=EGFR',
      '7\t55191823\t3\tT\tG\t.\t.\tDP=3',
    ]);
    expect(text.split('\n')).toEqual([
      'BRCA1, NBR2 gene variant NC_000017.11:g.43045712del, dbSNP rs80357914.',
      'EGFR gene variant.',
    ]);
  });

  it('never reads sample names or genotypes into the text', () => {
    const { text } = read([
      '##fileformat=VCFv4.2',
      '##INFO=<ID=GENE,Number=.,Type=String,Description="Gene">',
      COLUMNS,
      'chr1\t1\t.\tA\tG\t.\tPASS\tGENE=TP53\tGT:NOTE\t0/1:PATIENT-JANE-DOE',
    ]);
    expect(text).toBe('TP53 gene variant.');
  });

  it('stops at the header when no annotation field is declared, and at once when the file is not VCF', () => {
    const plain = read(['##fileformat=VCFv4.2', '##INFO=<ID=DP,Number=1,Type=Integer,Description="Depth">', COLUMNS]);
    expect(plain.wanted).toEqual([true, true, false]);
    expect(read(['sample,gene', 'S1,BRCA1']).wanted).toEqual([false, false]);
  });

  it('keeps identical sentences once and counts the records that said them', () => {
    const record = 'chr1\t1\t.\tA\tG\t.\tPASS\tGENE=CFTR\tGT\t0/1';
    const { collector, text } = read([
      '##fileformat=VCFv4.2',
      '##INFO=<ID=GENE,Number=.,Type=String,Description="Gene">',
      COLUMNS,
      record,
      record,
    ]);
    expect(text).toBe('CFTR gene variant.');
    expect(collector.stats()).toEqual({ annotatedRecords: 2, sentences: 1, chars: text.length, truncated: false });
  });

  it('finds what the sample generator annotated, in both tool formats', () => {
    for (const annotations of ['snpeff', 'vep'] as const) {
      const { text: vcf, truth } = generateVcf({ seed: 7, snvRecords: 40, annotations });
      const { text } = read(vcf.trimEnd().split('\n'));
      for (const value of [...truth.annotations.genes, ...truth.annotations.hgvs, ...truth.annotations.rsIds]) {
        expect(text).toContain(value);
      }
      for (const condition of truth.annotations.conditions) expect(text).toContain(condition);
      expect(text.split('\n')).toHaveLength(truth.annotations.hgvs.length);
    }
  });

  it('parses the field list of SnpEff and VEP descriptions', () => {
    expect(layoutFieldsOf("Functional annotations: 'Allele | Annotation | Gene_Name' ")).toEqual([
      'Allele',
      'Annotation',
      'Gene_Name',
    ]);
    expect(layoutFieldsOf('Consequence annotations from Ensembl VEP. Format: Allele|SYMBOL')).toEqual([
      'Allele',
      'SYMBOL',
    ]);
    expect(layoutFieldsOf('Total depth')).toBeUndefined();
  });
});

const symbol = fc.stringMatching(/^[A-Z][A-Z0-9]{1,6}$/);
const site = fc.record({
  gene: symbol,
  position: fc.integer({ min: 1, max: 99_999 }),
  ref: fc.constantFrom('A', 'C', 'G', 'T'),
  alt: fc.constantFrom('A', 'C', 'G', 'T'),
});

describe('annotation text properties', () => {
  it('contains every annotated gene and HGVS description while the budget allows, and never exceeds it', () => {
    fc.assert(
      fc.property(fc.array(site, { maxLength: 30 }), fc.integer({ min: 0, max: 3000 }), (sites, maxChars) => {
        const lines = [
          '##fileformat=VCFv4.2',
          '##INFO=<ID=ANN,Number=.,Type=String,Description="Functional annotations">',
          '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO',
          ...sites.map(
            (s, i) =>
              `chr1\t${i + 1}\t.\t${s.ref}\t${s.alt}\t.\tPASS\tANN=${s.alt}|missense_variant|MODERATE|${s.gene}|G${i}|transcript|NM_${1000 + i}.1|protein_coding|1/2|c.${s.position}${s.ref}>${s.alt}|`,
          ),
        ];
        const { collector, text } = read(lines, maxChars);
        expect(text.length).toBeLessThanOrEqual(maxChars);
        if (!collector.full) {
          sites.forEach((s, i) => {
            expect(text).toContain(`${s.gene} gene variant NM_${1000 + i}.1:c.${s.position}${s.ref}>${s.alt}`);
          });
        }
      }),
    );
  });

  it('never throws on arbitrary lines and only ever writes whole sentences', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 200 }), { maxLength: 20 }), (tail) => {
        const { text } = read(['##fileformat=VCFv4.2', '##INFO=<ID=CSQ,Description="Format: A|SYMBOL">', ...tail]);
        for (const sentence of text.split('\n').filter((line) => line.length > 0)) expect(sentence).toMatch(/\.$/);
      }),
    );
  });

  it('renders nothing for a record that names nothing', () => {
    expect(
      annotationSentence({ genes: [], hgvs: [], consequences: ['intron variant'], rsIds: [], conditions: [] }),
    ).toBe(undefined);
  });
});
