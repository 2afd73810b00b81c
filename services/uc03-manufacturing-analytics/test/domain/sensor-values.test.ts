import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  inferSensorSchema,
  inferValueType,
  parseDecimal,
  parseIsoTimestamp,
  SensorSchemaError,
} from '../../src/domain';

describe('parseIsoTimestamp', () => {
  it('reads UTC, offset and zone-less forms to the same instant', () => {
    const expected = Date.UTC(2026, 2, 1, 8, 30, 15, 250);
    for (const text of [
      '2026-03-01T08:30:15.250Z',
      '2026-03-01 08:30:15.250',
      '2026-03-01T17:30:15.25+09:00',
      '2026-03-01T03:30:15.250-0500',
      '2026-03-01t08:30:15.250z',
    ]) {
      expect(parseIsoTimestamp(text)?.getTime(), text).toBe(expected);
    }
    expect(parseIsoTimestamp('2026-03-01T08:30')?.getTime()).toBe(Date.UTC(2026, 2, 1, 8, 30));
  });

  it('rejects dates that do not exist and text that is not ISO 8601', () => {
    for (const text of [
      '2026-02-29T00:00:00Z',
      '2026-13-01T00:00Z',
      '2026-01-01T24:00Z',
      '01/03/2026 08:00',
      '',
      'now',
    ]) {
      expect(parseIsoTimestamp(text), text).toBeUndefined();
    }
    expect(parseIsoTimestamp('2024-02-29T00:00:00Z')?.toISOString()).toBe('2024-02-29T00:00:00.000Z');
  });

  it('agrees with Date.parse on every ISO string Date itself writes', () => {
    const instant = fc.date({
      min: new Date('1000-01-01T00:00:00Z'),
      max: new Date('9999-12-31T23:59:59Z'),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(instant, (date) => {
        expect(parseIsoTimestamp(date.toISOString())?.getTime()).toBe(date.getTime());
      }),
    );
  });
});

describe('parseDecimal', () => {
  it('reads back every finite double from its JavaScript spelling', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => {
        expect(parseDecimal(String(value)) === value).toBe(true);
      }),
    );
  });

  it('refuses NaN, infinities, thousands separators and hex', () => {
    for (const text of ['NaN', 'Infinity', '-Infinity', '1,5', '0x10', '', '1e999', '--1']) {
      expect(parseDecimal(text), text).toBeUndefined();
    }
    expect(parseDecimal(' -.5e2 ')).toBe(-50);
  });
});

describe('inferSensorSchema', () => {
  it('maps header spellings onto the sensor fields and keeps other columns as extras', () => {
    const schema = inferSensorSchema(['Sensor ID', 'Time', 'Reading', 'Metric', 'Operator Note']);
    expect(schema.columns).toEqual({ sensor_id: 0, timestamp: 1, value: 2, metric_name: 3 });
    expect(schema.extras).toEqual([{ name: 'Operator Note', index: 4 }]);
  });

  it('names every missing column and refuses two columns for one field', () => {
    expect(() => inferSensorSchema(['sensor_id', 'metric_name'])).toThrow(
      new SensorSchemaError('header lacks timestamp, value (found: "sensor_id", "metric_name")'),
    );
    expect(() => inferSensorSchema(['sensor_id', 'sensor', 'timestamp', 'value', 'metric'])).toThrow(SensorSchemaError);
    expect(() => inferSensorSchema(['a', 'A', 'sensor_id', 'timestamp', 'value', 'metric'])).toThrow(/appears twice/);
  });
});

describe('inferValueType', () => {
  it('picks the narrowest type all non-empty values fit', () => {
    expect(inferValueType(['1', '', '2.5e3'])).toBe('double');
    expect(inferValueType(['2026-03-01T00:00:00Z', ''])).toBe('timestamp');
    expect(inferValueType(['true', 'FALSE'])).toBe('boolean');
    expect(inferValueType(['1', 'x'])).toBe('string');
    expect(inferValueType(['', ' '])).toBe('empty');
  });
});
