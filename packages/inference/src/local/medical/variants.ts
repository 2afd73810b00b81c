import { type MedicalCandidate, NOT_AFTER_WORD, NOT_BEFORE_WORD } from './medical-candidate';

// HGVS sequence variant nomenclature (varnomen.hgvs.org), the common forms found in reports:
//   optional reference  NM_000059.3:  NC_000017.11:  NM_004333.6(BRAF):  ENST00000357654.9:  LRG_199t1:
//   DNA (c. g. m. n.)   c.68_69delAG  c.1799T>A  c.-21A>G  c.88+1G>T  c.5266dupC  c.100_102delinsTT  g.43094464del
//   RNA (r.)            r.76a>c  r.19_21del
//   protein (p.)        p.Val600Glu  p.(Arg97Glyfs*26)  p.Glu746_Ala750del  p.V600E  p.Arg1443Ter  p.=
// Allele lists `c.[…;…]` and uncertain positions `c.(…)` are not covered.
const REFERENCE =
  '(?:(?:N[CGMRPTW]|X[MRP])_\\d+(?:\\.\\d+)?|ENS[TGP]\\d{11}(?:\\.\\d+)?|LRG_\\d+(?:[tp]\\d+)?)(?:\\([A-Z][A-Z0-9-]*\\))?:';
const POSITION = '[-*]?\\d+(?:[-+]\\d+)?';
const DNA = `[cgmn]\\.${POSITION}(?:_${POSITION})?(?:[ACGTN]>[ACGTN]|delins[ACGTN]+|del[ACGTN]*|dup[ACGTN]*|ins[ACGTN]+|inv|=)`;
const RNA = `r\\.${POSITION}(?:_${POSITION})?(?:[acgun]>[acgun]|delins[acgun]+|del[acgun]*|dup[acgun]*|ins[acgun]+|inv)`;
const AA3 = '(?:Ala|Arg|Asn|Asp|Cys|Gln|Glu|Gly|His|Ile|Leu|Lys|Met|Phe|Pro|Ser|Thr|Trp|Tyr|Val|Sec|Pyl|Ter|Xaa)';
const AA1 = '[ACDEFGHIKLMNPQRSTVWY]';
const proteinChange = (aa: string, stop: string) =>
  `${aa}\\d+(?:_${aa}\\d+)?(?:${aa}(?:fs(?:${stop})\\d+)?|fs(?:${stop})?\\d*|${stop}|=|delins(?:${aa})+|del|dup|ins(?:${aa})+)`;
const PROTEIN_BODY = `(?:${proteinChange(AA3, 'Ter|\\*')}|${proteinChange(AA1, '\\*|X')})`;
const PROTEIN = `p\\.(?:\\(${PROTEIN_BODY}\\)|${PROTEIN_BODY}|=)`;

const HGVS = new RegExp(`(?<![\\p{L}\\p{N}_.])(?:${REFERENCE})?(?:${DNA}|${RNA}|${PROTEIN})(?![\\p{L}\\p{N}_>])`, 'gu');

/** HGVS variant descriptions, with their reference sequence when one is written before them. */
export function findHgvsVariants(text: string): MedicalCandidate[] {
  return [...text.matchAll(HGVS)].map((match) => ({
    type: 'HGVS_VARIANT',
    category: 'GENETICS',
    begin: match.index,
    end: match.index + match[0].length,
    score: 0.95,
    traits: [],
    attributes: [],
  }));
}

// dbSNP reference SNP ids are written in lower case (`rs` + a positive integer).
const DBSNP_ID = new RegExp(`${NOT_AFTER_WORD}rs[1-9]\\d{0,11}${NOT_BEFORE_WORD}`, 'gu');

/** dbSNP reference SNP cluster ids (`rs80357906`). */
export function findDbSnpIds(text: string): MedicalCandidate[] {
  return [...text.matchAll(DBSNP_ID)].map((match) => ({
    type: 'DBSNP_ID',
    category: 'GENETICS',
    begin: match.index,
    end: match.index + match[0].length,
    score: 0.95,
    normalized: match[0],
    traits: [],
    attributes: [],
  }));
}
