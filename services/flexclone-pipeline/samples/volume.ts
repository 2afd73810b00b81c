import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { SampleSummary } from '@fsxn/local-stack';
import { samplePdf, samplePng } from '@fsxn/testing';

/** Files with known leading bytes, so the metadata mode's type detection has something to find. */
const SAMPLES: ReadonlyArray<{ path: string; bytes: () => Buffer }> = [
  { path: 'projects/a/report.pdf', bytes: () => samplePdf(['Quarterly report', 'FlexClone sample']) },
  { path: 'projects/a/scan.png', bytes: () => samplePng() },
  { path: 'projects/b/notes.txt', bytes: () => Buffer.from('line one\nline two\n'.repeat(200)) },
  { path: 'projects/b/data.bin', bytes: () => Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 31) % 256)) },
  { path: 'projects/b/empty.log', bytes: () => Buffer.alloc(0) },
];

/** Writes a small volume (a few directories, mixed types, one empty file) into `dir`. */
export const writeSampleVolume = async (dir: string): Promise<SampleSummary> => {
  let bytes = 0;
  for (const sample of SAMPLES) {
    const data = sample.bytes();
    await mkdir(dirname(join(dir, sample.path)), { recursive: true });
    await writeFile(join(dir, sample.path), data);
    bytes += data.length;
  }
  return { files: SAMPLES.length, bytes, kinds: { pdf: 1, png: 1, text: 1, binary: 1, empty: 1 } };
};

export const SAMPLE_FILES = SAMPLES.map((s) => s.path);
