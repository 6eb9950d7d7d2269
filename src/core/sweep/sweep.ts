/**
 * The elbow sweep: k-means for every k in [kMin, kMax] on one matrix, with the quality metrics of each
 * k and the knee of the inertia curve.
 *
 * - Each k runs `kmeans` with the same seed (as scikit-learn's `random_state` per fit), so a point of
 *   the sweep equals a later `kmeans(X, n, d, {k, seed, …})` fit.
 *   Lloyd fits use the default Hartigan refinement (`KMeansOptions.refine`, see src/core/kmeans) and, from
 *   100,000 rows, screen their restarts on a sample (`KMeansOptions.sampledRestarts`, `sampledFit`).
 * - One stepper is made for the whole sweep (a tfjs stepper uploads X once) and disposed at the end.
 * - Silhouette is exact up to `silhouetteMaxN` rows; above, it is computed exactly on a seeded sample of
 *   `silhouetteMaxN` rows (the same rows for every k); `silhouetteSampleSize` says how many.
 * - k = 1: inertia only; silhouette, Calinski–Harabasz and Davies–Bouldin are NaN.
 * - `onProgress(done, total)` is called after each k.
 */
import { kmeansWithStepper } from '../kmeans/fit';
import { sampledRestartsFor } from '../kmeans/sampled-fit';
import { plainStepper } from '../kmeans/steppers/hamerly';
import type { KMeansOptions, LloydStepperFactory, SampledRestarts } from '../kmeans/types';
import { UserFacingError } from '../errors';
import { findKnee } from './knee';
import { sweepPoint } from './point';
import type { SweepPoint, SweepResult } from './types';

export interface SweepOptions {
  kMin: number;
  kMax: number;
  seed: number;
  nInit: number;
  maxIter: number;
  tol: number;
  algorithm: 'lloyd' | 'minibatch';
  silhouetteMaxN: number /* 10_000 */;
  batchSize?: number;
  /** See `KMeansOptions.sampledRestarts` (default: restarts screened on a sample from 100,000 rows). */
  sampledRestarts?: SampledRestarts | null;
}

export const DEFAULT_SWEEP: SweepOptions = {
  kMin: 1,
  kMax: 10,
  seed: 42,
  nInit: 10,
  maxIter: 300,
  tol: 1e-4,
  algorithm: 'lloyd',
  silhouetteMaxN: 10_000,
};

/**
 * The k range a sweep covers on n rows (clamped to 1..n) and the silhouette sample it uses (all rows
 * up to `silhouetteMaxN`, else a sample of that size seeded by the sweep's seed). Throws when the
 * range is empty.
 */
export function sweepPlan(
  n: number,
  options: Pick<SweepOptions, 'kMin' | 'kMax' | 'seed' | 'silhouetteMaxN'>,
): {
  kMin: number;
  kMax: number;
  total: number;
  sampleSize: number;
  sample: { size: number; seed: number } | undefined;
} {
  const kMin = Math.max(1, Math.floor(options.kMin));
  const kMax = Math.min(n, Math.floor(options.kMax));
  if (!(kMax >= kMin)) {
    throw new UserFacingError({ code: 'sweep-bad-range', kMin: options.kMin, kMax: options.kMax, n });
  }
  const sampleSize = n > options.silhouetteMaxN ? options.silhouetteMaxN : n;
  const sample = sampleSize < n ? { size: sampleSize, seed: options.seed } : undefined;
  return { kMin, kMax, total: kMax - kMin + 1, sampleSize, sample };
}

/** The options of the sweep's fit at k (the same as a later `kmeans` fit of that k). */
export function fitOptions(options: SweepOptions, k: number): KMeansOptions {
  return {
    k,
    seed: options.seed,
    nInit: options.nInit,
    maxIter: options.maxIter,
    tol: options.tol,
    algorithm: options.algorithm,
    ...(options.batchSize !== undefined ? { batchSize: options.batchSize } : {}),
    ...(options.sampledRestarts !== undefined ? { sampledRestarts: options.sampledRestarts } : {}),
  };
}

export function sweepK(
  X: Float64Array,
  n: number,
  d: number,
  options: SweepOptions,
  makeStepper: LloydStepperFactory = plainStepper,
  onProgress?: (doneK: number, totalK: number) => void,
): SweepResult {
  const { kMin, kMax, total, sampleSize, sample } = sweepPlan(n, options);
  const stepper = makeStepper(X, n, d);
  const points: SweepPoint[] = [];
  try {
    for (let k = kMin; k <= kMax; k++) {
      const result = kmeansWithStepper(X, n, d, fitOptions(options, k), stepper);
      points.push(sweepPoint(X, n, d, result, sample));
      onProgress?.(k - kMin + 1, total);
    }
  } finally {
    stepper.dispose();
  }
  return sweepResult(points, n, kMax, sampleSize, options, stepper.name);
}

/** A sweep's result from its points (in k order): the knee, the sample sizes, seed and engine. */
export function sweepResult(
  points: SweepPoint[],
  n: number,
  kMax: number,
  silhouetteSampleSize: number,
  options: SweepOptions,
  engine: string,
): SweepResult {
  const knee = findKnee(
    points.map((p) => p.k),
    points.map((p) => p.inertia),
  );
  return {
    points,
    knee,
    silhouetteSampleSize,
    seed: options.seed,
    engine,
    ...restartSampleOf(n, kMax, options),
  };
}

/**
 * `{ restartSample }` when the sweep's fits screen their restarts on a sample (decided at kMax: a
 * sample smaller than some k would leave that k on all rows), else nothing.
 */
function restartSampleOf(
  n: number,
  kMax: number,
  options: SweepOptions,
): { restartSample?: { size: number; finalists: number } } {
  const s = sampledRestartsFor(n, fitOptions(options, kMax));
  return s === null ? {} : { restartSample: { size: s.size, finalists: s.finalists } };
}
