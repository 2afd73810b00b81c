/** What kind of financial document the text is, which decides the fields it must have. */
export type DocumentType = 'invoice' | 'contract' | 'unknown';

// Title words, weighed by where they occur: a title near the top decides; the body only breaks ties.
const INVOICE = /\b(?:invoice|tax invoice|bill to|amount due|payment due)\b|請求書|御請求|請求金額|適格請求書/giu;
const CONTRACT =
  /\b(?:agreement|contract|hereinafter|the parties|in witness whereof|terms and conditions)\b|契約書|契約|甲|乙/giu;
const HEAD_CHARS = 400;

const score = (text: string, pattern: RegExp): number => {
  let total = 0;
  for (const match of text.matchAll(pattern)) total += match.index < HEAD_CHARS ? 3 : 1;
  return total;
};

/** Keyword vote with the document head weighted three times; no vote at all gives `unknown`. */
export const classifyDocument = (text: string): DocumentType => {
  const invoice = score(text, INVOICE);
  const contract = score(text, CONTRACT);
  if (invoice === 0 && contract === 0) return 'unknown';
  return invoice >= contract ? 'invoice' : 'contract';
};
