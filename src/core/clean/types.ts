/** The cleaning step's settings, its report, and what the data says about cancellations. */

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
  /** What the data says about identical lines (absent when the table has no duplicate groups). */
  readonly duplicates?: DuplicateEvidence;
}

// ───────────────────────────── cancellations ─────────────────────────────

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

// ───────────────────────────── identical lines ─────────────────────────────

/**
 * 'product': a product column tells items apart, so a line identical to an earlier one repeats it.
 * 'orders': no order has two different lines (one row per order): an identical row repeats an order.
 * 'unsure': no product column, and orders of several different lines (or no order column): identical
 * lines may be different items of one order at the same price, or separate purchases.
 */
export type DuplicateBasis = 'product' | 'orders' | 'unsure';

export interface DuplicateEvidence {
  readonly basis: DuplicateBasis;
  /** Lines equal in every column of the file to an earlier line (before any cleaning). */
  readonly identicalLines: number;
  readonly lines: number;
  /** Whether a column was recognised as the order (invoice). */
  readonly orderColumn: boolean;
  /** Orders holding two or more different lines (0 with a product column or without an order column). */
  readonly multiLineOrders: number;
}
