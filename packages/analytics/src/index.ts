export { type AthenaEngineOptions, createAthenaEngine } from './athena/athena-engine';
export { isTransientSdkError } from './athena/sdk-errors';
export { createDuckDbEngine, type DuckDbEngine, type DuckDbEngineOptions } from './duckdb/duckdb-engine';
export { listTableFiles } from './duckdb/table-files';
export { duckDbViewSql } from './duckdb/view-sql';
export { createEngineFromEnv, type EngineFromEnvDeps } from './engine/from-env';
export type { QueryResult, SqlEngine, SqlRow, SqlValue } from './engine/port';
export { AnalyticsError, AnalyticsQueryFailedError, AnalyticsTimeoutError } from './errors';
export { type CfnValue, type GlueTableCfnOptions, glueDatabaseCfn, glueTableCfn } from './glue/glue-cfn';
export { finiteOrNull } from './parquet/finite';
export { type ParquetCell, type ParquetRow, writeParquet } from './parquet/write-parquet';
export {
  aclRecordsTable,
  brokenInheritanceSql,
  orphanedSidsSql,
  overlyPermissiveAclsSql,
  staleAclRecordsSql,
} from './queries/uc1-acl-findings';
export { type SensorAnomaliesOptions, sensorAnomaliesSql, sensorReadingsTable } from './queries/uc3-sensor-anomalies';
export {
  cellCountStatsSql,
  type IqrOutliersOptions,
  iqrOutliersSql,
  layoutMetadataTable,
  namingViolationsSql,
} from './queries/uc6-eda-layout';
export {
  type GcBounds,
  gcOutliersSql,
  lowQualitySamplesSql,
  qcMetricsTable,
  qcSummarySql,
} from './queries/uc7-genomics-qc';
export {
  anomaliesBySensorSql,
  anomaliesByWellSql,
  anomalySummarySql,
  wellAnomaliesTable,
} from './queries/uc8-well-anomalies';
export {
  type ColumnType,
  parseColumnType,
  renderDuckDbType,
  renderHiveType,
  type ScalarType,
  type TypeNode,
} from './schema/column-type';
export {
  type ColumnDefinition,
  defineTable,
  type TableDefinition,
  type TableDefinitionInput,
  type TableFormat,
} from './schema/table';
export {
  type DialectFragments,
  type DialectInput,
  formatTimestamp,
  fragmentsOf,
  numberLiteral,
  type SqlDialect,
  sqlFor,
  stringLiteral,
  timestampLiteral,
} from './sql/dialect';
export type { TableRef } from './sql/parts';
