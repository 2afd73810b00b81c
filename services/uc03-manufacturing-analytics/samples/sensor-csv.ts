import { seededRandom } from './random';

export interface SensorSampleOptions {
  readonly seed?: number;
  readonly sensors?: number;
  readonly readingsPerSensor?: number;
  /** Readings replaced by a value `outlierSigmas` standard deviations from the metric's baseline. */
  readonly outliers?: number;
  readonly outlierSigmas?: number;
  readonly start?: Date;
}

export interface SensorRow {
  readonly sensorId: string;
  readonly timestamp: string;
  readonly value: number;
  readonly metricName: string;
  readonly unit: string;
}

/** Metrics of a press line: baseline and spread as a plant would see them. */
const METRICS = [
  { name: 'temperature', unit: 'degC', mean: 72, sd: 1.5 },
  { name: 'vibration', unit: 'mm/s', mean: 4.2, sd: 0.3 },
  { name: 'pressure', unit: 'bar', mean: 180, sd: 4 },
] as const;

/** Readings with normal noise plus injected outliers, whose row indices are returned for the tests. */
export const generateSensorRows = (options: SensorSampleOptions = {}) => {
  const random = seededRandom(options.seed ?? 7);
  const sensors = options.sensors ?? 4;
  const perSensor = options.readingsPerSensor ?? 50;
  const start = (options.start ?? new Date('2026-03-01T00:00:00Z')).getTime();
  const rows: SensorRow[] = [];
  for (let s = 0; s < sensors; s++) {
    for (let i = 0; i < perSensor; i++) {
      for (const metric of METRICS) {
        rows.push({
          sensorId: `press-${String(s + 1).padStart(2, '0')}`,
          timestamp: new Date(start + i * 60_000 + s * 1000).toISOString(),
          value: Number((metric.mean + metric.sd * random.normal()).toFixed(4)),
          metricName: metric.name,
          unit: metric.unit,
        });
      }
    }
  }
  const outliers = new Set<number>();
  const wanted = Math.min(options.outliers ?? 3, rows.length);
  while (outliers.size < wanted) outliers.add(Math.floor(random.next() * rows.length));
  const sigmas = options.outlierSigmas ?? 12;
  for (const index of outliers) {
    const row = rows[index];
    const metric = METRICS.find((m) => m.name === row?.metricName);
    if (!row || !metric) continue;
    const sign = random.next() < 0.5 ? -1 : 1;
    rows[index] = { ...row, value: Number((metric.mean + sign * sigmas * metric.sd).toFixed(4)) };
  }
  return { rows, outlierIndices: [...outliers].sort((a, b) => a - b) };
};

const quote = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);

/** RFC 4180 text (CRLF) with the header `sensor_id,timestamp,value,metric_name,unit` and optional extra columns. */
export const toSensorCsv = (
  rows: readonly SensorRow[],
  extra: { readonly name: string; readonly valueOf: (row: SensorRow, index: number) => string } | undefined = undefined,
): string => {
  const header = ['sensor_id', 'timestamp', 'value', 'metric_name', 'unit', ...(extra ? [extra.name] : [])];
  const lines = [header.join(',')];
  rows.forEach((row, index) => {
    const cells = [row.sensorId, row.timestamp, String(row.value), row.metricName, row.unit];
    if (extra) cells.push(extra.valueOf(row, index));
    lines.push(cells.map(quote).join(','));
  });
  return `${lines.join('\r\n')}\r\n`;
};
