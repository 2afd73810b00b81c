import { executionNameOf } from '@fsxn/pipeline';

/**
 * Where UC8 writes, relative to the output prefix (on the output access point, or in the analytics bucket
 * for the two tables). Keys follow the input key, so a re-run of a file replaces its rows instead of
 * adding a second copy to the tables.
 */
export const seismicMetadataKey = (key: string) => `metadata/${key}.json`;
export const wellLogSummaryKey = (key: string) => `well-logs/${key}.json`;

/** Table folders (Glue LOCATION / DuckDB view) under the output prefix. */
export const WELL_READINGS_DIR = 'analytics/well_readings/';
export const WELL_ANOMALIES_DIR = 'analytics/well_anomalies/';

/** DuckDB expands glob characters even in explicit file lists: keep them out of table file names. */
const tableFileName = (key: string) => `${key.replace(/[*?[\]{}]/g, '_')}.ndjson`;
export const wellReadingsKey = (key: string) => `${WELL_READINGS_DIR}${tableFileName(key)}`;
export const wellAnomaliesKey = (key: string) => `${WELL_ANOMALIES_DIR}${tableFileName(key)}`;

const datePath = (at: Date) => at.toISOString().slice(0, 10).replaceAll('-', '/');
export const analyticsResultKey = (executionArn: string, at: Date) =>
  `reports/analytics/${datePath(at)}/${executionNameOf(executionArn)}.json`;
export const reportKey = (executionArn: string, at: Date) =>
  `reports/${datePath(at)}/${executionNameOf(executionArn)}.json`;
export const complianceReportKey = (executionArn: string, at: Date) =>
  `reports/${datePath(at)}/${executionNameOf(executionArn)}-compliance.md`;
