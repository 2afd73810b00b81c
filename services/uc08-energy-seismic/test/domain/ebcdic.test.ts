import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeEbcdic, detectTextEncoding, EBCDIC_TABLES, encodeEbcdic, parseTextualHeader } from '../../src/domain';

const python = ['python3', '/usr/bin/python3'].find((c) => spawnSync(c, ['-c', 'pass']).status === 0);
if (python === undefined)
  console.warn('EBCDIC table cross-check skipped: no python3 (its cp037/cp500 codecs are the reference)');

/** Text a textual header holds: upper-case cards with digits and punctuation. */
const cardText = fc
  .array(fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,:/-()=+'.split('')), {
    minLength: 80,
    maxLength: 3200,
  })
  .map((chars) => chars.join(''));

describe('EBCDIC code pages', () => {
  it.skipIf(python === undefined).each(['cp037', 'cp500'] as const)(
    "%s maps every byte as Python's codec does",
    (page) => {
      const run = spawnSync(
        python ?? 'python3',
        ['-c', `import json; print(json.dumps(bytes(range(256)).decode("${page}")))`],
        {
          encoding: 'utf8',
        },
      );
      const reference = JSON.parse(run.stdout) as string;
      expect(EBCDIC_TABLES[page].join('')).toBe(reference);
    },
  );

  it('is one-to-one, so encode then decode gives the text back', () => {
    for (const page of ['cp037', 'cp500'] as const) expect(new Set(EBCDIC_TABLES[page]).size).toBe(256);
    fc.assert(fc.property(cardText, (text) => decodeEbcdic(encodeEbcdic(text, 'cp037'), 'cp037') === text));
  });
});

describe('textual header encoding detection (byte statistics)', () => {
  it('detects ASCII text as ASCII and the same text in EBCDIC as code page 037', () => {
    fc.assert(
      fc.property(cardText, (text) => {
        const ascii = Uint8Array.from(text, (c) => c.charCodeAt(0));
        return (
          detectTextEncoding(ascii).encoding === 'ascii' && detectTextEncoding(encodeEbcdic(text)).encoding === 'cp037'
        );
      }),
    );
  });

  it('does not decide on the first byte alone: an EBCDIC header starting with an ASCII-looking byte is still EBCDIC', () => {
    const ebcdic = encodeEbcdic('C 1 CLIENT ACME'.padEnd(3200));
    ebcdic[0] = 0x43; // ASCII "C"; the reference looked only at this byte
    expect(detectTextEncoding(ebcdic).encoding).toBe('cp037');
  });

  it('picks code page 500 when its brackets make more sense than 037 would', () => {
    const text = 'C 1 [LINE 12] !CHECK! ^^ '.repeat(100).slice(0, 3200);
    expect(detectTextEncoding(encodeEbcdic(text, 'cp500')).encoding).toBe('cp500');
  });

  it('reports an all-NUL header as blank and reads survey and CRS from the cards', () => {
    expect(detectTextEncoding(new Uint8Array(3200)).encoding).toBe('blank');
    const cards = ['C 1 CLIENT ACME   SURVEY NAME NORTH SEA 3D', 'C 2 CRS: ED50 / UTM 31N']
      .map((c) => c.padEnd(80))
      .join('');
    const header = parseTextualHeader(encodeEbcdic(cards.padEnd(3200)));
    expect(header).toMatchObject({ encoding: 'cp037', surveyName: 'NORTH SEA 3D', coordinateSystem: 'ED50 / UTM 31N' });
  });
});
