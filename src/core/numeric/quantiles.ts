/** Quantiles as numpy/pandas (method 'linear'): from a sorted array, or by selection without sorting. */

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
