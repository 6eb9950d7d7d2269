/** Lloyd's iterations to convergence, sklearn's tolerance and its relocation of empty clusters. */
import { sqDist } from './distance';
import type { LloydProblem, RunResult } from './types';

/** Population variance of each column, averaged, times tol (sklearn `_tolerance`). */
export function absoluteTolerance(X: Float64Array, n: number, d: number, tol: number): number {
  if (tol === 0) return 0;
  let total = 0;
  for (let j = 0; j < d; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += X[i * d + j]!;
    const mean = s / n;
    let ss = 0;
    for (let i = 0; i < n; i++) {
      const a = X[i * d + j]! - mean;
      ss += a * a;
    }
    total += ss / n;
  }
  return (total / d) * tol;
}

/**
 * Fills empty clusters (NaN rows of `next`) as sklearn: the rows farthest from their centre in
 * `prev` (by `labels`) become the new centres, farthest first, and leave their old cluster's mean.
 */
export function relocateEmpty(
  X: Float64Array,
  n: number,
  d: number,
  k: number,
  prev: Float64Array,
  next: Float64Array,
  labels: Int32Array,
): void {
  const empty: number[] = [];
  for (let c = 0; c < k; c++) if (Number.isNaN(next[c * d]!)) empty.push(c);
  if (empty.length === 0) return;
  const counts = new Float64Array(k);
  for (let i = 0; i < n; i++) counts[labels[i]!] = counts[labels[i]!]! + 1;
  const dist = new Float64Array(n);
  for (let i = 0; i < n; i++) dist[i] = sqDist(X, i, prev, labels[i]!, d);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => dist[b]! - dist[a]! || a - b);
  let p = 0;
  for (const e of empty) {
    // skip rows that are alone in their cluster (moving them would empty it)
    while (p < n && counts[labels[order[p]!]!]! <= 1) p++;
    if (p >= n) {
      for (let j = 0; j < d; j++) next[e * d + j] = prev[e * d + j]!;
      continue;
    }
    const i = order[p++]!;
    const old = labels[i]!;
    const cnt = counts[old]!;
    for (let j = 0; j < d; j++) {
      const x = X[i * d + j]!;
      next[old * d + j] = (next[old * d + j]! * cnt - x) / (cnt - 1);
      next[e * d + j] = x;
    }
    counts[old] = cnt - 1;
    counts[e] = 1;
  }
}

/**
 * Lloyd from the centres `init` to convergence (labels repeat, or Σ‖Δc‖² ≤ tolAbs, or maxIter), then —
 * unless the labels repeated — one more assignment to the final centres.
 */
export function lloydRun(problem: LloydProblem, init: Float64Array): RunResult {
  const { X, n, d, k, maxIter, tolAbs, stepper, labelsScratch: labelsOld } = problem;
  let centers = Float64Array.from(init);
  let spare = new Float64Array(k * d);
  labelsOld.fill(-1);
  let strict = false;
  let converged = false;
  let nIter = 0;
  let last: { labels: Int32Array; inertia: number } | null = null;
  for (let it = 0; it < Math.max(1, maxIter); it++) {
    const r = stepper.step(centers, k);
    spare.set(r.centroids.subarray(0, k * d));
    relocateEmpty(X, n, d, k, centers, spare, r.labels);
    let shift = 0;
    for (let q = 0; q < k * d; q++) {
      const a = spare[q]! - centers[q]!;
      shift += a * a;
    }
    const tmp = centers;
    centers = spare;
    spare = tmp;
    nIter = it + 1;
    let same = true;
    const lab = r.labels;
    for (let i = 0; i < n; i++) {
      if (lab[i] !== labelsOld[i]) {
        same = false;
        break;
      }
    }
    if (same) {
      strict = true;
      converged = true;
      last = { labels: lab, inertia: r.inertia };
      break;
    }
    if (shift <= tolAbs) {
      converged = true;
      break;
    }
    labelsOld.set(lab);
  }
  if (!strict || last === null) {
    const r = stepper.step(centers, k);
    last = { labels: r.labels, inertia: r.inertia };
  }
  return {
    labels: Int32Array.from(last.labels),
    centroids: centers,
    inertia: last.inertia,
    nIter,
    converged,
  };
}
