/**
 * Histogram binning for the charts (computed in JS so the chart library draws plain bars).
 *
 * Equal-width bins over [min, max] of the finite values (or of log10 of the positive values when
 * `log` is set). The last bin is closed on the right, so max lands in it. When all values are equal
 * there is one bin of width 1 centred on the value. Values left out (non-finite; ≤ 0 with `log`) are
 * counted in `excluded`.
 */
export interface Bins {
  /** Bin left edges (log10 units with `log`). */
  readonly lefts: Float64Array;
  readonly width: number;
  readonly counts: Int32Array;
  readonly excluded: number;
  readonly log: boolean;
}

export function binValues(values: Float64Array, bins = 40, log = false): Bins {
  let min = Infinity;
  let max = -Infinity;
  let excluded = 0;
  const n = values.length;
  for (let i = 0; i < n; i++) {
    const raw = values[i]!;
    if (!Number.isFinite(raw) || (log && raw <= 0)) {
      excluded++;
      continue;
    }
    const v = log ? Math.log10(raw) : raw;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min > max) return { lefts: new Float64Array(0), width: 0, counts: new Int32Array(0), excluded, log };
  const count = min === max ? 1 : Math.max(1, Math.floor(bins));
  const width = min === max ? 1 : (max - min) / count;
  const start = min === max ? min - 0.5 : min;
  const counts = new Int32Array(count);
  for (let i = 0; i < n; i++) {
    const raw = values[i]!;
    if (!Number.isFinite(raw) || (log && raw <= 0)) continue;
    const v = log ? Math.log10(raw) : raw;
    const b = Math.min(count - 1, Math.floor((v - start) / width));
    counts[b]!++;
  }
  const lefts = new Float64Array(count);
  for (let b = 0; b < count; b++) lefts[b] = start + b * width;
  return { lefts, width, counts, excluded, log };
}
