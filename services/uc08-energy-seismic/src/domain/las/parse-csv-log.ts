import { WellLogParseError } from '../errors';
import { MAX_CURVES } from './parse-las';
import type { CurveInfo, WellLog } from './well-log';

/** The null value well-log CSV exports carry over from LAS; empty cells are null too. */
export const CSV_NULL_VALUE = -999.25;

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

const splitRow = (line: string): string[] =>
  line.split(',').map((cell) =>
    cell
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .trim(),
  );

/** `GR (API)` or `GR[API]` → mnemonic GR, unit API. */
const curveOf = (cell: string): CurveInfo => {
  const match = /^(.*?)\s*[([]\s*([^)\]]*)\s*[)\]]$/.exec(cell);
  return match
    ? { mnemonic: match[1] ?? cell, unit: match[2] ?? '', description: '' }
    : { mnemonic: cell, unit: '', description: '' };
};

/**
 * A well log as CSV: a header row of curve names (optional units in brackets), then one row per depth
 * step; the first column is depth. Empty cells and -999.25 are null.
 */
export const parseCsvLog = (text: string): WellLog => {
  const lines = text
    .split(/\r\n|\r|\n/)
    .map((l, i) => ({ text: l, number: i + 1 }))
    .filter((l) => l.text.trim() !== '');
  const header = lines[0];
  if (header === undefined) throw new WellLogParseError('empty CSV: no header row');
  const curves = splitRow(header.text).map(curveOf);
  if (curves.length < 2) throw new WellLogParseError('CSV well log needs a depth column and at least one curve');
  if (curves.length > MAX_CURVES)
    throw new WellLogParseError(`${curves.length} columns exceed the limit of ${MAX_CURVES}`);
  if (curves.some((c) => c.mnemonic === '')) throw new WellLogParseError('line 1: empty column name');
  const body = lines.slice(1);
  if (body.length === 0) throw new WellLogParseError('CSV well log has a header but no rows');
  const columns = curves.map(() => new Float64Array(body.length));
  const nullCounts = curves.map(() => 0);
  body.forEach((line, row) => {
    const cells = splitRow(line.text);
    if (cells.length !== curves.length) {
      throw new WellLogParseError(`line ${line.number}: ${cells.length} cells where the header has ${curves.length}`);
    }
    cells.forEach((cell, c) => {
      const column = columns[c];
      if (column === undefined) return;
      if (cell === '') {
        column[row] = Number.NaN;
        nullCounts[c] = (nullCounts[c] ?? 0) + 1;
        return;
      }
      if (!NUMBER.test(cell))
        throw new WellLogParseError(`line ${line.number}: "${cell.slice(0, 20)}" is not a number`);
      const value = Number(cell);
      if (value === CSV_NULL_VALUE) {
        column[row] = Number.NaN;
        nullCounts[c] = (nullCounts[c] ?? 0) + 1;
      } else column[row] = value;
    });
  });
  return {
    format: 'csv',
    wrapped: false,
    nullValue: CSV_NULL_VALUE,
    declared: {},
    well: [],
    parameters: [],
    curves,
    columns,
    nullCounts,
  };
};
