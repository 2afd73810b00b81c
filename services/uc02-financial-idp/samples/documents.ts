import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { samplePng } from '@fsxn/testing';
import { uniformJpeg, uniformTiff } from './images';
import { asciiTextPdf, noTextLayerPdf, unicodeTextPdf } from './pdf-writer';

/**
 * Check digit of a Japanese corporate number (National Tax Agency rule): 9 − (Σ Pn·Qn mod 9) over the
 * 12 base digits counted from the right, Qn = 1 for odd n and 2 for even n.
 */
export const corporateNumber = (base12: string): string => {
  if (!/^\d{12}$/.test(base12)) throw new RangeError('a corporate number base has 12 digits');
  let sum = 0;
  for (let n = 1; n <= 12; n++) sum += Number(base12[12 - n]) * (n % 2 === 1 ? 1 : 2);
  return `${9 - (sum % 9)}${base12}`;
};

export interface InvoiceValues {
  seller: string;
  buyer: string;
  number: string;
  date: string;
  po: string;
  total: string;
}

/** An English invoice with every field UC2 requires, plus a VAT number and a mod-97-valid IBAN. */
export const englishInvoiceLines = (v: InvoiceValues): string[] => [
  'INVOICE',
  v.seller,
  `Invoice No: ${v.number}`,
  `Invoice Date: ${v.date}`,
  `PO Number: ${v.po}`,
  `Bill To: ${v.buyer}`,
  'Description: Consulting services for the quarter.',
  `Total Due: ${v.total}`,
  'VAT No: GB 123456789',
  'IBAN: GB82 WEST 1234 5698 7654 32',
  'Payment is due within 30 days of the invoice date.',
];

export const CONTRACT_LINES = [
  'SERVICE AGREEMENT',
  'This Agreement is made on 1 April 2024 between Initech LLC and Umbrella Corporation.',
  'Initech LLC will provide software maintenance services to Umbrella Corporation.',
  'The monthly fee is EUR 4,500.00, payable within 30 days of each invoice.',
  'This Agreement ends on 31 March 2025 unless the parties renew it in writing.',
];

export const japaneseInvoiceLines = (registration: string) => [
  '請求書',
  '株式会社山田商事 御中',
  '請求書番号: INV-2024-0107',
  '発行日: 2024年4月30日',
  '合計金額: 110,000円（税込）',
  '請求元: 東京データ株式会社',
  `登録番号: T${registration}`,
  'お支払期限は2024年5月31日です。',
];

/** An invoice that lacks its date, total and parties: extraction is unsure, so a person must look. */
export const INCOMPLETE_INVOICE_LINES = [
  'INVOICE',
  'Reference copy',
  'Invoice No: INV-2024-0099',
  'Thank you for your business.',
  'Please see the attached statement for details.',
];

export interface SampleFile {
  readonly key: string;
  readonly bytes: Buffer;
  /** What the pipeline should make of it offline without OCR. */
  readonly expect: 'released' | 'reviewed' | 'no-text' | 'corrupt';
}

/** A corrupt PDF: a valid header, then bytes that are no PDF objects, no cross-reference and no trailer. */
export const corruptPdf = (): Buffer =>
  Buffer.concat([
    Buffer.from('%PDF-1.7\n', 'latin1'),
    Buffer.from('this file was damaged in transfer \x00\x01\x02', 'latin1'),
  ]);

/** A TIFF cut off inside its image strip. */
export const truncatedTiff = (): Buffer => {
  const full = uniformTiff(32, 24);
  return full.subarray(0, full.length - 300);
};

export const JAPANESE_REGISTRATION = corporateNumber('123456789012');

/** The demo set: three complete invoices, a contract, a Japanese invoice, an incomplete invoice, scans and broken files. */
export const financialSamples = (): SampleFile[] => [
  {
    key: 'invoices/2024/inv-0042.pdf',
    bytes: asciiTextPdf(
      englishInvoiceLines({
        seller: 'ACME Trading Inc.',
        buyer: 'Globex Corporation',
        number: 'INV-2024-0042',
        date: '2024-03-15',
        po: 'PO-7781',
        total: 'USD 1,200.00',
      }),
    ),
    expect: 'released',
  },
  {
    key: 'invoices/2024/inv-0043.pdf',
    bytes: asciiTextPdf(
      englishInvoiceLines({
        seller: 'Wayne Enterprises Inc.',
        buyer: 'Stark Industries Ltd.',
        number: 'INV-2024-0043',
        date: 'March 18, 2024',
        po: 'PO-7790',
        total: '$8,400.50',
      }),
    ),
    expect: 'released',
  },
  {
    key: 'invoices/2024/inv-0044.pdf',
    bytes: asciiTextPdf(
      englishInvoiceLines({
        seller: 'Cyberdyne Systems GmbH',
        buyer: 'Tyrell Corporation',
        number: 'INV-2024-0044',
        date: '2024-03-21',
        po: 'PO-7801',
        total: 'EUR 2,310.00',
      }),
    ),
    expect: 'released',
  },
  { key: 'contracts/service_agreement.pdf', bytes: asciiTextPdf(CONTRACT_LINES), expect: 'released' },
  {
    key: 'invoices/jp/seikyusho-0107.pdf',
    bytes: unicodeTextPdf(japaneseInvoiceLines(JAPANESE_REGISTRATION)),
    expect: 'released',
  },
  { key: 'incoming/inv-unclear.pdf', bytes: asciiTextPdf(INCOMPLETE_INVOICE_LINES), expect: 'reviewed' },
  { key: 'scans/scan-no-text-layer.pdf', bytes: noTextLayerPdf(), expect: 'no-text' },
  { key: 'scans/receipt.png', bytes: samplePng({ width: 48, height: 32 }), expect: 'no-text' },
  { key: 'scans/receipt.jpg', bytes: uniformJpeg(64, 48), expect: 'no-text' },
  { key: 'scans/fax.tif', bytes: uniformTiff(32, 24), expect: 'no-text' },
  { key: 'broken/corrupt.pdf', bytes: corruptPdf(), expect: 'corrupt' },
  { key: 'broken/truncated.tif', bytes: truncatedTiff(), expect: 'corrupt' },
];

/** Writes the demo set (plus a text file discovery must ignore) under `dir`. */
export const generateFinancialDocuments = async (dir: string) => {
  const files = financialSamples();
  for (const file of files) {
    await mkdir(dirname(join(dir, file.key)), { recursive: true });
    await writeFile(join(dir, file.key), file.bytes);
  }
  await writeFile(join(dir, 'incoming', 'readme.txt'), 'not a document: discovery ignores it\n');
  return { files, bytes: files.reduce((n, f) => n + f.bytes.length, 0) };
};
