import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createOntapClient,
  decodeNamespacePath,
  encodeNamespacePath,
  OntapInputError,
  paginate,
  parseOntapErrorBody,
  staticCredentials,
} from '../src';
import { fakeFetch } from './fake-fetch';

describe('properties', () => {
  it('file-security path encoding round-trips and yields exactly one URL segment', () => {
    const segment = fc.string({ minLength: 1, maxLength: 12 }).filter((s) => !s.includes('/'));
    fc.assert(
      fc.property(fc.array(segment, { minLength: 0, maxLength: 6 }), (parts) => {
        const path = `/${parts.join('/')}`;
        const encoded = encodeNamespacePath(path);
        expect(encoded).not.toMatch(/[/\\?#]/);
        expect(decodeNamespacePath(encoded)).toBe(path);
        expect(new URL(`https://h/api/x/${encoded}`).pathname.split('/')).toHaveLength(4);
      }),
    );
  });

  it('file-security path encoding either round-trips or refuses malformed Unicode with OntapInputError', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 20 }), (tail) => {
        const path = `/${tail}`;
        let encoded: string;
        try {
          encoded = encodeNamespacePath(path);
        } catch (error) {
          expect(error).toBeInstanceOf(OntapInputError);
          return;
        }
        expect(decodeNamespacePath(encoded)).toBe(path);
      }),
    );
  });

  it('the error body parser never throws and always returns a string code', () => {
    const anyJson = fc.oneof(
      fc.json(),
      fc.string(),
      fc.jsonValue().map((error) => JSON.stringify({ error })),
    );
    fc.assert(
      fc.property(anyJson, fc.integer({ min: 400, max: 599 }), (text, status) => {
        const details = parseOntapErrorBody(text, status);
        expect(typeof details.code).toBe('string');
        expect(typeof details.message).toBe('string');
        expect(Array.isArray(details.arguments)).toBe(true);
      }),
    );
  });

  it('the paginator visits every record exactly once for arbitrary page splits', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 7 }), { maxLength: 8 }), async (pageSizes) => {
        let next = 0;
        const pages = pageSizes.map((size) => Array.from({ length: size }, () => ({ uuid: `r${next++}` })));
        const { fetch } = fakeFetch(({ url }) => {
          const page = Number(url.searchParams.get('start.page') ?? '0');
          const records = pages[page] ?? [];
          const more = page + 1 < pages.length;
          return {
            status: 200,
            body: {
              records,
              num_records: records.length,
              _links: more ? { next: { href: `/api/storage/volumes?start.page=${page + 1}&fields=uuid` } } : {},
            },
          };
        });
        const client = createOntapClient({
          baseUrl: 'https://ontap.invalid',
          credentials: staticCredentials('u', 'p'),
          fetch,
        });
        const seen: string[] = [];
        for await (const record of paginate(client, '/storage/volumes', { fields: ['uuid'] }))
          seen.push((record as { uuid: string }).uuid);
        expect(seen).toEqual(Array.from({ length: next }, (_, i) => `r${i}`));
      }),
      { numRuns: 50 },
    );
  });
});
