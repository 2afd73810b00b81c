import type { Block } from '@aws-sdk/client-textract';
import type { DocumentLine, DocumentTable, KeyValuePair } from '../ports';

/** Turns Textract blocks (one or many result pages) into lines, form fields and table grids. */
export function mapTextractBlocks(blocks: readonly Block[]): {
  lines: DocumentLine[];
  keyValues: KeyValuePair[];
  tables: DocumentTable[];
  pageCount: number;
} {
  const byId = new Map<string, Block>();
  for (const block of blocks) if (block.Id !== undefined) byId.set(block.Id, block);
  const related = (block: Block, type: string): Block[] =>
    (block.Relationships ?? [])
      .filter((r) => r.Type === type)
      .flatMap((r) => r.Ids ?? [])
      .map((id) => byId.get(id))
      .filter((b): b is Block => b !== undefined);
  const textOf = (block: Block): string =>
    related(block, 'CHILD')
      .map((child) => {
        if (child.BlockType === 'WORD') return child.Text ?? '';
        if (child.BlockType === 'SELECTION_ELEMENT') return child.SelectionStatus === 'SELECTED' ? '[X]' : '[ ]';
        return '';
      })
      .filter((t) => t.length > 0)
      .join(' ');

  const lines: DocumentLine[] = [];
  const keyValues: KeyValuePair[] = [];
  const tables: DocumentTable[] = [];
  let pageBlocks = 0;
  for (const block of blocks) {
    const page = block.Page ?? 1;
    if (block.BlockType === 'PAGE') pageBlocks++;
    else if (block.BlockType === 'LINE')
      lines.push({ text: block.Text ?? '', confidence: block.Confidence ?? 0, page });
    else if (block.BlockType === 'KEY_VALUE_SET' && block.EntityTypes?.includes('KEY')) {
      const value = related(block, 'VALUE')[0];
      keyValues.push({
        key: textOf(block),
        value: value === undefined ? '' : textOf(value),
        confidence: Math.min(block.Confidence ?? 0, value?.Confidence ?? 0),
        page,
      });
    } else if (block.BlockType === 'TABLE') {
      const cells = related(block, 'CHILD').filter((c) => c.BlockType === 'CELL');
      const rowCount = Math.max(0, ...cells.map((c) => (c.RowIndex ?? 1) + (c.RowSpan ?? 1) - 1));
      const columnCount = Math.max(0, ...cells.map((c) => (c.ColumnIndex ?? 1) + (c.ColumnSpan ?? 1) - 1));
      const rows = Array.from({ length: rowCount }, () => new Array<string>(columnCount).fill(''));
      for (const cell of cells) {
        const text = textOf(cell);
        for (let r = 0; r < (cell.RowSpan ?? 1); r++) {
          for (let c = 0; c < (cell.ColumnSpan ?? 1); c++) {
            const row = rows[(cell.RowIndex ?? 1) - 1 + r];
            if (row !== undefined) row[(cell.ColumnIndex ?? 1) - 1 + c] = text;
          }
        }
      }
      tables.push({ page, rows, confidence: block.Confidence ?? 0 });
    }
  }
  return { lines, keyValues, tables, pageCount: pageBlocks };
}
