/**
 * Result types of the data profile (src/core/profile). Plain data: cross a worker boundary by
 * structured clone. Row numbers are spreadsheet rows (header = row 1, first data row = row 2).
 */
import type { DateOrder, UnreadableCells } from '../ingest/types';

/** What a column looks like from its values (and, for ids and coded dates, its header). */
export type ColumnType = 'integer' | 'number' | 'date' | 'text' | 'id-like' | 'empty';

export interface ValueCount {
  readonly value: string;
  readonly count: number;
}

/** pandas `Series.describe()` of a numeric column, plus a few counts an analyst checks first. */
export interface NumericSummary {
  /** Values that read as numbers (missing and unparseable cells excluded). */
  readonly count: number;
  readonly mean: number;
  /** Sample standard deviation (ddof = 1, as pandas); NaN when count < 2. */
  readonly std: number;
  readonly min: number;
  /** Quantiles by linear interpolation between order statistics (numpy/pandas 'linear'). */
  readonly q25: number;
  readonly median: number;
  readonly q75: number;
  readonly max: number;
  readonly sum: number;
  readonly negatives: number;
  readonly zeros: number;
}

export interface DateSummary {
  readonly count: number;
  /** ms, wall clock read as UTC (see src/core/types.ts). */
  readonly earliest: number;
  readonly latest: number;
  /** The same as 'YYYY-MM-DD HH:MM[:SS]' text. */
  readonly earliestText: string;
  readonly latestText: string;
  readonly order: DateOrder;
  /** True when day-first and month-first both fit every value (the order is a convention). */
  readonly orderAmbiguous: boolean;
}

/** Non-empty cells of a number/date column that could not be read as that type. */
export type Unparseable = UnreadableCells;

export interface ColumnProfile {
  /** Column index in the RawTable. */
  readonly index: number;
  readonly name: string;
  readonly type: ColumnType;
  /** One sentence saying why the type was chosen. */
  readonly typeReason: string;
  readonly rows: number;
  /** Empty cells (an empty field or only blanks). */
  readonly missing: number;
  /** Cells holding a placeholder such as NA, N/A, NULL, NaN, None, '-' (not counted as missing). */
  readonly naLike: number;
  /** Distinct non-empty values (as written, before any type reading). */
  readonly distinct: number;
  readonly numeric: NumericSummary | null;
  readonly dates: DateSummary | null;
  /** Most frequent values with counts (top 5) for text and id-like columns; [] otherwise. */
  readonly top: readonly ValueCount[];
  /** For number/integer/date columns: the cells that do not read as such; null when none. */
  readonly unparseable: Unparseable | null;
}

// ───────────────────────────── transactions at a glance ─────────────────────────────

export interface MonthGlance {
  /** 'YYYY-MM' of the calendar month. */
  readonly month: string;
  /** ms of the month's first midnight. */
  readonly start: number;
  readonly rows: number;
  /** Σ quantity × price (or amount) over the month's rows with a readable value. */
  readonly revenue: number;
  /** Lines whose invoice starts with 'C' (case-insensitive). */
  readonly cancellations: number;
  readonly cancellationRevenue: number;
  /** Lines with quantity < 0 (cancelled or not). */
  readonly returns: number;
  /** Lines without a customer id. */
  readonly missingCustomer: number;
}

export interface RevenueRank {
  readonly label: string;
  readonly rows: number;
  readonly revenue: number;
  /** revenue / total revenue of the table (can exceed 1 or be negative when refunds dominate). */
  readonly share: number;
}

export interface Glance {
  readonly rows: number;
  /** How revenue was computed; null when the table has neither quantity × price nor amount. */
  readonly revenueSource: 'quantityTimesPrice' | 'amount' | null;
  readonly revenue: number;
  /** Rows whose revenue could not be computed (missing/unreadable quantity, price or amount). */
  readonly rowsWithoutRevenue: number;
  /** Rows without a readable date (left out of `months`). */
  readonly rowsWithoutDate: number;
  readonly firstTime: number | null;
  readonly lastTime: number | null;
  /** Every calendar month from the first to the last date, months without rows included. */
  readonly months: readonly MonthGlance[];
  readonly topCountries: readonly RevenueRank[];
  readonly topProducts: readonly RevenueRank[];
  readonly cancellations: number;
  readonly returns: number;
  readonly missingCustomer: number;
  /** missingCustomer / rows (0 for an empty table). */
  readonly missingCustomerShare: number;
}

// ───────────────────────────── outliers ─────────────────────────────

export type OutlierMeasure = 'quantity' | 'price' | 'amount';

export interface OutlierOptions {
  /** Reference percentile of the non-zero |x| (default 99.9). */
  readonly percentile?: number;
  /** A line is flagged when |x| > factor × that percentile (default 100). */
  readonly factor?: number;
  /** Lines listed in `top` per measure (default 10). */
  readonly topN?: number;
}

/** The rule's numbers for one measure (quantity, unit price or amount). */
export interface OutlierThreshold {
  readonly measure: OutlierMeasure;
  /** Finite non-zero values the percentile was taken over. */
  readonly nonZero: number;
  /** Quantile level used: min(percentile / 100, 1 − 10 / nonZero); NaN when nonZero < 20. */
  readonly level: number;
  /** The level-quantile of |x| (linear interpolation), NaN when not computed. */
  readonly reference: number;
  /** factor × reference; lines with |x| strictly above it are flagged (Infinity when not computed). */
  readonly threshold: number;
  readonly flagged: number;
}

export interface OutlierLine {
  /** Row index in Transactions (spreadsheet row = row + 2). */
  readonly row: number;
  readonly spreadsheetRow: number;
  readonly value: number;
  readonly invoice: string;
  readonly product: string;
  readonly customer: string;
  readonly flagged: boolean;
}

export interface OutlierReport {
  readonly percentile: number;
  readonly factor: number;
  readonly thresholds: readonly OutlierThreshold[];
  /** Sorted, distinct Transactions row indices flagged by any measure. */
  readonly rows: Int32Array;
  /** Top lines by |quantity|, by unit price (|price|) and by |amount|, largest first. */
  readonly topQuantity: readonly OutlierLine[];
  readonly topPrice: readonly OutlierLine[];
  readonly topAmount: readonly OutlierLine[];
  /** Plain-language statement of the rule and its numbers. */
  readonly explanation: string;
}

// ───────────────────────────── sampling and histograms ─────────────────────────────

export interface PairSample {
  /** Sorted row indices into the columns. */
  readonly indices: Int32Array;
  /** indices.length */
  readonly size: number;
  /** Rows in the columns. */
  readonly total: number;
  /** Rows whose values are finite in every column (the population sampled from). */
  readonly eligible: number;
  readonly sampled: boolean;
  readonly seed: number;
  /** e.g. "20,000 of 541,909 points (seed 0)" or "all 4,338 points". */
  readonly label: string;
}

export interface HistogramOptions {
  /** Bins equally spaced in log10(x); values ≤ 0 are left out and counted. */
  readonly log?: boolean;
  /** [lo, hi] in data units (not log units); values outside are left out and counted. */
  readonly range?: readonly [number, number];
  /** Cap for bins: 'auto' (default 200). */
  readonly maxBins?: number;
  /** Only these rows of `values` (e.g. a PairSample's indices). */
  readonly indices?: ArrayLike<number>;
}

export interface Histogram {
  /** bins + 1 increasing edges in data units (10^edge for log bins). */
  readonly edges: Float64Array;
  /** Values per bin; bin i is [edges[i], edges[i+1]) and the last bin also holds its right edge. */
  readonly counts: Uint32Array;
  readonly log: boolean;
  /** Values counted in the bins. */
  readonly used: number;
  readonly skippedNonFinite: number;
  readonly skippedNonPositive: number;
  readonly outOfRange: number;
}
