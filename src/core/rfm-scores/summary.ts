/** Tables behind the RFM-score views: segment sizes and revenue, medians, the R×F grid, the crosstab. */
import { median } from '../segments/profiles';
import { combinedCode } from './binning';
import { OTHERS, type RfmScores, type SegmentAssignment, type SegmentRule } from './types';

export interface RfmColumns {
  readonly recency: ArrayLike<number>;
  readonly frequency: ArrayLike<number>;
  readonly monetary: ArrayLike<number>;
}

export interface SegmentSummaryRow {
  /** Rule index, −1 for Others. */
  readonly rule: number;
  readonly name: string;
  readonly customers: number;
  readonly share: number;
  /** Σ monetary of the segment. */
  readonly revenue: number;
  /** Share of the total monetary (over all customers). */
  readonly revenueShare: number;
  readonly medianRecency: number;
  readonly medianFrequency: number;
  readonly medianMonetary: number;
}

/** One row per rule (priority order) and a last row for Others. */
export function segmentSummary(
  cols: RfmColumns,
  assignment: SegmentAssignment,
  rules: readonly SegmentRule[],
): SegmentSummaryRow[] {
  const n = assignment.rule.length;
  const k = rules.length;
  const members: number[][] = Array.from({ length: k + 1 }, () => []);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const j = assignment.rule[i]!;
    members[j < 0 ? k : j]!.push(i);
    total += cols.monetary[i]!;
  }
  return members.map((idx, j) => {
    const pick = (c: ArrayLike<number>) => Float64Array.from(idx, (i) => c[i]!);
    const money = pick(cols.monetary);
    let revenue = 0;
    for (let t = 0; t < money.length; t++) revenue += money[t]!;
    return {
      rule: j === k ? -1 : j,
      name: j === k ? OTHERS : (rules[j]?.name ?? ''),
      customers: idx.length,
      share: n > 0 ? idx.length / n : NaN,
      revenue,
      revenueShare: total !== 0 ? revenue / total : NaN,
      medianRecency: median(pick(cols.recency)),
      medianFrequency: median(pick(cols.frequency)),
      medianMonetary: median(money),
    };
  });
}

export interface RfGrid {
  /** Scores on each axis (1..scores). */
  readonly rScores: number;
  readonly fScores: number;
  /** count[(r−1)·fScores + (f−1)] */
  readonly count: Float64Array;
  /** Mean monetary per cell (NaN when empty). */
  readonly meanMonetary: Float64Array;
}

/** The R×F grid: customers and mean monetary per (R, F) score cell. */
export function rfGrid(scores: RfmScores, monetary: ArrayLike<number>): RfGrid {
  const rs = scores.breaks.recency.scores;
  const fs = scores.breaks.frequency.scores;
  const count = new Float64Array(rs * fs);
  const sum = new Float64Array(rs * fs);
  for (let i = 0; i < scores.n; i++) {
    const r = scores.r[i]!;
    const f = scores.f[i]!;
    if (r === 0 || f === 0) continue;
    const c = (r - 1) * fs + (f - 1);
    count[c]!++;
    sum[c]! += monetary[i]!;
  }
  const meanMonetary = Float64Array.from(count, (c, i) => (c > 0 ? sum[i]! / c : NaN));
  return { rScores: rs, fScores: fs, count, meanMonetary };
}

export interface Crosstab {
  /** Row labels: rule names then Others. */
  readonly rows: readonly string[];
  readonly k: number;
  /** counts[row·k + cluster] */
  readonly counts: Float64Array;
  /** Row shares: counts / row total (NaN for an empty row). */
  readonly rowShares: Float64Array;
  readonly rowTotals: Float64Array;
}

/** Named segments (rows, Others last) × k-means clusters (0-based labels). */
export function segmentClusterCrosstab(
  assignment: SegmentAssignment,
  rules: readonly SegmentRule[],
  labels: Int32Array,
  k: number,
): Crosstab {
  const nr = rules.length + 1;
  const counts = new Float64Array(nr * k);
  const n = Math.min(labels.length, assignment.rule.length);
  for (let i = 0; i < n; i++) {
    const j = assignment.rule[i]!;
    const c = labels[i]!;
    if (c < 0 || c >= k) continue;
    counts[(j < 0 ? nr - 1 : j) * k + c]!++;
  }
  const rowTotals = new Float64Array(nr);
  for (let r = 0; r < nr; r++) for (let c = 0; c < k; c++) rowTotals[r]! += counts[r * k + c]!;
  const rowShares = Float64Array.from(counts, (v, i) => {
    const t = rowTotals[Math.floor(i / k)]!;
    return t > 0 ? v / t : NaN;
  });
  return { rows: [...rules.map((r) => r.name), OTHERS], k, counts, rowShares, rowTotals };
}

/** Customers per combined score ("545"), most customers first, and per sum score (ascending). */
export function scoreDistributions(scores: RfmScores): {
  readonly combined: readonly { readonly code: string; readonly count: number }[];
  readonly sum: readonly { readonly sum: number; readonly count: number }[];
} {
  const combined = new Map<string, number>();
  const sum = new Map<number, number>();
  for (let i = 0; i < scores.n; i++) {
    const r = scores.r[i]!;
    const f = scores.f[i]!;
    const m = scores.m[i]!;
    if (r === 0 || f === 0 || m === 0) continue;
    const code = combinedCode(r, f, m, scores.breaks);
    combined.set(code, (combined.get(code) ?? 0) + 1);
    sum.set(r + f + m, (sum.get(r + f + m) ?? 0) + 1);
  }
  return {
    combined: [...combined]
      .map(([code, count]) => ({ code, count }))
      .sort((a, b) => b.count - a.count || (a.code < b.code ? -1 : 1)),
    sum: [...sum].map(([s, count]) => ({ sum: s, count })).sort((a, b) => a.sum - b.sum),
  };
}
