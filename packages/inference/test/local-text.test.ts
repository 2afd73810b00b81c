import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  chunkText,
  cosineSimilarity,
  createLocalEmbeddingPort,
  createLocalTextGenerationPort,
  hashingEmbedding,
  InferenceError,
  renderReportTemplate,
  splitSentences,
  summarize,
} from '../src/index';

describe('sentence splitting', () => {
  it('splits English after terminal punctuation but not after titles, and Japanese after 。', () => {
    expect(
      splitSentences('Dr. Smith signed. The fee is due! Is it paid? 支払いは完了。次回は4月です。').map((s) => s.text),
    ).toEqual(['Dr. Smith signed.', 'The fee is due!', 'Is it paid?', '支払いは完了。', '次回は4月です。']);
  });
});

describe('extractive summary', () => {
  const report = [
    'The audit covered 1,200 files on the finance volume.',
    'Weather was pleasant during the week.',
    'Forty files granted full control to Everyone, an over-permissive ACL.',
    'Over-permissive ACL entries on finance files must be removed.',
    'Lunch was served at noon.',
  ].join(' ');

  it('keeps the sentences that share the text’s key terms, in original order', () => {
    const summary = summarize(report, { maxSentences: 2 });
    // Worked by hand with stop words dropped (score = Σ ln(1+tf)·ln(1+n/df) / √terms): the two ACL
    // sentences score 3.89 and 3.52, the audit sentence 3.37, weather 2.48, lunch 2.15.
    expect(summary.sentences).toEqual([
      'Forty files granted full control to Everyone, an over-permissive ACL.',
      'Over-permissive ACL entries on finance files must be removed.',
    ]);
  });

  it('only returns sentences that occur in the input, within the token budget', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('Alpha beta gamma.', 'Beta delta.', 'ガンマの値。', 'Epsilon alpha beta!'), {
          maxLength: 12,
        }),
        fc.integer({ min: 1, max: 40 }),
        (parts, budget) => {
          const text = parts.join(' ');
          const summary = summarize(text, { maxTokens: budget });
          for (const s of summary.sentences) expect(text).toContain(s);
          const cost = summary.sentences.reduce((n, s) => n + Math.ceil(s.length / 4), 0);
          expect(cost).toBeLessThanOrEqual(budget + summary.sentences.length * 4);
        },
      ),
    );
  });

  it('the local generator labels its output and reports max_tokens when the budget cut it', async () => {
    const port = createLocalTextGenerationPort();
    const full = await port.generate({ prompt: report, maxTokens: 500, temperature: 0.3 });
    expect(full).toMatchObject({ provider: 'local:extractive-summary', stopReason: 'end_turn' });
    const short = await port.generate({ prompt: report, maxTokens: 15, temperature: 0.3 });
    expect(short.stopReason).toBe('max_tokens');
    expect(short.text.length).toBeLessThan(full.text.length);
    await expect(port.generate({ prompt: report, maxTokens: 0, temperature: 0 })).rejects.toBeInstanceOf(
      InferenceError,
    );
  });
});

describe('report template', () => {
  it('renders values, lists and conditionals', () => {
    const out = renderReportTemplate(
      '# {{title}}\n{{#each findings}}- {{@index}}: {{.path}} ({{.severity}})\n{{/each}}{{#if clean}}clean{{else}}action needed{{/if}}',
      {
        title: 'ACL audit',
        findings: [
          { path: '/a', severity: 'HIGH' },
          { path: '/b', severity: 'LOW' },
        ],
        clean: false,
      },
    );
    expect(out).toBe('# ACL audit\n- 0: /a (HIGH)\n- 1: /b (LOW)\naction needed');
  });

  it('fails loudly on a missing value or an unclosed block', () => {
    expect(() => renderReportTemplate('{{missing}}', {})).toThrow(/no value for "missing"/);
    expect(() => renderReportTemplate('{{#if a}}x', { a: true })).toThrow(/unclosed/);
  });
});

describe('feature-hashing embedding', () => {
  it('has cosine 1 with itself and unit length', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 80 }).filter((s) => /[\p{L}\p{N}]/u.test(s)),
        (text) => {
          const v = hashingEmbedding(text);
          expect(v).toHaveLength(256);
          expect(cosineSimilarity(v, v)).toBeCloseTo(1, 10);
          expect(Math.hypot(...v)).toBeCloseTo(1, 10);
        },
      ),
    );
  });

  it('puts texts about the same thing closer than unrelated ones (checked by hand)', async () => {
    const port = createLocalEmbeddingPort();
    const [invoice1, invoice2, weather] = await Promise.all(
      [
        'Invoice total amount due for consulting services, payment within 30 days',
        'Payment of the invoice amount for consulting services is due in 30 days',
        'Heavy rain and strong winds expected along the coast tomorrow morning',
      ].map((text) => port.embed({ text })),
    );
    const near = cosineSimilarity(invoice1?.vector ?? [], invoice2?.vector ?? []);
    const far = cosineSimilarity(invoice1?.vector ?? [], weather?.vector ?? []);
    expect(invoice1?.provider).toBe('local:feature-hashing');
    expect(near).toBeGreaterThan(0.4);
    expect(far).toBeLessThan(0.2);
  });

  it('rejects text without words', () => {
    expect(() => hashingEmbedding('  ...  ')).toThrow(InferenceError);
  });
});

describe('chunking for service limits', () => {
  it('chunks reassemble the text, fit the byte limit and never split a surrogate pair', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), fc.integer({ min: 4, max: 64 }), (text, max) => {
        const chunks = chunkText(text, { max, unit: 'utf8-bytes' });
        expect(chunks.map((c) => c.text).join('')).toBe(text);
        for (const c of chunks) {
          expect(Buffer.byteLength(c.text)).toBeLessThanOrEqual(max);
          expect(text.slice(c.start, c.start + c.text.length)).toBe(c.text);
          expect(c.text.length).toBeGreaterThan(0);
          expect(/^[\uDC00-\uDFFF]/.test(c.text)).toBe(false);
        }
      }),
    );
  });

  it('prefers sentence boundaries', () => {
    const chunks = chunkText('One two three. Four five six. Seven.', { max: 20, unit: 'code-points' });
    expect(chunks.map((c) => c.text)).toEqual(['One two three. ', 'Four five six. ', 'Seven.']);
  });
});
