/**
 * k-means as scikit-learn 1.2.1 `KMeans(init='k-means++', algorithm='lloyd')` (plus a refinement that
 * only lowers the inertia) and `MiniBatchKMeans`, in float64 over an n × d row-major matrix. Seeded:
 * restart r of a fit uses `createRng(restartSeed(seed, r))`, so `kmeans(X, …, {k, seed})` gives the same
 * result alone, inside a sweep, or with its restarts spread over workers (`kmeansRestart`).
 *
 * - Seeding: greedy k-means++ (`_kmeans_plusplus`): first centre uniform; then per centre
 *   2 + ⌊ln k⌋ candidates drawn ∝ D² (D = distance to the closest chosen centre, inverse CDF on the
 *   cumulative sum), keeping the candidate with the lowest resulting potential Σ D² (exact pruning:
 *   see `kmeansPlusPlus`).
 * - Lloyd: assign (squared Euclidean, ties to the lower index) then move centres to their means.
 *   Stops when the labels repeat (strict convergence) or when Σ_c ‖c_new − c_old‖² ≤ tol · mean_j var(X_j)
 *   (`_tolerance`, population variances), or after maxIter; then (unless strict) the rows are assigned
 *   once more to the final centres, so labels, centroids and inertia agree. The default stepper skips
 *   most distances with Hamerly's bounds and returns exactly the naive step's results (`plainStepper`).
 * - Empty cluster (sklearn `_relocate_empty_clusters_dense`): moved onto the rows farthest from their
 *   own centres (one per empty cluster, farthest first), removed from their old cluster's mean.
 * - Refinement (`refine: 'hartigan'`, the default): a restart whose Lloyd run converged is polished by
 *   Hartigan single-row transfers (`hartiganRefine`, each strictly lowering the SSE), then Lloyd steps
 *   from the refined means, so labels are still the nearest centroid and centroids the means. This
 *   escapes Lloyd fixed points that are not Hartigan-stable; on the three real fixtures it makes every
 *   k = 1..10 with seed 42 ≤ sklearn(n_init = 10) × 1.001 (the plain Lloyd was up to × 1.009). Extra
 *   cost: about one full distance pass per restart plus cheap bounded passes (+20–26% CPU for a
 *   100k-row sweep).
 *   `refine: 'none'` is scikit-learn's plain Lloyd.
 * - nInit restarts, keeping the lowest inertia (the lowest restart index on ties).
 * - Output clusters are relabelled: cluster 0 has the highest centroid in the last column (monetary),
 *   ties broken by the columns before it (d − 2, …, 0), all descending.
 * Degenerate cases: k < 1, k > n, non-integer k → UserFacingError. Duplicate rows may give duplicate
 * centres (as scikit-learn, which only warns).
 */
import { UserFacingError } from '../types';
import type { KMeansOptions, KMeansResult, LloydStepper, LloydStepperFactory } from '../types';
import { createRng, randomInt, sampleWithoutReplacement } from './random';

/**
 * The naive typed-array Lloyd step: every row against every centre (n · k distances per step).
 * Kept as the reference that `plainStepper` must reproduce bit for bit (labels, inertia, centroids).
 * Buffers are allocated once per stepper (and grown when k grows): the returned `labels` and
 * `centroids` are reused by later calls of `step` (centroids alternate between two buffers, never the
 * one passed in), so copy what you keep. d = 3 has a specialised loop. Inertia is summed in float64.
 */
export const naiveStepper: LloydStepperFactory = (X: Float64Array, n: number, d: number): LloydStepper => {
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

/** Relative safety margin of the bound tests (float rounding of distances is ~1e-15 relative). */
const BOUND_MARGIN = 1e-12;
/**
 * Below this k the plain stepper runs the naive loop: at d = 3 and k ≤ 5 Hamerly's per-row bookkeeping
 * (two bounds read and written per row) cost as much as the k distances it skips (Node 20, 1M rows:
 * k = 4 1.75 s vs 1.33 s naive for the same 30 iterations; k = 10 1.63 s vs 1.75 s).
 */
const BOUNDS_MIN_K = 6;

/**
 * The plain typed-array Lloyd step (default engine), accelerated by Hamerly's bounds (G. Hamerly,
 * "Making k-means even faster", SDM 2010) and exactly equal to `naiveStepper`: same labels (ties to the
 * lower index), same inertia and centroids to the last bit.
 *
 * Between calls with the same k the stepper keeps, per row i, an upper bound u_i ≥ ‖x_i − c_a‖ to its
 * assigned centre a and a lower bound l_i ≤ min_{c≠a} ‖x_i − c‖ to every other centre, both for the
 * centres it was last given. Given new centres it measures each centre's move p_c = ‖c_new − c_old‖ and
 * sets u_i += p_a, l_i −= max_{c≠a} p_c (triangle inequality); with s_a = ½ min_{c≠a} ‖c_a − c‖ the row
 * keeps its label without any other distance when u_i < max(s_a, l_i), first with the bound, then with
 * u_i recomputed exactly; otherwise it is compared with every centre (as the naive loop, in index
 * order, so ties resolve identically) and its bounds are reset. The bounds are widened by a relative
 * 1e-12 (BOUND_MARGIN), so a row is only skipped when its centre is nearer by far more than float
 * rounding of the squared distances could reorder: the skipped rows are exactly those the naive loop
 * would keep. A new k, or the first call, runs the full pass. For k < 6 it runs the naive loop
 * (BOUNDS_MIN_K).
 *
 * Centroid sums are re-accumulated from scratch in row order every step (not updated incrementally),
 * so centroids are bit-identical to the naive step. The inertia Σ_i ‖x_i − c_{label_i}‖² (same formula,
 * same order) is computed when first read, from a copy of the centres given: read it before the next
 * `step` call, as the labels (reading it later throws).
 * Memory: 2 float64 per row for the bounds. Rows are generic in d; d = 3 has specialised loops.
 */
export const plainStepper: LloydStepperFactory = (X: Float64Array, n: number, d: number): LloydStepper => {
  const labels = new Int32Array(n);
  const upper = new Float64Array(n);
  const lower = new Float64Array(n);
  let capK = 0;
  let bufA = new Float64Array(0);
  let bufB = new Float64Array(0);
  let counts = new Float64Array(0);
  let prev = new Float64Array(0); // the centres of the last step (the bounds refer to them)
  let drift = new Float64Array(0);
  let half = new Float64Array(0);
  let boundsK = 0; // k of the valid bounds; 0 = none
  let stepNo = 0;
  const ensure = (k: number): void => {
    if (k <= capK) return;
    capK = k;
    bufA = new Float64Array(k * d);
    bufB = new Float64Array(k * d);
    counts = new Float64Array(k);
    prev = new Float64Array(k * d);
    drift = new Float64Array(k);
    half = new Float64Array(k);
  };
  const up = 1 + BOUND_MARGIN;
  const down = 1 - BOUND_MARGIN;

  /** Full pass: nearest and second-nearest centre of every row. */
  const fullPass = (C: Float64Array, k: number): void => {
    const lab = labels;
    const U = upper;
    const L = lower;
    for (let i = 0, o = 0; i < n; i++, o += d) {
      let best = 0;
      let bestD = Infinity;
      let second = Infinity;
      for (let c = 0, q = 0; c < k; c++, q += d) {
        let dist: number;
        if (d === 3) {
          const a = X[o]! - C[q]!;
          const b = X[o + 1]! - C[q + 1]!;
          const e = X[o + 2]! - C[q + 2]!;
          dist = a * a + b * b + e * e;
        } else {
          dist = 0;
          for (let j = 0; j < d; j++) {
            const a = X[o + j]! - C[q + j]!;
            dist += a * a;
          }
        }
        if (dist < bestD) {
          second = bestD;
          bestD = dist;
          best = c;
        } else if (dist < second) second = dist;
      }
      lab[i] = best;
      U[i] = Math.sqrt(bestD) * up;
      L[i] = Math.sqrt(second) * down;
    }
  };

  /** Bounded pass (Hamerly): see the factory's comment. */
  const boundedPass = (C: Float64Array, k: number, sums: Float64Array, cnts: Float64Array): void => {
    const P = prev;
    const dr = drift;
    const hf = half;
    let maxP = 0;
    let maxC = -1;
    let secondP = 0;
    for (let c = 0, q = 0; c < k; c++, q += d) {
      let s = 0;
      for (let j = 0; j < d; j++) {
        const a = C[q + j]! - P[q + j]!;
        s += a * a;
      }
      const p = s === 0 ? 0 : Math.sqrt(s) * up;
      dr[c] = p;
      if (p > maxP) {
        secondP = maxP;
        maxP = p;
        maxC = c;
      } else if (p > secondP) secondP = p;
    }
    for (let c = 0; c < k; c++) hf[c] = Infinity;
    for (let c = 0, q = 0; c < k; c++, q += d) {
      for (let c2 = c + 1, q2 = q + d; c2 < k; c2++, q2 += d) {
        let s = 0;
        for (let j = 0; j < d; j++) {
          const a = C[q + j]! - C[q2 + j]!;
          s += a * a;
        }
        const h = 0.5 * Math.sqrt(s) * down;
        if (h < hf[c]!) hf[c] = h;
        if (h < hf[c2]!) hf[c2] = h;
      }
    }
    const lab = labels;
    const U = upper;
    const L = lower;
    const S = sums;
    const N = cnts;
    for (let i = 0, o = 0; i < n; i++, o += d) {
      const a = lab[i]!;
      let u = U[i]! + dr[a]!;
      let l = L[i]! - (a === maxC ? secondP : maxP);
      u *= up;
      if (l > 0) l *= down;
      const s = hf[a]!;
      const m = s > l ? s : l;
      let label = a;
      if (u < m) {
        U[i] = u;
        L[i] = l;
      } else {
        // tighten the upper bound
        const qa = a * d;
        let da: number;
        if (d === 3) {
          const x = X[o]! - C[qa]!;
          const y = X[o + 1]! - C[qa + 1]!;
          const z = X[o + 2]! - C[qa + 2]!;
          da = x * x + y * y + z * z;
        } else {
          da = 0;
          for (let j = 0; j < d; j++) {
            const x = X[o + j]! - C[qa + j]!;
            da += x * x;
          }
        }
        u = Math.sqrt(da) * up;
        if (u < m) {
          U[i] = u;
          L[i] = l;
        } else {
          // full comparison, in index order as the naive loop
          let best = 0;
          let bestD = Infinity;
          let second = Infinity;
          for (let c = 0, q = 0; c < k; c++, q += d) {
            let dist: number;
            if (c === a) dist = da;
            else if (d === 3) {
              const x = X[o]! - C[q]!;
              const y = X[o + 1]! - C[q + 1]!;
              const z = X[o + 2]! - C[q + 2]!;
              dist = x * x + y * y + z * z;
            } else {
              dist = 0;
              for (let j = 0; j < d; j++) {
                const x = X[o + j]! - C[q + j]!;
                dist += x * x;
              }
            }
            if (dist < bestD) {
              second = bestD;
              bestD = dist;
              best = c;
            } else if (dist < second) second = dist;
          }
          lab[i] = best;
          label = best;
          U[i] = Math.sqrt(bestD) * up;
          L[i] = Math.sqrt(second) * down;
        }
      }
      // centroid sums in row order (bit-identical to the naive step)
      const q = label * d;
      if (d === 3) {
        S[q] = S[q]! + X[o]!;
        S[q + 1] = S[q + 1]! + X[o + 1]!;
        S[q + 2] = S[q + 2]! + X[o + 2]!;
      } else for (let j = 0; j < d; j++) S[q + j] = S[q + j]! + X[o + j]!;
      N[label] = N[label]! + 1;
    }
  };

  const naive = naiveStepper(X, n, d);
  return {
    name: 'plain',
    step(centroids: Float64Array, k: number) {
      if (k < BOUNDS_MIN_K) {
        // few centres: the bounds' bookkeeping costs about what it saves (measured at d = 3)
        boundsK = 0;
        ++stepNo;
        return naive.step(centroids, k);
      }
      ensure(k);
      const out = centroids.buffer === bufA.buffer ? bufB : bufA;
      const C = centroids;
      const sums = out;
      const cnts = counts;
      sums.fill(0, 0, k * d);
      cnts.fill(0, 0, k);
      if (boundsK === k) boundedPass(C, k, sums, cnts);
      else {
        fullPass(C, k);
        // centroid sums in row order (bit-identical to the naive step)
        const lab = labels;
        for (let i = 0, o = 0; i < n; i++, o += d) {
          const q = lab[i]! * d;
          for (let j = 0; j < d; j++) sums[q + j] = sums[q + j]! + X[o + j]!;
          cnts[lab[i]!] = cnts[lab[i]!]! + 1;
        }
      }
      boundsK = k;
      prev.set(C.subarray(0, k * d));
      const thisStep = ++stepNo;
      const lab = labels;
      for (let c = 0; c < k; c++) {
        const cnt = cnts[c]!;
        const q = c * d;
        if (cnt === 0) for (let j = 0; j < d; j++) sums[q + j] = Number.NaN;
        else for (let j = 0; j < d; j++) sums[q + j] = sums[q + j]! / cnt;
      }
      let inertia = Number.NaN;
      const P = prev;
      return {
        labels,
        centroids: k * d === out.length ? out : out.subarray(0, k * d),
        get inertia(): number {
          if (!Number.isNaN(inertia)) return inertia;
          if (thisStep !== stepNo) throw new Error('plainStepper: read the inertia before the next step');
          inertia = assignedInertia(X, n, d, lab, P);
          return inertia;
        },
      };
    },
    dispose() {
      boundsK = 0;
    },
  };
};

/** Σ_i ‖x_i − C[labels_i]‖², in row order, with the naive step's formula (bit-identical sums). */
export function assignedInertia(
  X: Float64Array,
  n: number,
  d: number,
  labels: Int32Array,
  C: Float64Array,
): number {
  let inertia = 0;
  if (d === 3) {
    for (let i = 0, o = 0; i < n; i++, o += 3) {
      const q = labels[i]! * 3;
      const a = X[o]! - C[q]!;
      const b = X[o + 1]! - C[q + 1]!;
      const e = X[o + 2]! - C[q + 2]!;
      inertia += a * a + b * b + e * e;
    }
  } else {
    for (let i = 0, o = 0; i < n; i++, o += d) {
      const q = labels[i]! * d;
      let dist = 0;
      for (let j = 0; j < d; j++) {
        const a = X[o + j]! - C[q + j]!;
        dist += a * a;
      }
      inertia += dist;
    }
  }
  return inertia;
}

/** Throws a UserFacingError for a bad k or a non-finite value of X (n × d). */
export function validateKMeansInput(X: Float64Array, n: number, d: number, k: number): void {
  if (!Number.isInteger(k) || k < 1) {
    throw new UserFacingError(
      'kmeans-bad-k',
      `The number of segments must be a whole number of at least 1 (got ${k}).`,
    );
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
 *
 * Each new centre draws 2 + ⌊ln k⌋ candidate rows ∝ D² and keeps the one with the lowest potential
 * Σ_i min(D_i², ‖x_i − y‖²). The potentials are the same sums, in the same order, as the direct
 * n-per-candidate passes (so the same rows are picked), but computed with two exact shortcuts:
 * - a row whose nearest chosen centre c satisfies ‖y − c‖² > 4·D_i² (with a 1e-9 relative margin)
 *   cannot get closer to y (triangle inequality: ‖x − y‖ ≥ ‖y − c‖ − D_i > D_i), so it adds D_i²
 *   without a distance;
 * - a candidate stops summing as soon as its partial sum reaches the best potential so far (the terms
 *   are ≥ 0 and float addition is monotone, so it could not win: a win needs a strictly lower sum).
 * Only the winning candidate updates D² (one more pruned pass). No allocation per centre.
 * Cost: O(n · k) at worst, usually far fewer distance evaluations than n · k · (2 + ln k).
 */
export function kmeansPlusPlus(
  X: Float64Array,
  n: number,
  d: number,
  k: number,
  rng: () => number,
): Float64Array {
  const centers = new Float64Array(k * d);
  const trials = 2 + Math.floor(Math.log(k));
  const first = randomInt(rng, n);
  centers.set(X.subarray(first * d, first * d + d), 0);
  const closest = new Float64Array(n);
  const nearest = new Int32Array(n); // index of the chosen centre at distance √closest
  let pot = 0;
  for (let i = 0; i < n; i++) {
    const v = sqDist(X, i, centers, 0, d);
    closest[i] = v;
    pot += v;
  }
  const cumsum = new Float64Array(n);
  const toCand = new Float64Array(k); // 4·… threshold: ‖y − c‖² / 4 for each chosen centre c
  const y = new Float64Array(d);
  /** ‖y − c‖²/4 (deflated by the margin) for the c centres chosen so far. */
  const prepare = (id: number, c: number): void => {
    for (let j = 0; j < d; j++) y[j] = X[id * d + j]!;
    for (let m = 0; m < c; m++) {
      let s = 0;
      for (let j = 0; j < d; j++) {
        const a = y[j]! - centers[m * d + j]!;
        s += a * a;
      }
      toCand[m] = s * 0.25 * (1 - 1e-9);
    }
  };
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
      prepare(id, c);
      let candPot = 0;
      let i = 0;
      if (d === 3) {
        const c0 = y[0]!;
        const c1 = y[1]!;
        const c2 = y[2]!;
        for (let p = 0; i < n; i++, p += 3) {
          const cl = closest[i]!;
          if (toCand[nearest[i]!]! > cl) {
            candPot += cl;
          } else {
            const a = X[p]! - c0;
            const b = X[p + 1]! - c1;
            const e = X[p + 2]! - c2;
            const dist = a * a + b * b + e * e;
            candPot += dist < cl ? dist : cl;
          }
          if (candPot >= bestPot) break;
        }
      } else {
        for (; i < n; i++) {
          const cl = closest[i]!;
          if (toCand[nearest[i]!]! > cl) {
            candPot += cl;
          } else {
            let dist = 0;
            for (let j = 0; j < d; j++) {
              const a = X[i * d + j]! - y[j]!;
              dist += a * a;
            }
            candPot += dist < cl ? dist : cl;
          }
          if (candPot >= bestPot) break;
        }
      }
      if (i === n && candPot < bestPot) {
        bestPot = candPot;
        bestId = id;
      }
    }
    // update D² with the winner (the first candidate always completes its sum, so bestId ≥ 0)
    prepare(bestId, c);
    for (let i = 0, p = 0; i < n; i++, p += d) {
      const cl = closest[i]!;
      if (toCand[nearest[i]!]! > cl) continue;
      let dist = 0;
      for (let j = 0; j < d; j++) {
        const a = X[p + j]! - y[j]!;
        dist += a * a;
      }
      if (dist < cl) {
        closest[i] = dist;
        nearest[i] = c;
      }
    }
    pot = bestPot;
    centers.set(y, c * d);
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
  /** false when maxIter ended the run before the labels repeated or the centres moved ≤ tol. */
  converged: boolean;
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

/**
 * Hartigan–Wong-style refinement by single-row transfers (J. A. Hartigan, "Clustering Algorithms",
 * 1975; Telgarsky & Vattani 2010): moving row x from cluster a (n_a rows, mean c_a) to cluster b changes
 * the within-cluster sum of squares by exactly
 *     ΔSSE = n_b/(n_b + 1)·‖x − c_b‖² − n_a/(n_a − 1)·‖x − c_a‖²,
 * so every transfer with ΔSSE < 0 (the best b for the row, with a 1e-12 relative margin against float
 * noise, never leaving a cluster empty) strictly lowers the SSE; the two means are updated in place.
 * Rows are visited in order, in passes, until a pass moves nothing (or `maxPasses`); the means are
 * recomputed exactly from the labels at the end. A Hartigan-stable partition is also
 * Lloyd-stable (n_a/(n_a − 1) > 1 > n_b/(n_b + 1), so every row is strictly nearest its own mean), and
 * the converse does not hold: this escapes some Lloyd fixed points and never raises the SSE.
 *
 * Pruning (exact): from a full pass, each row keeps an upper bound U on ‖x − c_a‖ and a lower bound L on
 * min_{b≠a} ‖x − c_b‖; each transfer moves the two means by ‖x − c_a‖/(n_a − 1) and ‖x − c_b‖/(n_b + 1),
 * added to per-cluster drift totals; a row whose U + (drift of a) and L − (largest drift since) leave
 * w_min·L² ≥ n_a/(n_a − 1)·U² (w_min = min_b n_b/(n_b + 1)) cannot transfer and is skipped.
 *
 * `labels` (in/out, values < k, no empty cluster) and `centers` (out, k × d: the means of the final
 * labels). Returns the number of transfers.
 */
export function hartiganRefine(
  X: Float64Array,
  n: number,
  d: number,
  k: number,
  labels: Int32Array,
  centers: Float64Array,
  maxPasses = 50,
): number {
  const counts = new Float64Array(k);
  meansOf(X, n, d, k, labels, centers, counts);
  if (k < 2) return 0;
  const h: HartiganState = {
    X,
    n,
    d,
    k,
    labels,
    centers,
    counts,
    U: new Float64Array(n),
    L: new Float64Array(n),
    driftAtU: new Float64Array(n),
    globalAtL: new Float64Array(n),
    drift: new Float64Array(k),
    dist: new Float64Array(k),
    // [0] cumulative max ‖Δc‖ per transfer ("global drift"), [1] smallest cluster size
    scalars: new Float64Array(2),
  };
  let minCount = Infinity;
  for (let c = 0; c < k; c++) if (counts[c]! < minCount) minCount = counts[c]!;
  h.scalars[1] = minCount;
  let moves = 0;
  for (let pass = 0; pass < maxPasses; pass++) {
    const moved = hartiganPass(h, pass > 0);
    moves += moved;
    if (moved === 0) break;
  }
  // exact means of the final labels (the incremental updates carry float rounding)
  if (moves > 0) meansOf(X, n, d, k, labels, centers, counts);
  return moves;
}

interface HartiganState {
  readonly X: Float64Array;
  readonly n: number;
  readonly d: number;
  readonly k: number;
  readonly labels: Int32Array;
  readonly centers: Float64Array;
  readonly counts: Float64Array;
  readonly U: Float64Array;
  readonly L: Float64Array;
  readonly driftAtU: Float64Array;
  readonly globalAtL: Float64Array;
  readonly drift: Float64Array;
  readonly dist: Float64Array;
  readonly scalars: Float64Array;
}

const H_UP = 1 + 1e-9;
const H_DOWN = 1 - 1e-9;

/** One pass over the rows; with `useBounds` rows that provably cannot move are skipped. Returns moves. */
function hartiganPass(h: HartiganState, useBounds: boolean): number {
  const { n, d, labels, counts, U, L, driftAtU, globalAtL, drift, scalars } = h;
  let moved = 0;
  for (let i = 0, o = 0; i < n; i++, o += d) {
    const a = labels[i]!;
    const na = counts[a]!;
    if (na <= 1) continue;
    if (useBounds) {
      const wa = na / (na - 1);
      const u = (U[i]! + (drift[a]! - driftAtU[i]!)) * H_UP;
      const l = (L[i]! - (scalars[0]! - globalAtL[i]!)) * H_DOWN;
      const minCount = scalars[1]!;
      const wMin = minCount / (minCount + 1);
      if (l > 0 && wMin * l * l * H_DOWN >= wa * u * u * H_UP) continue;
    }
    moved += hartiganRow(h, i, o, a, na);
  }
  return moved;
}

/** Evaluates row i (offset o, cluster a of size na): transfers it when that lowers the SSE (1 or 0). */
function hartiganRow(h: HartiganState, i: number, o: number, a: number, na: number): number {
  const { X, d, k, centers, counts, U, L, driftAtU, globalAtL, drift, dist, scalars } = h;
  for (let c = 0, q = 0; c < k; c++, q += d) {
    let s = 0;
    if (d === 3) {
      const x = X[o]! - centers[q]!;
      const y = X[o + 1]! - centers[q + 1]!;
      const z = X[o + 2]! - centers[q + 2]!;
      s = x * x + y * y + z * z;
    } else {
      for (let j = 0; j < d; j++) {
        const x = X[o + j]! - centers[q + j]!;
        s += x * x;
      }
    }
    dist[c] = s;
  }
  const da = dist[a]!;
  const remove = (na / (na - 1)) * da;
  let best = -1;
  let bestV = remove * (1 - 1e-12);
  let second = Infinity;
  for (let c = 0; c < k; c++) {
    if (c === a) continue;
    const nc = counts[c]!;
    const dc = dist[c]!;
    const v = (nc / (nc + 1)) * dc;
    if (v < bestV) {
      bestV = v;
      best = c;
    }
    if (dc < second) second = dc;
  }
  if (best < 0) {
    U[i] = Math.sqrt(da) * H_UP;
    driftAtU[i] = drift[a]!;
    L[i] = Math.sqrt(second) * H_DOWN;
    globalAtL[i] = scalars[0]!;
    return 0;
  }
  hartiganTransfer(h, i, o, a, na, best);
  return 1;
}

/** Moves row i from a to b: means, counts, drifts and the row's bounds. */
function hartiganTransfer(h: HartiganState, i: number, o: number, a: number, na: number, b: number): void {
  const { X, d, k, labels, centers, counts, U, L, driftAtU, globalAtL, drift, dist, scalars } = h;
  const nb = counts[b]!;
  const qa = a * d;
  const qb = b * d;
  for (let j = 0; j < d; j++) {
    const x = X[o + j]!;
    centers[qa + j] = centers[qa + j]! + (centers[qa + j]! - x) / (na - 1);
    centers[qb + j] = centers[qb + j]! + (x - centers[qb + j]!) / (nb + 1);
  }
  counts[a] = na - 1;
  counts[b] = nb + 1;
  const moveA = (Math.sqrt(dist[a]!) / (na - 1)) * H_UP;
  const moveB = (Math.sqrt(dist[b]!) / (nb + 1)) * H_UP;
  drift[a] = drift[a]! + moveA;
  drift[b] = drift[b]! + moveB;
  scalars[0] = scalars[0]! + (moveA > moveB ? moveA : moveB);
  let minCount = Infinity;
  for (let c = 0; c < k; c++) if (counts[c]! < minCount) minCount = counts[c]!;
  scalars[1] = minCount;
  labels[i] = b;
  // bounds of i w.r.t. the moved means: b came closer (by at most moveB), a moved away, others stayed
  U[i] = (Math.sqrt(dist[b]!) + moveB) * H_UP;
  driftAtU[i] = drift[b]!;
  let other = Math.sqrt(dist[a]!) - moveA;
  for (let c = 0; c < k; c++)
    if (c !== a && c !== b && Math.sqrt(dist[c]!) < other) other = Math.sqrt(dist[c]!);
  L[i] = other * H_DOWN;
  globalAtL[i] = scalars[0]!;
}

/** Means of the rows of each cluster into `centers` (k × d) and the counts; NaN for an empty cluster. */
function meansOf(
  X: Float64Array,
  n: number,
  d: number,
  k: number,
  labels: Int32Array,
  centers: Float64Array,
  counts: Float64Array,
): void {
  centers.fill(0, 0, k * d);
  counts.fill(0, 0, k);
  if (d === 3) {
    for (let i = 0, o = 0; i < n; i++, o += 3) {
      const c = labels[i]!;
      const q = c * 3;
      centers[q] = centers[q]! + X[o]!;
      centers[q + 1] = centers[q + 1]! + X[o + 1]!;
      centers[q + 2] = centers[q + 2]! + X[o + 2]!;
      counts[c] = counts[c]! + 1;
    }
  } else {
    for (let i = 0, o = 0; i < n; i++, o += d) {
      const c = labels[i]!;
      const q = c * d;
      for (let j = 0; j < d; j++) centers[q + j] = centers[q + j]! + X[o + j]!;
      counts[c] = counts[c]! + 1;
    }
  }
  for (let c = 0; c < k; c++) {
    const cnt = counts[c]!;
    for (let j = 0; j < d; j++) centers[c * d + j] = cnt === 0 ? Number.NaN : centers[c * d + j]! / cnt;
  }
}

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
  const k = options.k;
  const stepper = context.stepper ?? plainStepper(X, n, d);
  try {
    const tolAbs = context.tolAbs ?? absoluteTolerance(X, n, d, options.tol);
    const scratch = context.labelsScratch ?? new Int32Array(n);
    const rng = createRng(restartSeed(options.seed, restart));
    const init = kmeansPlusPlus(X, n, d, k, rng);
    const run = lloydRun(X, n, d, k, init, options.maxIter, tolAbs, stepper, scratch);
    const final = refineAndPolish(X, n, d, k, run, options, context, tolAbs, stepper, scratch);
    return {
      restart,
      labels: final.labels,
      centroids: final.centroids,
      inertia: final.inertia,
      nIter: run.nIter,
      refineMoves: final.moves,
    };
  } finally {
    if (context.stepper === undefined) stepper.dispose();
  }
}

/**
 * When the refinement is on (context, else options, default 'hartigan') and Lloyd converged with
 * k > 1: `hartiganRefine` from its labels, then Lloyd steps from the refined means; the lower-inertia
 * of the two runs and the number of transfers. Otherwise the run itself with 0 transfers.
 */
function refineAndPolish(
  X: Float64Array,
  n: number,
  d: number,
  k: number,
  run: RunResult,
  options: KMeansOptions,
  context: RestartContext,
  tolAbs: number,
  stepper: LloydStepper,
  scratch: Int32Array,
): RunResult & { moves: number } {
  const refine = context.refine ?? options.refine ?? 'hartigan';
  if (refine !== 'hartigan' || !run.converged || k <= 1) return { ...run, moves: 0 };
  const labels = Int32Array.from(run.labels);
  const centers = new Float64Array(k * d);
  const moves = hartiganRefine(X, n, d, k, labels, centers);
  if (moves === 0) return { ...run, moves };
  const polished = lloydRun(X, n, d, k, centers, options.maxIter, tolAbs, stepper, scratch);
  // Lloyd from a Hartigan-stable partition keeps it (up to float noise); keep the lower inertia
  return polished.inertia <= run.inertia ? { ...polished, moves } : { ...run, moves };
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
  const sampleStepper = plainStepper(S, m, d);
  const screened: { restart: number; inertia: number; centroids: Float64Array }[] = [];
  try {
    const tolSample = absoluteTolerance(S, m, d, options.tol);
    const scratch = new Int32Array(m);
    for (let r = 0; r < Math.max(1, options.nInit); r++) {
      const init = kmeansPlusPlus(S, m, d, k, createRng(restartSeed(options.seed, r)));
      const run = lloydRun(S, m, d, k, init, options.maxIter, tolSample, sampleStepper, scratch);
      screened.push({ restart: r, inertia: run.inertia, centroids: run.centroids });
    }
  } finally {
    sampleStepper.dispose();
  }
  // the lowest sample inertias first (the lower restart index on ties)
  screened.sort((a, b) => a.inertia - b.inertia || a.restart - b.restart);
  const finalists = screened.slice(0, Math.max(1, sample.finalists));
  const stepper = context.stepper ?? plainStepper(X, n, d);
  try {
    const tolAbs = context.tolAbs ?? absoluteTolerance(X, n, d, options.tol);
    const scratch = context.labelsScratch ?? new Int32Array(n);
    // Lloyd on all rows from each finalist's centres; the best of them is refined
    let best: (RunResult & { restart: number }) | null = null;
    for (const f of finalists) {
      const run = lloydRun(X, n, d, k, f.centroids, options.maxIter, tolAbs, stepper, scratch);
      if (best === null || run.inertia < best.inertia) best = { ...run, restart: f.restart };
    }
    if (best === null) throw new Error('sampledFit: no restarts');
    const final = refineAndPolish(X, n, d, k, best, options, context, tolAbs, stepper, scratch);
    return {
      restart: best.restart,
      labels: final.labels,
      centroids: final.centroids,
      inertia: final.inertia,
      nIter: best.nIter,
      refineMoves: final.moves,
    };
  } finally {
    if (context.stepper === undefined) stepper.dispose();
  }
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
  validateKMeansInput(X, n, d, k);
  if (options.algorithm === 'minibatch') {
    const run = miniBatchRun(X, n, d, k, options, createRng(options.seed), stepper);
    return restartResult({ ...run, restart: 0, refineMoves: 0 }, options);
  }
  const context: RestartContext = {
    stepper,
    tolAbs: absoluteTolerance(X, n, d, options.tol),
    labelsScratch: new Int32Array(n),
    refine: options.refine ?? 'hartigan',
  };
  const sample = sampledRestartsFor(n, options);
  if (sample !== null) return restartResult(sampledFit(X, n, d, options, sample, context), options);
  const runs: KMeansRestart[] = [];
  for (let r = 0; r < Math.max(1, options.nInit); r++) {
    const run = kmeansRestart(X, n, d, options, r, context);
    // keep only the best so far (memory: one labels array per kept run)
    if (runs.length === 0 || run.inertia < runs[0]!.inertia) runs[0] = run;
  }
  return restartResult(bestRestart(runs), options);
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
