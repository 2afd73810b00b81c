import { type Candidate, groupSpan } from './candidate';
import { isIbanValid, isJapaneseCorporateNumberValid, isLuhnValid } from './checksums';

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
  readonly regex: RegExp;
  readonly score: number;
}

// The label is required: a bare `A-1023` is not evidence of an invoice number. Group 1 is the id.
const ID_CHARS = '([A-Z0-9][A-Z0-9/_-]{1,30}[A-Z0-9]|[A-Z0-9]{2})';
const LABELLED_IDS: readonly LabelledId[] = [
  {
    subtype: 'INVOICE_NUMBER',
    regex: new RegExp(
      `(?:\\bInvoice|\\bInv\\.|請求書|請求)\\s*(?:No\\.?|Number|Num\\.?|#|番号)?\\s*[:：#]?\\s*${ID_CHARS}(?![\\w-])`,
      'gdi',
    ),
    score: 0.85,
  },
  {
    subtype: 'PO_NUMBER',
    regex: new RegExp(
      `(?:\\bP\\.?O\\.?|\\bPurchase\\s+Order|注文|発注)\\s*(?:No\\.?|Number|Num\\.?|#|番号)?\\s*[:：#]?\\s*${ID_CHARS}(?![\\w-])`,
      'gdi',
    ),
    score: 0.85,
  },
  {
    subtype: 'TAX_ID',
    regex:
      /(?:\bTax\s*ID|\bTIN|\bEIN|\bVAT(?:\s*(?:No\.?|Number|ID|Reg\.?))?|\bUSt-IdNr\.?|\bABN|\bGST(?:\s*No\.?)?|登録番号|法人番号)\s*[:：#]?\s*([A-Z]{0,3}\s?\d[\d -]{4,16}\d)(?![\w-])/dg,
    score: 0.8,
  },
];

export function findLabelledIds<Type extends string>(text: string, type: Type): Candidate<Type>[] {
  const found: Candidate<Type>[] = [];
  for (const { subtype, regex, score } of LABELLED_IDS) {
    for (const match of text.matchAll(regex)) {
      const id = groupSpan(match as RegExpExecArray, 1);
      // Ids carry at least one digit; `Invoice Date` must not yield "Date" as a number.
      if (id === undefined || !/\d/.test(text.slice(id.begin, id.end))) continue;
      found.push({ type, subtype, ...id, score });
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
