/** The RFM step's settings and its per-customer table. */

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
