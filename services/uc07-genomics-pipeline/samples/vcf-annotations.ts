/**
 * Variant annotations the sample VCFs can carry in INFO, the way annotation tools write them: SnpEff's
 * `ANN` (fixed field layout), Ensembl VEP's `CSQ` (layout declared in the header's `Format:`) and
 * ClinVar's `CLNDN` (disease names, `_` for spaces, `|` between names).
 */
export type VcfAnnotationStyle = 'snpeff' | 'vep';

export interface AnnotatedSite {
  gene: string;
  geneId: string;
  transcript: string;
  consequence: string;
  rsId: string;
  /** ClinVar preferred disease name (CLNDN), when the site has one. */
  condition?: string;
}

/**
 * Sites for SnpEff-style files. SOX2 is not on @fsxn/inference's list of well-known gene symbols, so
 * finding it shows the gene context in the text is what counts; BRCA1 appears twice.
 */
export const SNPEFF_SITES: readonly AnnotatedSite[] = [
  {
    gene: 'BRCA1',
    geneId: 'ENSG00000012048',
    transcript: 'NM_007294.4',
    consequence: 'missense_variant',
    rsId: 'rs80357064',
    condition: 'Hereditary_breast_and_ovarian_cancer',
  },
  {
    gene: 'TP53',
    geneId: 'ENSG00000141510',
    transcript: 'NM_000546.6',
    consequence: 'missense_variant',
    rsId: 'rs28934578',
    condition: 'Li-Fraumeni_syndrome',
  },
  {
    gene: 'CFTR',
    geneId: 'ENSG00000001626',
    transcript: 'NM_000492.4',
    consequence: 'missense_variant&splice_region_variant',
    rsId: 'rs75527207',
    condition: 'Cystic_fibrosis|not_provided',
  },
  {
    gene: 'MLH1',
    geneId: 'ENSG00000076242',
    transcript: 'NM_000249.4',
    consequence: 'synonymous_variant',
    rsId: 'rs1799977',
  },
  {
    gene: 'SOX2',
    geneId: 'ENSG00000181449',
    transcript: 'NM_003106.4',
    consequence: 'missense_variant',
    rsId: 'rs11915160',
  },
  {
    gene: 'BRCA1',
    geneId: 'ENSG00000012048',
    transcript: 'NM_007294.4',
    consequence: 'stop_gained',
    rsId: 'rs80356898',
    condition: 'Hereditary_breast_and_ovarian_cancer',
  },
];

/** Sites for VEP-style files (NOTCH1 is not on the well-known list either). */
export const VEP_SITES: readonly AnnotatedSite[] = [
  {
    gene: 'KRAS',
    geneId: 'ENSG00000133703',
    transcript: 'NM_004985.5',
    consequence: 'missense_variant',
    rsId: 'rs121913529',
    condition: 'Colorectal_cancer',
  },
  {
    gene: 'EGFR',
    geneId: 'ENSG00000146648',
    transcript: 'NM_005228.5',
    consequence: 'missense_variant',
    rsId: 'rs121434568',
    condition: 'Non-small_cell_lung_cancer',
  },
  {
    gene: 'NOTCH1',
    geneId: 'ENSG00000148400',
    transcript: 'NM_017617.5',
    consequence: 'synonymous_variant',
    rsId: 'rs3124591',
  },
];

export const SITES: Record<VcfAnnotationStyle, readonly AnnotatedSite[]> = { snpeff: SNPEFF_SITES, vep: VEP_SITES };

const SNPEFF_FIELDS =
  'Allele | Annotation | Annotation_Impact | Gene_Name | Gene_ID | Feature_Type | Feature_ID | Transcript_BioType | Rank | HGVS.c | HGVS.p | cDNA.pos / cDNA.length | CDS.pos / CDS.length | AA.pos / AA.length | Distance | ERRORS / WARNINGS / INFO';
const VEP_FIELDS =
  'Allele|Consequence|IMPACT|SYMBOL|Gene|Feature_type|Feature|BIOTYPE|EXON|INTRON|HGVSc|HGVSp|Existing_variation';

export const annotationHeaderLines = (style: VcfAnnotationStyle): string[] => [
  style === 'snpeff'
    ? `##INFO=<ID=ANN,Number=.,Type=String,Description="Functional annotations: '${SNPEFF_FIELDS}' ">`
    : `##INFO=<ID=CSQ,Number=.,Type=String,Description="Consequence annotations from Ensembl VEP. Format: ${VEP_FIELDS}">`,
  '##INFO=<ID=CLNDN,Number=.,Type=String,Description="ClinVar\'s preferred disease name for the concept specified by disease identifiers in CLNDISDB">',
];

/** Coding position of the i-th annotated site: any positive number works for HGVS `c.` syntax. */
const codingPosition = (index: number) => 100 + 173 * index;

/** The HGVS description of the site's SNV on its transcript (`NM_007294.4:c.273A>G`). */
export const siteHgvs = (site: AnnotatedSite, index: number, ref: string, alt: string) =>
  `${site.transcript}:c.${codingPosition(index)}${ref}>${alt}`;

/** INFO entries for one SNV record annotated with `site`. */
export const annotationInfo = (
  style: VcfAnnotationStyle,
  site: AnnotatedSite,
  index: number,
  ref: string,
  alt: string,
): string[] => {
  const hgvsC = `c.${codingPosition(index)}${ref}>${alt}`;
  const rank = `${2 + (index % 9)}/24`;
  const impact = site.consequence.startsWith('stop_gained')
    ? 'HIGH'
    : site.consequence.startsWith('synonymous')
      ? 'LOW'
      : 'MODERATE';
  const annotation =
    style === 'snpeff'
      ? `ANN=${alt}|${site.consequence}|${impact}|${site.gene}|${site.geneId}|transcript|${site.transcript}|protein_coding|${rank}|${hgvsC}||||||`
      : `CSQ=${alt}|${site.consequence}|${impact}|${site.gene}|${site.geneId}|Transcript|${site.transcript}|protein_coding|${rank}||${site.transcript}:${hgvsC}||${site.rsId}`;
  return site.condition === undefined ? [annotation] : [annotation, `CLNDN=${site.condition}`];
};

/** What the annotated records name, in the order they were written (distinct values). */
export interface AnnotationTruth {
  genes: string[];
  hgvs: string[];
  rsIds: string[];
  /** ClinVar names with `_` read as spaces, without `not_provided`. */
  conditions: string[];
}

export const emptyAnnotationTruth = (): AnnotationTruth => ({ genes: [], hgvs: [], rsIds: [], conditions: [] });

export const addToTruth = (truth: AnnotationTruth, site: AnnotatedSite, hgvs: string) => {
  const add = (list: string[], value: string) => {
    if (!list.includes(value)) list.push(value);
  };
  add(truth.genes, site.gene);
  add(truth.hgvs, hgvs);
  add(truth.rsIds, site.rsId);
  for (const name of site.condition?.split('|') ?? []) {
    if (name !== 'not_provided') add(truth.conditions, name.replaceAll('_', ' '));
  }
};
