import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fileItemsOf, itemsForOutput, MAX_ITEMS_IN_OUTPUT, manifestNameFor } from '../../src/domain/file-items';

describe('fileItemsOf', () => {
  it('marks a file whose header was read as SUCCEEDED and one with a read error as FAILED with that error', () => {
    const items = fileItemsOf([
      { key: 'a/report.pdf', size: 1200 },
      { key: 'b/gone.bin', size: 10, error: 'NoSuchKey: The specified key does not exist.' },
    ]);
    expect(items.map(({ key, status, reason, metrics }) => ({ key, status, reason, metrics }))).toEqual([
      { key: 'a/report.pdf', status: 'SUCCEEDED', reason: undefined, metrics: { bytes: 1200 } },
      {
        key: 'b/gone.bin',
        status: 'FAILED',
        reason: 'NoSuchKey: The specified key does not exist.',
        metrics: { bytes: 10 },
      },
    ]);
  });

  it('gives one item per manifest entry, failed exactly for the entries with an error', () => {
    const entry = fc.record(
      { key: fc.string({ minLength: 1 }), size: fc.nat(), error: fc.string({ minLength: 1 }) },
      { requiredKeys: ['key', 'size'] },
    );
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 50 }), (entries) => {
        const items = fileItemsOf(entries);
        expect(items.map((i) => i.key)).toEqual(entries.map((e) => e.key));
        expect(items.filter((i) => i.status === 'FAILED').length).toBe(
          entries.filter((e) => e.error !== undefined).length,
        );
      }),
    );
  });
});

describe('itemsForOutput', () => {
  it('keeps every item up to the limit and none beyond it (the report object still has them all)', () => {
    const items = fileItemsOf(Array.from({ length: MAX_ITEMS_IN_OUTPUT + 1 }, (_, i) => ({ key: `f${i}`, size: 1 })));
    expect(itemsForOutput(items.slice(0, MAX_ITEMS_IN_OUTPUT))).toHaveLength(MAX_ITEMS_IN_OUTPUT);
    expect(itemsForOutput(items)).toBeUndefined();
  });
});

describe('manifestNameFor', () => {
  it('names the manifest after the execution, under manifests/', () => {
    expect(manifestNameFor('run-1')).toBe('manifests/run-1.json');
  });
});
