/**
 * EBCDIC code pages 037 (US/Canada) and 500 (International), the two SEG-Y textual headers are written in.
 * Rows of 16 characters, byte 0x00 first. C1 control characters are kept as their Latin-1 code points so
 * the mapping stays one-to-one (every byte decodes to a distinct character).
 */
const CP037_ROWS = [
  '\x00\x01\x02\x03\x9c\t\x86\x7f\x97\x8d\x8e\x0b\x0c\r\x0e\x0f',
  '\x10\x11\x12\x13\x9d\x85\x08\x87\x18\x19\x92\x8f\x1c\x1d\x1e\x1f',
  '\x80\x81\x82\x83\x84\n\x17\x1b\x88\x89\x8a\x8b\x8c\x05\x06\x07',
  '\x90\x91\x16\x93\x94\x95\x96\x04\x98\x99\x9a\x9b\x14\x15\x9e\x1a',
  ' \xa0âäàáãåçñ¢.<(+|',
  '&éêëèíîïìß!$*);¬',
  '-/ÂÄÀÁÃÅÇÑ¦,%_>?',
  'øÉÊËÈÍÎÏÌ`:#@\'="',
  'Øabcdefghi«»ðýþ±',
  '°jklmnopqrªºæ¸Æ¤',
  'µ~stuvwxyz¡¿ÐÝÞ®',
  '^£¥·©§¶¼½¾[]¯¨´×',
  '{ABCDEFGHI\xadôöòóõ',
  '}JKLMNOPQR¹ûüùúÿ',
  '\\÷STUVWXYZ²ÔÖÒÓÕ',
  '0123456789³ÛÜÙÚ\x9f',
];

const CP037 = [...CP037_ROWS.join('')];

/** Code page 500 moves seven punctuation characters; everything else is code page 037. */
const CP500_CHANGES: Readonly<Record<number, string>> = {
  74: '[',
  79: '!',
  90: ']',
  95: '^',
  176: '¢',
  186: '¬',
  187: '|',
};
const CP500 = CP037.map((ch, byte) => CP500_CHANGES[byte] ?? ch);

export type EbcdicCodePage = 'cp037' | 'cp500';
export const EBCDIC_TABLES: Readonly<Record<EbcdicCodePage, readonly string[]>> = { cp037: CP037, cp500: CP500 };

export const decodeEbcdic = (bytes: Uint8Array, codePage: EbcdicCodePage = 'cp037'): string => {
  const table = EBCDIC_TABLES[codePage];
  let text = '';
  for (const byte of bytes) text += table[byte] ?? '';
  return text;
};

/** Inverse of the table: for generators that write EBCDIC headers. Characters outside the page become a space. */
export const encodeEbcdic = (text: string, codePage: EbcdicCodePage = 'cp037'): Uint8Array => {
  const table = EBCDIC_TABLES[codePage];
  const index = new Map(table.map((ch, byte) => [ch, byte]));
  return Uint8Array.from([...text], (ch) => index.get(ch) ?? 0x40);
};
