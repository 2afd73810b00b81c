import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInference, detectEntitiesLocally, LOCAL_ENTITY_PROVIDER } from '@fsxn/inference';
import { describe, expect, it } from 'vitest';
import { financialSamples } from '../samples/documents';
import { collectFields, inspectDocument } from '../src/domain';
import { processDocument } from '../src/process-document';
import { localReader } from '../src/text-source';
import { hasPoppler } from './domain/independent-tools';

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();
const fieldsOf = (text: string) =>
  collectFields(detectEntitiesLocally(text).map((e) => ({ ...e, provider: LOCAL_ENTITY_PROVIDER })));
const values = (fields: ReturnType<typeof fieldsOf>) =>
  Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v.map((x: { value: string }) => x.value)]));

/**
 * poppler's pdftotext (Debian poppler-utils) reads the same sample PDFs: the text our pipeline gets and the
 * fields found in it must be the ones found in poppler's text.
 */
describe.skipIf(!hasPoppler())('text layer against pdftotext (poppler-utils)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'uc02-pdftotext-'));
  const ai = createInference({ mode: 'local' });
  const deps = {
    readText: localReader(ai.documentText),
    entities: ai.entities,
    textGeneration: ai.textGeneration,
    now: () => new Date('2024-06-01T00:00:00Z'),
  };

  for (const sample of financialSamples().filter((s) => s.key.endsWith('.pdf') && s.expect !== 'corrupt')) {
    it(`reads ${sample.key} as poppler does`, async () => {
      const path = join(dir, sample.key.replaceAll('/', '_'));
      writeFileSync(path, sample.bytes);
      const poppler = execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
      const outcome = await processDocument(sample.key, sample.bytes, deps);
      if (sample.expect === 'no-text') {
        expect(squash(poppler)).toBe('');
        expect(outcome.kind).toBe('skipped');
        return;
      }
      expect(outcome.kind).toBe('extracted');
      if (outcome.kind !== 'extracted') return;
      expect(squash(outcome.document.text.excerpt)).toBe(squash(poppler));
      expect(values(outcome.document.fields)).toEqual(values(fieldsOf(poppler)));
      expect(outcome.document.pageCount).toBe(inspectDocument(sample.bytes).pages);
    });
  }
});
