import { randomInt } from '../numeric/random';
import { sqDist } from './distance';
import { absoluteTolerance } from './lloyd';
import { kmeansPlusPlus } from './seeding';
import type { KMeansOptions, LloydStepper, RunResult } from './types';

/** Labels of the nearest centre and the inertia, via the stepper (its centroid update is ignored). */
function assign(
  stepper: LloydStepper,
  centers: Float64Array,
  k: number,
): { labels: Int32Array; inertia: number } {
  const r = stepper.step(centers, k);
  return { labels: Int32Array.from(r.labels), inertia: r.inertia };
}

function inertiaOf(X: Float64Array, idx: Int32Array, d: number, centers: Float64Array, k: number): number {
  let total = 0;
  for (let t = 0; t < idx.length; t++) {
    const i = idx[t]!;
    let best = Infinity;
    for (let c = 0; c < k; c++) {
      const v = sqDist(X, i, centers, c, d);
      if (v < best) best = v;
    }
    total += best;
  }
  return total;
}

function gather(X: Float64Array, d: number, idx: Int32Array): Float64Array {
  const out = new Float64Array(idx.length * d);
  for (let t = 0; t < idx.length; t++) out.set(X.subarray(idx[t]! * d, idx[t]! * d + d), t * d);
  return out;
}

/**
 * Mini-batch k-means as scikit-learn 1.2.1 `MiniBatchKMeans` (reassignment_ratio 0.01,
 * max_no_improvement 10, init_size 3·batch): validation rows and nInit k-means++ seedings on random
 * init_size subsets, the best seeding by validation inertia; ⌊maxIter · n / batch⌋ steps of a random
 * batch (with replacement), per-centre learning rates through the running counts
 * (c ← (c·w + Σ batch rows) / (w + m)), random reassignment of centres whose count falls below 1% of the
 * largest (every 10·k rows seen, or when a count is 0), early stop on the exponentially weighted
 * batch inertia (no improvement in 10 steps) or when Σ‖Δc‖² ≤ tol · mean variance. Then every row
 * is assigned to the final centres.
 */
export function miniBatchRun(
  X: Float64Array,
  n: number,
  d: number,
  k: number,
  options: KMeansOptions,
  rng: () => number,
  stepper: LloydStepper,
): RunResult {
  const batch = Math.max(1, Math.min(n, options.batchSize ?? Math.floor(0.1 * n)));
  let initSize = 3 * batch;
  if (initSize < k) initSize = 3 * k;
  initSize = Math.min(initSize, n);
  const randIdx = (m: number): Int32Array => {
    const a = new Int32Array(m);
    for (let t = 0; t < m; t++) a[t] = randomInt(rng, n);
    return a;
  };
  const valid = randIdx(initSize);
  let centers: Float64Array = new Float64Array(0);
  let bestInertia = Infinity;
  for (let r = 0; r < Math.max(1, options.nInit); r++) {
    const sub = initSize < n ? gather(X, d, randIdx(initSize)) : X;
    const m = initSize < n ? initSize : n;
    const c = kmeansPlusPlus(sub, m, d, k, rng);
    const inertia = inertiaOf(X, valid, d, c, k);
    if (inertia < bestInertia) {
      bestInertia = inertia;
      centers = c;
    }
  }
  const tolAbs = options.tol > 0 ? absoluteTolerance(X, n, d, options.tol) : 0;
  const weights = new Float64Array(k);
  const next = new Float64Array(k * d);
  const bLabels = new Int32Array(batch);
  const bSum = new Float64Array(k * d);
  const bCount = new Float64Array(k);
  let ewa: number | null = null;
  let ewaMin: number | null = null;
  let noImprovement = 0;
  let sinceReassign = 0;
  const nSteps = Math.floor((Math.max(1, options.maxIter) * n) / batch);
  let steps = 0;
  for (let s = 0; s < nSteps; s++) {
    const idx = randIdx(batch);
    // labels and inertia of the batch
    let bInertia = 0;
    bSum.fill(0);
    bCount.fill(0);
    for (let t = 0; t < batch; t++) {
      const i = idx[t]!;
      let best = 0;
      let bestD = Infinity;
      for (let c = 0; c < k; c++) {
        const v = sqDist(X, i, centers, c, d);
        if (v < bestD) {
          bestD = v;
          best = c;
        }
      }
      bLabels[t] = best;
      bInertia += bestD;
      bCount[best] = bCount[best]! + 1;
      for (let j = 0; j < d; j++) bSum[best * d + j] = bSum[best * d + j]! + X[i * d + j]!;
    }
    // _minibatch_update_dense
    for (let c = 0; c < k; c++) {
      const m = bCount[c]!;
      if (m > 0) {
        const w = weights[c]!;
        for (let j = 0; j < d; j++) next[c * d + j] = (centers[c * d + j]! * w + bSum[c * d + j]!) / (w + m);
        weights[c] = w + m;
      } else for (let j = 0; j < d; j++) next[c * d + j] = centers[c * d + j]!;
    }
    // _random_reassign + reassignment
    sinceReassign += batch;
    let anyZero = false;
    for (let c = 0; c < k; c++) if (weights[c] === 0) anyZero = true;
    if (anyZero || sinceReassign >= 10 * k) {
      sinceReassign = 0;
      let wmax = 0;
      for (let c = 0; c < k; c++) if (weights[c]! > wmax) wmax = weights[c]!;
      const toReassign: number[] = [];
      for (let c = 0; c < k; c++) if (weights[c]! < 0.01 * wmax) toReassign.push(c);
      if (toReassign.length > 0 && toReassign.length < k) {
        let minKept = Infinity;
        for (let c = 0; c < k; c++)
          if (!toReassign.includes(c) && weights[c]! < minKept) minKept = weights[c]!;
        // random_state.choice(n, replace=False, size=…): distinct rows
        const chosen = new Set<number>();
        for (const c of toReassign) {
          let i = randomInt(rng, n);
          while (chosen.has(i)) i = randomInt(rng, n);
          chosen.add(i);
          for (let j = 0; j < d; j++) next[c * d + j] = X[i * d + j]!;
          weights[c] = minKept;
        }
      }
    }
    let shift = 0;
    if (tolAbs > 0) {
      for (let q = 0; q < k * d; q++) {
        const a = next[q]! - centers[q]!;
        shift += a * a;
      }
    }
    centers.set(next);
    steps = s + 1;
    // _mini_batch_convergence
    const meanInertia = bInertia / batch;
    if (s === 0) continue;
    if (ewa === null) ewa = meanInertia;
    else {
      const alpha = Math.min(1, (batch * 2) / (n + 1));
      ewa = ewa * (1 - alpha) + meanInertia * alpha;
    }
    if (tolAbs > 0 && shift <= tolAbs) break;
    if (ewaMin === null || ewa < ewaMin) {
      noImprovement = 0;
      ewaMin = ewa;
    } else noImprovement++;
    if (noImprovement >= 10) break;
  }
  const final = assign(stepper, centers, k);
  return {
    labels: final.labels,
    centroids: centers,
    inertia: final.inertia,
    nIter: Math.ceil((steps * batch) / n),
    converged: true,
  };
}
