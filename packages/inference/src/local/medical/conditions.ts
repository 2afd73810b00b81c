import type { MedicalTrait } from '../../ports';
import { INLINE_SPACE } from '../entities/inline-space';
import { type MedicalCandidate, NOT_AFTER_WORD, NOT_BEFORE_WORD } from './medical-candidate';

/**
 * The conditions the local rules know: hereditary cancers and syndromes, monogenic disorders and common
 * chronic diseases that genomics and clinical reports name. Anything else is not found. Phrase syntax:
 * `(x)` marks optional letters (`leuk(a)emia`, `Huntington('s) disease`), a space matches spaces or tabs
 * (never a line break) and a hyphen matches a hyphen or a space. Matching ignores case.
 */
export const KNOWN_CONDITIONS: readonly string[] = [
  // Cancers
  'breast cancer',
  'ovarian cancer',
  'prostate cancer',
  'pancreatic cancer',
  'colorectal cancer',
  'colon cancer',
  'lung cancer',
  'non-small cell lung cancer',
  'small cell lung cancer',
  'gastric cancer',
  'endometrial cancer',
  'thyroid cancer',
  'hepatocellular carcinoma',
  'renal cell carcinoma',
  'melanoma',
  'glioblastoma',
  'glioma',
  'leuk(a)emia',
  'acute myeloid leuk(a)emia',
  'chronic myeloid leuk(a)emia',
  'acute lymphoblastic leuk(a)emia',
  'chronic lymphocytic leuk(a)emia',
  'lymphoma',
  'multiple myeloma',
  'neuroblastoma',
  'retinoblastoma',
  'sarcoma',
  // Hereditary syndromes and monogenic disorders
  'Lynch syndrome',
  'Li-Fraumeni syndrome',
  'hereditary breast and ovarian cancer',
  'familial adenomatous polyposis',
  'Marfan syndrome',
  'Down syndrome',
  'fragile X syndrome',
  'Turner syndrome',
  'Klinefelter syndrome',
  'neurofibromatosis',
  'tuberous sclerosis',
  'cystic fibrosis',
  'sickle cell disease',
  'sickle cell an(a)emia',
  'thalass(a)emia',
  'h(a)emophilia',
  'Duchenne muscular dystrophy',
  'muscular dystrophy',
  'spinal muscular atrophy',
  "Huntington('s) disease",
  'Tay-Sachs disease',
  'phenylketonuria',
  "Gaucher('s) disease",
  'h(a)emochromatosis',
  'familial hypercholesterol(a)emia',
  'hypertrophic cardiomyopathy',
  'dilated cardiomyopathy',
  'cardiomyopathy',
  'long QT syndrome',
  // Common chronic and infectious diseases
  "Alzheimer('s) disease",
  "Parkinson('s) disease",
  'amyotrophic lateral sclerosis',
  'multiple sclerosis',
  'epilepsy',
  'autism spectrum disorder',
  'autism',
  'schizophrenia',
  'bipolar disorder',
  'major depressive disorder',
  'type 1 diabetes',
  'type 2 diabetes',
  'diabetes mellitus',
  'diabetes',
  'hypertension',
  'coronary artery disease',
  'myocardial infarction',
  'heart failure',
  'atrial fibrillation',
  'asthma',
  'chronic obstructive pulmonary disease',
  'COPD',
  'chronic kidney disease',
  'obesity',
  'rheumatoid arthritis',
  "Crohn('s) disease",
  'ulcerative colitis',
  'c(o)eliac disease',
  'hepatitis B',
  'hepatitis C',
  'HIV',
  'tuberculosis',
  'pneumonia',
  'sepsis',
  'COVID-19',
  'an(a)emia',
];

const escapeRegExp = (literal: string) => literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Turns one phrase of the documented syntax into a regular-expression source. */
export function conditionPattern(phrase: string): string {
  return phrase
    .split(/(\([^)]*\))/)
    .map((part) => {
      if (part.startsWith('(') && part.endsWith(')')) {
        return `(?:${escapeRegExp(part.slice(1, -1)).replace(/'/g, "['’]")})?`;
      }
      // Spaces first: the hyphen's replacement contains INLINE_SPACE, which must not be rewritten again.
      return escapeRegExp(part)
        .replace(/'/g, "['’]")
        .replace(/ /g, `${INLINE_SPACE}+`)
        .replace(/-/g, `(?:[-‐]|${INLINE_SPACE})`);
    })
    .join('');
}

const CONDITION = new RegExp(
  `${NOT_AFTER_WORD}(?:${KNOWN_CONDITIONS.map(conditionPattern).join('|')})${NOT_BEFORE_WORD}`,
  'giu',
);

// NegEx-style context (Chapman et al., 2001): a cue in the same clause, before the mention (or a few
// post-cues after it), changes its meaning. A clause ends at punctuation, a line break or a
// conjunction that turns the sentence ("no fever but breast cancer").
const CLAUSE_BREAK = /[.;:!?\n\r]|\b(?:but|however|although|though|except|yet|whereas|aside from)\b/giu;
const NEGATION_BEFORE =
  /\b(?:no|not|denies|denied|deny|without|negative for|absence of|absent|ruled out|rules out|free of|never had|no evidence of|no history of)\b/iu;
const NEGATION_AFTER =
  /^\s*(?:(?:was|were|is|are|has been|have been)\s+)?(?:ruled out|excluded|not (?:present|detected|found|seen))\b/iu;
const FAMILY_BEFORE =
  /\b(?:family history of|FHx|mother|father|sister|brother|aunt|uncle|grandmother|grandfather|cousin|maternal|paternal|siblings?|daughter|son|parents?)\b/iu;
const TRAIT_SCORE = 0.75;
// NegEx looks at most five words back; lists ("no fever, cough or breast cancer") make eight more honest.
const NEGATION_WINDOW_WORDS = 8;

function clauseBefore(text: string, begin: number): string {
  const before = text.slice(Math.max(0, begin - 200), begin);
  let start = 0;
  for (const match of before.matchAll(CLAUSE_BREAK)) start = match.index + match[0].length;
  return before.slice(start);
}

function clauseAfter(text: string, end: number): string {
  const after = text.slice(end, end + 80);
  const stop = after.search(/[.;!?\n\r]/);
  return stop < 0 ? after : after.slice(0, stop);
}

/** Traits of a condition mention from its clause: negated, about a relative. */
export function conditionTraits(text: string, begin: number, end: number): MedicalTrait[] {
  const before = clauseBefore(text, begin);
  const window = before.split(/\s+/).filter(Boolean).slice(-NEGATION_WINDOW_WORDS).join(' ');
  const traits: MedicalTrait[] = [];
  if (NEGATION_BEFORE.test(window) || NEGATION_AFTER.test(clauseAfter(text, end)))
    traits.push({ name: 'NEGATION', score: TRAIT_SCORE });
  if (FAMILY_BEFORE.test(before)) traits.push({ name: 'PERTAINS_TO_FAMILY', score: TRAIT_SCORE });
  return traits;
}

/** Conditions from `KNOWN_CONDITIONS`, with NEGATION and PERTAINS_TO_FAMILY traits from their clause. */
export function findConditions(text: string): MedicalCandidate[] {
  return [...text.matchAll(CONDITION)].map((match) => {
    const begin = match.index;
    const end = begin + match[0].length;
    return {
      type: 'DX_NAME',
      category: 'MEDICAL_CONDITION',
      begin,
      end,
      score: 0.8,
      traits: conditionTraits(text, begin, end),
      attributes: [],
    };
  });
}
