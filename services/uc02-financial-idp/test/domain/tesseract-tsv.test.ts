import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OcrOutputError, parseTesseractTsv } from '../../src/domain';

const HEADER = 'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext';
const row = (level: number, page: number, line: number, word: number, conf: number, text: string) =>
  [level, page, 1, 1, line, word, 0, 0, 10, 10, conf, text].join('\t');

describe('parseTesseractTsv', () => {
  it('joins words into lines with a character-weighted confidence and skips non-word rows', () => {
    const tsv = [
      HEADER,
      row(1, 1, 0, 0, -1, ''),
      row(4, 1, 1, 0, -1, ''),
      row(5, 1, 1, 1, 90, 'Invoice'),
      row(5, 1, 1, 2, 60, 'No:'),
      row(5, 1, 2, 1, 95.5, 'INV-7'),
      row(5, 2, 1, 1, -1, ''),
      '',
    ].join('\n');
    // Line 1: (7 × 90 + 3 × 60) / 10 = 81.
    expect(parseTesseractTsv(tsv)).toEqual({
      pageCount: 2,
      lines: [
        { text: 'Invoice No:', confidence: 81, page: 1 },
        { text: 'INV-7', confidence: 95.5, page: 1 },
      ],
    });
  });

  it('refuses output that is not Tesseract TSV', () => {
    expect(() => parseTesseractTsv('')).toThrow(OcrOutputError);
    expect(() => parseTesseractTsv(`${HEADER}\n5\t1\t1`)).toThrow(/3 columns/);
    expect(() => parseTesseractTsv(`${HEADER}\n${row(5, 1, 1, 1, 90, 'x').replace('90', 'NaN?')}`)).toThrow(
      /not numeric/,
    );
  });

  it('reproduces every generated word in order, and throws only OcrOutputError on arbitrary input', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'B', '7', '円', '-', ':'), minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.tuple(word, fc.integer({ min: 0, max: 100 })), { minLength: 1, maxLength: 5 }), {
          maxLength: 6,
        }),
        (lines) => {
          const rows = lines.flatMap((words, l) => words.map(([w, c], i) => row(5, 1, l + 1, i + 1, c, w)));
          const parsed = parseTesseractTsv([HEADER, ...rows].join('\n'));
          expect(parsed.lines.map((x) => x.text)).toEqual(lines.map((words) => words.map(([w]) => w).join(' ')));
          for (const line of parsed.lines) expect(line.confidence).toBeGreaterThanOrEqual(0);
        },
      ),
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        try {
          parseTesseractTsv(`${HEADER}\n${text}`);
        } catch (error) {
          expect(error).toBeInstanceOf(OcrOutputError);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
