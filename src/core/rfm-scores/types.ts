/** Types of RFM scores and named segments (docs/rfm-scores.md). */

export const SCORE_FEATURES = ['recency', 'frequency', 'monetary'] as const;
export type ScoreFeature = (typeof SCORE_FEATURES)[number];

/**
 * How cut points are found when none are given:
 * - 'quantile': pandas `qcut` — cuts at the i/n quantiles (linear interpolation, numpy/pandas default,
 *   R type 7), right-closed bins (a, b]; a value equal to a cut gets the lower score.
 * - 'r-rfm': the R package rfm 0.3.0 (`rfm_table_order`) — cuts at the same quantiles + 1, left-closed
 *   bins [a, b); a value equal to a cut gets the higher score.
 */
export type BinMethod = 'quantile' | 'r-rfm';

export const MIN_SCORES = 2;
export const MAX_SCORES = 10;
export const DEFAULT_SCORES = 5;

export interface ScoreSettings {
  /** Number of scores per feature, 2..10 (default 5), when the feature has no custom cuts. */
  readonly scores: number;
  readonly method: BinMethod;
  /**
   * Custom cut points per feature (ascending, 1..9 values → cuts.length + 1 scores). They are bin
   * edges in the feature's own units and follow the method's closed side.
   */
  readonly customCuts?: Partial<Record<ScoreFeature, readonly number[]>>;
}

export const DEFAULT_SCORE_SETTINGS: ScoreSettings = { scores: DEFAULT_SCORES, method: 'quantile' };

/** The break values of one feature: everything needed to score a new value. */
export interface FeatureBreaks {
  /** Ascending cut points (scores − 1 of them; equal neighbours make an empty score). */
  readonly cuts: readonly number[];
  /** 'right': bins (a, b] (x = cut → lower bin); 'left': bins [a, b) (x = cut → upper bin). */
  readonly closed: 'right' | 'left';
  /** True for recency: the lowest values (most recent) get the highest score. */
  readonly reversed: boolean;
  readonly scores: number;
  /** Where the cuts came from. */
  readonly source: BinMethod | 'custom';
}

export type Breaks = Readonly<Record<ScoreFeature, FeatureBreaks>>;

/** One score's bin: value range (in the feature's units), count. */
export interface ScoreBin {
  readonly score: number;
  /** Lowest and highest value of the customers in the bin (NaN when empty). */
  readonly min: number;
  readonly max: number;
  /** Edges of the bin (−∞ / +∞ for the outer ones). */
  readonly lower: number;
  readonly upper: number;
  readonly count: number;
}

/**
 * Why bins are not equal:
 * - 'empty': two cuts are equal (ties cover a whole quantile step), so this score is never given;
 *   `value` is the tied value and `mergedInto` the score its customers get.
 * - 'tie': `count` customers share `value`, the cut between `score` and the next, so they all get
 *   one score and the bins are uneven.
 */
export type BinNote =
  | { readonly kind: 'empty'; readonly score: number; readonly value: number; readonly mergedInto: number }
  | { readonly kind: 'tie'; readonly score: number; readonly value: number; readonly count: number };

export interface FeatureReport {
  readonly feature: ScoreFeature;
  readonly breaks: FeatureBreaks;
  /** Bins by score 1..scores. */
  readonly bins: readonly ScoreBin[];
  readonly notes: readonly BinNote[];
  /** Customers whose value is missing (NaN): score 0. */
  readonly missing: number;
}

export interface RfmScores {
  readonly n: number;
  /** Scores per customer, 1..scores; 0 = missing value. */
  readonly r: Uint8Array;
  readonly f: Uint8Array;
  readonly m: Uint8Array;
  readonly breaks: Breaks;
  readonly reports: Readonly<Record<ScoreFeature, FeatureReport>>;
}

export interface Range {
  readonly min: number;
  readonly max: number;
}

/** A named segment: customers whose scores are all inside the ranges (inclusive). */
export interface SegmentRule {
  readonly id: string;
  readonly name: string;
  readonly r: Range;
  readonly f: Range;
  readonly m: Range;
}

export const OTHERS = 'Others';

export interface SegmentAssignment {
  /** Rule index per customer (priority order), −1 = Others. */
  readonly rule: Int16Array;
  /** Customers per rule. */
  readonly counts: readonly number[];
  readonly others: {
    readonly count: number;
    /** Customers with a missing score. */
    readonly missing: number;
    /** Score combinations no rule covers, most customers first. */
    readonly uncovered: readonly { readonly code: string; readonly count: number }[];
  };
}
