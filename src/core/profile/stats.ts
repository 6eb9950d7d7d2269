import type { NumericSummary } from './profile-types';

/**
 * numpy's linear interpolation between two order statistics, written as numpy ≥ 1.22 `_lerp` does
 * (a + (b − a)·t, or b − (b − a)·(1 − t) when t ≥ 0.5) so results match pandas to the last bit in
 * most cases.
 */
export function lerp(a: number, b: number, t: number): number {
  const d = b - a;
  return t >= 0.5 ? b - d * (1 - t) : a + d * t;
}

/**
 * Quantile `p` ∈ [0, 1] of a sorted array (numpy/pandas method 'linear'): h = (n − 1)·p, the value
 * between x[floor h] and x[floor h + 1] at fraction h − floor h. NaN for an empty array.
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const t = h - lo;
  const a = sorted[lo]!;
  if (t === 0 || lo + 1 >= n) return a;
  return lerp(a, sorted[lo + 1]!, t);
}

/**
 * pandas `describe()` of a column given as distinct values with their row counts (weights, positive
 * integers): count = Σw, mean = Σw·v / count (compensated sums), std with ddof = 1 (NaN when count < 2),
 * min, 25/50/75% by linear interpolation between order statistics of the expanded column, max; plus
 * the sum and the numbers of negative and zero values. Empty input gives count 0 and NaN statistics.
 * `values` need not be sorted or distinct.
 */
export function weightedDescribe(values: Float64Array, weights: Float64Array): NumericSummary {
  const m = values.length;
  const order = new Int32Array(m);
  for (let i = 0; i < m; i++) order[i] = i;
  order.sort((a, b) => values[a]! - values[b]!);
  const v = new Float64Array(m);
  const w = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    v[i] = values[order[i]!]!;
    w[i] = weights[order[i]!]!;
  }
  let count = 0;
  let sum = 0;
  let comp = 0;
  let negatives = 0;
  let zeros = 0;
  for (let i = 0; i < m; i++) {
    const wi = w[i]!;
    count += wi;
    const x = v[i]! * wi;
    const t = sum + x;
    comp += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum;
    sum = t;
    if (v[i]! < 0) negatives += wi;
    else if (v[i] === 0) zeros += wi;
  }
  sum += comp;
  if (count === 0) {
    return {
      count: 0,
      mean: NaN,
      std: NaN,
      min: NaN,
      q25: NaN,
      median: NaN,
      q75: NaN,
      max: NaN,
      sum: 0,
      negatives: 0,
      zeros: 0,
    };
  }
  const mean = sum / count;
  let ss = 0;
  let ssComp = 0;
  for (let i = 0; i < m; i++) {
    const d = v[i]! - mean;
    const x = w[i]! * d * d;
    const t = ss + x;
    ssComp += ss >= x ? ss - t + x : x - t + ss;
    ss = t;
  }
  ss += ssComp;
  const std = count > 1 ? Math.sqrt(ss / (count - 1)) : NaN;
  // Order statistic j (0-based) of the expanded column: walk cumulative weights.
  const cum = new Float64Array(m);
  let acc = 0;
  for (let i = 0; i < m; i++) {
    acc += w[i]!;
    cum[i] = acc;
  }
  const stat = (j: number): number => {
    let lo = 0;
    let hi = m - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid]! > j) hi = mid;
      else lo = mid + 1;
    }
    return v[lo]!;
  };
  const q = (p: number): number => {
    const h = (count - 1) * p;
    const lo = Math.floor(h);
    const t = h - lo;
    const a = stat(lo);
    if (t === 0 || lo + 1 >= count) return a;
    return lerp(a, stat(lo + 1), t);
  };
  return {
    count,
    mean,
    std,
    min: v[0]!,
    q25: q(0.25),
    median: q(0.5),
    q75: q(0.75),
    max: v[m - 1]!,
    sum,
    negatives,
    zeros,
  };
}

/** Rearranges `a` so that a[k] is its k-th smallest value (0-based) and returns it (Wirth's select). */
export function selectKth(a: Float64Array, k: number): number {
  let l = 0;
  let r = a.length - 1;
  while (l < r) {
    const x = a[k]!;
    let i = l;
    let j = r;
    do {
      while (a[i]! < x) i++;
      while (x < a[j]!) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    } while (i <= j);
    if (j < k) l = i;
    if (k < i) r = j;
  }
  return a[k]!;
}

/**
 * Order statistics lo and lo + 1 of `a` from a min-heap of its K = n − lo largest values: one pass,
 * O(n) comparisons plus O(K log K · log(n/K)) heap moves for values in random order.
 */
function upperStats(a: Float64Array, lo: number): [number, number] {
  const n = a.length;
  const k = n - lo;
  const heap = new Float64Array(k);
  let size = 0;
  for (let i = 0; i < n; i++) {
    const v = a[i]!;
    if (size < k) {
      let c = size++;
      while (c > 0) {
        const p = (c - 1) >> 1;
        if (heap[p]! <= v) break;
        heap[c] = heap[p]!;
        c = p;
      }
      heap[c] = v;
    } else if (v > heap[0]!) {
      let c = 0;
      for (;;) {
        const l = 2 * c + 1;
        if (l >= k) break;
        const r = l + 1;
        const m = r < k && heap[r]! < heap[l]! ? r : l;
        if (heap[m]! >= v) break;
        heap[c] = heap[m]!;
        c = m;
      }
      heap[c] = v;
    }
  }
  const second = k >= 3 ? Math.min(heap[1]!, heap[2]!) : k === 2 ? heap[1]! : heap[0]!;
  return [heap[0]!, second];
}

/**
 * Quantile at `level` of the values (linear interpolation, as numpy), without sorting: a heap of the
 * upper tail when it is small (the usual 99.9th percentile), else a selection. Mutates `a`.
 */
export function quantileSelect(a: Float64Array, level: number): number {
  const n = a.length;
  const h = (n - 1) * level;
  const lo = Math.floor(h);
  const t = h - lo;
  if (n - lo <= 4096) {
    const [x, next] = upperStats(a, lo);
    return t === 0 || lo + 1 >= n ? x : lerp(x, next, t);
  }
  const x = selectKth(a, lo);
  if (t === 0 || lo + 1 >= n) return x;
  let next = Infinity;
  for (let i = lo + 1; i < n; i++) if (a[i]! < next) next = a[i]!;
  return lerp(x, next, t);
}
