/**
 * Decode throughput of the FPolicy codec on SCREEN_REQ frames shaped like the SMB captures.
 * Run: `pnpm exec tsx packages/fpolicy/bench/decode.bench.ts`
 */
import { performance } from 'node:perf_hooks';
import { decodeMessage, encodeScreenRequest, FrameDecoder, toFileEvent } from '../src/index';

const FRAMES = 20_000;
const frames = Array.from({ length: FRAMES }, (_, i) =>
  encodeScreenRequest({
    reqId: i,
    reqType: i % 3 === 0 ? 'SMB_CREAT' : i % 3 === 1 ? 'SMB_OPEN' : 'SMB_REN',
    clientIp: '192.0.2.26',
    generationTimeMicros: 1698970793791282 + i,
    user: { uid: 0, winSid: 'S-1-5-21-1004336348-1177238915-682003330-1000' },
    fileOwner: { winSid: 'S-1-5-32-544' },
    path: `/projects/p${i % 97}/reports/file-${i}.docx`,
    targetPath: i % 3 === 2 ? `/projects/p${i % 97}/reports/final-${i}.docx` : undefined,
    volMsid: 2157674396,
    fileSize: 4096,
    numHardLinks: 1,
    isOffline: false,
    fileType: 'FILE',
    isSparse: false,
    isDense: false,
    displayPath: `\\\\SVM0\\share\\projects\\p${i % 97}\\reports\\file-${i}.docx`,
    protocolVersion: { major: 3, minor: 1 },
  }),
);
const stream = Buffer.concat(frames);

const run = (chunkSize: number): { ms: number; events: number } => {
  const start = performance.now();
  const decoder = new FrameDecoder();
  let events = 0;
  for (let offset = 0; offset < stream.length; offset += chunkSize) {
    for (const item of decoder.push(stream.subarray(offset, offset + chunkSize))) {
      if (!item.ok) throw item.error;
      const msg = decodeMessage(item.frame);
      if (msg.type === 'SCREEN_REQ') {
        toFileEvent(msg, { volumeName: 'vol1', svmName: 'svm0', sessionId: 's', sequence: events });
        events += 1;
      }
    }
  }
  return { ms: performance.now() - start, events };
};

run(64 * 1024); // warm-up
console.log(`| chunk | frames | MB | ms | frames/s | MB/s |\n|---:|---:|---:|---:|---:|---:|`);
for (const chunk of [1460, 64 * 1024]) {
  const { ms, events } = run(chunk);
  const mb = stream.length / 1e6;
  console.log(
    `| ${chunk} | ${events} | ${mb.toFixed(1)} | ${ms.toFixed(0)} | ${Math.round((events / ms) * 1000)} | ${((mb / ms) * 1000).toFixed(1)} |`,
  );
}
