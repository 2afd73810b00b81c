import type { MedicalEntity, MedicalEntityPort, MedicalEntityResult } from '../../ports';
import { resolveOverlaps } from '../entities/candidate';
import { detectPhiLocally } from '../entities/medical-phi';
import { findConditions } from './conditions';
import { findGeneSymbols } from './genes';
import type { MedicalCandidate } from './medical-candidate';
import { findDosedMedications } from './medications';
import { findDbSnpIds, findHgvsVariants } from './variants';

export const LOCAL_MEDICAL_ENTITY_PROVIDER = 'local:medical-entity-rules';

/** The PHI rules' findings, as DetectEntitiesV2 reports PHI: category PROTECTED_HEALTH_INFORMATION. */
function findPhi(text: string): MedicalCandidate[] {
  return detectPhiLocally(text).map((entity) => ({
    type: entity.type,
    category: 'PROTECTED_HEALTH_INFORMATION',
    begin: entity.beginOffset,
    end: entity.endOffset,
    score: entity.score,
    ...(entity.normalized === undefined ? {} : { normalized: entity.normalized }),
    traits: [],
    attributes: [],
  }));
}

const MEDICAL_RECOGNISERS: readonly ((text: string) => MedicalCandidate[])[] = [
  findGeneSymbols,
  findHgvsVariants,
  findDbSnpIds,
  findConditions,
  findDosedMedications,
];

/** Whether `candidate` overlaps any of `sorted` (non-overlapping, in text order, so ends ascend too). */
function overlapsAny(sorted: readonly MedicalCandidate[], candidate: MedicalCandidate): boolean {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((sorted[mid]?.end ?? 0) <= candidate.begin) low = mid + 1;
    else high = mid;
  }
  const first = sorted[low];
  return first !== undefined && first.begin < candidate.end;
}

function toMedicalEntity(text: string, candidate: MedicalCandidate): MedicalEntity {
  return {
    type: candidate.type,
    category: candidate.category,
    text: text.slice(candidate.begin, candidate.end),
    beginOffset: candidate.begin,
    endOffset: candidate.end,
    score: candidate.score,
    ...(candidate.normalized === undefined ? {} : { normalized: candidate.normalized }),
    traits: candidate.traits,
    attributes: candidate.attributes.map((attribute) => ({
      type: attribute.type,
      relationshipType: attribute.type,
      text: text.slice(attribute.begin, attribute.end),
      beginOffset: attribute.begin,
      endOffset: attribute.end,
      score: attribute.score,
      traits: [],
    })),
  };
}

/** Pure function behind the local adapter: non-overlapping medical entities in text order. */
export function detectMedicalEntitiesLocally(text: string): MedicalEntity[] {
  const medical = resolveOverlaps(MEDICAL_RECOGNISERS.flatMap((recognise) => recognise(text)));
  // PHI rules take a labelled value up to the end of its line, which can cover a gene or a drug named
  // later on that line; the specific medical finding wins and the PHI span that overlaps it is dropped.
  const phi = findPhi(text).filter((p) => !overlapsAny(medical, p));
  return [...medical, ...phi].sort((a, b) => a.begin - b.begin).map((candidate) => toMedicalEntity(text, candidate));
}

/**
 * Rule-based medical entities: gene symbols, HGVS variants and dbSNP ids (category `GENETICS`, which
 * Comprehend Medical does not have), conditions from a documented list with negation and family
 * traits, dosage-shaped medication mentions with their dose/route/frequency, and the PHI rules' findings.
 * No anatomy, tests, procedures, time expressions or behavioural/social entities.
 */
export function createLocalMedicalEntityPort(): MedicalEntityPort {
  return {
    async detectMedicalEntities({ text }): Promise<MedicalEntityResult> {
      return { provider: LOCAL_MEDICAL_ENTITY_PROVIDER, entities: detectMedicalEntitiesLocally(text) };
    },
  };
}
