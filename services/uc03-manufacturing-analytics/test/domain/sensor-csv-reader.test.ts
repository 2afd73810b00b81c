import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SensorCsvReader, Uc03Error } from '../../src/domain';

const HEADER = 'sensor_id,timestamp,value,metric_name,unit\n';

describe('SensorCsvReader', () => {
  it('accounts for every data record: valid + bad = read, and only domain errors escape', () => {
    const line = fc.oneof(
      fc.constant('s1,2026-03-01T00:00:00Z,1.5,temp,C'),
      fc.constant('s1,2026-03-01T00:00:00Z,x,temp,C'),
      fc.constant('"s,2","2026-03-01 00:00:00+09:00","-2e3","temp",""'),
      fc.string({ maxLength: 30 }),
    );
    fc.assert(
      fc.property(fc.boolean(), fc.array(line, { maxLength: 20 }), (withHeader, lines) => {
        const reader = new SensorCsvReader({ maxRecordChars: 200 });
        try {
          const readings = [...reader.push((withHeader ? HEADER : '') + lines.join('\n')), ...reader.end()];
          const summary = reader.summary();
          expect(summary.rowsValid).toBe(readings.length);
          expect(summary.rowsValid + summary.badRows).toBe(summary.rowsRead);
          for (const r of readings)
            expect(Number.isFinite(r.value) && !Number.isNaN(r.recordedAt.getTime())).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(Uc03Error);
        }
      }),
    );
  });

  it('types a reading from an offset timestamp and keeps an empty unit as null', () => {
    const reader = new SensorCsvReader();
    const [reading] = [
      ...reader.push(`${HEADER}"s,2","2026-03-01 09:00:00+09:00","-2e3","temp",""\n`),
      ...reader.end(),
    ];
    expect(reading).toEqual({
      sensorId: 's,2',
      recordedAt: new Date('2026-03-01T00:00:00Z'),
      value: -2000,
      metricName: 'temp',
      unit: null,
      line: 2,
    });
  });
});
