import { decodeEbcdic, type EbcdicCodePage } from './ebcdic';

export type TextEncoding = 'ascii' | EbcdicCodePage | 'blank';

export interface TextualHeader {
  readonly encoding: TextEncoding;
  /** Share of non-NUL bytes that decode to plain printable text under each candidate (0..1). */
  readonly scores: { readonly ascii: number; readonly cp037: number; readonly cp500: number };
  /** 40 cards of 80 characters (trailing spaces trimmed). */
  readonly cards: readonly string[];
  readonly surveyName?: string;
  readonly coordinateSystem?: string;
}

/** Plain printable text: what a textual header is meant to hold (letters, digits, space, common punctuation). */
const PLAIN = /[A-Za-z0-9 .,:;/()\-+=*'"&%#@<>_?$!|[\]^]/;

const decodeAscii = (bytes: Uint8Array) => String.fromCharCode(...bytes);

const plainShare = (text: string): number => {
  let counted = 0;
  let plain = 0;
  for (const ch of text) {
    if (ch === '\x00') continue; // NUL padding says nothing about the encoding
    counted += 1;
    if (PLAIN.test(ch) || ch === '\n' || ch === '\r') plain += 1;
  }
  return counted === 0 ? 0 : plain / counted;
};

/**
 * Decides the encoding from the statistics of all 3200 bytes (not from the first byte, which the reference
 * used): the candidate decoding under which the largest share of bytes is plain printable text wins; ties go
 * to ASCII, then to code page 037. A header of only NUL bytes is `blank`.
 */
export const detectTextEncoding = (
  bytes: Uint8Array,
): { encoding: TextEncoding; text: string; scores: TextualHeader['scores'] } => {
  const candidates = {
    ascii: decodeAscii(bytes),
    cp037: decodeEbcdic(bytes, 'cp037'),
    cp500: decodeEbcdic(bytes, 'cp500'),
  };
  const scores = {
    ascii: plainShare(candidates.ascii),
    cp037: plainShare(candidates.cp037),
    cp500: plainShare(candidates.cp500),
  };
  if (bytes.every((b) => b === 0)) return { encoding: 'blank', text: '', scores };
  let encoding: 'ascii' | EbcdicCodePage = 'ascii';
  if (scores.cp037 > scores[encoding]) encoding = 'cp037';
  if (scores.cp500 > scores[encoding]) encoding = 'cp500';
  return { encoding, text: candidates[encoding], scores };
};

const CARD = 80;

/** 80-column cards; writers that used newlines instead of fixed columns get split on them. */
const cardsOf = (text: string): string[] => {
  const cleaned = text.replaceAll('\x00', ' ');
  if (/[\r\n]/.test(cleaned)) return cleaned.split(/\r?\n|\r/).map((l) => l.trimEnd());
  const cards: string[] = [];
  for (let i = 0; i < cleaned.length; i += CARD) cards.push(cleaned.slice(i, i + CARD).trimEnd());
  return cards;
};

/** Card text without the `C 1 ` / `C01` card number the standard puts in columns 1–4. */
const body = (card: string) => card.replace(/^C\s*\d{0,2}\s?/, '').trim();

/** The value after the first label (in priority order) found anywhere in a card, up to a run of spaces. */
const valueAfter = (cards: readonly string[], labels: readonly string[]): string | undefined => {
  for (const label of labels) {
    const pattern = new RegExp(`\\b${label}\\b\\s*[:=]?\\s*(.+?)(?:\\s{2,}|$)`, 'i');
    for (const card of cards) {
      const value = pattern.exec(body(card))?.[1]?.trim();
      if (value) return value.slice(0, 120);
    }
  }
  return undefined;
};

const SURVEY = ['SURVEY NAME', 'SURVEY', 'PROJECT', 'CLIENT'];
const CRS = ['COORDINATE SYSTEM', 'COORDINATES', 'COORDINATE', 'DATUM', 'CRS', 'PROJECTION'];

export const parseTextualHeader = (bytes: Uint8Array): TextualHeader => {
  const { encoding, text, scores } = detectTextEncoding(bytes);
  const cards = cardsOf(text);
  const surveyName = valueAfter(cards, SURVEY);
  const coordinateSystem = valueAfter(cards, CRS);
  return {
    encoding,
    scores,
    cards,
    ...(surveyName === undefined ? {} : { surveyName }),
    ...(coordinateSystem === undefined ? {} : { coordinateSystem }),
  };
};
