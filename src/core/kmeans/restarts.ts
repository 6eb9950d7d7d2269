/** One restart of Lloyd k-means, its refinement, and how restarts are combined into a result. */
import { createRng } from '../numeric/random';
import { hartiganRefine } from './hartigan';
import { absoluteTolerance, lloydRun } from './lloyd';
import { kmeansPlusPlus } from './seeding';
import { plainStepper } from './steppers/hamerly';
import type {
  KMeansOptions,
  KMeansRefine,
  KMeansRestart,
  KMeansResult,
  LloydProblem,
  RestartContext,
  RunResult,
} from './types';

/**
 * The seed of restart r of a fit seeded `seed`: restart 0 uses `seed` itself, restart r > 0 a 32-bit
 * hash of (seed, r), so every restart has its own stream and restarts can run in any order or on
 * several workers with the same results.
 */
export function restartSeed(seed: number, restart: number): number {
  if (restart === 0) return seed;
  let h = (Math.trunc(seed) ^ Math.imul(restart, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * One restart of Lloyd k-means, a pure function of (X, options.k, options.seed, restart, maxIter, tol,
 * refine): k-means++ from `createRng(restartSeed(seed, restart))`, Lloyd to convergence (labels repeat
 * or Σ‖Δc‖² ≤ tol · mean variance, or maxIter), then — when Lloyd converged and refine is 'hartigan' —
 * `hartiganRefine` followed by Lloyd steps from the refined means, so the returned labels are the
 * nearest centroid of every row and the inertia is theirs. The refinement never raises the inertia.
 * `kmeans` is min over restarts 0 … nInit − 1 by inertia (first on ties): a pool may run restarts on
 * several workers and combine them with `bestRestart` + `restartResult` for the same result.
 * Does not validate X (call `validateKMeansInput` once).
 */
export function kmeansRestart(
  X: Float64Array,
  n: number,
  d: number,
  options: KMeansOptions,
  restart: number,
  context: RestartContext = {},
): KMeansRestart {
  return withProblem(X, n, d, options, context, (problem) => {
    const rng = createRng(restartSeed(options.seed, restart));
    const init = kmeansPlusPlus(X, n, d, options.k, rng);
    const run = lloydRun(problem, init);
    const final = refineAndPolish(problem, run, refineOf(options, context));
    return restartOf(restart, run.nIter, final);
  });
}

/**
 * Runs `fit` on the Lloyd problem of all rows of X: the context's stepper, tolerance and scratch
 * labels, each made here when absent (a stepper made here is disposed after).
 */
export function withProblem<T>(
  X: Float64Array,
  n: number,
  d: number,
  options: KMeansOptions,
  context: RestartContext,
  fit: (problem: LloydProblem) => T,
): T {
  const stepper = context.stepper ?? plainStepper(X, n, d);
  try {
    return fit({
      X,
      n,
      d,
      k: options.k,
      maxIter: options.maxIter,
      tolAbs: context.tolAbs ?? absoluteTolerance(X, n, d, options.tol),
      stepper,
      labelsScratch: context.labelsScratch ?? new Int32Array(n),
    });
  } finally {
    if (context.stepper === undefined) stepper.dispose();
  }
}

/** A restart's result: its (refined) run and the Lloyd iterations before the refinement. */
export function restartOf(
  restart: number,
  nIter: number,
  final: RunResult & { moves: number },
): KMeansRestart {
  return {
    restart,
    labels: final.labels,
    centroids: final.centroids,
    inertia: final.inertia,
    nIter,
    refineMoves: final.moves,
  };
}

/**
 * When `refine` is 'hartigan' (see `refineOf`) and Lloyd converged with
 * k > 1: `hartiganRefine` from its labels, then Lloyd steps from the refined means; the lower-inertia
 * of the two runs and the number of transfers. Otherwise the run itself with 0 transfers.
 */
export function refineAndPolish(
  problem: LloydProblem,
  run: RunResult,
  refine: KMeansRefine,
): RunResult & { moves: number } {
  const { X, n, d, k } = problem;
  if (refine !== 'hartigan' || !run.converged || k <= 1) return { ...run, moves: 0 };
  const labels = Int32Array.from(run.labels);
  const centers = new Float64Array(k * d);
  const moves = hartiganRefine(X, n, d, k, labels, centers);
  if (moves === 0) return { ...run, moves };
  const polished = lloydRun(problem, centers);
  // Lloyd from a Hartigan-stable partition keeps it (up to float noise); keep the lower inertia
  return polished.inertia <= run.inertia ? { ...polished, moves } : { ...run, moves };
}

/** The refinement of a fit: the context's, else the options', default 'hartigan'. */
export function refineOf(options: KMeansOptions, context: RestartContext): KMeansRefine {
  return context.refine ?? options.refine ?? 'hartigan';
}

/** The restart with the lowest inertia, the lowest restart index on ties (deterministic in any order). */
export function bestRestart(runs: readonly KMeansRestart[]): KMeansRestart {
  let best: KMeansRestart | null = null;
  for (const r of runs) {
    if (best === null || r.inertia < best.inertia || (r.inertia === best.inertia && r.restart < best.restart))
      best = r;
  }
  if (best === null) throw new Error('bestRestart: no runs');
  return best;
}

/** The public result of a restart: clusters ordered by `orderClusters`. */
export function restartResult(run: KMeansRestart, options: KMeansOptions): KMeansResult {
  const ordered = orderClusters(run.labels, run.centroids, options.k, run.centroids.length / options.k);
  return {
    k: options.k,
    labels: ordered.labels,
    centroids: ordered.centroids,
    inertia: run.inertia,
    nIter: run.nIter,
    seed: options.seed,
  };
}

/**
 * Relabels so cluster 0 has the highest centroid in column d − 1, ties by columns d − 2 … 0 (all
 * descending). Returns new labels and centroids.
 */
export function orderClusters(
  labels: Int32Array,
  centroids: Float64Array,
  k: number,
  d: number,
): { labels: Int32Array; centroids: Float64Array } {
  const order = Array.from({ length: k }, (_, c) => c).sort((a, b) => {
    for (let j = d - 1; j >= 0; j--) {
      const diff = centroids[b * d + j]! - centroids[a * d + j]!;
      if (diff !== 0) return diff;
    }
    return a - b;
  });
  const newOf = new Int32Array(k);
  const C = new Float64Array(k * d);
  order.forEach((old, rank) => {
    newOf[old] = rank;
    C.set(centroids.subarray(old * d, old * d + d), rank * d);
  });
  const L = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) L[i] = newOf[labels[i]!]!;
  return { labels: L, centroids: C };
}
