import { lerp } from '../numeric/quantiles';
import type { NumericSummary } from './profile-types';

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
