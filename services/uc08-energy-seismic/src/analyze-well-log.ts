import { formatTimestamp } from '@fsxn/analytics';
import { analyzeLog, type LogAnalysis, parseCsvLog, parseLas, SeismicError, type WellLog } from './domain';

export interface ReadingRow {
  well_id: string;
  file_key: string;
  curve: string;
  depth: number;
  value: number;
}

export interface AnomalyRow {
  well_id: string;
  file_key: string;
  sensor: string;
  depth: number;
  value: number;
  threshold: number;
  std_deviations: number;
  detected_at: string;
}

export interface WellLogSummary {
  sourceKey: string;
  wellId: string;
  format: WellLog['format'];
  version?: string;
  wrapped: boolean;
  nullValue?: number;
  declared: WellLog['declared'];
  well: WellLog['well'];
  parameters: WellLog['parameters'];
  analysis: LogAnalysis;
}

export type WellLogOutcome =
  | { kind: 'analyzed'; summary: WellLogSummary; readings: ReadingRow[]; anomalies: AnomalyRow[] }
  | { kind: 'failed'; reason: string };

const stemOf = (key: string) => {
  const name = key.slice(key.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
};

/** LAS (well name from ~W WELL, else UWI) or CSV (file name) → statistics, anomalies and table rows. */
export const analyzeWellLog = (key: string, bytes: Uint8Array, options: { k: number; now: Date }): WellLogOutcome => {
  const text = new TextDecoder('latin1').decode(bytes);
  let log: WellLog;
  try {
    log = key.toLowerCase().endsWith('.csv') ? parseCsvLog(text) : parseLas(text);
  } catch (error) {
    if (error instanceof SeismicError) return { kind: 'failed', reason: `${error.name}: ${error.message}` };
    throw error;
  }
  const wellId = log.wellName || log.uwi || stemOf(key);
  const analysis = analyzeLog(log, options.k);
  const depth = log.columns[0] ?? new Float64Array();
  const readings: ReadingRow[] = [];
  for (let c = 1; c < log.curves.length; c++) {
    const column = log.columns[c];
    const curve = log.curves[c]?.mnemonic ?? '';
    column?.forEach((value, row) => {
      const at = depth[row];
      if (Number.isFinite(value) && at !== undefined && Number.isFinite(at)) {
        readings.push({ well_id: wellId, file_key: key, curve, depth: at, value });
      }
    });
  }
  const detectedAt = formatTimestamp(options.now);
  const anomalies = analysis.anomalies.map((a) => ({
    well_id: wellId,
    file_key: key,
    sensor: a.curve,
    depth: a.depth,
    value: a.value,
    threshold: a.threshold,
    std_deviations: a.stdDeviations,
    detected_at: detectedAt,
  }));
  return {
    kind: 'analyzed',
    summary: {
      sourceKey: key,
      wellId,
      format: log.format,
      ...(log.version === undefined ? {} : { version: log.version }),
      wrapped: log.wrapped,
      ...(log.nullValue === undefined ? {} : { nullValue: log.nullValue }),
      declared: log.declared,
      well: log.well,
      parameters: log.parameters,
      analysis,
    },
    readings,
    anomalies,
  };
};

export const toNdjson = (rows: readonly object[]): string =>
  rows.map((r) => JSON.stringify(r)).join('\n') + (rows.length ? '\n' : '');
