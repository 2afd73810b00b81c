import type { GdsLibrarySummary } from './gds/summary';
import { heightOf, widthOf } from './geometry';
import { type NamingViolation, namingViolations } from './names';
import { hasOasisMagic, type OasisSummary } from './oasis/parse-oasis';

export type LayoutSummary = GdsLibrarySummary | OasisSummary;
export type LayoutFormat = 'GDSII' | 'OASIS';

/**
 * One row of the `layout_metadata` table (Glue/Athena in AWS, DuckDB locally): the columns of
 * `layoutMetadataTable` in @fsxn/analytics. `cell_count` NULL marks a file that could not be read.
 */
export interface LayoutRow {
  file_key: string;
  file_format: LayoutFormat;
  library_name: string | null;
  cell_count: number | null;
  /** Library (top cells) box in micrometres, comparable across files with different units. */
  bbox_width: number | null;
  bbox_height: number | null;
  processed_at: string;
}

export interface LayoutFacts {
  row: LayoutRow;
  cellNames: string[];
  namingViolations: NamingViolation[];
}

const rounded = (value: number) => Number(value.toPrecision(12));

/** The table row and the naming findings of one parsed layout. */
export const layoutFacts = (key: string, summary: LayoutSummary, processedAt: string): LayoutFacts => {
  if (summary.format === 'GDSII') {
    const cellNames = summary.structures.map((s) => s.name);
    const box = summary.bboxMicrons;
    return {
      row: {
        file_key: key,
        file_format: 'GDSII',
        library_name: summary.libraryName,
        cell_count: cellNames.length,
        bbox_width: box && rounded(widthOf(box)),
        bbox_height: box && rounded(heightOf(box)),
        processed_at: processedAt,
      },
      cellNames,
      namingViolations: namingViolations(summary.libraryName, cellNames),
    };
  }
  const cellNames = summary.cellNames ?? [];
  return {
    row: {
      file_key: key,
      file_format: 'OASIS',
      library_name: null,
      cell_count: summary.cellNames === null ? null : cellNames.length,
      bbox_width: null,
      bbox_height: null,
      processed_at: processedAt,
    },
    cellNames,
    namingViolations: namingViolations(null, cellNames),
  };
};

/** The row of a file that could not be read: it still counts in the table as an invalid file. */
export const invalidLayoutRow = (key: string, format: LayoutFormat, processedAt: string): LayoutRow => ({
  file_key: key,
  file_format: format,
  library_name: null,
  cell_count: null,
  bbox_width: null,
  bbox_height: null,
  processed_at: processedAt,
});

/** GDSII starts with a 6-byte HEADER record (`00 06 00 02`), OASIS with `%SEMI-OASIS\r\n`. */
export const sniffLayoutFormat = (prefix: Uint8Array): LayoutFormat | undefined => {
  if (hasOasisMagic(prefix)) return 'OASIS';
  if (prefix[0] === 0 && prefix[1] === 6 && prefix[2] === 0 && prefix[3] === 2) return 'GDSII';
  return undefined;
};
