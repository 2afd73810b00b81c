import type { EntityResult, PhiPort, PhiType } from '../../ports';
import { type Candidate, groupSpan, type Recogniser, recognise } from './candidate';
import { findEmails, findPhones, findUrls } from './contacts';
import { findDates, isCalendarDate } from './dates';
import { INLINE_SPACE } from './inline-space';

export const LOCAL_PHI_PROVIDER = 'local:phi-rules';

// `label: value` pairs as clinical notes and flattened DICOM headers write them ("patient_name: DOE^JOHN;").
// The value runs to the end of the line or the next `;`/`|` separator.
const LABELS: readonly { type: PhiType; label: string }[] = [
  {
    type: 'NAME',
    label:
      "patient[ _']?s?[ _]?name|(?<!\\p{L}[ _])name|referring[ _]physician(?:[ _]name)?|physician|attending|performing[ _]physician(?:[ _]name)?|operators?[ _]name",
  },
  {
    type: 'ID',
    label:
      'patient[ _]?id|mrn|medical[ _]record(?:[ _](?:number|no\\.?))?|accession(?:[ _]number)?|ssn|insurance[ _]id|member[ _]id',
  },
  {
    type: 'DATE',
    label:
      'patient[ _]birth[ _]?date|birth[ _]?date|dob|date[ _]of[ _]birth|study[ _]date|admission[ _]date|discharge[ _]date',
  },
  { type: 'ADDRESS', label: 'patient[ _]address|address|institution[ _]name|institution[ _]address|hospital' },
  { type: 'PHONE_OR_FAX', label: 'patient[ _](?:tele)?phone(?:[ _]numbers?)?|phone|tel|fax' },
  { type: 'AGE', label: "patient[ _']?s?[ _]?age|age" },
  { type: 'PROFESSION', label: 'occupation|profession' },
];
const LABELLED = LABELS.map(({ type, label }) => ({
  type,
  regex: new RegExp(`(?<![\\p{L}_])(?:${label})\\s*[:=]\\s*([^;|\\n\\r]*[^;|\\n\\r\\s])`, 'dgiu'),
}));

function findLabelledValues(text: string): Candidate<PhiType>[] {
  const found: Candidate<PhiType>[] = [];
  for (const { type, regex } of LABELLED) {
    for (const match of text.matchAll(regex)) {
      const value = groupSpan(match as RegExpExecArray, 1);
      if (value !== undefined) found.push({ type, subtype: 'LABELLED', ...value, score: 0.9 });
    }
  }
  return found;
}

/** DICOM person names `FAMILY^GIVEN^MIDDLE^PREFIX^SUFFIX` wherever they appear. */
function findDicomNames(text: string): Candidate<PhiType>[] {
  const regex = /(?<![\p{L}^])\p{L}[\p{L}'-]*\^\p{L}[\p{L}'-]*(?:\^[\p{L}'.-]*){0,3}(?![\p{L}^])/gu;
  return [...text.matchAll(regex)].map((m) => ({
    type: 'NAME',
    begin: m.index,
    end: m.index + m[0].length,
    score: 0.95,
  }));
}

function findTitledNames(text: string): Candidate<PhiType>[] {
  // Title and name on one line: "PATIENT\nName: …" is a heading above a field, not a patient called Name.
  const regex = new RegExp(
    `\\b(?:Dr|Doctor|Patient|Mr|Mrs|Ms|Nurse)\\.?${INLINE_SPACE}+(\\p{Lu}[\\p{Ll}'-]+(?:${INLINE_SPACE}+\\p{Lu}\\.)?(?:${INLINE_SPACE}+\\p{Lu}[\\p{Ll}'-]+){0,2})`,
    'dgu',
  );
  const found: Candidate<PhiType>[] = [];
  for (const match of text.matchAll(regex)) {
    const name = groupSpan(match as RegExpExecArray, 1);
    if (name !== undefined) found.push({ type: 'NAME', ...name, score: 0.85 });
  }
  return found;
}

function findAges(text: string): Candidate<PhiType>[] {
  const patterns: readonly RegExp[] = [
    /\b(\d{1,3})[- ](?:years?|yrs?|y\/o)(?:[- ]old)?\b/dgi,
    /\baged?\s+(\d{1,3})\b/dgi,
    /(?<![\d０-９])(\d{1,3})歳/dgu,
    // DICOM Age String: three digits and a unit (045Y, 006M).
    /(?<![\w])(0\d{2}[DWMY])(?![\w])/dg,
  ];
  const found: Candidate<PhiType>[] = [];
  for (const regex of patterns) {
    for (const match of text.matchAll(regex)) {
      const age = groupSpan(match as RegExpExecArray, 1);
      if (age !== undefined) found.push({ type: 'AGE', ...age, score: 0.85 });
    }
  }
  return found;
}

/** DICOM DA values `YYYYMMDD` that are real dates, only when they look like a standalone token. */
function findCompactDates(text: string): Candidate<PhiType>[] {
  const found: Candidate<PhiType>[] = [];
  for (const match of text.matchAll(/(?<![\w])(\d{4})(\d{2})(\d{2})(?![\w])/g)) {
    const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
    if (y >= 1900 && y <= 2100 && isCalendarDate(y, m, d)) {
      found.push({
        type: 'DATE',
        begin: match.index,
        end: match.index + 8,
        score: 0.7,
        normalized: `${match[1]}-${match[2]}-${match[3]}`,
      });
    }
  }
  return found;
}

function findMrns(text: string): Candidate<PhiType>[] {
  const regex = /\b(?:MRN|MR#|Record\s*#)\s*[:#]?\s*([A-Z0-9][A-Z0-9-]{3,19})\b/dgi;
  const found: Candidate<PhiType>[] = [];
  for (const match of text.matchAll(regex)) {
    const id = groupSpan(match as RegExpExecArray, 1);
    if (id !== undefined && /\d/.test(text.slice(id.begin, id.end))) found.push({ type: 'ID', ...id, score: 0.9 });
  }
  return found;
}

function findAddresses(text: string): Candidate<PhiType>[] {
  const street =
    /\b\d{1,6}\s+(?:[NSEW]\.?\s+)?(?:\p{Lu}[\p{L}'-]*\s+){1,4}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Parkway|Pkwy)\.?(?:,?\s+(?:Apt|Suite|Unit)\.?\s*\w+)?(?:,\s*\p{Lu}[\p{L} .'-]+,\s*[A-Z]{2}\s+\d{5}(?:-\d{4})?)?/gu;
  const japanese =
    /(?:〒\s?\d{3}-\d{4}\s*)?(?:東京都|北海道|大阪府|京都府|\p{Script=Han}{2,3}県)[\p{Script=Han}\p{Script=Katakana}\p{Script=Hiragana}0-9０-９ー−‐-]{2,40}/gu;
  return [street, japanese].flatMap((regex) =>
    [...text.matchAll(regex)].map((m) => ({
      type: 'ADDRESS' as const,
      begin: m.index,
      end: m.index + m[0].length,
      score: 0.75,
    })),
  );
}

const PHI_RECOGNISERS: readonly Recogniser<PhiType>[] = [
  findLabelledValues,
  findDicomNames,
  findTitledNames,
  findAges,
  findMrns,
  findAddresses,
  findCompactDates,
  (t) => findDates(t, 'DATE'),
  (t) => findPhones(t, 'PHONE_OR_FAX'),
  (t) => findEmails(t, 'EMAIL'),
  (t) => findUrls(t, 'URL'),
];

export const detectPhiLocally = (text: string) => recognise(text, PHI_RECOGNISERS);

/** Rule-based PHI detection: labelled fields, DICOM names, titled names, dates, ages, ids, addresses, contacts. */
export function createLocalPhiPort(): PhiPort {
  return {
    async detectPhi({ text }): Promise<EntityResult<PhiType>> {
      return { provider: LOCAL_PHI_PROVIDER, entities: detectPhiLocally(text) };
    },
  };
}
