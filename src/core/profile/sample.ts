import { createRng, sampleWithoutReplacement } from '../numeric/random';
import type { Histogram, HistogramOptions, PairSample } from './profile-types';
import { quantileSelect } from '../numeric/quantiles';
import { extent } from '../numeric/extent';

/**
 * A seeded sample of rows for pair plots (scatter matrices of R, F, M). Rows whose value is not finite
 * in some column are not eligible. When at most `maxPoints` rows are eligible all of them are used;
 * otherwise `maxPoints` of them are drawn uniformly without replacement (partial Fisher–Yates driven by
 * mulberry32, src/core/numeric/random.ts), so the same seed gives the same points. Indices are sorted.
 */
export function samplePairs(columns: readonly ArrayLike<number>[], maxPoints = 20_000, seed = 0): PairSample {
  const total = columns.length === 0 ? 0 : Math.min(...columns.map((c) => c.length));
  const ok = new Int32Array(total);
  let eligible = 0;
  for (let i = 0; i < total; i++) {
    let good = true;
    for (const c of columns) {
      const v = c[i]!;
      if (!(v - v === 0)) {
        good = false;
        break;
      }
    }
    if (good) ok[eligible++] = i;
  }
  const limit = Math.max(0, Math.floor(maxPoints));
  let indices: Int32Array;
  let sampled = false;
  if (eligible <= limit) {
    indices = ok.slice(0, eligible);
  } else {
    const pick = sampleWithoutReplacement(createRng(seed), eligible, limit);
    indices = new Int32Array(limit);
    for (let j = 0; j < limit; j++) indices[j] = ok[pick[j]!]!;
    sampled = true;
  }
  const f = (x: number): string => x.toLocaleString('en-US');
  const label = sampled
    ? `${f(indices.length)} of ${f(eligible)} points (seed ${seed})`
    : `all ${f(indices.length)} points`;
  return { indices, size: indices.length, total, eligible, sampled, seed, label };
}

/** numpy.linspace(start, stop, num + 1): start + i·step with the last edge exactly `stop`. */
function linspaceEdges(start: number, stop: number, bins: number): Float64Array {
  const e = new Float64Array(bins + 1);
  const step = (stop - start) / bins;
  for (let i = 0; i <= bins; i++) e[i] = start + i * step;
  e[bins] = stop;
  return e;
}

/**
 * numpy's 'auto' bin count: the bin width is the smaller of Freedman–Diaconis (2·IQR·n^(−1/3)) and
 * Sturges (range / (log2 n + 1)); Sturges alone when the IQR is 0. bins = ceil(range / width) capped to
 * `maxBins` (heavy-tailed data such as monetary would otherwise get thousands of bins; numpy does not
 * cap, so pass Infinity to match it). 1 when all values are equal.
 */
export function autoBins(values: Float64Array, maxBins = 200): number {
  const n = values.length;
  if (n === 0) return 1;
  const { min: lo, max: hi } = extent(values);
  const range = hi - lo;
  if (!(range > 0)) return 1;
  const sturges = range / (Math.log2(n) + 1);
  const work = Float64Array.from(values);
  const iqr = quantileSelect(work, 0.75) - quantileSelect(work, 0.25);
  const fd = 2 * iqr * n ** (-1 / 3);
  const width = fd > 0 ? Math.min(fd, sturges) : sturges;
  return Math.max(1, Math.min(maxBins, Math.ceil(range / width)));
}

/**
 * Histogram of `values` with equal-width bins (in log10 units when `log`), as numpy.histogram:
 * edges = linspace(lo, hi, bins + 1) over [min, max] (or `range`); bin i holds edges[i] ≤ x < edges[i+1]
 * and the last bin also holds x = hi; a bin index is computed as floor((x − lo)·bins/(hi − lo)) and then
 * corrected against the edges, so counts equal numpy's bit for bit. When all values are equal the range
 * is widened to [v − 0.5, v + 0.5] (numpy's rule). Non-finite values are skipped and counted; with
 * `log`, values ≤ 0 are skipped and counted, and the edges are returned as 10^edge.
 * `bins` is a count or 'auto' (see autoBins). Pure; O(n) (selections, no sort, for 'auto').
 */
export function histogram(
  values: ArrayLike<number>,
  bins: number | 'auto' = 'auto',
  options: HistogramOptions = {},
): Histogram {
  const log = options.log === true;
  const idx = options.indices;
  const m = idx ? idx.length : values.length;
  const xs = new Float64Array(m);
  let used = 0;
  let skippedNonFinite = 0;
  let skippedNonPositive = 0;
  let outOfRange = 0;
  const range = options.range;
  const rlo = range ? (log ? Math.log10(range[0]) : range[0]) : -Infinity;
  const rhi = range ? (log ? Math.log10(range[1]) : range[1]) : Infinity;
  for (let j = 0; j < m; j++) {
    const v = values[idx ? idx[j]! : j]!;
    if (!(v - v === 0)) {
      skippedNonFinite++;
      continue;
    }
    if (log && !(v > 0)) {
      skippedNonPositive++;
      continue;
    }
    const x = log ? Math.log10(v) : v;
    if (x < rlo || x > rhi) {
      outOfRange++;
      continue;
    }
    xs[used++] = x;
  }
  const x = xs.subarray(0, used);
  let lo = range ? rlo : Infinity;
  let hi = range ? rhi : -Infinity;
  if (!range) {
    for (let i = 0; i < used; i++) {
      const v = x[i]!;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    if (used === 0) {
      lo = 0;
      hi = 1;
    }
  }
  if (range && !(rhi >= rlo && Number.isFinite(rlo) && Number.isFinite(rhi))) {
    throw new RangeError(
      `histogram: range [${range[0]}, ${range[1]}] must be finite and increasing (and positive for log bins)`,
    );
  }
  if (lo === hi) {
    lo -= 0.5;
    hi += 0.5;
  }
  let nb: number;
  if (bins === 'auto') {
    nb = autoBins(x, options.maxBins ?? 200);
  } else {
    nb = Number.isFinite(bins) ? Math.max(1, Math.floor(bins)) : 1;
  }
  const e = linspaceEdges(lo, hi, nb);
  const counts = new Uint32Array(nb);
  const norm = nb / (hi - lo);
  for (let i = 0; i < used; i++) {
    const v = x[i]!;
    let b = Math.floor((v - lo) * norm);
    if (b >= nb) b = nb - 1;
    if (b < 0) b = 0;
    if (v < e[b]!) b--;
    else if (b < nb - 1 && v >= e[b + 1]!) b++;
    counts[b]!++;
  }
  const edges = log ? e.map((t) => 10 ** t) : e;
  return { edges, counts, log, used, skippedNonFinite, skippedNonPositive, outOfRange };
}
