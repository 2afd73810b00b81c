import {
  detectMedicalEntitiesLocally,
  KNOWN_GENE_SYMBOLS,
  LOCAL_MEDICAL_ENTITY_PROVIDER,
  type MedicalEntity,
  type MedicalEntityPort,
  type MedicalEntityResult,
  type Provider,
} from '@fsxn/inference';

/** One distinct entity and how often the analysed text mentions it. */
export interface EntityCount {
  name: string;
  mentions: number;
}

/**
 * Diseases, medications, genes and variants named in the analysed text, deduplicated, most mentioned
 * first. Protected health information is never listed (only counted), so nothing here identifies a patient.
 */
export interface BiomedicalEntities {
  /** Who found diseases, medications and genes: `aws:comprehendmedical` or `local:medical-entity-rules`. */
  provider: Provider;
  /** Variants are HGVS descriptions and dbSNP ids, found by their nomenclature in both modes. */
  variantsProvider: Provider;
  minScore: number;
  diseases: EntityCount[];
  medications: EntityCount[];
  genes: EntityCount[];
  variants: EntityCount[];
  /** Distinct entities per kind (the lists stop at 200 entries). */
  distinct: { diseases: number; medications: number; genes: number; variants: number };
  /** Mentions left out, by why. */
  excluded: { belowMinScore: number; negated: number; protectedHealthInformation: number };
}

/** The reference's DetectEntitiesV2 score threshold. */
export const DEFAULT_MIN_SCORE = 0.7;
/** Longest list written per kind; `distinct` says how many there were. */
const MAX_LISTED = 200;

// HGNC symbol shape: an uppercase letter, then uppercase letters or digits, optionally one `-` part (HLA-B).
const SYMBOL = /^[A-Z][A-Z0-9]{1,9}(?:-[A-Z0-9]{1,4})?$/;
// Words that make a symbol-shaped token in a test or procedure name a gene ("BRCA1 gene", "KRAS mutation").
const GENE_CONTEXT =
  /\b(?:genes?|genetic|mutations?|mutant|mutated|variants?|alleles?|exons?|locus|fusions?|polymorphisms?|germline|somatic)\b/i;
// Symbol-shaped names of methods and molecules, never genes.
const NOT_GENES: ReadonlySet<string> = new Set(
  'DNA RNA MRNA CDNA PCR QPCR NGS WGS WES SNP SNV CNV VUS HGVS FISH IHC ACMG OMIM'.split(' '),
);

const isNegated = (entity: MedicalEntity) => entity.traits.some((t) => t.name === 'NEGATION');

/** The mention's line, from the entity to the end of its line: where "gene"/"mutation" may follow it. */
const contextAfter = (text: string, entity: MedicalEntity) => {
  const rest = text.slice(entity.endOffset, entity.endOffset + 40);
  const lineEnd = rest.indexOf('\n');
  return `${entity.text} ${lineEnd === -1 ? rest : rest.slice(0, lineEnd)}`;
};

/**
 * Gene symbols inside a Comprehend Medical test/procedure name or anatomy mention. Comprehend Medical has
 * no gene category: "BRCA1 testing" comes back as TEST_NAME, "BRCA1 gene" sometimes as ANATOMY. A token
 * counts when it has the symbol shape and is a well-known symbol or stands next to gene context, so
 * "PSA test" or "blood culture" never become genes.
 */
const symbolsIn = (entity: MedicalEntity, context: string): string[] =>
  (entity.text.match(/[A-Za-z0-9]+(?:-[A-Za-z0-9]+)?/g) ?? []).filter(
    (token) =>
      SYMBOL.test(token) && !NOT_GENES.has(token) && (KNOWN_GENE_SYMBOLS.has(token) || GENE_CONTEXT.test(context)),
  );

class Tally {
  private readonly counts = new Map<string, EntityCount>();
  constructor(private readonly keyOf: (name: string) => string) {}
  add(name: string) {
    const clean = name.replace(/\s+/g, ' ').trim();
    if (clean.length === 0) return;
    const key = this.keyOf(clean);
    const entry = this.counts.get(key);
    if (entry) entry.mentions += 1;
    else this.counts.set(key, { name: clean, mentions: 1 });
  }
  get size(): number {
    return this.counts.size;
  }
  list(): EntityCount[] {
    return [...this.counts.values()]
      .sort((a, b) => b.mentions - a.mentions || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .slice(0, MAX_LISTED);
  }
}

/**
 * Maps DetectEntitiesV2-shaped results to the summary's lists (the reference's mapping, without its
 * false genes): MEDICAL_CONDITION → diseases; MEDICATION → medications; TEST_TREATMENT_PROCEDURE
 * TEST_NAME/PROCEDURE_NAME and ANATOMY mentioning "gene" → the gene symbols in them; GENETICS
 * GENE_SYMBOL (local rules) → genes. HGVS_VARIANT/DBSNP_ID → variants. Mentions below `minScore`,
 * negated ones ("no evidence of …") and protected health information are counted, not listed.
 */
export const toBiomedicalEntities = (
  text: string,
  result: MedicalEntityResult,
  variants: { provider: Provider; entities: readonly MedicalEntity[] },
  minScore = DEFAULT_MIN_SCORE,
): BiomedicalEntities => {
  const lower = (name: string) => name.toLowerCase();
  const diseases = new Tally(lower);
  const medications = new Tally(lower);
  const genes = new Tally((name) => name.toUpperCase());
  const variantTally = new Tally((name) => name);
  const excluded = { belowMinScore: 0, negated: 0, protectedHealthInformation: 0 };

  for (const entity of result.entities) {
    if (entity.category === 'PROTECTED_HEALTH_INFORMATION') {
      excluded.protectedHealthInformation += 1;
      continue;
    }
    if (entity.score < minScore) {
      excluded.belowMinScore += 1;
      continue;
    }
    if (isNegated(entity)) {
      excluded.negated += 1;
      continue;
    }
    switch (entity.category) {
      case 'MEDICAL_CONDITION':
        diseases.add(entity.normalized ?? entity.text);
        break;
      case 'MEDICATION':
        medications.add(entity.normalized ?? entity.text);
        break;
      case 'TEST_TREATMENT_PROCEDURE':
        if (entity.type === 'TEST_NAME' || entity.type === 'PROCEDURE_NAME') {
          for (const symbol of symbolsIn(entity, contextAfter(text, entity))) genes.add(symbol);
        }
        break;
      case 'ANATOMY':
        if (/gene/i.test(entity.text)) for (const symbol of symbolsIn(entity, entity.text)) genes.add(symbol);
        break;
      case 'GENETICS':
        if (entity.type === 'GENE_SYMBOL') genes.add(entity.normalized ?? entity.text);
        break;
      default:
        break;
    }
  }
  for (const entity of variants.entities) {
    if (entity.score >= minScore) variantTally.add(entity.text);
  }
  return {
    provider: result.provider,
    variantsProvider: variants.provider,
    minScore,
    diseases: diseases.list(),
    medications: medications.list(),
    genes: genes.list(),
    variants: variantTally.list(),
    distinct: {
      diseases: diseases.size,
      medications: medications.size,
      genes: genes.size,
      variants: variantTally.size,
    },
    excluded,
  };
};

/**
 * HGVS variants and dbSNP ids by their nomenclature (the local rules' GENETICS findings other than gene
 * symbols): Comprehend Medical does not recognise variant nomenclature, and syntax needs no model.
 */
export const findVariantsByNomenclature = (text: string): { provider: Provider; entities: MedicalEntity[] } => ({
  provider: LOCAL_MEDICAL_ENTITY_PROVIDER,
  entities: detectMedicalEntitiesLocally(text).filter(
    (e) => e.category === 'GENETICS' && (e.type === 'HGVS_VARIANT' || e.type === 'DBSNP_ID'),
  ),
});

/** Detects medical entities in `text` with the port (Comprehend Medical or the local rules) and maps them. */
export const extractBiomedicalEntities = async (
  port: MedicalEntityPort,
  text: string,
  minScore = DEFAULT_MIN_SCORE,
): Promise<BiomedicalEntities> => {
  const result = await port.detectMedicalEntities({ text });
  return toBiomedicalEntities(text, result, findVariantsByNomenclature(text), minScore);
};
