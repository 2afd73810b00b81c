import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvFormatError, CsvParser, parseCsv } from '../../src/domain';

const fieldsOf = (text: string) => parseCsv(text).map((r) => r.fields);

/**
 * RFC 4180 writer for the properties: quote when needed (also empty fields, so a one-field record is not a
 * blank line, and a leading U+FEFF, which would read as a BOM), double the quotes, CRLF record ends.
 */
const encode = (rows: readonly string[][]) =>
  rows
    .map((row) => row.map((f) => (/^$|^\uFEFF|[",\r\n]/.test(f) ? `"${f.replaceAll('"', '""')}"` : f)).join(','))
    .join('\r\n');

describe('CsvParser', () => {
  it('reads quoted fields with embedded commas, quotes and line breaks', () => {
    const text = 'a,b,c\r\n"x, y","say ""hi""","two\r\nlines"\r\n';
    expect(fieldsOf(text)).toEqual([
      ['a', 'b', 'c'],
      ['x, y', 'say "hi"', 'two\r\nlines'],
    ]);
  });

  it('accepts LF, CRLF and lone CR line ends and drops a leading BOM', () => {
    expect(fieldsOf('\uFEFFh1,h2\n1,2\r\n3,4\r5,6')).toEqual([
      ['h1', 'h2'],
      ['1', '2'],
      ['3', '4'],
      ['5', '6'],
    ]);
  });

  it('numbers records by the physical line they start on, counting line breaks inside quotes', () => {
    const records = parseCsv('h\r\n"multi\nline"\r\n\r\nlast\n');
    expect(records.map((r) => [r.line, r.fields])).toEqual([
      [1, ['h']],
      [2, ['multi\nline']],
      [5, ['last']],
    ]);
  });

  it('keeps empty fields and a quoted empty record, skips blank lines', () => {
    expect(fieldsOf(',a,\n""\n\n')).toEqual([['', 'a', ''], ['']]);
  });

  it('marks records that break the grammar instead of stopping', () => {
    const records = parseCsv('a"b,c\n"x"y,z\n"open,field');
    expect(records.map((r) => r.malformed)).toEqual([
      'quote inside an unquoted field',
      'characters after a closing quote',
      'unterminated quoted field',
    ]);
    expect(records[1]?.fields).toEqual(['xy', 'z']);
  });

  it('refuses a record longer than the bound with a CsvFormatError naming its line', () => {
    const parser = new CsvParser({ maxRecordChars: 10 });
    expect(() => parser.push('ok\n"this quote never closes and runs on')).toThrow(
      new CsvFormatError('record starting at line 2 is longer than 10 characters (unterminated quote?)'),
    );
  });

  it('round-trips any table through an RFC 4180 encoder', () => {
    const table = fc.array(fc.array(fc.string({ unit: 'grapheme-composite' }), { minLength: 1, maxLength: 5 }), {
      minLength: 1,
      maxLength: 8,
    });
    fc.assert(
      fc.property(table, (rows) => {
        expect(fieldsOf(encode(rows))).toEqual(rows);
      }),
    );
  });

  it('gives the same records however the text is split into chunks (also inside CRLF and "")', () => {
    const text = fc.stringMatching(/^[a-c,"\r\n\uFEFF]{0,60}$/);
    fc.assert(
      fc.property(text, fc.array(fc.nat(60), { maxLength: 6 }), (input, cuts) => {
        const whole = parseCsv(input);
        const parser = new CsvParser();
        const points = [...new Set(cuts.map((c) => Math.min(c, input.length)))].sort((a, b) => a - b);
        const chunked = [];
        let from = 0;
        for (const to of [...points, input.length]) {
          chunked.push(...parser.push(input.slice(from, to)));
          from = to;
        }
        chunked.push(...parser.end());
        expect(chunked).toEqual(whole);
      }),
    );
  });

  it('never throws anything but CsvFormatError on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.integer({ min: 1, max: 50 }), (input, max) => {
        try {
          parseCsv(input, { maxRecordChars: max });
        } catch (error) {
          expect(error).toBeInstanceOf(CsvFormatError);
        }
      }),
    );
  });
});
