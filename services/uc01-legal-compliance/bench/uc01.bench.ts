/**
 * UC1 on the local stack: files/s through the whole deployed state machine (ONTAP volume lookup, listing,
 * two ONTAP file-security reads per file, one NDJSON record per file, four finding queries on DuckDB, report,
 * review gate approved by two identities) and S3 bytes per file. Prints a markdown table.
 *
 *   pnpm exec tsx services/uc01-legal-compliance/bench/uc01.bench.ts
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { decide, listPending } from '@fsxn/human-review';
import { localClientConfig, startServiceStack } from '@fsxn/local-stack';
import { seedSampleFileSecurity } from '../local';

const serviceDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const SIZES = [50, 200];

const runOnce = async (files: number) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'uc01-bench-'));
  const stateDir = await mkdtemp(join(tmpdir(), 'uc01-bench-state-'));
  for (let i = 0; i < files; i += 1) {
    const dir = join(dataDir, 'legal', `matter-${i % 10}`);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, `doc-${i}.pdf`), `document ${i}\n`);
  }
  const stack = await startServiceStack({ serviceDir, dataDir, stateRootDir: stateDir, notifier: () => undefined });
  try {
    if (!stack.ontap) throw new Error('no ONTAP simulator');
    seedSampleFileSecurity(stack.ontap.state);
    // One folder open to Everyone: a tenth of the files carry a CRITICAL finding, so the gate runs.
    stack.ontap.state.setFileSecurity('svm1', '/vol1/legal/matter-0', {
      control_flags: '0x8404',
      acls: [{ user: 'Everyone', access: 'access_allow', rights: 'full_control' }],
    });
    const deps = {
      db: DynamoDBDocumentClient.from(stack.dynamodb.client()),
      sfn: new SFNClient(localClientConfig(stack.info.endpoints.sfn)),
      tableName: stack.info.tables.ReviewTable ?? '',
    };
    const approvals: Promise<unknown>[] = [];
    stack.resetS3Stats();
    const started = performance.now();
    const result = await stack.run({
      onEvent: (event) => {
        if (event.type !== 'waiting-for-task-token') return;
        approvals.push(
          listPending(deps, { useCaseId: 'uc01-legal-compliance' }).then(async ([task]) => {
            const reviewId = task?.review_id ?? '';
            await decide(deps, {
              reviewId,
              decision: 'approved',
              actor: { id: 'bench-reviewer', roles: ['reviewer'] },
            });
            await decide(deps, {
              reviewId,
              decision: 'approved',
              actor: { id: 'bench-approver', roles: ['approver'] },
            });
          }),
        );
      },
    });
    await Promise.all(approvals);
    const seconds = (performance.now() - started) / 1000;
    if (result.status !== 'SUCCEEDED') throw new Error(`run ${result.status}: ${result.error} ${result.cause}`);
    const stats = stack.s3Stats();
    return {
      files,
      seconds,
      filesPerSecond: files / seconds,
      bytesSentPerFile: stats.bytesSent / files,
      bytesReceivedPerFile: stats.bytesReceived / files,
      getRequests: stats.requests.GetObject ?? 0,
    };
  } finally {
    await stack.stop();
    await rm(dataDir, { recursive: true, force: true });
    await rm(stateDir, { recursive: true, force: true });
  }
};

const rows: string[] = [];
for (const files of SIZES) {
  const r = await runOnce(files);
  rows.push(
    `| ${r.files} | ${r.seconds.toFixed(2)} s | ${r.filesPerSecond.toFixed(1)} | ${r.bytesSentPerFile.toFixed(0)} B | ${r.bytesReceivedPerFile.toFixed(0)} B | ${r.getRequests} |`,
  );
}
console.log('## uc01-legal-compliance\n');
console.log(
  '| files | wall time | files/s | S3 bytes served per file | S3 bytes written per file | GetObject requests |',
);
console.log('| ---: | ---: | ---: | ---: | ---: | ---: |');
for (const row of rows) console.log(row);
