/**
 * The parsed file and its column mapping: what the ingest step produces and every later step reads.
 * Plain data (typed arrays, strings, numbers), so it crosses a worker boundary by structured clone.
 *
 * Conventions of the whole core (every step keeps them):
 * - Row numbers shown to users are spreadsheet rows: the header is row 1, the first data row is row 2.
 * - Times are milliseconds since 1970-01-01 of the wall-clock time written in the file, read as UTC
 *   (no time-zone shift ever: "2011-12-09 12:50" is Date.UTC(2011, 11, 9, 12, 50)).
 * - Missing numbers are NaN; missing dictionary codes are -1.
 * - Feature matrices are row-major Float64Array of n × d (d = 3 for R, F, M).
 */

// ───────────────────────────── parsed file ─────────────────────────────

/** One parsed column, dictionary-encoded: the text of row i is `dict[codes[i]]`, or empty if -1. */
export interface DictColumn {
  readonly name: string;
  readonly codes: Int32Array;
  readonly dict: readonly string[];
}

/** A parsed delimited file, all columns kept as text (types are decided at mapping). */
export interface RawTable {
  readonly fileName: string;
  readonly byteLength: number;
  readonly rowCount: number;
  /** ',' ';' '\t' '|' or 'whitespace' (runs of spaces, as in the CDNOW log). */
  readonly delimiter: string;
  readonly encoding: string;
  readonly columns: readonly DictColumn[];
  /** Rows whose field count differs from the header: count and a few examples (spreadsheet rows). */
  readonly ragged: { readonly count: number; readonly exampleRows: readonly number[] };
  /**
   * Spreadsheet row of the first data row: 2 (absent) when the header is the first row; later when
   * lines above the header (a title) were skipped. Every row number shown is counted from it.
   */
  readonly firstRow?: number;
}

/** The first rows of a RawTable as text, for the preview (header not included). */
export interface TablePreview {
  readonly headers: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

// ───────────────────────────── column mapping ─────────────────────────────

export type Role =
  | 'customer'
  | 'invoice'
  | 'date'
  | 'quantity'
  | 'price'
  | 'amount'
  | 'country'
  | 'product'
  | 'recency'
  | 'frequency'
  | 'monetary'
  /** A second column added to frequency / monetary in a customer summary (online + offline). */
  | 'frequency2'
  | 'monetary2';

/** Every role, in the order the Columns step lists them. */
export const ROLES: readonly Role[] = [
  'customer',
  'invoice',
  'date',
  'quantity',
  'price',
  'amount',
  'country',
  'product',
  'recency',
  'frequency',
  'monetary',
  'frequency2',
  'monetary2',
];

/** Role → column index in the RawTable. */
export type Mapping = Partial<Record<Role, number>>;

/** How a date column's numeric parts are ordered. 'ISO' covers YYYY-MM-DD and YYYYMMDD. */
export type DateOrder =
  'ISO' | 'MDY' | 'DMY' | 'YMD_COMPACT' | 'EXCEL_SERIAL' | 'MONTH_NAME' | 'EPOCH_S' | 'EPOCH_MS';

/** What the data says about a date column's order; `ambiguous` means the user must choose. */
export interface DateOrderGuess {
  readonly order: DateOrder | null;
  readonly candidates: readonly DateOrder[];
  readonly ambiguous: boolean;
  readonly reason: string;
}

/** Whether a file is transactions (one row per line/order) or an already aggregated RFM table. */
export type TableKind = 'transactions' | 'rfm';

export interface MappingGuess {
  readonly kind: TableKind;
  readonly mapping: Mapping;
  readonly dateOrder: DateOrderGuess | null;
  /** Roles still needed before RFM can be computed, empty when ready. */
  readonly missing: readonly Role[];
}

/** Non-empty cells that could not be read as their column's type. */
export interface UnreadableCells {
  readonly count: number;
  /** Spreadsheet rows of the first (at most 5) such cells, in file order. */
  readonly exampleRows: readonly number[];
  /** Their text (same order as exampleRows). */
  readonly exampleValues: readonly string[];
}

/** Values of a mapped column that could not be read as the role's type. */
export interface ColumnProblem extends UnreadableCells {
  readonly role: Role;
  readonly column: string;
}

/** Transactions with typed columns, produced from a RawTable and a Mapping. */
export interface Transactions {
  readonly rowCount: number;
  readonly customer: Int32Array;
  readonly customers: readonly string[];
  readonly invoice: Int32Array | null;
  readonly invoices: readonly string[];
  readonly time: Float64Array;
  readonly quantity: Float64Array | null;
  readonly price: Float64Array | null;
  readonly amount: Float64Array | null;
  readonly product: Int32Array | null;
  readonly products: readonly string[];
  readonly country: Int32Array | null;
  readonly countries: readonly string[];
  readonly problems: readonly ColumnProblem[];
  /**
   * `dupGroup[i]` is the index of the first row whose original columns are all equal to row i's (i
   * itself when it is the first): used by the duplicates rule. Absent when the table was built without it.
   */
  readonly dupGroup?: Int32Array;
  /** Which RawTable column each role came from (the mapping used to build this). */
  readonly mapping?: Mapping;
  /** Spreadsheet row of row 0 (RawTable.firstRow; absent: 2). */
  readonly firstRow?: number;
}
