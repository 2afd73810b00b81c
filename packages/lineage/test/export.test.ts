import { createHash } from 'node:crypto';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { checkResourceProperties, loadAwsServiceSpecSource, type ResourceSchemaSource } from '@fsxn/ci-checks';
import { createTableFromCfn, type LocalDynamoDb, startDynamoDb } from '@fsxn/local-stack';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  exportChain,
  exportKey,
  type LineageDeps,
  LineageExportError,
  lineageExportBucketCfn,
  lineageTableCfn,
  parseNdjson,
  readHead,
  recordLineage,
  verify,
} from '../src';
import { steppingClock } from './chain-fixtures';

let ddb: LocalDynamoDb;
let deps: LineageDeps;
const exportedAt = new Date('2026-05-22T03:04:05.678Z');

beforeAll(async () => {
  ddb = await startDynamoDb();
  const client = ddb.client();
  await createTableFromCfn(client, 'lineage-export', lineageTableCfn());
  deps = {
    db: DynamoDBDocumentClient.from(client),
    tableName: 'lineage-export',
    now: steppingClock('2026-05-21T00:00:00.000Z', 1000),
  };
  for (let i = 0; i < 4; i += 1) {
    await recordLineage(deps, {
      source_file_key: `dicom/scan-${i}.dcm`,
      step_functions_execution_arn: 'arn:aws:states:us-east-1:123456789012:execution:uc05:run',
      uc_id: 'uc05-healthcare-dicom',
      output_keys: [`anonymized/scan-${i}.json`],
      status: 'success',
      duration_ms: 10 + i,
      metadata: { note: 'ü "quoted"' },
    });
  }
});
afterAll(async () => ddb.stop());

describe('exportKey', () => {
  it('partitions by UTC date under an optional prefix', () => {
    expect(exportKey(exportedAt)).toBe('lineage/year=2026/month=05/day=22/export-20260522T030405678Z.jsonl');
    expect(exportKey(exportedAt, 'audit')).toBe(
      'audit/lineage/year=2026/month=05/day=22/export-20260522T030405678Z.jsonl',
    );
    expect(exportKey(exportedAt, 'audit/')).toBe(
      'audit/lineage/year=2026/month=05/day=22/export-20260522T030405678Z.jsonl',
    );
  });
});

describe('exportChain', () => {
  it('puts NDJSON under Object Lock COMPLIANCE with a 7-year retention and a matching SHA-256 checksum', async () => {
    const s3 = mockClient(S3Client);
    s3.on(PutObjectCommand).resolves({});
    const result = await exportChain({ ...deps, now: () => exportedAt }, 'uc05-healthcare-dicom', {
      s3: new S3Client({ region: 'us-east-1' }),
      bucket: 'lineage-archive',
      prefix: 'audit',
    });

    const calls = s3.commandCalls(PutObjectCommand);
    expect(calls).toHaveLength(1);
    const request = calls[0]?.args[0].input;
    expect(request).toMatchObject({
      Bucket: 'lineage-archive',
      Key: 'audit/lineage/year=2026/month=05/day=22/export-20260522T030405678Z.jsonl',
      ObjectLockMode: 'COMPLIANCE',
      ObjectLockRetainUntilDate: new Date('2033-05-22T03:04:05.678Z'),
      ChecksumAlgorithm: 'SHA256',
      IfNoneMatch: '*',
      ContentType: 'application/x-ndjson',
      Metadata: { 'uc-id': 'uc05-healthcare-dicom', 'record-count': '4', 'first-sequence': '1', 'last-sequence': '4' },
    });
    const body = String(request?.Body);
    expect(request?.ChecksumSHA256).toBe(createHash('sha256').update(Buffer.from(body, 'utf8')).digest('base64'));
    expect(result).toMatchObject({ records: 4, firstSequence: 1, lastSequence: 4, key: request?.Key });

    // The archive verifies on its own: every line re-hashes, and it ends where the head says.
    const lines = parseNdjson(body);
    expect(lines.map((l) => l.source_file_key)).toEqual([0, 1, 2, 3].map((i) => `dicom/scan-${i}.dcm`));
    const head = await readHead(deps, 'uc05-healthcare-dicom');
    await expect(verify(lines, { head })).resolves.toMatchObject({ ok: true, checked: 4 });
    const swapped = [lines[1], lines[0], ...lines.slice(2)].filter((l) => l !== undefined);
    expect((await verify(swapped, { head })).problems.map((p) => p.kind)).toEqual(['reordered']);
  });

  it('exports from a sequence onward with the retention of the chosen profile', async () => {
    const s3 = mockClient(S3Client);
    s3.on(PutObjectCommand).resolves({});
    const result = await exportChain({ ...deps, now: () => exportedAt }, 'uc05-healthcare-dicom', {
      s3: new S3Client({ region: 'us-east-1' }),
      bucket: 'lineage-archive',
      fromSequence: 3,
      retentionProfile: 'standard-365d',
    });
    const request = s3.commandCalls(PutObjectCommand)[0]?.args[0].input;
    expect(parseNdjson(String(request?.Body)).map((l) => l.sequence)).toEqual([3, 4]);
    expect(request?.ObjectLockRetainUntilDate).toEqual(new Date('2027-05-22T03:04:05.678Z'));
    expect(result.retainUntil).toEqual(new Date('2027-05-22T03:04:05.678Z'));
  });

  it('wraps an S3 failure in a transient export error', async () => {
    const s3 = mockClient(S3Client);
    s3.on(PutObjectCommand).rejects(new Error('PreconditionFailed'));
    const failure = exportChain(deps, 'uc05-healthcare-dicom', {
      s3: new S3Client({ region: 'us-east-1' }),
      bucket: 'b',
    });
    await expect(failure).rejects.toBeInstanceOf(LineageExportError);
    await expect(failure).rejects.toMatchObject({ transient: true });
  });
});

describe('CloudFormation snippets', () => {
  let schemas: ResourceSchemaSource;
  beforeAll(() => {
    schemas = loadAwsServiceSpecSource();
  });

  it('describes an Object Lock bucket the S3 schema accepts', () => {
    const props = lineageExportBucketCfn({ bucketName: 'lineage-archive' });
    expect(checkResourceProperties('AWS::S3::Bucket', props, schemas)).toEqual([]);
    expect(props.ObjectLockEnabled).toBe(true);
    expect(props.ObjectLockConfiguration.Rule.DefaultRetention).toEqual({ Mode: 'COMPLIANCE', Years: 7 });
    expect(props.VersioningConfiguration.Status).toBe('Enabled');
  });

  it('describes the lineage table the DynamoDB schema accepts, with TTL on ttl', () => {
    const props = lineageTableCfn({ tableName: 'fsxn-s3ap-data-lineage' });
    expect(checkResourceProperties('AWS::DynamoDB::Table', props, schemas)).toEqual([]);
    expect(props.TimeToLiveSpecification).toEqual({ AttributeName: 'ttl', Enabled: true });
    expect(props.KeySchema.map((k) => k.AttributeName)).toEqual(['source_file_key', 'processing_timestamp']);
  });

  it('finds a misspelled property (the checker itself can fail)', () => {
    const findings = checkResourceProperties('AWS::S3::Bucket', { ObjectLockEnable: true }, schemas);
    expect(findings.map((f) => `${f.path}: ${f.message}`)).toEqual([
      'Properties.ObjectLockEnable: AWS::S3::Bucket has no property ObjectLockEnable',
    ]);
  });
});
