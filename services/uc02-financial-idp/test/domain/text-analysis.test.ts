import { detectEntitiesLocally, LOCAL_ENTITY_PROVIDER } from '@fsxn/inference';
import { describe, expect, it } from 'vitest';
import {
  classifyDocument,
  collectFields,
  detectLanguage,
  extractionConfidence,
  type FoundEntity,
  fieldCoverage,
  textConfidence,
} from '../../src/domain';

const rules = (text: string): FoundEntity[] =>
  detectEntitiesLocally(text).map((e) => ({ ...e, provider: LOCAL_ENTITY_PROVIDER }));

describe('detectLanguage', () => {
  it('calls a text with kana or kanji among its letters Japanese, Latin-only text English', () => {
    expect(detectLanguage('請求書 INV-1 合計 110,000円')).toBe('ja');
    expect(detectLanguage('Invoice INV-1 total USD 10')).toBe('en');
    // 2 kanji against 40 Latin letters: an English document that names a Japanese city.
    expect(detectLanguage('Shipment to our office in 東京, delivered next Monday morning')).toBe('en');
  });
});

describe('classifyDocument', () => {
  it('recognises invoices and contracts from their words, in English and Japanese', () => {
    expect(classifyDocument('INVOICE\nInvoice No: 1\nTotal: USD 5')).toBe('invoice');
    expect(classifyDocument('請求書\n合計金額: 1,000円')).toBe('invoice');
    expect(classifyDocument('SERVICE AGREEMENT\nThe parties agree to the terms and conditions.')).toBe('contract');
    expect(classifyDocument('業務委託契約書\n甲と乙は次のとおり契約を締結する。')).toBe('contract');
    expect(classifyDocument('Meeting notes from Tuesday')).toBe('unknown');
  });

  it('lets the title decide when an agreement mentions invoices in its body', () => {
    const body = 'Fees are invoiced monthly; each invoice is payable within 30 days.';
    expect(classifyDocument(`SERVICE AGREEMENT\n${'Scope of work. '.repeat(30)}\n${body}`)).toBe('contract');
  });
});

describe('fields, coverage and confidence', () => {
  const invoice = [
    'INVOICE',
    'ACME Trading Inc.',
    'Invoice No: INV-7',
    'Date: 2024-03-15',
    'Total Due: USD 1,200.00',
    'IBAN: GB82 WEST 1234 5698 7654 32',
  ].join('\n');

  it('sorts entities into business fields with canonical values at their offsets', () => {
    const fields = collectFields(rules(invoice));
    expect(fields.invoiceNumbers.map((f) => f.value)).toEqual(['INV-7']);
    expect(fields.dates.map((f) => f.value)).toEqual(['2024-03-15']);
    expect(fields.amounts.map((f) => f.value)).toEqual(['USD 1200.00']);
    expect(fields.ibans.map((f) => f.value)).toEqual(['GB82WEST12345698765432']);
    expect(fields.parties.map((f) => f.value)).toEqual(['ACME Trading Inc.']);
    for (const f of Object.values(fields).flat()) expect(invoice.slice(f.beginOffset, f.endOffset)).toBe(f.text);
  });

  it('counts a value found by two providers once', () => {
    const twice: FoundEntity[] = [
      {
        type: 'ORGANIZATION',
        text: 'ACME Trading Inc.',
        beginOffset: 8,
        endOffset: 25,
        score: 0.99,
        provider: 'aws:comprehend',
      },
      ...rules(invoice),
    ];
    expect(collectFields(twice).parties).toHaveLength(1);
  });

  it('scores required-field coverage per document type', () => {
    expect(fieldCoverage('invoice', collectFields(rules(invoice)))).toEqual({ score: 1, missing: [] });
    expect(fieldCoverage('invoice', collectFields(rules('Invoice No: INV-7')))).toEqual({
      score: 0.25,
      missing: ['dates', 'amounts', 'parties'],
    });
    expect(fieldCoverage('contract', collectFields(rules('Agreement between Initech LLC, dated 2024-04-01')))).toEqual({
      score: 0.5,
      missing: ['parties (at least 2)'],
    });
    expect(fieldCoverage('unknown', collectFields([]))).toEqual({ score: 0, missing: ['documentType'] });
  });

  it('weights line confidence by characters and takes the weaker of text and fields', () => {
    // (10 × 99 + 2 × 50) / 12 = 90.83… %
    const lines = [
      { text: '0123456789', confidence: 99 },
      { text: 'ab', confidence: 50 },
    ];
    expect(textConfidence(lines)).toBeCloseTo(1090 / 1200, 10);
    expect(textConfidence([])).toBe(0);
    expect(extractionConfidence(lines, { score: 1, missing: [] })).toEqual({
      value: 0.9083,
      text: 0.9083,
      fields: 1,
      missingFields: [],
    });
    expect(extractionConfidence([{ text: 'x', confidence: 100 }], { score: 0.75, missing: ['dates'] }).value).toBe(
      0.75,
    );
  });
});
