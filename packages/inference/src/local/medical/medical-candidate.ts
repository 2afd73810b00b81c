import type { MedicalEntityCategory, MedicalTrait } from '../../ports';
import type { Candidate } from '../entities/candidate';

/** A span inside the text that modifies a medical candidate (a dose, a route, a frequency). */
export interface AttributeSpan {
  readonly type: string;
  readonly begin: number;
  readonly end: number;
  readonly score: number;
}

/** A local medical finding: a `Candidate` whose `type` is the fine kind, plus category, traits, attributes. */
export interface MedicalCandidate extends Candidate<string> {
  readonly category: MedicalEntityCategory;
  readonly traits: readonly MedicalTrait[];
  readonly attributes: readonly AttributeSpan[];
}

/** Letters and digits a token must not touch on either side (so `TP53` is not read out of `XTP53Y`). */
export const NOT_AFTER_WORD = '(?<![\\p{L}\\p{N}_])';
export const NOT_BEFORE_WORD = '(?![\\p{L}\\p{N}_])';
