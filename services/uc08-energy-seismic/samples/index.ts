import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { malformedLas, writeCsvLog, writeLas } from './las';
import { writeSegy } from './segy';

export * from './las';
export * from './segy';

export interface GeneratedUc08Samples {
  readonly files: number;
  readonly bytes: number;
  readonly kinds: Record<string, number>;
  /** Relative paths of what is expected to succeed and to fail. */
  readonly valid: readonly string[];
  readonly invalid: readonly string[];
}

/** The demo and end-to-end set: valid SEG-Y (rev 1 IBM BE EBCDIC, rev 2 IEEE LE ASCII), a size mismatch, a truncated and a non-SEG-Y file, LAS / CSV logs with NULLs and a spike, a malformed LAS. */
export const SAMPLE_FILES = (): Record<string, Uint8Array | string> => {
  const rev1 = writeSegy({
    revision: 1,
    endianness: 'big',
    formatCode: 1,
    text: 'cp037',
    inlines: 6,
    crosslines: 8,
    samples: 500,
    sampleInterval: 2000,
  });
  const rev2 = writeSegy({
    revision: 2,
    endianness: 'little',
    formatCode: 5,
    text: 'ascii',
    inlines: 5,
    crosslines: 5,
    samples: 300,
    sampleInterval: 4000,
    extendedTextHeaders: 1,
    declareTraceCount: true,
    surveyName: 'SOUTH BLOCK 2D',
  });
  const int16 = writeSegy({
    revision: 1,
    endianness: 'big',
    formatCode: 3,
    text: 'ascii',
    inlines: 2,
    crosslines: 10,
    samples: 250,
    sampleInterval: 1000,
  });
  const mismatch = new Uint8Array(int16.length + 123);
  mismatch.set(int16);
  return {
    'seismic/north-field-rev1-ibm.sgy': rev1,
    'seismic/south-block-rev2-ieee-le.segy': rev2,
    'seismic/extra-bytes-rev1-int16.sgy': mismatch,
    'seismic/incoming/truncated.segy': rev1.subarray(0, 2000),
    'seismic/incoming/not-segy.sgy': 'This is a text file that only carries a SEG-Y name.\n'.repeat(100),
    'wells/a-1.las': writeLas({
      wellName: 'A-1',
      uwi: '100123456789W500',
      start: 1500,
      step: 0.5,
      rows: 400,
      nullRows: [10, 11, 12, 250],
      spike: { row: 200, value: 420 },
    }),
    'wells/b-2-wrapped.las': writeLas({
      wellName: 'B-2',
      uwi: '100987654321W500',
      start: 800,
      step: 1,
      rows: 150,
      wrap: true,
      nullRows: [5],
    }),
    'wells/c-3.csv': writeCsvLog({
      wellName: 'C-3',
      uwi: '',
      start: 2000,
      step: 0.25,
      rows: 240,
      spike: { row: 30, value: -60 },
    }),
    'wells/incoming/malformed.las': malformedLas(),
  };
};

export const generateUc08Samples = async (dir: string): Promise<GeneratedUc08Samples> => {
  const files = SAMPLE_FILES();
  let bytes = 0;
  for (const [path, content] of Object.entries(files)) {
    const target = join(dir, path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, content);
    bytes += typeof content === 'string' ? Buffer.byteLength(content) : content.length;
  }
  const invalid = Object.keys(files).filter((p) => p.includes('/incoming/'));
  const valid = Object.keys(files).filter((p) => !p.includes('/incoming/'));
  return {
    files: valid.length + invalid.length,
    bytes,
    kinds: { segy: 3, las: 2, csv: 1, truncated: 1, notSegy: 1, malformedLas: 1 },
    valid,
    invalid,
  };
};
