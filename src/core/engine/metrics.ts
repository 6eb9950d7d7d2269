/**
 * Cluster quality metrics with scikit-learn 1.2.1's definitions, in float64, on X (n × d row-major) and
 * labels in [0, k). Only clusters that actually occur count (sklearn re-encodes the labels); with fewer
 * than 2 occurring clusters (or, for silhouette, as many clusters as rows) the value is NaN where
 * scikit-learn would raise.
 */
import { createRng, sampleWithoutReplacement } from './random';

function clusterCounts(labels: Int32Array, n: number, k: number): { counts: Float64Array; present: number } {
  const counts = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const l = labels[i]!;
    if (l < 0 || l >= k) throw new Error(`label ${l} of row ${i} is outside [0, ${k})`);
    counts[l] = counts[l]! + 1;
  }
  let present = 0;
  for (let c = 0; c < k; c++) if (counts[c]! > 0) present++;
  return { counts, present };
}

function centroidsOf(
  X: Float64Array,
  n: number,
  d: number,
  labels: Int32Array,
  k: number,
  counts: Float64Array,
): Float64Array {
  const C = new Float64Array(k * d);
  for (let i = 0; i < n; i++) {
    const q = labels[i]! * d;
    for (let j = 0; j < d; j++) C[q + j] = C[q + j]! + X[i * d + j]!;
  }
  for (let c = 0; c < k; c++) {
    const cnt = counts[c]!;
    if (cnt > 0) for (let j = 0; j < d; j++) C[c * d + j] = C[c * d + j]! / cnt;
  }
  return C;
}

/**
 * Mean silhouette coefficient (sklearn `silhouette_score`, Euclidean): for row i with a = mean distance
 * to the other rows of its cluster and b = the smallest mean distance to another cluster's rows,
 * s = (b − a) / max(a, b), and s = 0 for a row alone in its cluster. Exact: O(n² d) time, O(n k)
 * memory-free (distances are accumulated per cluster, each pair computed once).
 * With `sample` and n > sample.size, the score is computed exactly on `sample.size` rows drawn
 * without replacement with `createRng(sample.seed)` (sklearn's `sample_size`, with its own generator).
 * NaN when fewer than 2 clusters occur or every row is its own cluster.
 */
export function silhouetteScore(
  X: Float64Array,
  n: number,
  d: number,
  labels: Int32Array,
  k: number,
  sample?: { size: number; seed: number },
): number {
  let Xs = X;
  let Ls = labels;
  let m = n;
  if (sample !== undefined && sample.size < n) {
    const idx = sampleWithoutReplacement(createRng(sample.seed), n, sample.size);
    m = idx.length;
    Xs = new Float64Array(m * d);
    Ls = new Int32Array(m);
    for (let t = 0; t < m; t++) {
      const i = idx[t]!;
      Xs.set(X.subarray(i * d, i * d + d), t * d);
      Ls[t] = labels[i]!;
    }
  }
  const { counts, present } = clusterCounts(Ls, m, k);
  if (present < 2 || present >= m) return Number.NaN;
  // sums[i * k + c] = Σ distance from row i to the rows of cluster c
  const sums = new Float64Array(m * k);
  if (d === 3) {
    for (let i = 0; i < m; i++) {
      const x0 = Xs[i * 3]!;
      const x1 = Xs[i * 3 + 1]!;
      const x2 = Xs[i * 3 + 2]!;
      const li = Ls[i]!;
      const rowI = i * k;
      let own = 0;
      for (let j = i + 1; j < m; j++) {
        const a = Xs[j * 3]! - x0;
        const b = Xs[j * 3 + 1]! - x1;
        const e = Xs[j * 3 + 2]! - x2;
        const dist = Math.sqrt(a * a + b * b + e * e);
        const lj = Ls[j]!;
        if (lj === li) own += dist;
        else sums[rowI + lj] = sums[rowI + lj]! + dist;
        sums[j * k + li] = sums[j * k + li]! + dist;
      }
      sums[rowI + li] = sums[rowI + li]! + own;
    }
  } else {
    for (let i = 0; i < m; i++) {
      const li = Ls[i]!;
      for (let j = i + 1; j < m; j++) {
        let s = 0;
        for (let t = 0; t < d; t++) {
          const a = Xs[j * d + t]! - Xs[i * d + t]!;
          s += a * a;
        }
        const dist = Math.sqrt(s);
        const lj = Ls[j]!;
        sums[i * k + lj] = sums[i * k + lj]! + dist;
        sums[j * k + li] = sums[j * k + li]! + dist;
      }
    }
  }
  let total = 0;
  for (let i = 0; i < m; i++) {
    const li = Ls[i]!;
    const own = counts[li]!;
    if (own <= 1) continue; // s = 0
    const a = sums[i * k + li]! / (own - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) {
      if (c === li || counts[c] === 0) continue;
      const v = sums[i * k + c]! / counts[c]!;
      if (v < b) b = v;
    }
    const den = Math.max(a, b);
    total += den > 0 ? (b - a) / den : 0;
  }
  return total / m;
}

/**
 * Calinski–Harabasz index (sklearn `calinski_harabasz_score`):
 *   [Σ_c n_c ‖μ_c − μ‖² / (K − 1)] / [Σ_i ‖x_i − μ_{c(i)}‖² / (n − K)],  K = occurring clusters;
 * 1 when the within-cluster dispersion is 0; NaN when K < 2 or K = n.
 */
export function calinskiHarabasz(
  X: Float64Array,
  n: number,
  d: number,
  labels: Int32Array,
  k: number,
): number {
  const { counts, present } = clusterCounts(labels, n, k);
  if (present < 2 || present >= n) return Number.NaN;
  const C = centroidsOf(X, n, d, labels, k, counts);
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] = mean[j]! + X[i * d + j]!;
  for (let j = 0; j < d; j++) mean[j] = mean[j]! / n;
  let extra = 0;
  for (let c = 0; c < k; c++) {
    if (counts[c] === 0) continue;
    let s = 0;
    for (let j = 0; j < d; j++) {
      const a = C[c * d + j]! - mean[j]!;
      s += a * a;
    }
    extra += counts[c]! * s;
  }
  let intra = 0;
  for (let i = 0; i < n; i++) {
    const q = labels[i]! * d;
    for (let j = 0; j < d; j++) {
      const a = X[i * d + j]! - C[q + j]!;
      intra += a * a;
    }
  }
  if (intra === 0) return 1;
  return (extra * (n - present)) / (intra * (present - 1));
}

/**
 * Davies–Bouldin index (sklearn `davies_bouldin_score`): s_c = mean Euclidean distance of cluster c's
 * rows to its centroid, DB = mean_c max_{c'≠c} (s_c + s_c') / ‖μ_c − μ_c'‖ (a pair of coincident
 * centroids is skipped); 0 when all s_c or all centroid distances are ~0 (np.allclose); NaN when
 * K < 2 or K = n.
 */
export function daviesBouldin(X: Float64Array, n: number, d: number, labels: Int32Array, k: number): number {
  const { counts, present } = clusterCounts(labels, n, k);
  if (present < 2 || present >= n) return Number.NaN;
  const C = centroidsOf(X, n, d, labels, k, counts);
  const intra = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const c = labels[i]!;
    let s = 0;
    for (let j = 0; j < d; j++) {
      const a = X[i * d + j]! - C[c * d + j]!;
      s += a * a;
    }
    intra[c] = intra[c]! + Math.sqrt(s);
  }
  const cs: number[] = [];
  for (let c = 0; c < k; c++) {
    if (counts[c]! > 0) {
      intra[c] = intra[c]! / counts[c]!;
      cs.push(c);
    }
  }
  // np.allclose(x, 0): |x| <= 1e-8
  if (cs.every((c) => Math.abs(intra[c]!) <= 1e-8)) return 0;
  const dist = (a: number, b: number): number => {
    let s = 0;
    for (let j = 0; j < d; j++) {
      const v = C[a * d + j]! - C[b * d + j]!;
      s += v * v;
    }
    return Math.sqrt(s);
  };
  let allZero = true;
  for (const a of cs) for (const b of cs) if (dist(a, b) > 1e-8) allZero = false;
  if (allZero) return 0;
  let total = 0;
  for (const a of cs) {
    let worst = 0;
    for (const b of cs) {
      if (a === b) continue;
      const dd = dist(a, b);
      if (dd === 0) continue;
      const v = (intra[a]! + intra[b]!) / dd;
      if (v > worst) worst = v;
    }
    total += worst;
  }
  return total / cs.length;
}
