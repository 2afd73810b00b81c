import { buildDicomSample, notDicomButNamedDcm } from '@fsxn/testing';
import { describe, expect, it } from 'vitest';
import { createHmacUidMapper, deidentify } from '../src/domain';
import { countReleasedPhiLeaks } from '../src/released-leaks';

const uidMap = createHmacUidMapper({ secret: 'released-leaks-test-secret' });

describe('countReleasedPhiLeaks', () => {
  const original = buildDicomSample({ syntax: 'explicit-le' }).bytes;
  const files: Record<string, Uint8Array> = {
    'ok.dcm': deidentify(original, { uidMap }).bytes,
    'original.dcm': original,
    'broken.dcm': notDicomButNamedDcm(),
  };
  const read = async (key: string) => files[key] ?? new Uint8Array();

  it('finds nothing in a de-identified output', async () => {
    expect(await countReleasedPhiLeaks(['ok.dcm'], read)).toEqual({ total: 0, details: [] });
  });

  it('flags removed attributes, private tags and the missing de-identification flag in an original', async () => {
    const { details } = await countReleasedPhiLeaks(['original.dcm'], read);
    const problems = details.map((d) => d.problem).join('\n');
    expect(problems).toMatch(/still present/);
    expect(problems).toMatch(/private attribute/);
    expect(problems).toContain('PatientIdentityRemoved is not YES');
  });

  it('counts an output that no longer parses as a leak it cannot vouch for', async () => {
    const { total, details } = await countReleasedPhiLeaks(['broken.dcm'], read);
    expect(total).toBe(1);
    expect(details[0]?.problem).toMatch(/^does not re-parse/);
  });
});
