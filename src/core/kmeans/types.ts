/**
 * The k-means contracts: options, result, the Lloyd stepper (the hot loop a tfjs kernel can replace),
 * one restart's result and the reusable pieces of a fit. Plain data, so it crosses worker boundaries.
 */

export interface KMeansOptions {
  readonly k: number;
  readonly seed: number;
  readonly nInit: number;
  readonly maxIter: number;
  /** Relative tolerance: scikit-learn's tol × mean feature variance. */
  readonly tol: number;
  readonly algorithm: 'lloyd' | 'minibatch';
  /** Mini-batch only: rows per batch (default 10% of rows). */
  readonly batchSize?: number;
  /**
   * Lloyd only: polish each converged restart by Hartigan single-row transfers (never raises the
   * inertia; see src/core/kmeans/hartigan.ts `hartiganRefine`). Default 'hartigan'; 'none' = plain Lloyd.
   */
  readonly refine?: KMeansRefine;
  /**
   * Lloyd only: from `minN` rows up, the nInit restarts run on a seeded sample (a quarter of the rows,
   * at most `size`) and the `finalists` best go on to all rows (src/core/kmeans/sampled-fit.ts `sampledFit`).
   * Default `SAMPLED_RESTARTS` ({ minN: 100,000, size: 100,000, finalists: 3 }); null = every restart
   * on all rows.
   */
  readonly sampledRestarts?: SampledRestarts | null;
}

export interface KMeansResult {
  readonly k: number;
  /** Cluster of each row, ordered so cluster 0 has the highest centroid monetary. */
  readonly labels: Int32Array;
  /** k × d row-major, in the space the model was fitted in (transformed, standardised). */
  readonly centroids: Float64Array;
  readonly inertia: number;
  readonly nIter: number;
  readonly seed: number;
}

/**
 * The hot loop of k-means, behind one contract so a tfjs kernel can replace the plain loop.
 * A stepper is made once per data matrix (the tfjs one uploads X once) and disposed after use.
 */
export interface LloydStepper {
  readonly name: string;
  /**
   * One Lloyd iteration: assign every row to its nearest centroid (squared Euclidean, ties to the
   * lower index), then recompute centroids as the mean of their rows. Returns the labels and inertia
   * of that assignment and the new centroids (k × d); an empty cluster's row is NaN so the caller
   * can relocate it.
   */
  step(centroids: Float64Array, k: number): { labels: Int32Array; inertia: number; centroids: Float64Array };
  dispose(): void;
}

/** Makes a stepper for an n × d row-major matrix. */
export type LloydStepperFactory = (X: Float64Array, n: number, d: number) => LloydStepper;

/** How a Lloyd solution is polished: 'hartigan' (default) or 'none' (plain scikit-learn Lloyd). */
export type KMeansRefine = 'hartigan' | 'none';

/** One k-means++ + Lloyd (+ refinement) run; labels and centroids in the run's own cluster order. */
export interface KMeansRestart {
  /** Index of the restart, 0 … nInit − 1. */
  readonly restart: number;
  readonly labels: Int32Array;
  readonly centroids: Float64Array;
  readonly inertia: number;
  /** Lloyd iterations from the k-means++ centres (the refinement's polishing steps not counted). */
  readonly nIter: number;
  /** Single-row transfers made by the Hartigan refinement (0 when off). */
  readonly refineMoves: number;
}

/** Reusable pieces for several restarts on one matrix (all optional; made on the fly when absent). */
export interface RestartContext {
  /** A stepper for X (the caller disposes it). */
  readonly stepper?: LloydStepper;
  /** `absoluteTolerance(X, n, d, tol)`, computed once. */
  readonly tolAbs?: number;
  /** n scratch labels. */
  readonly labelsScratch?: Int32Array;
  /** Default 'hartigan'. */
  readonly refine?: KMeansRefine;
}

/** When and on how many rows a Lloyd fit screens its restarts on a sample (`sampledFit`). */
export interface SampledRestarts {
  /** Fits on fewer rows run every restart on all rows. */
  readonly minN: number;
  /** Most rows in the sample: it holds a quarter of the rows, at most this many. */
  readonly size: number;
  /** Restarts with the lowest sample inertia taken on to all rows. */
  readonly finalists: number;
}

/** One Lloyd (or mini-batch) run, clusters in the run's own order. */
export interface RunResult {
  labels: Int32Array;
  centroids: Float64Array;
  inertia: number;
  nIter: number;
  /** false when maxIter ended the run before the labels repeated or the centres moved ≤ tol. */
  converged: boolean;
}

/** One matrix and the Lloyd machinery a fit reuses across its runs (`lloydRun`, `refineAndPolish`). */
export interface LloydProblem {
  readonly X: Float64Array;
  readonly n: number;
  readonly d: number;
  readonly k: number;
  readonly maxIter: number;
  /** `absoluteTolerance(X, n, d, tol)`. */
  readonly tolAbs: number;
  readonly stepper: LloydStepper;
  /** n scratch labels (overwritten by every run). */
  readonly labelsScratch: Int32Array;
}
