import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/domain';

/** The system interpreter first: a pyenv shim may stand in front of it without the same modules. */
const python = ['/usr/bin/python3', 'python3'].find((p) => spawnSync(p, ['-c', 'import csv']).status === 0);
if (python === undefined) console.warn('Python csv cross-check skipped: no python3 (apt-get install python3)');

/** Python's csv module (its C reader, dialect "excel" = RFC 4180 with CRLF) reads every text in one process. */
const pythonRecords = (interpreter: string, texts: readonly string[]): string[][][] => {
  const script =
    'import csv,io,json,sys\n' +
    'texts=json.loads(sys.stdin.buffer.read().decode("utf-8"))\n' +
    'print(json.dumps([[r for r in csv.reader(io.StringIO(t, newline=""), strict=True) if r] for t in texts]))';
  const out = spawnSync(interpreter, ['-c', script], { input: JSON.stringify(texts), encoding: 'utf8' });
  if (out.status !== 0) throw new Error(out.stderr);
  return JSON.parse(out.stdout) as string[][][];
};

const quoteIfNeeded = (f: string) => (/^$|^\uFEFF|[",\r\n]/.test(f) ? `"${f.replaceAll('"', '""')}"` : f);

describe.skipIf(python === undefined)('independent check with Python csv', () => {
  it('reads generated RFC 4180 files exactly as Python csv does', () => {
    const cell = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 12 }),
      fc.constantFrom('a,b', 'x"y', 'l1\r\nl2', ' '),
    );
    const rows = fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 });
    const texts = fc
      .sample(rows, { numRuns: 200, seed: 3 })
      .map((table) => `${table.map((row) => row.map(quoteIfNeeded).join(',')).join('\r\n')}\r\n`);
    texts.push('sensor_id,value\r\n"s,1","1.5"\r\n"multi\nline",2\n\nlast,3');
    const expected = pythonRecords(python ?? 'python3', texts);
    texts.forEach((text, i) => {
      expect(parseCsv(text).map((r) => r.fields)).toEqual(expected[i]);
    });
  });
});
