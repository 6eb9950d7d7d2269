/**
 * Scores 1..n per feature from cut points (docs/rfm-scores.md). Ties always share a score: bins are
 * defined by values, never by rank, so two customers with the same value get the same score.
 */
import { quantileSorted } from '../numeric/quantiles';
import {
  MAX_SCORES,
  MIN_SCORES,
  SCORE_FEATURES,
  type BinMethod,
  type BinNote,
  type Breaks,
  type FeatureBreaks,
  type FeatureReport,
  type RfmScores,
  type ScoreBin,
  type ScoreFeature,
  type ScoreSettings,
} from './types';

/** Error codes (sentences are written at the UI edge). */
export type ScoreErrorCode = 'scores-out-of-range' | 'cuts-not-ascending' | 'cuts-not-finite' | 'cuts-count';

export class ScoreError extends Error {
  constructor(
    readonly code: ScoreErrorCode,
    readonly feature: ScoreFeature | null,
  ) {
    super(`${code}${feature ? ` (${feature})` : ''}`);
    this.name = 'ScoreError';
  }
}

function sortedFinite(values: ArrayLike<number>): Float64Array {
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i]!)) out.push(values[i]!);
  return Float64Array.from(out).sort();
}

/**
 * R's `quantile(x, p, type = 7)` as written in R's quantile.default: index = 1 + (n − 1)·p,
 * (1 − h)·x[lo] + h·x[hi] (h = index − lo; no interpolation when x[hi] equals x[lo]).
 */
export function quantileType7R(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const index = 1 + (n - 1) * p;
  const lo = Math.floor(index);
  const hi = Math.ceil(index);
  const a = sorted[lo - 1]!;
  const b = sorted[hi - 1]!;
  if (!(index > lo) || b === a) return a;
  const h = index - lo;
  return (1 - h) * a + h * b;
}

/**
 * Quantile cut points at i/n, i = 1..n−1:
 * - 'quantile': pandas `Series.quantile(i / n)` (linear, numpy's interpolation formula);
 * - 'r-rfm': the R package's `quantile(x, seq(0, 1, length.out = n + 1))[-c(1, n + 1)] + 1`, with R's
 *   probabilities (i·(1/n), as `seq` makes them) and R's type-7 formula, to the last bit.
 */
export function quantileCuts(values: ArrayLike<number>, scores: number, method: BinMethod): number[] {
  const sorted = sortedFinite(values);
  const cuts: number[] = [];
  for (let i = 1; i < scores; i++) {
    cuts.push(
      method === 'r-rfm' ? quantileType7R(sorted, i * (1 / scores)) + 1 : quantileSorted(sorted, i / scores),
    );
  }
  return cuts;
}

/** Ascending bin position 1..cuts.length+1 of a value; 0 for a missing (non-finite) value. */
export function binPosition(x: number, cuts: readonly number[], closed: 'right' | 'left'): number {
  if (!Number.isFinite(x)) return 0;
  // Binary search for the number of cuts below x ('right') or at/below x ('left').
  let lo = 0;
  let hi = cuts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const c = cuts[mid]!;
    if (closed === 'right' ? c < x : c <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo + 1;
}

/** The score of one value under saved breaks (1..scores; 0 when the value is missing). */
export function scoreValue(x: number, b: FeatureBreaks): number {
  const pos = binPosition(x, b.cuts, b.closed);
  if (pos === 0) return 0;
  return b.reversed ? b.scores + 1 - pos : pos;
}

function checkCuts(cuts: readonly number[], feature: ScoreFeature): void {
  if (cuts.length < MIN_SCORES - 1 || cuts.length > MAX_SCORES - 1)
    throw new ScoreError('cuts-count', feature);
  for (let i = 0; i < cuts.length; i++) {
    if (!Number.isFinite(cuts[i]!)) throw new ScoreError('cuts-not-finite', feature);
    if (i > 0 && cuts[i]! < cuts[i - 1]!) throw new ScoreError('cuts-not-ascending', feature);
  }
}

/** The breaks of every feature for a settings object (computed from the values unless custom). */
export function computeBreaks(
  columns: Readonly<Record<ScoreFeature, ArrayLike<number>>>,
  settings: ScoreSettings,
): Breaks {
  if (!Number.isInteger(settings.scores) || settings.scores < MIN_SCORES || settings.scores > MAX_SCORES)
    throw new ScoreError('scores-out-of-range', null);
  const closed = settings.method === 'r-rfm' ? 'left' : 'right';
  const one = (feature: ScoreFeature): FeatureBreaks => {
    const custom = settings.customCuts?.[feature];
    const reversed = feature === 'recency';
    if (custom && custom.length > 0) {
      checkCuts(custom, feature);
      return { cuts: [...custom], closed, reversed, scores: custom.length + 1, source: 'custom' };
    }
    const cuts = quantileCuts(columns[feature], settings.scores, settings.method);
    return { cuts, closed, reversed, scores: settings.scores, source: settings.method };
  };
  return { recency: one('recency'), frequency: one('frequency'), monetary: one('monetary') };
}

/** Scores of one column under breaks. */
export function scoreColumn(values: ArrayLike<number>, b: FeatureBreaks): Uint8Array {
  const out = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = scoreValue(values[i]!, b);
  return out;
}

/** Bins (by score), counts and notes on ties and empty scores. */
export function featureReport(
  feature: ScoreFeature,
  values: ArrayLike<number>,
  scores: Uint8Array,
  b: FeatureBreaks,
): FeatureReport {
  const k = b.scores;
  const count = new Array<number>(k + 1).fill(0);
  const min = new Array<number>(k + 1).fill(Infinity);
  const max = new Array<number>(k + 1).fill(-Infinity);
  for (let i = 0; i < values.length; i++) {
    const s = scores[i]!;
    count[s]!++;
    if (s === 0) continue;
    const x = values[i]!;
    if (x < min[s]!) min[s] = x;
    if (x > max[s]!) max[s] = x;
  }
  // Bin at ascending position p (1..k) lies between cuts[p−2] and cuts[p−1].
  const scoreAt = (pos: number) => (b.reversed ? k + 1 - pos : pos);
  const bins: ScoreBin[] = [];
  for (let s = 1; s <= k; s++) {
    const pos = b.reversed ? k + 1 - s : s;
    bins.push({
      score: s,
      min: count[s]! > 0 ? min[s]! : NaN,
      max: count[s]! > 0 ? max[s]! : NaN,
      lower: pos === 1 ? -Infinity : b.cuts[pos - 2]!,
      upper: pos === k ? Infinity : b.cuts[pos - 1]!,
      count: count[s]!,
    });
  }
  const notes: BinNote[] = [];
  // Equal neighbouring cuts: the bin between them is empty; its customers are in the neighbour that
  // holds the tied value (the lower one for right-closed bins, the upper one for left-closed bins).
  for (let pos = 2; pos < k; pos++) {
    const a = b.cuts[pos - 2]!;
    const c = b.cuts[pos - 1]!;
    if (a === c) {
      const into = b.closed === 'right' ? pos - 1 : pos + 1;
      let target = into;
      // Several equal cuts in a row: walk to the first non-empty neighbour.
      while (target > 1 && target < k && b.cuts[target - 2] === b.cuts[target - 1])
        target += into < pos ? -1 : 1;
      notes.push({ kind: 'empty', score: scoreAt(pos), value: a, mergedInto: scoreAt(target) });
    }
  }
  // Ties at a cut: customers sharing the cut value all land on one side, making bins uneven.
  const n = values.length - count[0]!;
  const ideal = n / k;
  const seenCut = new Set<number>();
  for (let j = 0; j < b.cuts.length; j++) {
    const c = b.cuts[j]!;
    if (seenCut.has(c)) continue;
    seenCut.add(c);
    // The tied value: the cut itself for quantile cuts; for R's cuts (+1) the largest value below it.
    let tiedValue = c;
    let tied = 0;
    if (b.closed === 'left') {
      let best = -Infinity;
      for (let i = 0; i < values.length; i++) {
        const x = values[i]!;
        if (x < c && x > best) best = x;
      }
      tiedValue = best;
    }
    for (let i = 0; i < values.length; i++) if (values[i] === tiedValue) tied++;
    if (tied > 1 && tied > 0.1 * ideal) {
      const pos = binPosition(tiedValue, b.cuts, b.closed);
      notes.push({ kind: 'tie', score: scoreAt(pos), value: tiedValue, count: tied });
    }
  }
  return { feature, breaks: b, bins, notes, missing: count[0]! };
}

/** Scores per customer for R, F and M, with the breaks and per-bin report. */
export function computeScores(
  columns: Readonly<Record<ScoreFeature, ArrayLike<number>>>,
  settings: ScoreSettings,
): RfmScores {
  const breaks = computeBreaks(columns, settings);
  return scoresWithBreaks(columns, breaks);
}

/** Scores under given (e.g. saved) breaks, with the per-bin report. */
export function scoresWithBreaks(
  columns: Readonly<Record<ScoreFeature, ArrayLike<number>>>,
  breaks: Breaks,
): RfmScores {
  const cols = {} as Record<ScoreFeature, Uint8Array>;
  const reports = {} as Record<ScoreFeature, FeatureReport>;
  for (const f of SCORE_FEATURES) {
    cols[f] = scoreColumn(columns[f], breaks[f]);
    reports[f] = featureReport(f, columns[f], cols[f], breaks[f]);
  }
  return {
    n: columns.recency.length,
    r: cols.recency,
    f: cols.frequency,
    m: cols.monetary,
    breaks,
    reports,
  };
}

/** The combined score as text: "545"; with a 10-score feature, "10-4-5" (digits would be ambiguous). */
export function combinedCode(r: number, f: number, m: number, breaks: Breaks): string {
  const sep =
    breaks.recency.scores > 9 || breaks.frequency.scores > 9 || breaks.monetary.scores > 9 ? '-' : '';
  return `${r}${sep}${f}${sep}${m}`;
}

/** Sum score R + F + M (NaN when a score is missing). */
export function sumScore(r: number, f: number, m: number): number {
  return r === 0 || f === 0 || m === 0 ? NaN : r + f + m;
}
