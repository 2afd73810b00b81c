import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { malformedLas, NULL_VALUE, wellLogRows, writeCsvLog, writeLas } from '../../samples';
import {
  analyzeLog,
  parseCsvLog,
  parseHeaderLine,
  parseLas,
  SeismicError,
  WellLogParseError,
  WellLogUnsupportedError,
} from '../../src/domain';

const spec = {
  wellName: 'A-1',
  uwi: '100123456789W500',
  start: 1500,
  step: 0.5,
  rows: 60,
  nullRows: [3, 4],
  spike: { row: 30, value: 400 },
};

/** The hand-checked case: twelve 10s and one 40 on GR (depths 1..13). */
const handCase = (): string =>
  [
    '~V',
    'VERS. 2.0 : LAS 2.0',
    'WRAP. NO : one line per step',
    '~W',
    'STRT.M 1 : start',
    'STOP.M 13 : stop',
    'STEP.M 1 : step',
    'NULL. -999.25 : null',
    'WELL. HAND-1 : well',
    '~C',
    'DEPT.M : depth',
    'GR  .GAPI : gamma ray',
    '~A',
    ...Array.from({ length: 13 }, (_, i) => `${i + 1} ${i === 12 ? 40 : 10}`),
    '14 -999.25',
  ].join('\n');

describe('LAS 2.0 parser', () => {
  it('reads sections, curves with units and descriptions, ~P parameters and the well name', () => {
    const log = parseLas(writeLas(spec));
    expect(log).toMatchObject({
      format: 'las',
      version: '2.0',
      wrapped: false,
      wellName: 'A-1',
      uwi: '100123456789W500',
      nullValue: -999.25,
    });
    expect(log.declared).toEqual({ start: 1500, stop: 1529.5, step: 0.5, indexUnit: 'M' });
    expect(log.curves.map((c) => [c.mnemonic, c.unit])).toEqual([
      ['DEPT', 'M'],
      ['GR', 'GAPI'],
      ['RHOB', 'G/C3'],
      ['NPHI', 'V/V'],
    ]);
    expect(log.curves[1]?.description).toBe('2  GAMMA RAY');
    expect(log.parameters.map((p) => [p.mnemonic, p.value])).toEqual([
      ['BHT', '35.5000'],
      ['MDEN', '2.7100'],
    ]);
    expect(log.nullCounts).toEqual([0, 0, 2, 0]);
  });

  it('splits header lines at the first dot, the unit at the first space and the description at the last colon', () => {
    expect(parseHeaderLine('DATE.   12:30:00 : LOG TIME', 1)).toEqual({
      mnemonic: 'DATE',
      unit: '',
      value: '12:30:00',
      description: 'LOG TIME',
    });
    expect(parseHeaderLine(' STRT.FT  1200.5 : START', 1)).toEqual({
      mnemonic: 'STRT',
      unit: 'FT',
      value: '1200.5',
      description: 'START',
    });
    expect(() => parseHeaderLine('NO DOT HERE : x', 7)).toThrow(/line 7/);
  });

  it('gives the same values for WRAP YES as for WRAP NO', () => {
    const plain = parseLas(writeLas(spec));
    const wrapped = parseLas(writeLas({ ...spec, wrap: true }));
    expect(wrapped.wrapped).toBe(true);
    expect(wrapped.columns.map((c) => Array.from(c))).toEqual(plain.columns.map((c) => Array.from(c)));
  });

  it('excludes NULLs from the statistics and flags the injected spike', () => {
    const analysis = analyzeLog(parseLas(writeLas(spec)));
    const rhob = analysis.curves.find((c) => c.mnemonic === 'RHOB');
    const expected = wellLogRows(spec)
      .map((r) => r[2] ?? 0)
      .filter((v) => v !== NULL_VALUE);
    expect(rhob?.count).toBe(58);
    expect(rhob?.nulls).toBe(2);
    expect(rhob?.min).toBe(Math.min(...expected));
    expect(analysis.depthRange).toEqual({ min: 1500, max: 1529.5 });
    expect(analysis.anomalies.map((a) => [a.curve, a.depth, a.value])).toEqual([['GR', 1515, 400]]);
  });

  it('matches the hand calculation: twelve 10s and one 40 give mean 160/13, σ = √11700/13, z = 360/√11700 > 3', () => {
    const analysis = analyzeLog(parseLas(handCase()));
    const gr = analysis.curves[1];
    expect(gr?.count).toBe(13);
    expect(gr?.nulls).toBe(1);
    expect(gr?.mean).toBeCloseTo(160 / 13, 12);
    expect(gr?.std).toBeCloseTo(Math.sqrt(11700) / 13, 12);
    expect(analysis.anomalies).toHaveLength(1);
    expect(analysis.anomalies[0]?.depth).toBe(13);
    expect(analysis.anomalies[0]?.stdDeviations).toBeCloseTo(360 / Math.sqrt(11700), 12); // 3.3282…
    expect(analysis.anomalies[0]?.threshold).toBeCloseTo((160 + 3 * Math.sqrt(11700)) / 13, 12); // 37.269…
    // At k = 3.4 the same point is no longer an anomaly.
    expect(analyzeLog(parseLas(handCase()), 3.4).anomalies).toEqual([]);
  });

  it('refuses the malformed file, LAS 3.0, and files missing ~V, ~C or ~A, naming the problem', () => {
    expect(() => parseLas(malformedLas())).toThrow(/line \d+: 3 values where ~C defines 4 curves/);
    expect(() => parseLas(handCase().replace('VERS. 2.0', 'VERS. 3.0'))).toThrow(WellLogUnsupportedError);
    expect(() => parseLas(handCase().replace(/~V[\s\S]*?~W/, '~W'))).toThrow(/no ~V/);
    expect(() => parseLas(handCase().replace(/~C[\s\S]*?~A/, '~A'))).toThrow(/no curves/);
    expect(() => parseLas(handCase().replace(/~A[\s\S]*$/, ''))).toThrow(/no ~A/);
    expect(() => parseLas(handCase().replace('13 40', '13 abc'))).toThrow(/"abc" is not a number/);
  });

  it('round-trips generated logs: every written value is read back, NULLs as NaN', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 80 }),
        fc.boolean(),
        fc.array(fc.nat({ max: 79 }), { maxLength: 5 }),
        (rows, wrap, nullRows) => {
          const s = { ...spec, rows, wrap, nullRows, spike: undefined };
          const log = parseLas(writeLas(s));
          const expected = wellLogRows(s);
          return expected.every((row, r) =>
            row.every((v, c) => (v === NULL_VALUE ? Number.isNaN(log.columns[c]?.[r]) : log.columns[c]?.[r] === v)),
          );
        },
      ),
    );
  });

  it('throws nothing but SeismicError on arbitrary, truncated or altered text', () => {
    const valid = writeLas(spec);
    const inputs = fc.oneof(
      fc.string({ maxLength: 2000 }),
      fc.nat({ max: valid.length }).map((n) => valid.slice(0, n)),
      fc
        .tuple(fc.nat({ max: valid.length - 1 }), fc.string({ minLength: 1, maxLength: 5 }))
        .map(([at, s]) => valid.slice(0, at) + s + valid.slice(at + 1)),
    );
    fc.assert(
      fc.property(inputs, (text) => {
        try {
          analyzeLog(parseLas(text));
          return true;
        } catch (error) {
          return error instanceof SeismicError;
        }
      }),
    );
  });
});

describe('CSV well logs', () => {
  it('reads the header units, the depth column, empty and -999.25 cells as null, and flags the spike', () => {
    const csv = writeCsvLog({ ...spec, nullRows: [7] }).replace(/\n(1500\.5,[^,]*),[^,]*,/, '\n$1,,');
    const log = parseCsvLog(csv);
    expect(log.curves.map((c) => [c.mnemonic, c.unit])).toEqual([
      ['DEPT', 'M'],
      ['GR', 'GAPI'],
      ['RHOB', 'G/C3'],
      ['NPHI', 'V/V'],
    ]);
    expect(log.nullCounts).toEqual([0, 0, 2, 0]);
    expect(analyzeLog(log).anomalies.map((a) => [a.curve, a.depth])).toEqual([['GR', 1515]]);
  });

  it('refuses rows with the wrong number of cells and non-numeric cells', () => {
    expect(() => parseCsvLog('DEPT,GR\n1,2\n3\n')).toThrow(
      new WellLogParseError('line 3: 1 cells where the header has 2'),
    );
    expect(() => parseCsvLog('DEPT,GR\n1,x\n')).toThrow(/"x" is not a number/);
    expect(() => parseCsvLog('DEPT\n1\n')).toThrow(/at least one curve/);
  });

  it('throws nothing but SeismicError on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 500 }), (text) => {
        try {
          analyzeLog(parseCsvLog(text));
          return true;
        } catch (error) {
          return error instanceof SeismicError;
        }
      }),
    );
  });
});
