/**
 * One point of the elbow sweep: a k's fit and its quality metrics. Written once for the single-worker
 * sweep (`sweepK`) and the two-worker one (src/workers/engine/restart-pool.ts), so both give the same
 * numbers.
 */
import type { KMeansResult } from '../kmeans/types';
import { calinskiHarabasz, daviesBouldin, silhouetteScore } from './metrics';
import type { SweepPoint } from './types';

/** Which rows the silhouette uses: all (undefined) or a seeded sample (see `sweepPlan`). */
export type SilhouetteSample = { size: number; seed: number } | undefined;

/**
 * The point of a fit without its silhouette: inertia, Calinski–Harabasz and Davies–Bouldin (NaN for
 * k = 1). The silhouette is the costly one; the two-worker sweep computes it on the other worker.
 */
export function pointWithoutSilhouette(
  X: Float64Array,
  n: number,
  d: number,
  result: KMeansResult,
): Omit<SweepPoint, 'silhouette'> {
  const k = result.k;
  const multi = k > 1;
  return {
    k,
    inertia: result.inertia,
    calinskiHarabasz: multi ? calinskiHarabasz(X, n, d, result.labels, k) : Number.NaN,
    daviesBouldin: multi ? daviesBouldin(X, n, d, result.labels, k) : Number.NaN,
    result,
  };
}

/** The silhouette of a fit on the sweep's rows (NaN for k = 1: undefined). */
export function pointSilhouette(
  X: Float64Array,
  n: number,
  d: number,
  result: KMeansResult,
  sample: SilhouetteSample,
): number {
  return result.k > 1 ? silhouetteScore(X, n, d, result.labels, result.k, sample) : Number.NaN;
}

/** The sweep's point of a fit: every metric computed here. */
export function sweepPoint(
  X: Float64Array,
  n: number,
  d: number,
  result: KMeansResult,
  sample: SilhouetteSample,
): SweepPoint {
  const { k, inertia, calinskiHarabasz: ch, daviesBouldin: db } = pointWithoutSilhouette(X, n, d, result);
  return {
    k,
    inertia,
    silhouette: pointSilhouette(X, n, d, result, sample),
    calinskiHarabasz: ch,
    daviesBouldin: db,
    result,
  };
}
