import type { Candidate } from './candidate';
import { isIbanValid, isJapaneseCorporateNumberValid, isLuhnValid } from './checksums';
import { INLINE_SPACE, LINE_BREAK } from './inline-space';

const whole = (match: RegExpMatchArray & { index: number }) => ({
  begin: match.index,
  end: match.index + match[0].length,
});

/** US SSN `AAA-GG-SSSS` minus the ranges the SSA never issues (000, 666, 9xx, 00, 0000). */
export function findSsns<Type extends string>(text: string, type: Type): Candidate<Type>[] {
  const regex = /(?<![\w-])(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}(?![\w-])/g;
  return [...text.matchAll(regex)].map((m) => ({
    type,
    subtype: 'SSN',
    ...whole(m),
    score: 0.9,
    normalized: m[0].replace(/-/g, ''),
  }));
}

/** US ITIN: 9XX-7X-XXXX / 9XX-8X-XXXX (and the other issued middle ranges 50–65, 83–99 share the 9 prefix). */
export function findItins<Type extends string>(text: string, type: Type): Candidate<Type>[] {
  const regex = /(?<![\w-])9\d{2}-(?:5\d|6[0-5]|7\d|8[0-8]|9[0-2]|9[4-9])-\d{4}(?![\w-])/g;
  return [...text.matchAll(regex)].map((m) => ({
    type,
    subtype: 'ITIN',
    ...whole(m),
    score: 0.85,
    normalized: m[0].replace(/-/g, ''),
  }));
}

// Issuer prefixes of the major networks; a Luhn-valid run without one is more likely an order number.
const CARD_PREFIX = /^(?:4|5[1-5]|2[2-7]|3[47]|3[068]|6(?:011|5|4[4-9])|35)/;

/** Payment card numbers, 13–19 digits in groups separated by one space or dash, Luhn-checked. */
export function findCreditCards<Type extends string>(text: string, type: Type): Candidate<Type>[] {
  const regex = /(?<![\w-])\d(?:[ -]?\d){12,18}(?![\w-])/g;
  const found: Candidate<Type>[] = [];
  for (const match of text.matchAll(regex)) {
    const digits = match[0].replace(/\D/g, '');
    if (!CARD_PREFIX.test(digits) || !isLuhnValid(digits)) continue;
    found.push({ type, subtype: 'CREDIT_DEBIT_NUMBER', ...whole(match), score: 0.95, normalized: digits });
  }
  return found;
}

/** IBANs, compact or in groups of four, mod-97-checked. */
export function findIbans<Type extends string>(text: string, type: Type): Candidate<Type>[] {
  const regex = /(?<![\w])[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?(?![\w])/g;
  const found: Candidate<Type>[] = [];
  for (const match of text.matchAll(regex)) {
    const compact = match[0].replace(/ /g, '');
    if (!isIbanValid(compact)) continue;
    found.push({ type, subtype: 'IBAN', ...whole(match), score: 0.95, normalized: compact });
  }
  return found;
}

/** AWS access key ids (AKIA… long-term, ASIA… temporary). */
export function findAwsAccessKeys<Type extends string>(text: string, type: Type): Candidate<Type>[] {
  const regex = /(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z2-7]{16}(?![A-Z0-9])/g;
  return [...text.matchAll(regex)].map((m) => ({ type, subtype: 'AWS_ACCESS_KEY', ...whole(m), score: 0.9 }));
}

interface LabelledId {
  readonly subtype: string;
  /** The label, possibly ending in a qualifier (`No.`, `#`, `番号`); group `q` is set when it does. */
  readonly label: RegExp;
  /** The value, matched right where the label and its separator end; group 1 is the id. */
  readonly value: RegExp;
  readonly score: number;
}

// A Latin label must end at a word boundary ("PO" is not the start of "Pot42"); labels ending in `.`,
// `#` or a CJK character need no such guard.
const LABEL_END = '(?:(?<![A-Za-z])|(?![A-Za-z0-9]))';
const QUALIFIER = `(?:${INLINE_SPACE}*(?<q>No\\.?|Number|Num\\.?|#|番号))?`;
// The label is required: a bare `A-1023` is not evidence of an invoice number. Group 1 is the id.
const ID_CHARS = '([A-Z0-9][A-Z0-9/_-]{1,30}[A-Z0-9]|[A-Z0-9]{2})(?![\\w-])';
const LABELLED_IDS: readonly LabelledId[] = [
  {
    subtype: 'INVOICE_NUMBER',
    label: new RegExp(`(?:\\bInvoice|\\bInv\\.|請求書|請求)${QUALIFIER}${LABEL_END}`, 'gi'),
    value: new RegExp(ID_CHARS, 'iy'),
    score: 0.85,
  },
  {
    subtype: 'PO_NUMBER',
    label: new RegExp(`(?:\\bP\\.?O\\.?|\\bPurchase${INLINE_SPACE}+Order|注文|発注)${QUALIFIER}${LABEL_END}`, 'gi'),
    value: new RegExp(ID_CHARS, 'iy'),
    score: 0.85,
  },
  {
    subtype: 'TAX_ID',
    label: new RegExp(
      `(?:\\bTax${INLINE_SPACE}*ID|\\bTIN|\\bEIN|\\bVAT(?:${INLINE_SPACE}*(?<q>No\\.?|Number|ID|Reg\\.?))?|\\bUSt-IdNr\\.?|\\bABN|\\bGST(?:${INLINE_SPACE}*(?<q2>No\\.?))?|登録番号|法人番号)${LABEL_END}`,
      'g',
    ),
    value: /([A-Z]{0,3} ?\d[\d -]{4,16}\d)(?![\w-])/y,
    score: 0.8,
  },
];

// Between label and value: inline space, an optional `:`/`#`, and — only when the label is complete
// (it has a qualifier or a separator) — one line break, for layouts that put the value under its label.
const SEPARATOR = new RegExp(`${INLINE_SPACE}*(?<sep>[:：#])?${INLINE_SPACE}*`, 'y');
const NEXT_LINE = new RegExp(LINE_BREAK, 'y');

function valueStart(text: string, labelMatch: RegExpExecArray): number {
  let at = labelMatch.index + labelMatch[0].length;
  SEPARATOR.lastIndex = at;
  const separator = SEPARATOR.exec(text);
  if (separator !== null) at = SEPARATOR.lastIndex;
  const complete =
    separator?.groups?.sep !== undefined || labelMatch.groups?.q !== undefined || labelMatch.groups?.q2 !== undefined;
  if (complete) {
    NEXT_LINE.lastIndex = at;
    if (NEXT_LINE.exec(text) !== null) at = NEXT_LINE.lastIndex;
  }
  return at;
}

/**
 * Ids after their labels. Each label occurrence is tried on its own (the scan resumes right after the
 * label, not after a failed value), so a title line such as "INVOICE" cannot hide the real label below it.
 */
export function findLabelledIds<Type extends string>(text: string, type: Type): Candidate<Type>[] {
  const found: Candidate<Type>[] = [];
  for (const { subtype, label, value, score } of LABELLED_IDS) {
    for (const labelMatch of text.matchAll(label)) {
      value.lastIndex = valueStart(text, labelMatch);
      const match = value.exec(text);
      const id = match?.[1];
      // Ids carry at least one digit; `Invoice Date` must not yield "Date" as a number.
      if (match === null || id === undefined || !/\d/.test(id)) continue;
      found.push({ type, subtype, begin: match.index, end: match.index + id.length, score });
    }
  }
  return found;
}

/** Japanese qualified-invoice registration numbers `T` + 13-digit corporate number, check digit verified. */
export function findJapaneseInvoiceRegistrations<Type extends string>(text: string, type: Type): Candidate<Type>[] {
  const regex = /(?<![\w])T-?(\d{13})(?!\d)/g;
  const found: Candidate<Type>[] = [];
  for (const match of text.matchAll(regex)) {
    const digits = match[1] ?? '';
    if (!isJapaneseCorporateNumberValid(digits)) continue;
    found.push({ type, subtype: 'TAX_ID', ...whole(match), score: 0.95, normalized: `T${digits}` });
  }
  return found;
}
