/** What the readers of a delimited file assemble: pieces, the RawTable, its preview, and rows read back. */
import type { DictColumn, RawTable, TablePreview } from './types';
import { uniqueHeaders } from './dict-column';
import type { FileFacts } from './table-builder';

/**
 * One piece of a delimited file read by its own `RawTableBuilder` (see `toPiece`): the data rows of
 * a run of whole rows, dictionary-encoded with the piece's own dictionaries.
 */
export interface TablePiece {
  /** Data rows read. */
  readonly rowCount: number;
  /** Raw header fields when the piece began the file (its first row is the header), else null. */
  readonly header: readonly string[] | null;
  /** Per column: a code per data row (-1 = empty), indexes into `dict` (values in first-seen order). */
  readonly columns: readonly { readonly codes: Int32Array; readonly dict: readonly string[] }[];
  readonly raggedCount: number;
  /** The first (≤ 5) ragged rows, numbered as if the piece began the file (header = row 1). */
  readonly raggedRows: readonly number[];
  /** The first rows as text (trimmed fields), as many as the builder keeps. */
  readonly preview: readonly (readonly string[])[];
}

/**
 * The RawTable a reader (`RawTableBuilder`, or `PieceMerger` for a file read in pieces) collected:
 * `columns[j]` is named from raw header field j (see `uniqueHeaders`).
 */
export function assembleTable(
  facts: FileFacts,
  header: readonly string[],
  rowCount: number,
  columns: readonly Omit<DictColumn, 'name'>[],
  ragged: RawTable['ragged'],
  /** Lines skipped above the header (a title). */
  skipped = 0,
): RawTable {
  const names = uniqueHeaders(header);
  return {
    ...facts,
    rowCount,
    columns: columns.map((c, j) => ({ name: names[j]!, codes: c.codes, dict: c.dict })),
    ragged,
    ...(skipped > 0 ? { firstRow: 2 + skipped } : {}),
  };
}

/** The preview of a table: its column names (from the raw header) and its first rows, one cell a column. */
export function previewOf(header: readonly string[], rows: readonly (readonly string[])[]): TablePreview {
  const headers = uniqueHeaders(header);
  return { headers, rows: rows.map((r) => headers.map((_, j) => r[j] ?? '')) };
}

/** Text of given 0-based data rows of a RawTable (missing rows give empty cells). */
export function rawRows(raw: RawTable, rowIndexes: readonly number[]): TablePreview {
  const headers = raw.columns.map((c) => c.name);
  const rows = rowIndexes.map((i) =>
    raw.columns.map((c) => {
      if (i < 0 || i >= raw.rowCount) return '';
      const code = c.codes[i]!;
      return code < 0 ? '' : (c.dict[code] ?? '');
    }),
  );
  return { headers, rows };
}
