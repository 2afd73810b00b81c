import { AthenaClient } from '@aws-sdk/client-athena';
import { layoutMetadataTable, type TableDefinition } from '@fsxn/analytics';
import type { CommonConfig } from './config';
import { METADATA_FOLDER } from './outputs';

/** The `layout_metadata` table over the row files, as Glue declares it in AWS and DuckDB reads it locally. */
export const layoutTableOf = (config: CommonConfig): TableDefinition =>
  layoutMetadataTable({ prefix: `${config.ANALYTICS_BUCKET ? '' : config.OUTPUT_PREFIX}${METADATA_FOLDER}` });

export const athenaClient = () => new AthenaClient({});
