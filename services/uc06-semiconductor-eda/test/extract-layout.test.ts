import { describe, expect, it } from 'vitest';
import { writeGds } from '../samples/gds-writer';
import { adderLibrary } from '../samples/layouts';
import { writeOasis } from '../samples/oasis-writer';
import { classifyObject } from '../src/discovery-rules';
import { EdaError } from '../src/domain';
import { extractLayout, type LayoutReader } from '../src/extract-layout';

const readerOf = (key: string, bytes: Uint8Array, chunk = 100): LayoutReader => ({
  key,
  size: bytes.length,
  stream: async (consume) =>
    consume(
      (async function* () {
        for (let at = 0; at < bytes.length; at += chunk) yield bytes.subarray(at, at + chunk);
      })(),
    ),
  range: async (start, end) => bytes.subarray(start, end + 1),
});
const options = {
  limits: { headBytes: 4096, nameTableBytes: 65536 },
  now: () => new Date(Date.UTC(2025, 0, 2, 3, 4, 5)),
};

describe('extractLayout', () => {
  it('streams a GDSII file whole and returns its table row in micrometres', async () => {
    const bytes = writeGds(adderLibrary());
    const out = await extractLayout(readerOf('a/adder.gds', bytes), options);
    expect(out.kind).toBe('parsed');
    if (out.kind !== 'parsed') return;
    expect(out.bytesRead).toBe(bytes.length);
    expect(out.facts.row).toEqual({
      file_key: 'a/adder.gds',
      file_format: 'GDSII',
      library_name: 'adder_4bit',
      cell_count: 5,
      bbox_width: 85.5,
      bbox_height: 21,
      processed_at: '2025-01-02 03:04:05.000',
    });
  });

  it('sniffs an extension-less OASIS file and reads it with Range reads only', async () => {
    const bytes = writeOasis({ unit: 1000, cellNames: ['TOP', 'BAD-NAME'], tablesIn: 'END' });
    const out = await extractLayout(readerOf('layout', bytes), options);
    expect(out.kind === 'parsed' && out.format).toBe('OASIS');
    expect(out.kind === 'parsed' && out.facts.namingViolations.map((v) => v.name)).toEqual(['BAD-NAME']);
  });

  it('fails a file that is not what its name says with the reason, and rethrows read faults', async () => {
    const out = await extractLayout(readerOf('x.oas', writeGds(adderLibrary())), options);
    expect(out.kind === 'failed' && out.reason).toMatch(/^LayoutParseError: not an OASIS file/);
    expect(out.kind === 'failed' && out.row.cell_count).toBeNull();
    const faulty: LayoutReader = {
      ...readerOf('y.gds', new Uint8Array(10)),
      stream: async () => {
        throw new EdaError('connection reset', { transient: true });
      },
    };
    await expect(extractLayout(faulty, options)).rejects.toThrow('connection reset');
  });
});

describe('discovery rules', () => {
  const probe = (bytes: Uint8Array) => async () => bytes;
  it('keeps layout suffixes by name and extension-less files by magic, ignores the rest', async () => {
    expect(await classifyObject({ key: 'a/b.GDS2', size: 1 }, probe(new Uint8Array()))).toEqual({ include: true });
    expect(await classifyObject({ key: 'a/notes.txt', size: 100 }, probe(new Uint8Array()))).toMatchObject({
      include: false,
    });
    const gds = writeGds(adderLibrary());
    expect(await classifyObject({ key: 'a/layout', size: gds.length }, probe(gds.subarray(0, 16)))).toEqual({
      include: true,
    });
    expect(await classifyObject({ key: 'a/blob', size: 100 }, probe(new Uint8Array(16)))).toEqual({
      include: false,
      reason: 'no GDSII or OASIS magic',
    });
  });
});
