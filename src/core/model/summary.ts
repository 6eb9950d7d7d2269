/**
 * The training data summarised for drift, small enough for the model JSON (no customer rows): per
 * feature numpy 'linear' quantiles, min/max and decile-bin counts; per segment its size and the 99th
 * percentile of its customers' distances to the centroid.
 */
import { distancesToOwn } from './distance';
import { ModelError } from './errors';
import {
  MODEL_FEATURES,
  SUMMARY_QUANTILE_PROBS,
  type FeatureSummary,
  type ModelFeature,
  type RfmColumns,
  type ScoreResult,
  type TrainingSummary,
} from './model-types';

const DECILES = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

/** numpy.quantile(x, p) (method 'linear', numpy's lerp) of an ascending-sorted array; NaN if empty. */
export function sortedQuantile(sorted: Float64Array, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * p;
  const lo = Math.min(Math.floor(h), n - 1);
  const hi = Math.min(lo + 1, n - 1);
  const t = h - lo;
  const a = sorted[lo]!;
  const b = sorted[hi]!;
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/** Bin of x for ascending edges: edges[b − 1] < x ≤ edges[b] (numpy searchsorted side='left'). */
export function binOf(edges: readonly number[], x: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (edges[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function binCounts(edges: readonly number[], x: Float64Array): number[] {
  const counts = new Array<number>(edges.length + 1).fill(0);
  for (let i = 0; i < x.length; i++) counts[binOf(edges, x[i]!)]!++;
  return counts;
}

export function summariseFeature(x: Float64Array): FeatureSummary {
  const sorted = Float64Array.from(x).sort();
  const edges: number[] = [];
  for (const p of DECILES) {
    const q = sortedQuantile(sorted, p);
    if (edges.length === 0 || q > edges[edges.length - 1]!) edges.push(q);
  }
  return {
    quantiles: SUMMARY_QUANTILE_PROBS.map((p) => sortedQuantile(sorted, p)),
    min: sorted[0]!,
    max: sorted[sorted.length - 1]!,
    edges,
    counts: binCounts(edges, x),
  };
}

/**
 * Summary of the training customers and their scores (from `scoreCustomers` or the fit's labels with
 * distances). @throws ModelError 'score-no-customers' when there is no customer.
 */
export function trainingSummary(cols: RfmColumns, scores: ScoreResult, k: number): TrainingSummary {
  const n = cols.recency.length;
  if (n === 0) throw new ModelError('score-no-customers', '', 'no training customer');
  const features = {} as Record<ModelFeature, FeatureSummary>;
  for (const f of MODEL_FEATURES) features[f] = summariseFeature(cols[f]);
  const perSegment: number[][] = Array.from({ length: k }, () => []);
  for (let i = 0; i < n; i++) perSegment[scores.clusterIndex[i]!]!.push(scores.distances[i]!);
  const segments = perSegment.map((d) => ({
    size: d.length,
    distanceP99: sortedQuantile(Float64Array.from(d).sort(), 0.99),
  }));
  return { customers: n, features, segments };
}

/** The summary as JSON-ready plain data (NaN → null). */
export function trainingSummaryJson(s: TrainingSummary) {
  return {
    customers: s.customers,
    quantileProbs: SUMMARY_QUANTILE_PROBS,
    features: s.features,
    segments: s.segments.map((g) => ({
      size: g.size,
      distanceP99: Number.isFinite(g.distanceP99) ? g.distanceP99 : null,
    })),
  };
}

/**
 * The training summary of a fit: X is the fit's standardised matrix (n × d), labels and centroids
 * (k × d) the fit's own; distances are to each customer's own centroid.
 */
export function trainingSummaryOfFit(
  cols: RfmColumns,
  X: Float64Array,
  labels: Int32Array,
  centroids: Float64Array,
  k: number,
  d = 3,
): TrainingSummary {
  const distances = distancesToOwn(X, labels, centroids, d);
  return trainingSummary(cols, { clusterIndex: labels, distances }, k);
}
