import { describe, expect, it } from 'vitest';
import { aclRecordsTable, defineTable, glueDatabaseCfn, glueTableCfn, sensorReadingsTable } from '../src';
import { cfnProblems } from './cfn-schema';

// CloudFormation `Fn::Sub` and Serverless `${sls:…}` strings, not JS templates.
const ACL_LOCATION = ['s3://$', '{OutputBucket}/uc01/acl-data/'].join('');
const DATABASE_NAME = ['fsxn_uc01_$', '{sls:stage}'].join('');

describe('glueTableCfn', () => {
  it('describes an NDJSON table with the OpenX JSON SerDe and Hive column types', () => {
    const table = aclRecordsTable({ prefix: 'uc01/acl-data/' });

    const properties = glueTableCfn(table, {
      databaseRef: { Ref: 'AnalyticsDatabase' },
      locationUri: { 'Fn::Sub': ACL_LOCATION },
    });

    expect(properties).toEqual({
      CatalogId: { Ref: 'AWS::AccountId' },
      DatabaseName: { Ref: 'AnalyticsDatabase' },
      TableInput: {
        Name: 'acl_records',
        TableType: 'EXTERNAL_TABLE',
        Parameters: { EXTERNAL: 'TRUE', classification: 'json' },
        StorageDescriptor: {
          Columns: [
            { Name: 'object_key', Type: 'string' },
            { Name: 'volume_uuid', Type: 'string' },
            { Name: 'security_style', Type: 'string' },
            { Name: 'owner_sid', Type: 'string' },
            { Name: 'dacl_protected', Type: 'boolean' },
            {
              Name: 'acls',
              Type: 'array<struct<sid:string,name:string,type:string,permissions:string,inherited:boolean>>',
            },
            { Name: 'collected_at', Type: 'timestamp' },
          ],
          Location: { 'Fn::Sub': ACL_LOCATION },
          InputFormat: 'org.apache.hadoop.mapred.TextInputFormat',
          OutputFormat: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
          SerdeInfo: {
            SerializationLibrary: 'org.openx.data.jsonserde.JsonSerDe',
            Parameters: { 'serialization.format': '1' },
          },
        },
      },
    });
    expect(cfnProblems('AWS::Glue::Table', properties)).toEqual([]);
  });

  it('describes a Parquet table with the Parquet SerDe, input and output formats', () => {
    const properties = glueTableCfn(sensorReadingsTable({ prefix: 'uc03/parquet/' }), {
      databaseRef: 'fsxn_uc03',
      locationUri: 's3://bucket/uc03/parquet/',
    });

    expect(properties.TableInput.Parameters).toEqual({ EXTERNAL: 'TRUE', classification: 'parquet' });
    expect(properties.TableInput.StorageDescriptor).toMatchObject({
      Location: 's3://bucket/uc03/parquet/',
      InputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
      OutputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat',
      SerdeInfo: { SerializationLibrary: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe' },
    });
    expect(properties.TableInput.StorageDescriptor.Columns.map((c) => `${c.Name} ${c.Type}`)).toEqual([
      'sensor_id string',
      'metric_name string',
      'recorded_at timestamp',
      'value double',
      'unit string',
      'source_key string',
    ]);
    expect(cfnProblems('AWS::Glue::Table', properties)).toEqual([]);
  });

  it('puts partition keys in PartitionKeys and extra parameters (partition projection) in Parameters', () => {
    const table = defineTable({
      name: 'daily',
      format: 'parquet',
      location: { prefix: 'daily/' },
      columns: [{ name: 'v', type: 'double' }],
      partitionKeys: [{ name: 'dt', type: 'date' }],
    });

    const properties = glueTableCfn(table, {
      databaseRef: 'db',
      locationUri: 's3://b/daily/',
      parameters: {
        'projection.enabled': 'true',
        'projection.dt.type': 'date',
        'projection.dt.range': '2024-01-01,NOW',
        'projection.dt.format': 'yyyy-MM-dd',
      },
    });

    expect(properties.TableInput.PartitionKeys).toEqual([{ Name: 'dt', Type: 'date' }]);
    expect(properties.TableInput.StorageDescriptor.Columns).toEqual([{ Name: 'v', Type: 'double' }]);
    expect(properties.TableInput.Parameters).toMatchObject({ 'projection.enabled': 'true', classification: 'parquet' });
    expect(cfnProblems('AWS::Glue::Table', properties)).toEqual([]);
  });
});

describe('glueDatabaseCfn', () => {
  it('describes the database in the account catalog', () => {
    const properties = glueDatabaseCfn(DATABASE_NAME);

    expect(properties).toEqual({
      CatalogId: { Ref: 'AWS::AccountId' },
      DatabaseInput: { Name: DATABASE_NAME },
    });
    expect(cfnProblems('AWS::Glue::Database', properties)).toEqual([]);
  });

  it('is caught by the schema check when a property name is wrong', () => {
    expect(cfnProblems('AWS::Glue::Database', { CatalogId: 'x', DatabaseInput: { Nmae: 'typo' } })).toEqual([
      'AWS::Glue::Database.DatabaseInput.Nmae is not in the schema',
    ]);
  });
});
