import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { auditTrail, decide, listPending, reviewIdFor, SeparationOfDutiesError } from '@fsxn/human-review';
import { verifyChain } from '@fsxn/lineage';
import { localClientConfig, type RunEvent, type RunResult } from '@fsxn/local-stack';
import { withServiceStack } from '@fsxn/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  COHORT_VCF,
  type GenomicsSampleSet,
  generateFastq,
  generateVcf,
  SNPEFF_SITES,
  TRIO_VCF,
  writeGenomicsSamples,
} from '../samples';

const serviceDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = 'fsxn-output/uc07-genomics-pipeline/';
const SERVICE = 'uc07-genomics-pipeline';
const reviewer = { id: 'geneticist-1', roles: ['reviewer' as const] };
const approver = { id: 'lab-director', roles: ['approver' as const] };
const READS = 800;

interface Report {
  counts: { discovered: number; succeeded: number; failed: number; skipped: number };
  items: { key: string; status: string; reason?: string; outputs: string[]; metrics: Record<string, number> }[];
  successMetrics: { id: string; measured: number | null }[];
  analysis: {
    status: string;
    summaryKey?: string;
    qcSamples?: number;
    gcOutliers?: number;
    reason?: string;
    biomedicalEntities?: Record<string, unknown>;
  };
  reportKey: string;
}

/**
 * The deployed state machine on the local stack over generated FASTQ (plain, gzip), VCF (plain, BGZF) and
 * BAM files plus a malformed FASTQ, a truncated .fastq.gz and a CSV named .vcf. Every valid file really
 * pauses at the review gate; one is rejected.
 */
describe('UC7 pipeline on the local stack', () => {
  let dataDir = '';
  let samples: GenomicsSampleSet;
  const waiting: string[] = [];
  let result: RunResult;
  let report: Report;
  let releasedBeforeApproval: string[] = [];
  let sameIdentityError: unknown;
  let deps: Parameters<typeof decide>[0];
  let lineageTable = '';
  let logFile = '';
  const rejectedKey = 'genomics/variants/cohort.vcf';

  beforeAll(async () => {
    const stack = await withServiceStack(serviceDir, {
      retryDelayMs: 1,
      seed: async (dir) => {
        dataDir = dir;
        samples = await writeGenomicsSamples(dir, { reads: READS });
      },
    });
    deps = {
      db: DynamoDBDocumentClient.from(stack.dynamodb.client()),
      sfn: new SFNClient(localClientConfig(stack.info.endpoints.sfn)),
      tableName: stack.info.tables.ReviewTable ?? 'missing',
    };
    lineageTable = stack.info.tables.LineageTable ?? 'missing';
    logFile = stack.info.logFile;
    let gateReached: () => void = () => undefined;
    const allWaiting = new Promise<void>((resolve) => {
      gateReached = resolve;
    });
    const onEvent = (event: RunEvent) => {
      if (event.type !== 'waiting-for-task-token') return;
      waiting.push(event.name);
      if (waiting.length === samples.valid.length) gateReached();
    };
    const run = stack.run({ onEvent });
    await allWaiting;
    releasedBeforeApproval = (await readdir(join(dataDir, OUT), { recursive: true }).catch(() => [])).filter(
      (p) => /^(qc|variants|bam-headers|tables)\//.test(p) && p.endsWith('.json'),
    );

    for (const task of await listPending(deps, { useCaseId: SERVICE })) {
      if (task.object_key === rejectedKey) {
        await decide(deps, {
          reviewId: task.review_id,
          decision: 'rejected',
          actor: reviewer,
          comment: 'wrong sample sheet',
        });
        continue;
      }
      await decide(deps, { reviewId: task.review_id, decision: 'approved', actor: reviewer, comment: 'QC checked' });
      if (sameIdentityError === undefined) {
        sameIdentityError = await decide(deps, {
          reviewId: task.review_id,
          decision: 'approved',
          actor: { id: reviewer.id, roles: ['reviewer', 'approver'] },
        }).catch((error: unknown) => error);
      }
      await decide(deps, { reviewId: task.review_id, decision: 'approved', actor: approver, comment: 'release' });
    }
    result = await run;
    report = result.output as Report;
  });

  it('pauses every valid file at the review gate and releases nothing before approval', () => {
    expect(waiting).toHaveLength(samples.valid.length);
    expect(releasedBeforeApproval).toEqual([]);
  });

  it('refuses an approval by the identity that reviewed', () => {
    expect(sameIdentityError).toBeInstanceOf(SeparationOfDutiesError);
  });

  it('accounts for every file: approved ones succeed, bad and rejected ones fail with a reason', () => {
    expect(result.status).toBe('SUCCEEDED');
    const { counts } = report;
    expect(counts.discovered).toBe(samples.files);
    expect(counts.discovered).toBe(counts.succeeded + counts.failed + counts.skipped);
    expect(counts.succeeded).toBe(samples.valid.length - 1);
    const failures = Object.fromEntries(
      report.items.filter((i) => i.status === 'FAILED').map((i) => [i.key, i.reason]),
    );
    expect(failures[samples.malformed]).toBe(
      'FastqFormatError: 3 malformed records (limit 0): #2 (line 5): line 1 does not start with "@"; ' +
        '#4 (line 13): line 3 does not start with "+"; #6 (line 21): sequence length 10 differs from quality length 9',
    );
    expect(failures[samples.truncated]).toMatch(
      /^CompressionError: gzip stream is truncated: it ends inside a member after \d+ bytes; partial statistics discarded$/,
    );
    expect(failures[samples.notVcf]).toBe('VcfFormatError: not VCF: line 1 is not "##fileformat=VCFv4.x"');
    expect(failures[rejectedKey]).toBe('ReviewRejected: wrong sample sheet');
  });

  it('releases the BAM header it read, with references and read groups', async () => {
    const item = report.items.find((i) => i.key === 'genomics/aligned/sample-a.bam');
    expect(item?.status).toBe('SUCCEEDED');
    expect(item?.outputs).toEqual([`${OUT}bam-headers/genomics/aligned/sample-a.bam.header.json`]);
    const doc = JSON.parse(await readFile(join(dataDir, item?.outputs[0] ?? ''), 'utf8'));
    expect(doc.header.references.map((r: { name: string }) => r.name)).toEqual(['chr1', 'chr2', 'chrM']);
    expect(doc.header.text.readGroups).toEqual([
      { id: 'rg1', sample: 'sample-a', platform: 'ILLUMINA', library: 'lib1' },
    ]);
    expect(doc.header.eofMarker).toBe(true);
    // Header-only: at most the first 64 KiB window plus the 28-byte EOF check, whatever the file size.
    expect(item?.metrics.bytesRead).toBeLessThanOrEqual(64 * 1024 + 28);
  });

  it('releases statistics over every read, equal to what the generator wrote', async () => {
    const item = report.items.find((i) => i.key === 'genomics/run1/sample-b_R1.fastq.gz');
    expect(item?.outputs[0]).toBe(`${OUT}qc/genomics/run1/sample-b_R1.fastq.gz.qc.json`);
    const doc = JSON.parse(await readFile(join(dataDir, item?.outputs[0] ?? ''), 'utf8'));
    const { truth } = generateFastq({ reads: READS, seed: 2, gcFraction: 0.75 });
    expect(doc.stats.reads).toBe(truth.reads);
    expect(doc.stats.bases).toBe(truth.bases);
    expect(doc.stats.sampled).toBeNull();
    expect(doc.stream.compressed).toBe(true);
    expect(doc.stream.bytesDecoded).toBe(gunzipSync(await readFile(join(dataDir, item?.key ?? ''))).length);
    const staging = await readdir(join(dataDir, OUT, 'staging'), { recursive: true }).catch(() => []);
    // Released items leave staging; the rejected one stays there as the evidence the reviewer saw.
    expect(staging.filter((p) => p.endsWith('.json')).map((p) => p.replace(/^[^/]+\//, ''))).toEqual([
      `${rejectedKey}.variants.json`,
    ]);
  });

  it('queries the released rows with the same SQL as Athena (DuckDB locally) and writes a summary', async () => {
    expect(report.analysis).toMatchObject({ status: 'ANALYZED', qcSamples: 2, gcOutliers: 1 });
    const summary = JSON.parse(await readFile(join(dataDir, report.analysis.summaryKey ?? ''), 'utf8'));
    expect(summary.engine).toBe('duckdb');
    expect(summary.facts.gcOutliers).toEqual([
      expect.objectContaining({
        sample_id: 'sample-b_R1',
        direction: 'HIGH',
        file_key: 'genomics/run1/sample-b_R1.fastq.gz',
      }),
    ]);
    expect(summary.facts.variantSummary).toMatchObject({ files: 1 });
    expect(summary.summary.provider).toBe('local:extractive-summary');
    expect(summary.summary.text).toContain('sample-b_R1');
  });

  it('lists the genes, variants and diseases the released VCF annotates, and nothing from the rejected VCF', async () => {
    const summary = JSON.parse(await readFile(join(dataDir, report.analysis.summaryKey ?? ''), 'utf8'));
    const entities = summary.biomedicalEntities as Record<string, { name: string; mentions: number }[]> & {
      provider: string;
    };
    const names = (kind: string) => (entities[kind] ?? []).map((e) => e.name);
    // What the generator wrote into the approved trio.vcf.gz (SnpEff ANN + ClinVar CLNDN) ...
    const trio = generateVcf(TRIO_VCF).truth.annotations;
    // ... and into the rejected cohort.vcf (VEP CSQ), which must not reach the summary.
    const cohort = generateVcf(COHORT_VCF).truth.annotations;
    expect(entities.provider).toBe('local:medical-entity-rules');
    expect(names('genes').sort()).toEqual([...trio.genes].sort());
    expect(entities.genes?.find((g) => g.name === 'BRCA1')?.mentions).toBe(
      SNPEFF_SITES.filter((s) => s.gene === 'BRCA1').length,
    );
    expect(names('variants').sort()).toEqual([...trio.hgvs, ...trio.rsIds].sort());
    expect(
      names('diseases')
        .map((d) => d.toLowerCase())
        .sort(),
    ).toEqual(trio.conditions.map((c) => c.toLowerCase()).sort());
    expect(names('medications')).toEqual([]);
    for (const gene of cohort.genes) expect(names('genes')).not.toContain(gene);
    expect(summary.biomedicalEntities.source.vcfFiles).toEqual(['genomics/variants/trio.vcf.gz']);
    expect(report.analysis.biomedicalEntities).toEqual({
      provider: 'local:medical-entity-rules',
      diseases: trio.conditions.length,
      medications: 0,
      genes: trio.genes.length,
      variants: trio.hgvs.length + trio.rsIds.length,
      vcfFilesRead: 1,
    });
  });

  it('logs only counts of the summary: no entity, summary text or sample id reaches the log file', async () => {
    const log = await readFile(logFile, 'utf8');
    const records = log
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const written = records.find((r) => r.msg === 'analysis written');
    expect(written?.biomedicalEntities).toEqual(report.analysis.biomedicalEntities);
    const summary = JSON.parse(await readFile(join(dataDir, report.analysis.summaryKey ?? ''), 'utf8'));
    const listed = ['diseases', 'medications', 'genes', 'variants'].flatMap((kind) =>
      (summary.biomedicalEntities[kind] as { name: string }[]).map((e) => e.name),
    );
    expect(listed.length).toBeGreaterThan(10);
    const lowerLog = log.toLowerCase();
    for (const value of [...listed, summary.summary.text as string]) {
      expect(lowerLog).not.toContain(value.toLowerCase());
    }
    for (const row of summary.facts.gcOutliers as { sample_id: string }[]) {
      expect(JSON.stringify(written)).not.toContain(row.sample_id);
    }
  });

  it('measures the success metrics and keeps the audit trail and lineage chain', async () => {
    const measured = Object.fromEntries(report.successMetrics.map((m) => [m.id, m.measured]));
    expect(measured.reviewRate).toBe(1);
    expect(measured.qcPassRate).toBe(1);
    expect(measured.variantConcordance).toBeNull();
    expect(measured.failureRate).toBe(4 / samples.files);
    expect(await listPending(deps, { useCaseId: SERVICE })).toEqual([]);
    const approved = report.items.find((i) => i.status === 'SUCCEEDED');
    const trail = await auditTrail(deps, reviewIdFor(result.executionArn, approved?.key ?? ''));
    expect(trail.map((a) => [a.action, a.reviewer_id, a.review_decision])).toEqual([
      ['created', '', null],
      ['reviewed', 'geneticist-1', 'approved'],
      ['approved', 'lab-director', 'approved'],
    ]);
    const lineage = await verifyChain({ db: deps.db, tableName: lineageTable }, SERVICE);
    expect(lineage.ok).toBe(true);
    expect(lineage.checked).toBe(report.counts.succeeded + report.counts.failed);
  });
});
