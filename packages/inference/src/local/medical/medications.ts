import { INLINE_SPACE } from '../entities/inline-space';
import type { AttributeSpan, MedicalCandidate } from './medical-candidate';

/** Generic drug names the rules know outright (ones no USAN stem below covers, plus a few very common ones). */
export const KNOWN_MEDICATIONS: ReadonlySet<string> = new Set(
  [
    'aspirin metformin warfarin heparin insulin paracetamol acetaminophen morphine codeine tamoxifen',
    'methotrexate cyclophosphamide fluorouracil lithium levothyroxine digoxin allopurinol colchicine',
    'hydroxyurea tacrolimus cyclosporine ciclosporin amiodarone gabapentin pregabalin',
  ]
    .join(' ')
    .split(' '),
);

/**
 * USAN/INN stems (endings) that mark a generic drug name: antibodies (-mab), kinase and PARP inhibitors
 * (-tinib, -parib, -ciclib), statins, ACE inhibitors (-pril), sartans, beta blockers (-olol), calcium
 * channel blockers (-dipine), proton pump inhibitors (-prazole), antibiotics (-cillin, -mycin, -cycline,
 * -floxacin), azole antifungals, antivirals (-vir), platinum and taxane chemotherapy, anticoagulants
 * (-parin, -xaban, -gatran), corticosteroids (-sone, -solone) and others listed here.
 */
export const USAN_STEMS: readonly string[] = [
  'mab',
  'tinib',
  'parib',
  'ciclib',
  'rafenib',
  'zomib',
  'statin',
  'pril',
  'sartan',
  'olol',
  'dipine',
  'prazole',
  'tidine',
  'floxacin',
  'cycline',
  'mycin',
  'cillin',
  'conazole',
  'vir',
  'platin',
  'taxel',
  'rubicin',
  'citabine',
  'trexed',
  'lukast',
  'triptan',
  'gliptin',
  'gliflozin',
  'glitazone',
  'semide',
  'thiazide',
  'afil',
  'setron',
  'oxetine',
  'pramine',
  'azepam',
  'zolam',
  'caine',
  'profen',
  'coxib',
  'dronate',
  'parin',
  'xaban',
  'gatran',
  'grel',
  'sone',
  'solone',
  'trozole',
  'lutamide',
  'relin',
];

const isMedicationName = (word: string): boolean => {
  const lower = word.toLowerCase();
  return (
    KNOWN_MEDICATIONS.has(lower) || USAN_STEMS.some((stem) => lower.length >= stem.length + 3 && lower.endsWith(stem))
  );
};

const H = INLINE_SPACE;
// A drug name, an optional salt or form word, then a dose. The dose is what makes this a medication
// mention: a stem alone ("-sone", "-vir") would also match ordinary words.
const SALT_OR_FORM = `(?:hydrochloride|HCl|sodium|potassium|calcium|mesylate|citrate|sulfate|tablets?|capsules?|ER|XR|SR)`;
const DOSE = `(\\d+(?:[.,]\\d+)?(?:${H}*[-–]${H}*\\d+(?:[.,]\\d+)?)?${H}*(?:mg\\/kg|mg\\/m2|mg\\/m²|mg|mcg|µg|μg|g|mL|ml|IU|units?|mmol))(?![\\p{L}\\p{N}])`;
const MEDICATION = new RegExp(
  `(?<![\\p{L}\\p{N}_-])(\\p{L}[\\p{Ll}]{3,})(?:${H}+${SALT_OR_FORM})?${H}+\\(?${DOSE}\\)?`,
  'dgiu',
);
const ROUTE = new RegExp(
  `${H}+(PO|p\\.o\\.|orally|by mouth|IV|intravenously|IM|intramuscularly|SC|subcut(?:aneously)?|topically|inhaled)(?![\\p{L}])`,
  'iyu',
);
const FREQUENCY = new RegExp(
  `,?${H}+(once daily|twice daily|three times daily|four times daily|daily|nightly|weekly|every${H}+\\d+${H}+(?:hours|days|weeks)|q\\d+h|BID|b\\.i\\.d\\.|TID|t\\.i\\.d\\.|QID|q\\.i\\.d\\.|QD|q\\.d\\.|QHS|PRN|as needed)(?![\\p{L}])`,
  'iyu',
);

/** Runs a sticky regex at `at`; its group 1 becomes an attribute of `type`. */
function attributeAt(text: string, regex: RegExp, at: number, type: string): AttributeSpan | undefined {
  regex.lastIndex = at;
  const match = regex.exec(text);
  const value = match?.[1];
  if (match === null || value === undefined) return undefined;
  const begin = match.index + match[0].length - value.length;
  return { type, begin, end: begin + value.length, score: 0.8 };
}

/**
 * Dosage-shaped medication mentions: a known generic name or one with a USAN stem, followed by a dose
 * ("olaparib 300 mg", "Metformin HCl 500 mg PO BID"). The name is the entity (`GENERIC_NAME`); the dose,
 * route and frequency right after it are its attributes, as Comprehend Medical reports them.
 */
export function findDosedMedications(text: string): MedicalCandidate[] {
  const found: MedicalCandidate[] = [];
  for (const match of text.matchAll(MEDICATION)) {
    const name = match.indices?.[1];
    const dose = match.indices?.[2];
    if (name === undefined || dose === undefined || !isMedicationName(text.slice(name[0], name[1]))) continue;
    const attributes: AttributeSpan[] = [{ type: 'DOSAGE', begin: dose[0], end: dose[1], score: 0.85 }];
    let at = match.index + match[0].length;
    const route = attributeAt(text, ROUTE, at, 'ROUTE_OR_MODE');
    if (route !== undefined) {
      attributes.push(route);
      at = route.end;
    }
    const frequency = attributeAt(text, FREQUENCY, at, 'FREQUENCY');
    if (frequency !== undefined) attributes.push(frequency);
    found.push({
      type: 'GENERIC_NAME',
      category: 'MEDICATION',
      begin: name[0],
      end: name[1],
      score: 0.8,
      traits: [],
      attributes,
    });
  }
  return found;
}
