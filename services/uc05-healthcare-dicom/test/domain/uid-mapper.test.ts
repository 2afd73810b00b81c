import { describe, expect, it } from 'vitest';
import { createHmacUidMapper, DeidentificationConfigError } from '../../src/domain';

const UID_GRAMMAR = /^(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))*$/u;

describe('createHmacUidMapper', () => {
  const map = createHmacUidMapper({ secret: 'sixteen-bytes-or-more' });

  it('maps the same UID to the same 2.25 UID and different UIDs apart', () => {
    expect(map('1.2.3.4')).toBe(map('1.2.3.4'));
    expect(map('1.2.3.4')).not.toBe(map('1.2.3.5'));
    expect(map('1.2.3.4')).toMatch(/^2\.25\.[1-9][0-9]{0,38}$/u);
  });

  it('matches an HMAC-SHA256 computed independently with the Web Crypto API', async () => {
    const key = await crypto.subtle.importKey(
      'raw',
      new TextEncoder().encode('sixteen-bytes-or-more'),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign'],
    );
    const digest = new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode('1.2.3.4')));
    const first128 = digest.slice(0, 16).reduce((value, byte) => (value << 8n) | BigInt(byte), 0n);
    expect(map('1.2.3.4')).toBe(`2.25.${first128}`);
  });

  it('keeps UIDs within 64 characters under a long root', () => {
    const root = '1.2.826.0.1.3680043.10.543.1.2.3';
    const long = createHmacUidMapper({ secret: 'sixteen-bytes-or-more', uidRoot: root });
    const uid = long('1.2.840.113619.2.55.3.604688119.969.1268071029.320');
    expect(uid.startsWith(`${root}.`)).toBe(true);
    expect(uid.length).toBeLessThanOrEqual(64);
    expect(uid).toMatch(UID_GRAMMAR);
  });

  it('refuses a malformed root, a root leaving too few digits and a short secret', () => {
    expect(() => createHmacUidMapper({ secret: 'sixteen-bytes-or-more', uidRoot: '1.02.3' })).toThrow(
      DeidentificationConfigError,
    );
    expect(() => createHmacUidMapper({ secret: 'sixteen-bytes-or-more', uidRoot: `1.${'2'.repeat(45)}` })).toThrow(
      DeidentificationConfigError,
    );
    expect(() => createHmacUidMapper({ secret: 'short' })).toThrow(DeidentificationConfigError);
  });
});
