import { INLINE_SPACE } from '../entities/inline-space';
import { type MedicalCandidate, NOT_AFTER_WORD, NOT_BEFORE_WORD } from './medical-candidate';

/**
 * HGNC-approved symbols frequent in clinical genomics reports (hereditary cancer, pharmacogenomics,
 * common monogenic disorders). Symbols of four or more characters, or with a digit, are specific
 * enough to be recognised anywhere; short all-letter ones (MET, KIT, RET, ATM, APC, ALK, MYC, HBB…)
 * are also English words or common abbreviations, so they need genomic context like any other symbol.
 */
export const KNOWN_GENE_SYMBOLS: ReadonlySet<string> = new Set(
  [
    'BRCA1 BRCA2 TP53 EGFR KRAS NRAS HRAS BRAF PIK3CA PTEN ERBB2 HER2 CDKN2A MLH1 MSH2 MSH6 PMS2 EPCAM',
    'PALB2 CHEK2 RAD51C RAD51D BARD1 BRIP1 CDH1 STK11 SMAD4 APOE CFTR HBA1 HBA2 FBN1 SMN1 FMR1 LDLR PCSK9',
    'APOB MTHFR CYP2C19 CYP2C9 CYP2D6 CYP3A4 VKORC1 TPMT DPYD UGT1A1 G6PD SLCO1B1 HLA-B JAK2 FLT3 NPM1',
    'DNMT3A TET2 IDH1 IDH2 ROS1 NTRK1 NTRK2 NTRK3 ESR1 NF1 NF2 RB1 WT1 MYCN',
    'MET KIT RET ATM APC ALK MYC VHL HFE HBB DMD HTT GBA AR',
  ]
    .join(' ')
    .split(' '),
);

const needsContext = (symbol: string): boolean => !KNOWN_GENE_SYMBOLS.has(symbol) || /^[A-Z]{1,3}$/.test(symbol);

// HGNC symbol shape: an uppercase letter, then uppercase letters or digits, optionally one `-` part (HLA-B).
const SYMBOL = '[A-Z][A-Z0-9]{1,9}(?:-[A-Z0-9]{1,4})?';
// Words that make an uppercase token a gene when they follow it ("TP53 mutation", "KRAS-mutant").
const AFTER_WORDS =
  'genes?|mutations?|mutant|mutated|variants?|alterations?|deletions?|duplications?|amplifications?|amplified|fusions?|rearrangements?|rearranged|polymorphisms?|alleles?|locus|expression|carriers?|status|exon|exons|intron|promoter|testing|sequencing|pathogenic';
// …or that precede it ("mutations in PALB2", "the gene SOX2").
const BEFORE_WORDS = 'genes?|mutations?|variants?|alterations?|deletions?|duplications?|fusions?|carriers?';
// Right after the symbol: a protein change in short form ("BRAF V600E") or an HGVS description.
const CHANGE_AFTER = '[A-Z]\\d{1,4}(?:[A-Z*]|fs)|[cgp]\\.\\S';

/** `mutations?` → `MUTATION`, `MUTATIONS`: the context words themselves, as uppercase headings write them. */
const upperForms = (alternatives: string): string[] =>
  alternatives
    .split('|')
    .flatMap((w) => (w.endsWith('s?') ? [w.slice(0, -2), w.slice(0, -1)] : [w]))
    .map((w) => w.toUpperCase());

/** Uppercase tokens that have the symbol shape and stand next to context words but are not genes. */
const NOT_GENES: ReadonlySet<string> = new Set([
  ...[
    'DNA RNA MRNA CDNA GDNA SNP SNPS SNV SNVS CNV CNVS VUS NGS WGS WES PCR QPCR FISH IHC HGVS ACMG OMIM HGNC',
    'ID NO NOT AND OR THE AN OF IN AT FOR WITH NEW KNOWN RARE COMMON TOTAL HIGH LOW RISK TYPE SOMATIC GERMLINE',
  ]
    .join(' ')
    .split(' '),
  ...upperForms(AFTER_WORDS),
  ...upperForms(BEFORE_WORDS),
]);

const ROMAN_NUMERAL = /^[IVXLC]+$/;

const H = INLINE_SPACE;
const TOKEN = new RegExp(`${NOT_AFTER_WORD}${SYMBOL}${NOT_BEFORE_WORD}`, 'gu');
const FOLLOWED_BY_CONTEXT = new RegExp(
  `(?:${H}+|${H}*-${H}*)(?:(?:${AFTER_WORDS})${NOT_BEFORE_WORD}|(?:${CHANGE_AFTER}))`,
  'iyu',
);
const PRECEDED_BY_CONTEXT = new RegExp(
  `${NOT_AFTER_WORD}(?:${BEFORE_WORDS})(?:${H}+(?:in|of|at|for|like))?${H}+(?:the${H}+)?$`,
  'iu',
);

function hasContext(text: string, begin: number, end: number): boolean {
  FOLLOWED_BY_CONTEXT.lastIndex = end;
  if (FOLLOWED_BY_CONTEXT.test(text)) return true;
  return PRECEDED_BY_CONTEXT.test(text.slice(Math.max(0, begin - 40), begin));
}

/**
 * Gene symbols: listed symbols anywhere, any other HGNC-shaped uppercase token only next to genomic
 * context on the same line (a context word after or before it, or a variant right after it).
 */
export function findGeneSymbols(text: string): MedicalCandidate[] {
  const found: MedicalCandidate[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const symbol = match[0];
    if (NOT_GENES.has(symbol) || ROMAN_NUMERAL.test(symbol) || /^[A-Z]\d*$/.test(symbol)) continue;
    const begin = match.index;
    const end = begin + symbol.length;
    const listed = KNOWN_GENE_SYMBOLS.has(symbol);
    if (needsContext(symbol) && !hasContext(text, begin, end)) continue;
    found.push({
      type: 'GENE_SYMBOL',
      category: 'GENETICS',
      begin,
      end,
      score: listed ? 0.9 : 0.75,
      normalized: symbol,
      traits: [],
      attributes: [],
    });
  }
  return found;
}
