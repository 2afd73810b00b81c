import { SensorSchemaError } from '../errors';

/** The columns a sensor reading is built from; `unit` may be absent from a file. */
export const SENSOR_FIELDS = ['sensor_id', 'timestamp', 'value', 'metric_name', 'unit'] as const;
export type SensorField = (typeof SENSOR_FIELDS)[number];
const REQUIRED: readonly SensorField[] = ['sensor_id', 'timestamp', 'value', 'metric_name'];

/** Header spellings seen in plant exports, after normalisation (lower case, spaces and dashes as `_`). */
const ALIASES: Record<string, SensorField> = {
  sensor_id: 'sensor_id',
  sensor: 'sensor_id',
  sensorid: 'sensor_id',
  device_id: 'sensor_id',
  timestamp: 'timestamp',
  time: 'timestamp',
  datetime: 'timestamp',
  recorded_at: 'timestamp',
  value: 'value',
  reading: 'value',
  metric_name: 'metric_name',
  metric: 'metric_name',
  metricname: 'metric_name',
  unit: 'unit',
  units: 'unit',
};

export interface ExtraColumn {
  readonly name: string;
  readonly index: number;
}

export interface SensorSchema {
  /** Column index of each sensor field; `unit` is undefined when the file has none. */
  readonly columns: Readonly<Record<Exclude<SensorField, 'unit'>, number>> & { readonly unit?: number };
  /** Columns that are not part of the sensor schema: reported with their inferred type, not written. */
  readonly extras: readonly ExtraColumn[];
  readonly width: number;
}

export const normaliseHeader = (name: string): string =>
  name
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

/** Maps a header row onto the sensor fields; throws SensorSchemaError naming what is missing or doubled. */
export const inferSensorSchema = (header: readonly string[]): SensorSchema => {
  const found = new Map<SensorField, number>();
  const extras: ExtraColumn[] = [];
  const seen = new Set<string>();
  header.forEach((raw, index) => {
    const name = normaliseHeader(raw);
    if (name !== '' && seen.has(name)) throw new SensorSchemaError(`column ${JSON.stringify(raw)} appears twice`);
    seen.add(name);
    const field = ALIASES[name];
    if (field === undefined) {
      extras.push({ name: raw.trim() || `column_${index + 1}`, index });
      return;
    }
    const earlier = found.get(field);
    if (earlier !== undefined) {
      throw new SensorSchemaError(
        `columns ${JSON.stringify(header[earlier])} and ${JSON.stringify(raw)} both map to ${field}`,
      );
    }
    found.set(field, index);
  });
  const missing = REQUIRED.filter((f) => !found.has(f));
  if (missing.length > 0) {
    throw new SensorSchemaError(
      `header lacks ${missing.join(', ')} (found: ${header.map((h) => JSON.stringify(h)).join(', ')})`,
    );
  }
  const at = (field: SensorField) => found.get(field) ?? -1;
  const unit = found.get('unit');
  return {
    columns: {
      sensor_id: at('sensor_id'),
      timestamp: at('timestamp'),
      value: at('value'),
      metric_name: at('metric_name'),
      ...(unit === undefined ? {} : { unit }),
    },
    extras,
    width: header.length,
  };
};
