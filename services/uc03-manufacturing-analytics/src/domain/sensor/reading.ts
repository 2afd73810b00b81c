import type { CsvRecord } from '../csv/csv-parser';
import type { SensorSchema } from './schema';
import { parseDecimal, parseIsoTimestamp } from './values';

/** One typed sensor reading: a row of the Parquet table. */
export interface SensorReading {
  readonly sensorId: string;
  readonly recordedAt: Date;
  readonly value: number;
  readonly metricName: string;
  readonly unit: string | null;
  /** Physical CSV line the row starts on, for reports. */
  readonly line: number;
}

export type ReadingOutcome = { ok: true; reading: SensorReading } | { ok: false; reason: string };

const cell = (record: CsvRecord, index: number) => (record.fields[index] ?? '').trim();

/** Types one data record against the schema; a row that does not fit says why (it is counted, not fatal). */
export const toReading = (record: CsvRecord, schema: SensorSchema): ReadingOutcome => {
  if (record.malformed) return { ok: false, reason: `malformed CSV: ${record.malformed}` };
  if (record.fields.length !== schema.width) {
    return { ok: false, reason: `expected ${schema.width} fields, got ${record.fields.length}` };
  }
  const { columns } = schema;
  const sensorId = cell(record, columns.sensor_id);
  if (sensorId === '') return { ok: false, reason: 'empty sensor_id' };
  const metricName = cell(record, columns.metric_name);
  if (metricName === '') return { ok: false, reason: 'empty metric_name' };
  const timestampText = cell(record, columns.timestamp);
  const recordedAt = parseIsoTimestamp(timestampText);
  if (recordedAt === undefined) return { ok: false, reason: `timestamp ${quoteShort(timestampText)} is not ISO 8601` };
  const valueText = cell(record, columns.value);
  const value = parseDecimal(valueText);
  if (value === undefined) return { ok: false, reason: `value ${quoteShort(valueText)} is not a finite number` };
  const unitText = columns.unit === undefined ? '' : cell(record, columns.unit);
  return {
    ok: true,
    reading: { sensorId, recordedAt, value, metricName, unit: unitText === '' ? null : unitText, line: record.line },
  };
};

/** Bad values are echoed in reasons, cut short so a hostile cell cannot bloat the report. */
const quoteShort = (text: string) => JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
