/**
 * k-means as scikit-learn 1.2.1 `KMeans(init='k-means++', algorithm='lloyd')` and `MiniBatchKMeans`,
 * in float64 over an n × d row-major matrix, with one seeded generator per call (`createRng(seed)`),
 * so `kmeans(X, …, {k, seed})` gives the same result alone or inside a sweep.
 *
 * - Seeding: greedy k-means++ (`_kmeans_plusplus`): first centre uniform; then per centre
 *   2 + ⌊ln k⌋ candidates drawn ∝ D² (D = distance to the closest chosen centre, inverse CDF on the
 *   cumulative sum), keeping the candidate with the lowest resulting potential Σ D².
 * - Lloyd: assign (squared Euclidean, ties to the lower index) then move centres to their means.
 *   Stops when the labels repeat (strict convergence) or when Σ_c ‖c_new − c_old‖² ≤ tol · mean_j var(X_j)
 *   (`_tolerance`, population variances), or after maxIter; then (unless strict) the rows are assigned
 *   once more to the final centres, so labels, centroids and inertia agree.
 * - Empty cluster (sklearn `_relocate_empty_clusters_dense`): moved onto the rows farthest from their
 *   own centres (one per empty cluster, farthest first), removed from their old cluster's mean.
 * - nInit restarts, keeping the lowest inertia (the first on ties).
 * - Output clusters are relabelled: cluster 0 has the highest centroid in the last column (monetary),
 *   ties broken by the columns before it (d − 2, …, 0), all descending.
 * Degenerate cases: k < 1, k > n, non-integer k → UserFacingError. Duplicate rows may give duplicate
 * centres (as scikit-learn, which only warns).
 */
import { UserFacingError } from '../types';
import type { KMeansOptions, KMeansResult, LloydStepper, LloydStepperFactory } from '../types';
import { createRng, randomInt } from './random';

/**
 * The plain typed-array Lloyd step (default engine). Buffers are allocated once per stepper (and
 * grown when k grows): the returned `labels` and `centroids` are reused by later calls of `step`
 * (centroids alternate between two buffers, never the one passed in), so copy what you keep.
 * d = 3 has a specialised loop. Inertia is summed in float64.
 */
export const plainStepper: LloydStepperFactory = (X: Float64Array, n: number, d: number): LloydStepper => {
  const labels = new Int32Array(n);
  let capK = 0;
  let bufA = new Float64Array(0);
  let bufB = new Float64Array(0);
  let counts = new Float64Array(0);
  const ensure = (k: number): void => {
    if (k <= capK) return;
    capK = k;
    bufA = new Float64Array(k * d);
    bufB = new Float64Array(k * d);
    counts = new Float64Array(k);
  };
  return {
    name: 'plain',
    step(centroids: Float64Array, k: number) {
      ensure(k);
      const out = centroids.buffer === bufA.buffer ? bufB : bufA;
      // local constants: V8 keeps them in registers (captured `let`s are re-read from the context)
      const sums = out;
      const cnts = counts;
      const lab = labels;
      const C = centroids;
      sums.fill(0, 0, k * d);
      cnts.fill(0, 0, k);
      let inertia = 0;
      if (d === 3) {
        for (let i = 0, o = 0; i < n; i++, o += 3) {
          const x0 = X[o]!;
          const x1 = X[o + 1]!;
          const x2 = X[o + 2]!;
          let a = x0 - C[0]!;
          let b = x1 - C[1]!;
          let e = x2 - C[2]!;
          let bestD = a * a + b * b + e * e;
          let best = 0;
          for (let c = 1, q = 3; c < k; c++, q += 3) {
            a = x0 - C[q]!;
            b = x1 - C[q + 1]!;
            e = x2 - C[q + 2]!;
            const dist = a * a + b * b + e * e;
            if (dist < bestD) {
              bestD = dist;
              best = c;
            }
          }
          lab[i] = best;
          inertia += bestD;
          const q = best * 3;
          sums[q] = sums[q]! + x0;
          sums[q + 1] = sums[q + 1]! + x1;
          sums[q + 2] = sums[q + 2]! + x2;
          cnts[best] = cnts[best]! + 1;
        }
      } else {
        for (let i = 0, o = 0; i < n; i++, o += d) {
          let best = 0;
          let bestD = Infinity;
          for (let c = 0, q = 0; c < k; c++, q += d) {
            let dist = 0;
            for (let j = 0; j < d; j++) {
              const a = X[o + j]! - C[q + j]!;
              dist += a * a;
            }
            if (dist < bestD) {
              bestD = dist;
              best = c;
            }
          }
          lab[i] = best;
          inertia += bestD;
          const q = best * d;
          for (let j = 0; j < d; j++) sums[q + j] = sums[q + j]! + X[o + j]!;
          cnts[best] = cnts[best]! + 1;
        }
      }
      for (let c = 0; c < k; c++) {
        const cnt = cnts[c]!;
        const q = c * d;
        if (cnt === 0) for (let j = 0; j < d; j++) sums[q + j] = Number.NaN;
        else for (let j = 0; j < d; j++) sums[q + j] = sums[q + j]! / cnt;
      }
      return { labels, inertia, centroids: k * d === out.length ? out : out.subarray(0, k * d) };
    },
    dispose() {
      /* nothing to release */
    },
  };
};

function validate(n: number, d: number, X: Float64Array, k: number): void {
  if (!Number.isInteger(k) || k < 1) {
    throw new UserFacingError('kmeans-bad-k', `The number of segments must be a whole number of at least 1 (got ${k}).`);
  }
  if (k > n) {
    throw new UserFacingError(
      'kmeans-k-too-large',
      `Cannot make ${k} segments from ${n} customers; choose at most ${n} segments.`,
    );
  }
  if (X.length < n * d) throw new Error(`X has ${X.length} values, expected ${n}×${d}`);
  for (let i = 0; i < n * d; i++) {
    if (!Number.isFinite(X[i]!)) {
      throw new UserFacingError(
        'kmeans-non-finite',
        `Row ${Math.floor(i / d) + 1} of the model input is not a finite number; transform the data before clustering.`,
      );
    }
  }
}

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

function sqDist(X: Float64Array, i: number, C: Float64Array, c: number, d: number): number {
  let s = 0;
  const o = i * d;
  const q = c * d;
  for (let j = 0; j < d; j++) {
    const a = X[o + j]! - C[q + j]!;
    s += a * a;
  }
  return s;
}

/**
 * Greedy k-means++ seeding (sklearn `_kmeans_plusplus`): returns k × d centres copied from rows of X.
 * O(n · k · (2 + ln k)) distance evaluations.
 */
export function kmeansPlusPlus(X: Float64Array, n: number, d: number, k: number, rng: () => number): Float64Array {
  const centers = new Float64Array(k * d);
  const trials = 2 + Math.floor(Math.log(k));
  const first = randomInt(rng, n);
  centers.set(X.subarray(first * d, first * d + d), 0);
  let closest = new Float64Array(n);
  let pot = 0;
  for (let i = 0; i < n; i++) {
    const v = sqDist(X, i, centers, 0, d);
    closest[i] = v;
    pot += v;
  }
  const cumsum = new Float64Array(n);
  let cand = new Float64Array(n);
  let bestCand = new Float64Array(n);
  for (let c = 1; c < k; c++) {
    let acc = 0;
    for (let i = 0; i < n; i++) {
      acc += closest[i]!;
      cumsum[i] = acc;
    }
    let bestPot = Infinity;
    let bestId = -1;
    for (let t = 0; t < trials; t++) {
      const r = rng() * pot;
      // np.searchsorted(cumsum, r) (side 'left'): first index with cumsum[i] >= r, clipped to n − 1.
      let lo = 0;
      let hi = n;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (cumsum[mid]! < r) lo = mid + 1;
        else hi = mid;
      }
      const id = Math.min(lo, n - 1);
      const o = id * d;
      let candPot = 0;
      if (d === 3) {
        const c0 = X[o]!;
        const c1 = X[o + 1]!;
        const c2 = X[o + 2]!;
        for (let i = 0, p = 0; i < n; i++, p += 3) {
          const a = X[p]! - c0;
          const b = X[p + 1]! - c1;
          const e = X[p + 2]! - c2;
          const dist = a * a + b * b + e * e;
          const m = dist < closest[i]! ? dist : closest[i]!;
          cand[i] = m;
          candPot += m;
        }
      } else {
        for (let i = 0; i < n; i++) {
          let dist = 0;
          for (let j = 0; j < d; j++) {
            const a = X[i * d + j]! - X[o + j]!;
            dist += a * a;
          }
          const m = dist < closest[i]! ? dist : closest[i]!;
          cand[i] = m;
          candPot += m;
        }
      }
      if (candPot < bestPot) {
        bestPot = candPot;
        bestId = id;
        const tmp = bestCand;
        bestCand = cand;
        cand = tmp;
      }
    }
    pot = bestPot;
    const tmp = closest;
    closest = bestCand;
    bestCand = tmp;
    centers.set(X.subarray(bestId * d, bestId * d + d), c * d);
  }
  return centers;
}

/**
 * Fills empty clusters (NaN rows of `next`) as sklearn: the rows farthest from their centre in
 * `prev` (by `labels`) become the new centres, farthest first, and leave their old cluster's mean.
 */
function relocateEmpty(
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

interface RunResult {
  labels: Int32Array;
  centroids: Float64Array;
  inertia: number;
  nIter: number;
}

function lloydRun(
  X: Float64Array,
  n: number,
  d: number,
  k: number,
  init: Float64Array,
  maxIter: number,
  tolAbs: number,
  stepper: LloydStepper,
  labelsOld: Int32Array,
): RunResult {
  let centers = Float64Array.from(init);
  let spare = new Float64Array(k * d);
  labelsOld.fill(-1);
  let strict = false;
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
      last = { labels: lab, inertia: r.inertia };
      break;
    }
    if (shift <= tolAbs) break;
    labelsOld.set(lab);
  }
  if (!strict || last === null) {
    const r = stepper.step(centers, k);
    last = { labels: r.labels, inertia: r.inertia };
  }
  return { labels: Int32Array.from(last.labels), centroids: centers, inertia: last.inertia, nIter };
}

/** Labels of the nearest centre and the inertia, via the stepper (its centroid update is ignored). */
function assign(stepper: LloydStepper, centers: Float64Array, k: number): { labels: Int32Array; inertia: number } {
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
function miniBatchRun(
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
        for (let c = 0; c < k; c++) if (!toReassign.includes(c) && weights[c]! < minKept) minKept = weights[c]!;
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

/**
 * k-means with a stepper the caller owns (used by sweeps so a tfjs stepper uploads X once).
 * See the module comment for the algorithm.
 */
export function kmeansWithStepper(
  X: Float64Array,
  n: number,
  d: number,
  options: KMeansOptions,
  stepper: LloydStepper,
): KMeansResult {
  const k = options.k;
  validate(n, d, X, k);
  const rng = createRng(options.seed);
  let best: RunResult | null = null;
  if (options.algorithm === 'minibatch') {
    best = miniBatchRun(X, n, d, k, options, rng, stepper);
  } else {
    const tolAbs = absoluteTolerance(X, n, d, options.tol);
    const labelsOld = new Int32Array(n);
    for (let r = 0; r < Math.max(1, options.nInit); r++) {
      const init = kmeansPlusPlus(X, n, d, k, rng);
      const run = lloydRun(X, n, d, k, init, options.maxIter, tolAbs, stepper, labelsOld);
      if (best === null || run.inertia < best.inertia) best = run;
    }
  }
  if (best === null) throw new Error('unreachable');
  const ordered = orderClusters(best.labels, best.centroids, k, d);
  return {
    k,
    labels: ordered.labels,
    centroids: ordered.centroids,
    inertia: best.inertia,
    nIter: best.nIter,
    seed: options.seed,
  };
}

/** k-means (Lloyd or mini-batch) on X (n × d row-major). Labels ordered by centroid monetary desc. */
export function kmeans(
  X: Float64Array,
  n: number,
  d: number,
  options: KMeansOptions,
  makeStepper: LloydStepperFactory = plainStepper,
): KMeansResult {
  const stepper = makeStepper(X, n, d);
  try {
    return kmeansWithStepper(X, n, d, options, stepper);
  } finally {
    stepper.dispose();
  }
}
