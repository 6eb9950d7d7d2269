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
  const partition: Partition = { X, n, d, k, labels, centers, counts: new Float64Array(k) };
  meansOf(partition);
  if (k < 2) return 0;
  const h: HartiganState = {
    ...partition,
    U: new Float64Array(n),
    L: new Float64Array(n),
    driftAtU: new Float64Array(n),
    globalAtL: new Float64Array(n),
    drift: new Float64Array(k),
    dist: new Float64Array(k),
    // [0] cumulative max ‖Δc‖ per transfer ("global drift"), [1] smallest cluster size
    scalars: new Float64Array(2),
  };
  h.scalars[1] = smallest(h.counts, k);
  let moves = 0;
  for (let pass = 0; pass < maxPasses; pass++) {
    const moved = hartiganPass(h, pass > 0);
    moves += moved;
    if (moved === 0) break;
  }
  // exact means of the final labels (the incremental updates carry float rounding)
  if (moves > 0) meansOf(partition);
  return moves;
}

/** Rows X (n × d), their labels (values < k), and the clusters' means (k × d) and sizes. */
interface Partition {
  readonly X: Float64Array;
  readonly n: number;
  readonly d: number;
  readonly k: number;
  readonly labels: Int32Array;
  readonly centers: Float64Array;
  readonly counts: Float64Array;
}

interface HartiganState extends Partition {
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
  scalars[1] = smallest(counts, k);
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

/** The smallest of a[0 … k). */
function smallest(a: Float64Array, k: number): number {
  let min = Infinity;
  for (let c = 0; c < k; c++) if (a[c]! < min) min = a[c]!;
  return min;
}

/** Means of the rows of each cluster into `centers` (k × d) and the counts; NaN for an empty cluster. */
function meansOf(p: Partition): void {
  const { X, n, d, k, labels, centers, counts } = p;
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
