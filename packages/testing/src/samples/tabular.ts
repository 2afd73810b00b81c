/** RFC 4180 CSV: fields with comma, quote or line break are quoted, quotes doubled, CRLF line ends. */
export const toCsv = (rows: readonly (readonly (string | number)[])[]): string =>
  rows
    .map((row) =>
      row
        .map((cell) => {
          const text = String(cell);
          return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
        })
        .join(','),
    )
    .join('\r\n')
    .concat('\r\n');

/** A deterministic CSV table (header + `rows` rows) of invoice-like records. */
export const sampleCsv = (rows = 10): string => {
  const table: (string | number)[][] = [['id', 'customer', 'amount', 'note']];
  for (let i = 1; i <= rows; i++) {
    table.push([i, `Customer ${i}, Ltd.`, (i * 12.5).toFixed(2), i % 3 === 0 ? 'said "urgent"' : '']);
  }
  return toCsv(table);
};

/** Pretty JSON with a trailing newline, as files on a share usually look. */
export const sampleJson = (value: unknown = { id: 'sample', createdAt: '2026-01-01T00:00:00Z', tags: ['a', 'b'] }) =>
  `${JSON.stringify(value, null, 2)}\n`;
