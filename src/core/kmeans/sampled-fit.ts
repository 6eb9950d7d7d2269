import { createRng, sampleWithoutReplacement } from '../numeric/random';
import { lloydRun } from './lloyd';
import { refineAndPolish, refineOf, restartOf, restartSeed, withProblem } from './restarts';
import { kmeansPlusPlus } from './seeding';
import type { KMeansOptions, KMeansRestart, RestartContext, RunResult, SampledRestarts } from './types';

/**
 * Default: from 100,000 rows the restarts are screened on a quarter of the rows, at most 100,000.
 * Measured on the benchmark tables (docs/benchmarks.md), k = 2..10, seed 42, against scikit-learn's
 * KMeans(n_init = 10) on all rows: 100,000 customers (25,000 sampled) ≤ × 0.999998, 1,000,000
 * customers (100,000 sampled) ≤ × 0.99999 — lower inertia at every k — in about a tenth of the time
 * at 1M.
 */
export const SAMPLED_RESTARTS: SampledRestarts = { minN: 100_000, size: 100_000, finalists: 3 };

/**
 * The sample a Lloyd fit of n rows screens its restarts on (`size` resolved to min(size, ⌊n/4⌋)), or
 * null when it runs them on all rows (fewer than minN rows, or a sample smaller than max(k, 2)).
 */
export function sampledRestartsFor(n: number, options: KMeansOptions): SampledRestarts | null {
  if (options.algorithm !== 'lloyd') return null;
  const s = options.sampledRestarts === undefined ? SAMPLED_RESTARTS : options.sampledRestarts;
  if (s === null || n < s.minN) return null;
  const size = Math.min(s.size, Math.floor(n / 4));
  if (size < Math.max(options.k, 2)) return null;
  return { minN: s.minN, size, finalists: s.finalists };
}

/** The random stream of the screening sample: a fit's seed through `restartSeed` with this index. */
const SAMPLE_STREAM = 0x53414d50;

/**
 * Lloyd k-means for large n with its restarts screened on a sample (P. S. Bradley and U. M. Fayyad,
 * "Refining initial points for k-means clustering", ICML 1998):
 * 1. `size` distinct rows drawn with `createRng(restartSeed(seed, SAMPLE_STREAM))` (the same rows for
 *    every k of a seed), in row order;
 * 2. restarts r = 0 … nInit − 1 on the sample, each exactly `kmeansRestart`'s k-means++ from
 *    `createRng(restartSeed(seed, r))` and Lloyd to convergence, without refinement;
 * 3. the `finalists` lowest sample inertias (the lower r on ties) go on to all rows: Lloyd from their
 *    centres (near a fixed point already, so a few iterations each); the lowest inertia (lower r on
 *    ties) gets the Hartigan refinement and Lloyd polish of `kmeansRestart`.
 * Why several finalists: on a small sample the best sample restart can sit in a slightly worse basin
 * of the full data (measured: up to × 1.004 of scikit-learn with 2,000-row samples of the 4,000-row
 * fixtures; none above × 1.00001 with 5,875 rows of CDNOW's 23,502, nor on the 100k and 1M benchmark
 * tables). `sample.size` is the number of rows drawn (as resolved by `sampledRestartsFor`).
 * Labels are the nearest centroid of every row and the inertia is over all rows, as for a full fit.
 * `restart` is the winning index, `nIter` its Lloyd iterations on all rows. Deterministic in
 * (X, k, seed, nInit, maxIter, tol, refine, size, finalists). The full-data steps use `context.stepper`.
 */
export function sampledFit(
  X: Float64Array,
  n: number,
  d: number,
  options: KMeansOptions,
  sample: SampledRestarts,
  context: RestartContext = {},
): KMeansRestart {
  const k = options.k;
  const m = sample.size;
  const rows = sampleWithoutReplacement(createRng(restartSeed(options.seed, SAMPLE_STREAM)), n, m);
  const S = new Float64Array(m * d);
  for (let t = 0; t < m; t++) S.set(X.subarray(rows[t]! * d, rows[t]! * d + d), t * d);
  const screened: { restart: number; inertia: number; centroids: Float64Array }[] = [];
  // restarts on the sample, without refinement (a stepper, tolerance and scratch of its own)
  withProblem(S, m, d, options, {}, (sampleProblem) => {
    for (let r = 0; r < Math.max(1, options.nInit); r++) {
      const init = kmeansPlusPlus(S, m, d, k, createRng(restartSeed(options.seed, r)));
      const run = lloydRun(sampleProblem, init);
      screened.push({ restart: r, inertia: run.inertia, centroids: run.centroids });
    }
  });
  // the lowest sample inertias first (the lower restart index on ties)
  screened.sort((a, b) => a.inertia - b.inertia || a.restart - b.restart);
  const finalists = screened.slice(0, Math.max(1, sample.finalists));
  return withProblem(X, n, d, options, context, (problem) => {
    // Lloyd on all rows from each finalist's centres; the best of them is refined
    let best: (RunResult & { restart: number }) | null = null;
    for (const f of finalists) {
      const run = lloydRun(problem, f.centroids);
      if (best === null || run.inertia < best.inertia) best = { ...run, restart: f.restart };
    }
    if (best === null) throw new Error('sampledFit: no restarts');
    const final = refineAndPolish(problem, best, refineOf(options, context));
    return restartOf(best.restart, best.nIter, final);
  });
}
