import { CsvParser, type CsvParserOptions, type CsvRecord } from '../csv/csv-parser';
import { CsvFormatError } from '../errors';
import { type SensorReading, toReading } from './reading';
import { type ExtraColumn, inferSensorSchema, type SensorSchema } from './schema';
import { type InferredType, inferValueType } from './values';

export interface BadRow {
  readonly line: number;
  readonly reason: string;
}

export interface SensorCsvSummary {
  /** Data records seen (the header and blank lines excluded). */
  readonly rowsRead: number;
  readonly rowsValid: number;
  readonly badRows: number;
  /** The first `maxBadRowDetails` bad rows with their line numbers. */
  readonly badRowDetails: readonly BadRow[];
  readonly extraColumns: readonly { name: string; type: InferredType }[];
  readonly hasUnitColumn: boolean;
}

export interface SensorCsvReaderOptions extends CsvParserOptions {
  readonly maxBadRowDetails?: number;
  /** Values of each extra column kept to infer its type (the first ones of the file). */
  readonly typeSampleSize?: number;
}

/**
 * Streams a sensor CSV: text chunks in, typed readings out. The first record is the header (schema
 * inference); every later record becomes a reading or a counted bad row with its line number.
 */
export class SensorCsvReader {
  private readonly parser: CsvParser;
  private schema: SensorSchema | undefined;
  private rowsRead = 0;
  private rowsValid = 0;
  private badRows = 0;
  private readonly badRowDetails: BadRow[] = [];
  private readonly samples = new Map<ExtraColumn, string[]>();
  private readonly maxBadRowDetails: number;
  private readonly typeSampleSize: number;

  constructor(options: SensorCsvReaderOptions = {}) {
    this.parser = new CsvParser(options);
    this.maxBadRowDetails = options.maxBadRowDetails ?? 50;
    this.typeSampleSize = options.typeSampleSize ?? 1000;
  }

  push(text: string): SensorReading[] {
    return this.accept(this.parser.push(text));
  }

  /** The readings of a last line without a line break; throws CsvFormatError when the file had no header. */
  end(): SensorReading[] {
    const readings = this.accept(this.parser.end());
    if (this.schema === undefined) throw new CsvFormatError('no header row (empty file)');
    return readings;
  }

  summary(): SensorCsvSummary {
    return {
      rowsRead: this.rowsRead,
      rowsValid: this.rowsValid,
      badRows: this.badRows,
      badRowDetails: [...this.badRowDetails],
      extraColumns: [...this.samples].map(([column, values]) => ({ name: column.name, type: inferValueType(values) })),
      hasUnitColumn: this.schema?.columns.unit !== undefined,
    };
  }

  private accept(records: readonly CsvRecord[]): SensorReading[] {
    const readings: SensorReading[] = [];
    for (const record of records) {
      if (this.schema === undefined) {
        if (record.malformed) throw new CsvFormatError(`header on line ${record.line}: ${record.malformed}`);
        this.schema = inferSensorSchema(record.fields);
        for (const extra of this.schema.extras) this.samples.set(extra, []);
        continue;
      }
      this.rowsRead += 1;
      this.sampleExtras(record);
      const outcome = toReading(record, this.schema);
      if (outcome.ok) {
        this.rowsValid += 1;
        readings.push(outcome.reading);
      } else {
        this.badRows += 1;
        if (this.badRowDetails.length < this.maxBadRowDetails) {
          this.badRowDetails.push({ line: record.line, reason: outcome.reason });
        }
      }
    }
    return readings;
  }

  private sampleExtras(record: CsvRecord) {
    for (const [column, values] of this.samples) {
      const value = record.fields[column.index];
      if (value !== undefined && values.length < this.typeSampleSize) values.push(value);
    }
  }
}
