import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createLocalEntityPort,
  detectEntitiesLocally,
  detectPiiLocally,
  isIbanValid,
  isJapaneseCorporateNumberValid,
  isLuhnValid,
} from '../src/index';

const found = (text: string) =>
  detectEntitiesLocally(text).map((e) => ({
    type: e.type,
    subtype: e.subtype,
    text: e.text,
    normalized: e.normalized,
  }));
const pii = (text: string) => detectPiiLocally(text).map((e) => [e.type, e.text]);

// Independent checks written differently from the implementation: string-to-BigInt for IBAN, digit
// array with an explicit doubling table for Luhn.
function ibanByBigInt(iban: string): boolean {
  const s = iban.replace(/ /g, '');
  const moved = s.slice(4) + s.slice(0, 4);
  const numeric = [...moved]
    .map((c) => (/[A-Z]/.test(c) ? String(c.charCodeAt(0) - 'A'.charCodeAt(0) + 10) : c))
    .join('');
  return /^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(s) && BigInt(numeric) % 97n === 1n;
}
const DOUBLED = [0, 2, 4, 6, 8, 1, 3, 5, 7, 9];
function luhnByTable(digits: string): boolean {
  const reversed = [...digits].reverse().map(Number);
  const total = reversed.reduce((sum, d, i) => sum + (i % 2 === 1 ? (DOUBLED[d] ?? 0) : d), 0);
  return digits.length >= 2 && total % 10 === 0;
}

describe('checksums', () => {
  it('accepts published test numbers and rejects a changed digit', () => {
    // Visa/Mastercard test numbers and IBAN examples from the ISO 13616 registry.
    expect(isLuhnValid('4111111111111111')).toBe(true);
    expect(isLuhnValid('5555555555554444')).toBe(true);
    expect(isLuhnValid('4111111111111112')).toBe(false);
    expect(isIbanValid('GB82 WEST 1234 5698 7654 32')).toBe(true);
    expect(isIbanValid('DE89370400440532013000')).toBe(true);
    expect(isIbanValid('DE89370400440532013001')).toBe(false);
    // National Tax Agency 法人番号 7000012050002; check digit worked by hand: 9 − (11 mod 9) = 7.
    expect(isJapaneseCorporateNumberValid('7000012050002')).toBe(true);
    expect(isJapaneseCorporateNumberValid('8000012050002')).toBe(false);
  });

  it('Luhn agrees with an independent table-driven implementation', () => {
    fc.assert(fc.property(fc.stringMatching(/^\d{2,19}$/), (digits) => isLuhnValid(digits) === luhnByTable(digits)));
  });

  it('IBAN agrees with a BigInt implementation, on random and on constructed-valid inputs', () => {
    const country = fc.stringMatching(/^[A-Z]{2}$/);
    const bban = fc.stringMatching(/^[A-Z0-9]{11,30}$/);
    fc.assert(
      fc.property(
        country,
        fc.stringMatching(/^\d{2}$/),
        bban,
        (c, check, b) => isIbanValid(c + check + b) === ibanByBigInt(c + check + b),
      ),
    );
    // Build valid IBANs by computing the check digits with BigInt: 98 − (n mod 97).
    fc.assert(
      fc.property(country, bban, (c, b) => {
        const numeric = [...`${b}${c}00`].map((ch) => (/[A-Z]/.test(ch) ? String(ch.charCodeAt(0) - 55) : ch)).join('');
        const check = String(98n - (BigInt(numeric) % 97n)).padStart(2, '0');
        return isIbanValid(`${c}${check}${b}`);
      }),
    );
  });
});

describe('local entity rules', () => {
  it('finds dates in ISO, slash, English and Japanese forms with ISO normalisation', () => {
    const text =
      'Issued 2024-03-01, due 2024/04/15. Signed 5 March 2024 and April 2, 2024. 支払期限：2024年5月31日、令和6年6月1日。';
    expect(
      found(text)
        .filter((e) => e.type === 'DATE')
        .map((e) => [e.text, e.normalized]),
    ).toEqual([
      ['2024-03-01', '2024-03-01'],
      ['2024/04/15', '2024-04-15'],
      ['5 March 2024', '2024-03-05'],
      ['April 2, 2024', '2024-04-02'],
      ['2024年5月31日', '2024-05-31'],
      ['令和6年6月1日', '2024-06-01'],
    ]);
  });

  it('drops impossible calendar dates', () => {
    expect(found('2023-02-29 and 2024-13-01').filter((e) => e.type === 'DATE')).toEqual([]);
  });

  it('finds amounts with their currency', () => {
    const text = 'Total $1,234.56, tax ¥12,000, fee EUR 10.00, 送料 12,000円, and 99 USD.';
    expect(
      found(text)
        .filter((e) => e.subtype === 'AMOUNT')
        .map((e) => [e.text, e.normalized]),
    ).toEqual([
      ['$1,234.56', 'USD 1234.56'],
      ['¥12,000', 'JPY 12000'],
      ['EUR 10.00', 'EUR 10.00'],
      ['12,000円', 'JPY 12000'],
      ['99 USD', 'USD 99'],
    ]);
  });

  it('finds organisations with legal suffixes and names after honorifics', () => {
    const text =
      'Contract between Acme Widgets Inc. and Müller Technik GmbH, attention Dr. Jane Smith. 発注者株式会社山田商事 担当 佐藤様';
    const entities = found(text);
    expect(entities.filter((e) => e.type === 'ORGANIZATION').map((e) => e.text)).toEqual([
      'Acme Widgets Inc.',
      'Müller Technik GmbH',
      '株式会社山田商事',
    ]);
    expect(entities.filter((e) => e.type === 'PERSON').map((e) => e.text)).toEqual(['Jane Smith', '佐藤']);
  });

  it('finds labelled invoice, PO and tax numbers, and checksummed Japanese registration numbers', () => {
    const text =
      'Invoice No: INV-2024-0042\nPO #: PO-7781\nVAT No: DE 123456789\n登録番号 T7000012050002\nInvoice Date: 2024-01-01';
    const ids = found(text)
      .filter((e) => e.type === 'OTHER')
      .map((e) => [e.subtype, e.text]);
    expect(ids).toEqual([
      ['INVOICE_NUMBER', 'INV-2024-0042'],
      ['PO_NUMBER', 'PO-7781'],
      ['TAX_ID', 'DE 123456789'],
      ['TAX_ID', 'T7000012050002'],
    ]);
  });

  it('finds PII: email, phones (US, JP, international), SSN, Luhn-valid cards and IBANs only', () => {
    const text = [
      'Mail jane.doe@example.com or call (212) 555-0187, 03-1234-5678, +44 20 7946 0958.',
      'SSN 123-45-6789 (not 666-12-3456). Card 4111 1111 1111 1111, not 4111 1111 1111 1112.',
      'IBAN GB82 WEST 1234 5698 7654 32, key AKIAABCDEFGHIJKLMNOP.',
    ].join('\n');
    expect(pii(text)).toEqual([
      ['EMAIL', 'jane.doe@example.com'],
      ['PHONE', '(212) 555-0187'],
      ['PHONE', '03-1234-5678'],
      ['PHONE', '+44 20 7946 0958'],
      ['SSN', '123-45-6789'],
      ['CREDIT_DEBIT_NUMBER', '4111 1111 1111 1111'],
      ['INTERNATIONAL_BANK_ACCOUNT_NUMBER', 'GB82 WEST 1234 5698 7654 32'],
      ['AWS_ACCESS_KEY', 'AKIAABCDEFGHIJKLMNOP'],
    ]);
  });

  it('labels results as local through the port', async () => {
    const port = createLocalEntityPort();
    await expect(port.detectEntities({ text: 'on 2024-01-02', languageCode: 'en' })).resolves.toMatchObject({
      provider: 'local:entity-rules',
    });
    await expect(port.detectPii({ text: 'a@b.co', languageCode: 'ja' })).resolves.toMatchObject({
      provider: 'local:pii-rules',
    });
  });
});

describe('local entity properties', () => {
  const fragment = fc.oneof(
    fc.constantFrom(
      '2024-03-01',
      '¥12,000',
      'Acme Inc.',
      'Dr. Jane Smith',
      'jane@example.com',
      '4111 1111 1111 1111',
      '請求書番号: A-123',
      '山田様',
      '😀',
      '令和6年6月1日',
      '12,000円',
      '(212) 555-0187',
    ),
    fc.string({ maxLength: 12 }),
    fc.string({ unit: 'grapheme', maxLength: 8 }),
  );
  const document = fc.array(fragment, { maxLength: 12 }).map((parts) => parts.join(' '));

  it('offsets always slice to the reported text and never overlap', () => {
    fc.assert(
      fc.property(document, (text) => {
        for (const entities of [detectEntitiesLocally(text), detectPiiLocally(text)]) {
          let previousEnd = 0;
          for (const e of entities) {
            expect(text.slice(e.beginOffset, e.endOffset)).toBe(e.text);
            expect(e.beginOffset).toBeGreaterThanOrEqual(previousEnd);
            expect(e.score).toBeGreaterThan(0);
            expect(e.score).toBeLessThanOrEqual(1);
            previousEnd = e.endOffset;
          }
        }
      }),
    );
  });

  it('every reported card number passes an independent Luhn check', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^\d{4}$/), { minLength: 4, maxLength: 4 }), (groups) => {
        const text = `card ${groups.join(' ')} end`;
        for (const e of detectPiiLocally(text).filter((x) => x.type === 'CREDIT_DEBIT_NUMBER')) {
          expect(luhnByTable(e.text.replace(/\D/g, ''))).toBe(true);
        }
      }),
    );
  });
});

describe('line layout of labelled ids', () => {
  const ids = (text: string) =>
    detectEntitiesLocally(text)
      .filter((e) => e.type === 'OTHER')
      .map((e) => [e.subtype, e.text]);

  it.each([
    ['title line, then label and value', 'INVOICE\nInvoice No: INV-2024-0042', 'INVOICE_NUMBER', 'INV-2024-0042'],
    ['title line with CRLF', 'TAX INVOICE\r\nInvoice #: 2024/77', 'INVOICE_NUMBER', '2024/77'],
    ['value on the line under its label', 'Invoice No:\nINV-1', 'INVOICE_NUMBER', 'INV-1'],
    ['value under a label ending in No.', 'Invoice No.\n  00123', 'INVOICE_NUMBER', '00123'],
    ['label and value glued after No.', 'Invoice No.INV-1', 'INVOICE_NUMBER', 'INV-1'],
    ['Japanese label', '請求書番号: INV-1', 'INVOICE_NUMBER', 'INV-1'],
    ['Japanese title line, full-width colon', '請求書\n請求書番号：INV-7', 'INVOICE_NUMBER', 'INV-7'],
    ['PO after a title line', 'PURCHASE ORDER\nPO Number: PO-7781', 'PO_NUMBER', 'PO-7781'],
    ['PO value under its label', 'Purchase Order No:\n4500012345', 'PO_NUMBER', '4500012345'],
    ['Japanese PO label', '発注番号：PO-88', 'PO_NUMBER', 'PO-88'],
    ['tax id value under its label', 'VAT No:\nDE 123456789', 'TAX_ID', 'DE 123456789'],
  ])('finds the id: %s', (_layout, text, subtype, id) => {
    expect(ids(text)).toEqual([[subtype, id]]);
  });

  it('does not take a value from the next line when the label line has no separator or qualifier', () => {
    // "INVOICE" is a title: the number on the next line is not labelled by it.
    expect(ids('INVOICE\n12345')).toEqual([]);
    expect(ids('PO\n12345')).toEqual([]);
  });

  it('does not read a label out of the middle of a word', () => {
    expect(ids('Pot42 and Invoiced 77')).toEqual([]);
  });

  it('finds every labelled id on a page with a title and dates between them', () => {
    const text = 'INVOICE\n\nInvoice Date: 2024-01-01\nInvoice No: A-17\nPO #: 4411\n';
    expect(ids(text)).toEqual([
      ['INVOICE_NUMBER', 'A-17'],
      ['PO_NUMBER', '4411'],
    ]);
  });

  const titleLine = fc.constantFrom(
    'INVOICE',
    'Invoice',
    'TAX INVOICE',
    'PURCHASE ORDER',
    'Purchase Order',
    'PO',
    '請求書',
    '発注書',
    'ACME Trading Inc.',
    '',
    '   ',
    '\t',
  );
  const field = fc.tuple(
    fc.constantFrom(
      ['INVOICE_NUMBER', 'Invoice No: '],
      ['INVOICE_NUMBER', 'Invoice Number '],
      ['INVOICE_NUMBER', 'Invoice #'],
      ['INVOICE_NUMBER', 'Invoice No:\n'],
      ['INVOICE_NUMBER', '請求書番号: '],
      ['INVOICE_NUMBER', '請求番号：'],
      ['PO_NUMBER', 'PO Number: '],
      ['PO_NUMBER', 'P.O. #: '],
      ['PO_NUMBER', 'Purchase Order No.\n'],
      ['PO_NUMBER', '注文番号 '],
    ),
    fc.stringMatching(/^[A-Z]{1,4}-[0-9]{1,8}$|^[0-9]{2,10}$/),
  );

  it('inserting title lines or blank lines before a labelled field never changes the extracted id', () => {
    fc.assert(
      fc.property(
        field,
        fc.array(titleLine, { maxLength: 4 }),
        fc.constantFrom('\n', '\r\n'),
        ([[subtype, label], id], titles, newline) => {
          const fieldText = `${label}${id}`;
          const expected = [[subtype, id]];
          expect(ids(fieldText)).toEqual(expected);
          const prefix = titles.map((line) => `${line}${newline}`).join('');
          expect(ids(`${prefix}${fieldText}`)).toEqual(expected);
        },
      ),
    );
  });
});

describe('names stay on one line', () => {
  it('does not join a title line to the organisation below it', () => {
    const orgs = (text: string) =>
      detectEntitiesLocally(text)
        .filter((e) => e.type === 'ORGANIZATION')
        .map((e) => e.text);
    expect(orgs('INVOICE\nACME Trading Inc.')).toEqual(['ACME Trading Inc.']);
    expect(orgs('Bill To\r\nGlobex Holdings Co., Ltd.')).toEqual(['Globex Holdings Co., Ltd.']);
    // A suffix alone on the next line belongs to no name.
    expect(orgs('ACME Trading\nInc.')).toEqual([]);
    expect(orgs('株式会社\n山田商事')).toEqual([]);
  });

  it('ends a person name at the end of its line', () => {
    const persons = (text: string) =>
      detectEntitiesLocally(text)
        .filter((e) => e.type === 'PERSON')
        .map((e) => e.text);
    expect(persons('Attention Dr. Jane Smith\nAccounts Payable')).toEqual(['Jane Smith']);
    expect(persons('Dr.\nSmith')).toEqual([]);
    expect(pii('Ms. Ada\nLovelace')).toEqual([['NAME', 'Ada']]);
  });

  const word = fc.constantFrom(
    'INVOICE',
    'ACME',
    'Trading',
    'Inc.',
    'GmbH',
    'Co., Ltd.',
    'Dr.',
    'Ms.',
    'Jane',
    'Smith',
    'J.',
    '株式会社',
    '山田',
    '商事',
    '様',
  );
  const separator = fc.constantFrom(' ', ' ', '\n', '\r\n', '\t');
  const document = fc
    .array(fc.tuple(fc.oneof(word, fc.string({ maxLength: 6 })), separator), { maxLength: 14 })
    .map((parts) => parts.map(([w, s]) => w + s).join(''));

  it('organisation and person spans never contain a line break', () => {
    fc.assert(
      fc.property(document, (text) => {
        const names = [
          ...detectEntitiesLocally(text).filter((e) => e.type === 'ORGANIZATION' || e.type === 'PERSON'),
          ...detectPiiLocally(text).filter((e) => e.type === 'NAME'),
        ];
        for (const e of names) expect(e.text).not.toMatch(/[\n\r]/);
      }),
    );
  });
});
