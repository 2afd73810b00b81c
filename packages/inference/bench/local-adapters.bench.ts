/**
 * Throughput of the offline adapters on generated inputs. Run: `pnpm exec tsx packages/inference/bench/local-adapters.bench.ts`
 */
import { deflateSync } from 'node:zlib';
import {
  detectEntitiesLocally,
  detectMedicalEntitiesLocally,
  detectPhiLocally,
  detectPiiLocally,
  extractPdfText,
  hashingEmbedding,
  summarize,
} from '../src/index';

const sentence =
  'Acme Widgets Inc. invoiced $1,234.56 on 2024-03-01 to jane.doe@example.com, card 4111 1111 1111 1111. ';
const text = sentence.repeat(1_000); // ≈ 100 KB, one Comprehend chunk
const clinicalSentence =
  'Her mother had breast cancer; BRCA1 NM_007294.4:c.68_69delAG (rs80386841) found, started olaparib 300 mg PO BID. ';
const clinicalText = clinicalSentence.repeat(900); // ≈ 100 KB

function pdfWithPages(pages: number): Uint8Array {
  const content = deflateSync(
    Buffer.from(
      Array.from(
        { length: 40 },
        (_, i) => `BT /F1 10 Tf 72 ${720 - i * 14} Td (Line ${i} of the page, invoice INV-${i}) Tj ET`,
      ).join('\n'),
      'latin1',
    ),
  );
  const objects: Buffer[] = [];
  const offsets: number[] = [];
  let length = 9;
  const add = (body: Buffer) => {
    offsets.push(length);
    objects.push(body);
    length += body.length;
  };
  add(Buffer.from(`1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n`));
  add(
    Buffer.from(
      `2 0 obj << /Type /Pages /Kids [${Array.from({ length: pages }, (_, i) => `${3 + i} 0 R`).join(' ')}] /Count ${pages} >> endobj\n`,
    ),
  );
  for (let i = 0; i < pages; i++)
    add(Buffer.from(`${3 + i} 0 obj << /Type /Page /Parent 2 0 R /Contents ${3 + pages} 0 R >> endobj\n`));
  add(
    Buffer.concat([
      Buffer.from(`${3 + pages} 0 obj << /Length ${content.length} /Filter /FlateDecode >> stream\n`),
      content,
      Buffer.from('\nendstream endobj\n'),
    ]),
  );
  return Buffer.concat([Buffer.from('%PDF-1.7\n'), ...objects, Buffer.from('trailer << /Root 1 0 R >>\n%%EOF\n')]);
}

function time(label: string, bytes: number, runs: number, fn: () => unknown): void {
  fn();
  const start = process.hrtime.bigint();
  for (let i = 0; i < runs; i++) fn();
  const ms = Number(process.hrtime.bigint() - start) / 1e6 / runs;
  const rate = bytes === 0 ? '' : `  ${(bytes / 1024 / 1024 / (ms / 1000)).toFixed(1).padStart(7)} MiB/s`;
  console.log(`${label.padEnd(34)} ${ms.toFixed(2).padStart(8)} ms/op${rate}`);
}

const pdf = pdfWithPages(100);
time('pdf text layer (100 pages)', 0, 20, () => extractPdfText(pdf));
time('entity rules (100 KB)', text.length, 10, () => detectEntitiesLocally(text));
time('pii rules (100 KB)', text.length, 10, () => detectPiiLocally(text));
time('phi rules (100 KB)', text.length, 10, () => detectPhiLocally(text));
time('medical entity rules (100 KB)', clinicalText.length, 10, () => detectMedicalEntitiesLocally(clinicalText));
time('extractive summary (100 KB)', text.length, 10, () => summarize(text));
time('hashing embedding (100 KB)', text.length, 10, () => hashingEmbedding(text));
