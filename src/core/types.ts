/**
 * Shared contracts of Segment Notebook's pure core. Everything here is plain data (typed arrays,
 * strings, numbers) so it can cross a worker boundary by structured clone / transfer.
 *
 * Conventions
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
}

// ───────────────────────────── cleaning ─────────────────────────────

export interface CleaningSettings {
  readonly dropMissingCustomer: boolean;
  /** 'net': cancellation lines stay and reduce monetary (not counted as purchases); 'drop': removed. */
  readonly cancellations: 'net' | 'drop';
  readonly dropNonProductCodes: boolean;
  readonly nonProductCodes: readonly string[];
  readonly dropNonPositivePrice: boolean;
  readonly dropUnspecifiedCountry: boolean;
  readonly dropDuplicates: boolean;
  readonly dropNegativeNetCustomers: boolean;
  /** Lines whose |quantity| or price is extreme (see the data profile); off by default. */
  readonly dropOutliers: boolean;
  /** Inclusive start day and exclusive end day as 'YYYY-MM-DD', or null for open. */
  readonly dateWindow: { readonly start: string | null; readonly end: string | null };
  /**
   * negativeNetCustomers groups by (customer, product, unit price) and, when true, also country
   * (the reference notebook's groups). Default false.
   */
  readonly negativeNetGroupByCountry?: boolean;
}

export type CleaningRule =
  | 'invalidRows'
  | 'missingCustomer'
  | 'cancellations'
  | 'nonProductCodes'
  | 'nonPositivePrice'
  | 'unspecifiedCountry'
  | 'duplicates'
  | 'outliers'
  | 'dateWindow'
  | 'negativeNetCustomers';

export interface CleaningStep {
  readonly rule: CleaningRule;
  readonly label: string;
  readonly enabled: boolean;
  readonly rowsRemoved: number;
  readonly customersRemoved: number;
}

export interface CleaningReport {
  readonly rowsIn: number;
  readonly customersIn: number;
  readonly rowsKept: number;
  readonly customersKept: number;
  readonly steps: readonly CleaningStep[];
  /** What the data says about cancellations (absent on reports built before the evidence existed). */
  readonly cancellation?: CancellationEvidence;
}

// ───────────────────────────── RFM ─────────────────────────────

export interface RfmSettings {
  /** 'nextDay': midnight after the last transaction day; 'lastTime': the latest timestamp; or a day. */
  readonly analysisDate: 'nextDay' | 'lastTime' | { readonly date: string };
  readonly frequency: 'invoices' | 'lines' | 'days';
  readonly monetary: 'quantityTimesPrice' | 'amount';
  readonly excludeNonPositiveMonetary: boolean;
  /**
   * When true, cancellation lines count as purchases for recency and frequency (the reference
   * notebook's preset). Default false: only non-cancellation lines are purchases.
   */
  readonly cancellationsArePurchases?: boolean;
}

/** Per-customer RFM, one entry per customer kept for modelling (order: customer id as text). */
export interface RfmTable {
  readonly customerIds: readonly string[];
  /** Whole days from the customer's last purchase to the analysis time (floor). */
  readonly recency: Float64Array;
  readonly frequency: Float64Array;
  readonly monetary: Float64Array;
  /** ms, as in Transactions.time; NaN for a pre-aggregated table. */
  readonly analysisTime: number;
  /** Customers left out of modelling because monetary ≤ 0 (when that setting is on). */
  readonly excludedNonPositive: number;
  /** True when the file was already an RFM table (ids may be generated as row numbers). */
  readonly preAggregated: boolean;
  /**
   * True when the file has no money column (no amount, no quantity × price): `monetary` is 0 for every
   * customer and the model is an R+F model (monetary left out). Absent: the file has money.
   */
  readonly noMoney?: boolean;
}

// ───────────────────────────── engine ─────────────────────────────

export type { PowerFit } from './transform/types';
export type { KMeansOptions, KMeansResult, LloydStepper, LloydStepperFactory } from './kmeans/types';

export type { KneeResult, SweepPoint, SweepResult } from './sweep/types';

export { UserFacingError } from './errors';
export type { AppErrorData, ErrorCode } from './errors';

export type CancellationBasis = 'prefix' | 'negative' | 'none';

export interface CancellationEvidence {
  readonly basis: CancellationBasis;
  /** Which column's sign was checked: 'quantity', 'amount', or null when the file has neither. */
  readonly signColumn: 'quantity' | 'amount' | null;
  /** Lines whose invoice starts with 'C' (case-insensitive, after leading blanks). */
  readonly prefixedLines: number;
  /** Prefixed lines with a negative quantity (amount). */
  readonly prefixedNegative: number;
  /** Distinct prefixed invoices, and one example of them (for the sentence at the UI). */
  readonly prefixedInvoices: number;
  readonly prefixedExample: string | null;
  /** All lines with a negative quantity (amount), prefixed or not. */
  readonly negativeLines: number;
}
