import { createHash } from 'node:crypto';
import { TextDecoder } from 'node:util';
import { type ParquetRow, sensorReadingsTable, writeParquet } from '@fsxn/analytics';
import {
  CsvFormatError,
  DEFAULT_ANOMALY_K,
  MetricCollector,
  NoValidRowsError,
  SensorCsvReader,
  type SensorCsvSummary,
  type SensorReading,
  Uc03Error,
} from './domain';

/** Parquet columns, taken from the same table definition the Glue table and the DuckDB view use. */
export const SENSOR_COLUMNS = sensorReadingsTable({ prefix: 'parquet/' }).columns;

export interface TransformDeps {
  readonly sourceKey: string;
  /** Rows per Parquet part: the bound on readings held in memory at once. */
  readonly rowsPerPart: number;
  readonly k?: number;
  /** Writes part `index` and returns the key written. */
  readonly writePart: (index: number, bytes: Uint8Array) => Promise<string>;
  /** Deletes parts with an index ≥ `keep` left by an earlier, longer version of the file; returns how many. */
  readonly removePartsFrom: (keep: number) => Promise<number>;
}

export interface MetricSummary {
  readonly metricName: string;
  readonly count: number;
  readonly mean: number;
  readonly stddev: number | null;
  readonly anomalyCount: number;
  /** CSV line numbers of the first anomalous readings in this file (same rule as the SQL, within the file). */
  readonly anomalyLines: readonly number[];
}

export type TransformOutcome =
  | { kind: 'failed'; reason: string; bytesRead: number }
  | {
      kind: 'transformed';
      parts: string[];
      csv: SensorCsvSummary;
      metrics: MetricSummary[];
      bytesRead: number;
      inputSha256: string;
      removedStaleParts: number;
    };

const MAX_ANOMALY_LINES = 20;

const toRow = (reading: SensorReading, sourceKey: string): ParquetRow => ({
  sensor_id: reading.sensorId,
  metric_name: reading.metricName,
  recorded_at: reading.recordedAt,
  value: reading.value,
  unit: reading.unit,
  source_key: sourceKey,
});

/**
 * Sensor CSV → typed readings → Parquet parts of at most `rowsPerPart` rows, streaming: the text is decoded
 * and parsed chunk by chunk, so memory holds one part plus 12 bytes per reading for the statistics.
 * Bad rows are counted with their line numbers; the file fails only when no row is valid or the CSV as a
 * whole is unreadable, and then none of its parts stay in the table.
 */
export const transformSensorCsv = async (
  chunks: AsyncIterable<Uint8Array>,
  deps: TransformDeps,
): Promise<TransformOutcome> => {
  const reader = new SensorCsvReader();
  const collector = new MetricCollector();
  const hash = createHash('sha256');
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const parts: string[] = [];
  let batch: ParquetRow[] = [];
  let bytesRead = 0;

  const flush = async (all: boolean) => {
    while (batch.length >= deps.rowsPerPart || (all && batch.length > 0)) {
      const rows = batch.slice(0, deps.rowsPerPart);
      batch = batch.slice(rows.length);
      parts.push(await deps.writePart(parts.length, writeParquet(rows, SENSOR_COLUMNS)));
    }
  };
  const accept = async (readings: readonly SensorReading[]) => {
    for (const reading of readings) {
      collector.add(reading.metricName, reading.value, reading.line);
      batch.push(toRow(reading, deps.sourceKey));
    }
    await flush(false);
  };

  try {
    for await (const chunk of chunks) {
      bytesRead += chunk.length;
      hash.update(chunk);
      await accept(reader.push(decode(decoder, chunk, true)));
    }
    await accept(reader.push(decode(decoder, new Uint8Array(0), false)));
    await accept(reader.end());
    const csv = reader.summary();
    if (csv.rowsValid === 0) {
      const examples = csv.badRowDetails
        .slice(0, 3)
        .map((b) => `line ${b.line}: ${b.reason}`)
        .join('; ');
      throw new NoValidRowsError(
        csv.rowsRead === 0 ? 'header only, no data rows' : `0 of ${csv.rowsRead} rows valid (${examples})`,
      );
    }
    await flush(true);
    const removedStaleParts = await deps.removePartsFrom(parts.length);
    const metrics = collector.anomalies(deps.k ?? DEFAULT_ANOMALY_K).map((m) => ({
      metricName: m.metricName,
      count: m.count,
      mean: m.mean,
      stddev: m.stddev,
      anomalyCount: m.anomalyCount,
      anomalyLines: m.anomalies.slice(0, MAX_ANOMALY_LINES),
    }));
    return {
      kind: 'transformed',
      parts,
      csv,
      metrics,
      bytesRead,
      inputSha256: hash.digest('hex'),
      removedStaleParts,
    };
  } catch (error) {
    if (!(error instanceof Uc03Error)) throw error;
    // A failed file contributes nothing to the table, also not parts of an earlier version.
    await deps.removePartsFrom(0);
    return { kind: 'failed', reason: `${error.name}: ${error.message}`, bytesRead };
  }
};

const decode = (decoder: TextDecoder, bytes: Uint8Array, stream: boolean): string => {
  try {
    return decoder.decode(bytes, { stream });
  } catch (error) {
    throw new CsvFormatError('not UTF-8 text', { cause: error });
  }
};
