import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatChecksumList, parseChecksumList } from '../src/domain/checksum-list';
import { InvalidJobError } from '../src/domain/errors';

const hex64 = fc.stringMatching(/^[0-9a-f]{64}$/);
const name = fc.string({ minLength: 1, maxLength: 40 }).filter((n) => !n.startsWith('./') && !n.includes('\r'));

const hasSha256sum = (() => {
  try {
    execFileSync('sha256sum', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('SHA256SUMS parser', () => {
  it('reads text and binary mode lines, CRLF, blank lines and ./ names', () => {
    const a = 'a'.repeat(64);
    const b = 'B'.repeat(64);
    const list = parseChecksumList(`${a}  scene/shot.usda\r\n\n${b} *./tex/wall.tx\n`);
    expect([...list.entries]).toEqual([
      ['scene/shot.usda', a],
      ['tex/wall.tx', 'b'.repeat(64)],
    ]);
  });

  it('names the line of a malformed entry or a conflicting duplicate', () => {
    expect(() => parseChecksumList(`${'a'.repeat(63)}  short\n`)).toThrow(/line 1: not/);
    expect(() => parseChecksumList(`${'a'.repeat(64)}  x\n${'b'.repeat(64)}  x\n`)).toThrow(/line 2: "x" listed twice/);
  });

  it('round-trips any names and sums through format → parse', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(name, hex64), { selector: ([n]) => n, maxLength: 20 }), (entries) => {
        const parsed = parseChecksumList(formatChecksumList(entries));
        expect([...parsed.entries]).toEqual(entries);
      }),
    );
  });

  it('never throws anything but InvalidJobError on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        try {
          parseChecksumList(text);
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidJobError);
        }
      }),
    );
  });

  it.skipIf(!hasSha256sum)('reads what GNU sha256sum writes, escaped names included (coreutils)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fc2-sums-'));
    try {
      const files = { 'plain.bin': 'frame data', 'back\\slash.tx': 'texture', 'new\nline.bgeo': 'geometry' };
      for (const [file, content] of Object.entries(files)) await writeFile(join(dir, file), content);
      const out = execFileSync('sha256sum', Object.keys(files), { cwd: dir, encoding: 'utf8' });
      const parsed = parseChecksumList(out);
      for (const [file, content] of Object.entries(files)) {
        expect(parsed.entries.get(file)).toBe(createHash('sha256').update(content).digest('hex'));
      }
      // And sha256sum -c accepts what formatChecksumList writes.
      await writeFile(join(dir, 'SUMS'), formatChecksumList(parsed.entries));
      expect(execFileSync('sha256sum', ['-c', 'SUMS'], { cwd: dir, encoding: 'utf8' })).toMatch(/plain.bin: OK/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
