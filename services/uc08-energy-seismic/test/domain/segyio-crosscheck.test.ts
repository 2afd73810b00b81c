import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_FILES } from '../../samples';
import { inspectSegy, SegyFormatError } from '../../src/domain';
import { memoryReader } from './helpers';

/** Debian's python3-segyio installs into the system interpreter, which may not be the first python3. */
const python = ['python3', '/usr/bin/python3'].find((c) => spawnSync(c, ['-c', 'import segyio']).status === 0);
const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'segyio_dump.py');

interface SegyioView {
  error?: string;
  endian: 'big' | 'little';
  traceCount: number;
  samples: number;
  format: number;
  interval: number;
  revision: number;
  extHeaders: number;
  text: string;
  traces: {
    index: number;
    inline: number;
    crossline: number;
    cdpX: number;
    cdpY: number;
    scalar: number;
    samples: number;
    data: number[];
  }[];
}

if (python === undefined) {
  console.warn('segyio cross-check skipped: `python3 -c "import segyio"` fails (apt-get install python3-segyio)');
}

describe.skipIf(python === undefined)('independent check with segyio on the generated SEG-Y files', () => {
  const files = Object.entries(SAMPLE_FILES()).filter(
    ([path]) => /\.(segy|sgy)$/.test(path) && !path.includes('not-segy'),
  );
  let dir = '';
  const views = new Map<string, SegyioView>();
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'uc08-segyio-'));
    for (const [path, content] of files) {
      const target = join(dir, path.replaceAll('/', '_'));
      await writeFile(target, content);
      // One process per file: segyio aborts the interpreter on some damaged inputs.
      const run = spawnSync(python ?? 'python3', [SCRIPT, target], { encoding: 'utf8' });
      views.set(path, run.status === 0 ? JSON.parse(run.stdout) : { error: run.stderr || `exit ${run.status}` });
    }
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('agrees on byte order, format, samples, interval, extended headers and trace count of the valid files', async () => {
    for (const path of ['seismic/north-field-rev1-ibm.sgy', 'seismic/south-block-rev2-ieee-le.segy']) {
      const view = views.get(path);
      const bytes = new Uint8Array(await readFile(join(dir, path.replaceAll('/', '_'))));
      const mine = await inspectSegy(memoryReader(bytes), { sampledTraces: 3, maxSamplesPerTrace: 50 });
      expect(view?.error).toBeUndefined();
      expect(mine.binaryHeader.endianness).toBe(view?.endian);
      expect(mine.binaryHeader.formatCode).toBe(view?.format);
      expect(mine.binaryHeader.samplesPerTrace).toBe(view?.samples);
      expect(mine.binaryHeader.sampleInterval).toBe(view?.interval);
      expect(mine.binaryHeader.extendedTextHeaders).toBe(view?.extHeaders);
      expect(mine.layout.traceCount).toBe(view?.traceCount);
      // segyio reads bytes 3501-3502 as one 16-bit field in the file's byte order.
      const { major, minor } = mine.binaryHeader.revision;
      expect(view?.endian === 'big' ? (major << 8) | minor : (minor << 8) | major).toBe(view?.revision);
    }
  });

  it('decodes the same trace headers (raw coordinates, scalar) and the same IBM / IEEE samples', async () => {
    for (const path of ['seismic/north-field-rev1-ibm.sgy', 'seismic/south-block-rev2-ieee-le.segy']) {
      const view = views.get(path);
      const bytes = new Uint8Array(await readFile(join(dir, path.replaceAll('/', '_'))));
      const mine = await inspectSegy(memoryReader(bytes), { sampledTraces: 3, maxSamplesPerTrace: 50 });
      expect(mine.sampledTraces.map((t) => t.index)).toEqual(view?.traces.map((t) => t.index));
      for (const [i, trace] of mine.sampledTraces.entries()) {
        const theirs = view?.traces[i];
        expect(trace.header.inline).toBe(theirs?.inline);
        expect(trace.header.crossline).toBe(theirs?.crossline);
        expect(trace.header.coordinateScalar).toBe(theirs?.scalar);
        // segyio gives raw integers; ours have the scalar (-100 = divide by 100) applied.
        expect(trace.header.cdpX * 100).toBeCloseTo(theirs?.cdpX ?? Number.NaN, 6);
        expect(trace.header.cdpY * 100).toBeCloseTo(theirs?.cdpY ?? Number.NaN, 6);
        expect(trace.header.samples).toBe(theirs?.samples);
        const data = theirs?.data ?? [];
        let sumSquares = 0;
        for (const v of data) sumSquares += v * v;
        expect(trace.amplitudes.min).toBe(Math.min(...data));
        expect(trace.amplitudes.max).toBe(Math.max(...data));
        expect(trace.amplitudes.rms).toBeCloseTo(Math.sqrt(sumSquares / data.length), 9);
      }
    }
  });

  it('decodes the EBCDIC textual header to the same text as segyio', async () => {
    const bytes = new Uint8Array(await readFile(join(dir, 'seismic_north-field-rev1-ibm.sgy')));
    const mine = await inspectSegy(memoryReader(bytes), { sampledTraces: 1, maxSamplesPerTrace: 1 });
    expect(mine.textualHeader.encoding).toBe('cp037');
    expect(mine.textualHeader.firstCards[0]).toBe(views.get('seismic/north-field-rev1-ibm.sgy')?.text.trimEnd());
  });

  it('flags the size mismatch and the truncated file where segyio refuses them', async () => {
    expect(views.get('seismic/extra-bytes-rev1-int16.sgy')?.error).toMatch(/inconsistent with file size/);
    expect(views.get('seismic/incoming/truncated.segy')?.error).toBeDefined();
    const mismatch = new Uint8Array(await readFile(join(dir, 'seismic_extra-bytes-rev1-int16.sgy')));
    const mine = await inspectSegy(memoryReader(mismatch));
    expect(mine.layout).toMatchObject({ traceCount: 20, trailingBytes: 123, traceCountExact: false });
    const truncated = new Uint8Array(await readFile(join(dir, 'seismic_incoming_truncated.segy')));
    await expect(inspectSegy(memoryReader(truncated))).rejects.toBeInstanceOf(SegyFormatError);
  });
});
