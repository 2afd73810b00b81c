import { renderHiveType } from '../schema/column-type';
import type { ResolvedColumn, TableDefinition } from '../schema/table';

/** A literal or a CloudFormation intrinsic such as `{ Ref: 'AnalyticsDatabase' }` or `{ 'Fn::Sub': … }`. */
export type CfnValue = string | { readonly [intrinsic: string]: unknown };

export interface GlueTableCfnOptions {
  /** Name of the Glue database (usually `{ Ref: '<database logical id>' }`). */
  readonly databaseRef: CfnValue;
  /** Full `s3://…/` URI of the table's folder, e.g. `{ 'Fn::Sub': 's3://${OutputBucket}/fsxn-output/uc03/parquet/' }`. */
  readonly locationUri: CfnValue;
  /** Extra table parameters, e.g. partition projection (`projection.enabled`, `projection.<key>.type`, …). */
  readonly parameters?: Readonly<Record<string, string>>;
}

const STORAGE = {
  ndjson: {
    classification: 'json',
    InputFormat: 'org.apache.hadoop.mapred.TextInputFormat',
    OutputFormat: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
    SerializationLibrary: 'org.openx.data.jsonserde.JsonSerDe',
  },
  parquet: {
    classification: 'parquet',
    InputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
    OutputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat',
    SerializationLibrary: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe',
  },
} as const;

const glueColumn = (column: ResolvedColumn) => ({ Name: column.name, Type: renderHiveType(column.node) });

/** Properties of the `AWS::Glue::Table` over the table's files (external table, no crawler needed). */
export const glueTableCfn = (table: TableDefinition, options: GlueTableCfnOptions) => {
  const storage = STORAGE[table.format];
  return {
    CatalogId: { Ref: 'AWS::AccountId' },
    DatabaseName: options.databaseRef,
    TableInput: {
      Name: table.name,
      TableType: 'EXTERNAL_TABLE',
      Parameters: { EXTERNAL: 'TRUE', classification: storage.classification, ...options.parameters },
      ...(table.partitionKeys.length > 0 ? { PartitionKeys: table.partitionKeys.map(glueColumn) } : {}),
      StorageDescriptor: {
        Columns: table.columns.map(glueColumn),
        Location: options.locationUri,
        InputFormat: storage.InputFormat,
        OutputFormat: storage.OutputFormat,
        SerdeInfo: { SerializationLibrary: storage.SerializationLibrary, Parameters: { 'serialization.format': '1' } },
      },
    },
  };
};

/** Properties of the `AWS::Glue::Database` the tables live in. */
export const glueDatabaseCfn = (name: CfnValue) => ({
  CatalogId: { Ref: 'AWS::AccountId' },
  DatabaseInput: { Name: name },
});
