import type { DocumentLine } from '@fsxn/inference';
import { FinancialIdpError } from './errors';

/** Tesseract's TSV output was not what `tesseract … tsv` writes. */
export class OcrOutputError extends FinancialIdpError {
  override readonly name = 'OcrOutputError';
}

const HEADER = [
  'level',
  'page_num',
  'block_num',
  'par_num',
  'line_num',
  'word_num',
  'left',
  'top',
  'width',
  'height',
  'conf',
  'text',
];
const WORD_LEVEL = 5;

export interface OcrPages {
  readonly pageCount: number;
  readonly lines: readonly DocumentLine[];
}

/**
 * Lines from Tesseract's TSV: words (level 5) grouped by page/block/paragraph/line in output order,
 * joined with spaces; a line's confidence is the character-weighted mean of its words' confidences.
 * Words Tesseract gave no confidence (-1) or no text are left out: nothing is made up.
 */
export const parseTesseractTsv = (tsv: string): OcrPages => {
  const rows = tsv.split(/\r?\n/).filter((r) => r.length > 0);
  const header = rows.shift()?.split('\t');
  if (header === undefined || HEADER.some((name, i) => header[i] !== name)) {
    throw new OcrOutputError('OCR output does not start with the Tesseract TSV header');
  }
  const lines = new Map<string, { page: number; words: string[]; weighted: number; chars: number }>();
  let pageCount = 0;
  for (const [index, row] of rows.entries()) {
    const cells = row.split('\t');
    if (cells.length < HEADER.length)
      throw new OcrOutputError(`OCR output row ${index + 2} has ${cells.length} columns`);
    const numbers = cells.slice(0, 11).map(Number);
    if (numbers.some((n) => !Number.isFinite(n)))
      throw new OcrOutputError(`OCR output row ${index + 2} is not numeric`);
    const [level = 0, page = 0, block = 0, par = 0, line = 0, , , , , , conf = -1] = numbers;
    pageCount = Math.max(pageCount, page);
    // The text column is the rest of the row (a word never contains a tab, but be exact anyway).
    const text = cells.slice(11).join('\t').trim();
    if (level !== WORD_LEVEL || conf < 0 || text.length === 0) continue;
    const id = `${page}/${block}/${par}/${line}`;
    const entry = lines.get(id) ?? { page, words: [], weighted: 0, chars: 0 };
    const chars = [...text].length;
    entry.words.push(text);
    entry.weighted += Math.min(100, conf) * chars;
    entry.chars += chars;
    lines.set(id, entry);
  }
  return {
    pageCount,
    lines: [...lines.values()].map((l) => ({
      text: l.words.join(' '),
      confidence: Math.round((l.weighted / l.chars) * 100) / 100,
      page: l.page,
    })),
  };
};
