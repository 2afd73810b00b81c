import type { Provider, TextEntity } from '@fsxn/inference';
import type { DocumentType } from './document-type';

/** An entity as written to the summary: what found it travels with it (`aws:comprehend`, `local:entity-rules`). */
export interface FoundEntity extends TextEntity {
  readonly provider: Provider;
}

/** One value of a business field, with where it is in the extracted text. */
export interface FieldValue {
  readonly text: string;
  /** Canonical form when the recogniser gives one (ISO date, `JPY 110000`, compact IBAN). */
  readonly value: string;
  readonly beginOffset: number;
  readonly endOffset: number;
  readonly provider: Provider;
}

export interface DocumentFields {
  readonly invoiceNumbers: readonly FieldValue[];
  readonly poNumbers: readonly FieldValue[];
  readonly dates: readonly FieldValue[];
  readonly amounts: readonly FieldValue[];
  readonly taxIds: readonly FieldValue[];
  readonly ibans: readonly FieldValue[];
  readonly parties: readonly FieldValue[];
}

export type FieldName = keyof DocumentFields;

const fieldValueOf = (e: FoundEntity): FieldValue => ({
  text: e.text,
  value: e.normalized ?? e.text,
  beginOffset: e.beginOffset,
  endOffset: e.endOffset,
  provider: e.provider,
});

/**
 * A party name sits on one line; the local organisation rule can reach back over a line break
 * ("INVOICE\nACME Inc."), so only the line that holds the legal suffix (the end of the match) is kept.
 */
const onLastLine = (v: FieldValue): FieldValue => {
  const cut = v.text.lastIndexOf('\n');
  if (cut < 0) return v;
  const text = v.text.slice(cut + 1);
  return { ...v, text, value: text, beginOffset: v.beginOffset + cut + 1 };
};

/** Same canonical value found twice (e.g. by Comprehend and by a rule) counts once, first occurrence kept. */
const distinct = (values: FieldValue[]): FieldValue[] => {
  const seen = new Set<string>();
  return values
    .sort((a, b) => a.beginOffset - b.beginOffset)
    .filter((v) => {
      const id = v.value.replace(/\s+/g, ' ').trim().toLowerCase();
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    });
};

const pick = (entities: readonly FoundEntity[], test: (e: FoundEntity) => boolean) =>
  distinct(entities.filter(test).map(fieldValueOf));

/** Sorts entities of any provider into the fields of a financial document. */
export const collectFields = (entities: readonly FoundEntity[]): DocumentFields => ({
  invoiceNumbers: pick(entities, (e) => e.subtype === 'INVOICE_NUMBER'),
  poNumbers: pick(entities, (e) => e.subtype === 'PO_NUMBER'),
  dates: pick(entities, (e) => e.type === 'DATE'),
  amounts: pick(entities, (e) => e.subtype === 'AMOUNT'),
  taxIds: pick(entities, (e) => e.subtype === 'TAX_ID'),
  ibans: pick(entities, (e) => e.subtype === 'IBAN'),
  parties: distinct(
    entities.filter((e) => e.type === 'ORGANIZATION' || e.type === 'PERSON').map((e) => onLastLine(fieldValueOf(e))),
  ),
});

interface Requirement {
  readonly field: FieldName;
  readonly atLeast: number;
}

/** What a document of each type must carry to be booked without a person looking at it. */
export const REQUIRED_FIELDS: Readonly<Record<DocumentType, readonly Requirement[]>> = {
  invoice: [
    { field: 'invoiceNumbers', atLeast: 1 },
    { field: 'dates', atLeast: 1 },
    { field: 'amounts', atLeast: 1 },
    { field: 'parties', atLeast: 1 },
  ],
  contract: [
    { field: 'parties', atLeast: 2 },
    { field: 'dates', atLeast: 1 },
  ],
  unknown: [],
};

export interface FieldCoverage {
  /** Share of required fields found, 0–1; 0 for an unrecognised document type. */
  readonly score: number;
  readonly missing: readonly string[];
}

export const fieldCoverage = (type: DocumentType, fields: DocumentFields): FieldCoverage => {
  const required = REQUIRED_FIELDS[type];
  if (required.length === 0) return { score: 0, missing: ['documentType'] };
  const missing = required
    .filter((r) => fields[r.field].length < r.atLeast)
    .map((r) => (r.atLeast > 1 ? `${r.field} (at least ${r.atLeast})` : r.field));
  return { score: (required.length - missing.length) / required.length, missing };
};
