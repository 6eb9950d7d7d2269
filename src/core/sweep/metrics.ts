/**
 * Cluster quality metrics with scikit-learn 1.2.1's definitions, in float64, on X (n × d row-major) and
 * labels in [0, k). Only clusters that actually occur count (sklearn re-encodes the labels); with fewer
 * than 2 occurring clusters (or, for silhouette, as many clusters as rows) the value is NaN where
 * scikit-learn would raise.
 */
import { createRng, sampleWithoutReplacement } from '../numeric/random';

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
 * s = (b − a) / max(a, b), and s = 0 for a row alone in its cluster. Exact: O(n² d) time, O(n d)
 * memory (the rows sorted by cluster; each row's distances summed per cluster in one contiguous run).
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
  // The rows sorted by cluster (counting sort, stable), so the distances from a row to one cluster are
  // one contiguous run summed into a local accumulator: every pair is computed twice (once per row),
  // which costs less than computing it once and scattering both sums.
  const start = new Int32Array(k + 1);
  for (let c = 0; c < k; c++) start[c + 1] = start[c]! + counts[c]!;
  const fill = start.slice(0, k);
  const S = new Float64Array(m * d);
  for (let i = 0; i < m; i++) {
    const at = fill[Ls[i]!]!++;
    for (let t = 0; t < d; t++) S[at * d + t] = Xs[i * d + t]!;
  }
  const sums = new Float64Array(k);
  let total = 0;
  for (let i = 0; i < m; i++) {
    const li = Ls[i]!;
    const own = counts[li]!;
    if (own <= 1) continue; // s = 0
    for (let c = 0; c < k; c++) {
      let acc = 0;
      const hi = start[c + 1]!;
      if (d === 3) {
        const x0 = Xs[i * 3]!;
        const x1 = Xs[i * 3 + 1]!;
        const x2 = Xs[i * 3 + 2]!;
        for (let j = start[c]!, o = j * 3; j < hi; j++, o += 3) {
          const a = S[o]! - x0;
          const b = S[o + 1]! - x1;
          const e = S[o + 2]! - x2;
          acc += Math.sqrt(a * a + b * b + e * e);
        }
      } else {
        for (let j = start[c]!; j < hi; j++) {
          let q = 0;
          for (let t = 0; t < d; t++) {
            const a = S[j * d + t]! - Xs[i * d + t]!;
            q += a * a;
          }
          acc += Math.sqrt(q);
        }
      }
      sums[c] = acc;
    }
    // the row's distance to itself is 0: its own cluster's sum covers the other own − 1 rows
    const a = sums[li]! / (own - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) {
      if (c === li || counts[c] === 0) continue;
      const v = sums[c]! / counts[c]!;
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
