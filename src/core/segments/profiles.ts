/**
 * Segment profiles: per cluster size, share of customers, revenue and share of revenue, centroid in
 * original units, medians and means of R/F/M, the standardised centroid (the snake plot) and an
 * automatic description.
 *
 * Inputs are the modelled customers' raw R/F/M (n values each), the k-means labels (n, values in
 * 0..k−1) and the centroids in model space (k × 3 row-major: Yeo-Johnson then standardised). Revenue
 * is the sum of monetary over a segment's customers; revenue share is that divided by the total over
 * all customers, NaN when the total is not positive (shares of a non-positive total mean nothing).
 * Medians use the mean of the two middle values for an even count (as pandas). An empty cluster has
 * size 0 and NaN statistics.
 */
import type { SegmentDescription } from './describe';
import { describeAgainstCentre } from './consistency';

export interface RfmColumns {
  readonly recency: Float64Array;
  readonly frequency: Float64Array;
  readonly monetary: Float64Array;
}

export interface Rfm3 {
  readonly recency: number;
  readonly frequency: number;
  readonly monetary: number;
}

export interface SegmentProfile {
  /** 0-based label as in KMeansResult (0 = highest centroid monetary). */
  readonly cluster: number;
  /** 1-based id shown to users and written to exports (cluster + 1). */
  readonly id: number;
  readonly size: number;
  /** size / n. */
  readonly share: number;
  /** Sum of monetary over the segment's customers. */
  readonly revenue: number;
  /** revenue / total revenue; NaN when the total is not positive. */
  readonly revenueShare: number;
  readonly median: Rfm3;
  readonly mean: Rfm3;
  /**
   * Centroid in original units (inverse transform of the model-space centroid), or null if unknown;
   * NaN for a feature the model leaves out.
   */
  readonly centroid: Rfm3 | null;
  /** Centroid in model space (standardised Yeo-Johnson), the snake plot values; NaN for a left-out feature. */
  readonly standardised: Rfm3;
  readonly description: SegmentDescription;
}

export interface ProfilesResult {
  /** The features the model uses (recency, frequency, monetary order). */
  readonly features: readonly Feature[];
  readonly n: number;
  readonly k: number;
  readonly totalRevenue: number;
  readonly overallMedian: Rfm3;
  readonly overallMean: Rfm3;
  readonly segments: readonly SegmentProfile[];
}

type Feature = 'recency' | 'frequency' | 'monetary';
const ALL_FEATURES: readonly Feature[] = ['recency', 'frequency', 'monetary'];

/** k × d centroids of the model's features as k × 3 (R, F, M), NaN in a left-out feature's place. */
export function centroidsAsRfm(c: Float64Array, k: number, features: readonly Feature[]): Float64Array {
  const d = features.length;
  if (d === 3) return c;
  const out = new Float64Array(k * 3).fill(Number.NaN);
  for (let i = 0; i < k; i++)
    features.forEach((f, j) => {
      out[i * 3 + ALL_FEATURES.indexOf(f)] = c[i * d + j]!;
    });
  return out;
}

/** Median of the values (sorts a copy); NaN for none. */
export function median(values: Float64Array): number {
  const m = values.length;
  if (m === 0) return NaN;
  const s = Float64Array.from(values).sort();
  const h = m >> 1;
  return m % 2 === 1 ? s[h]! : (s[h - 1]! + s[h]!) / 2;
}

function meanOf(values: Float64Array): number {
  if (values.length === 0) return NaN;
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i]!;
  return s / values.length;
}

function stats(cols: RfmColumns): { median: Rfm3; mean: Rfm3 } {
  return {
    median: {
      recency: median(cols.recency),
      frequency: median(cols.frequency),
      monetary: median(cols.monetary),
    },
    mean: {
      recency: meanOf(cols.recency),
      frequency: meanOf(cols.frequency),
      monetary: meanOf(cols.monetary),
    },
  };
}

/**
 * Computes the profiles. Centroids are k × d over `features` (default all three: k × 3);
 * `centroidsOriginal` (original units) may be null while the inverse transform is still being
 * computed. Throws on inconsistent shapes or labels outside 0..k−1.
 */
export function computeProfiles(
  rfm: RfmColumns,
  labels: Int32Array,
  k: number,
  centroidsModelD: Float64Array,
  centroidsOriginalD: Float64Array | null,
  features: readonly Feature[] = ALL_FEATURES,
): ProfilesResult {
  const d = features.length;
  if (centroidsModelD.length !== k * d)
    throw new Error(`computeProfiles: expected ${k * d} centroid values, got ${centroidsModelD.length}`);
  if (centroidsOriginalD && centroidsOriginalD.length !== k * d) {
    throw new Error(
      `computeProfiles: expected ${k * d} original-unit centroid values, got ${centroidsOriginalD.length}`,
    );
  }
  const centroidsModel = centroidsAsRfm(centroidsModelD, k, features);
  const centroidsOriginal = centroidsOriginalD && centroidsAsRfm(centroidsOriginalD, k, features);
  const n = labels.length;
  if (rfm.recency.length !== n || rfm.frequency.length !== n || rfm.monetary.length !== n) {
    throw new Error(
      `computeProfiles: ${n} labels but R/F/M have ${rfm.recency.length}/${rfm.frequency.length}/${rfm.monetary.length} values`,
    );
  }
  const sizes = new Int32Array(k);
  for (let i = 0; i < n; i++) {
    const c = labels[i]!;
    if (c < 0 || c >= k) throw new Error(`computeProfiles: label ${c} at row ${i} outside 0..${k - 1}`);
    sizes[c]!++;
  }
  // Gather each cluster's values contiguously (counting sort by label).
  const offsets = new Int32Array(k + 1);
  for (let c = 0; c < k; c++) offsets[c + 1] = offsets[c]! + sizes[c]!;
  const fill = offsets.slice(0, k);
  const R = new Float64Array(n);
  const F = new Float64Array(n);
  const M = new Float64Array(n);
  let totalRevenue = 0;
  for (let i = 0; i < n; i++) {
    const c = labels[i]!;
    const at = fill[c]!++;
    R[at] = rfm.recency[i]!;
    F[at] = rfm.frequency[i]!;
    M[at] = rfm.monetary[i]!;
    totalRevenue += rfm.monetary[i]!;
  }
  const overall = stats(rfm);
  const segments: SegmentProfile[] = [];
  for (let c = 0; c < k; c++) {
    const a = offsets[c]!;
    const b = offsets[c + 1]!;
    const part = { recency: R.subarray(a, b), frequency: F.subarray(a, b), monetary: M.subarray(a, b) };
    let revenue = 0;
    for (let i = a; i < b; i++) revenue += M[i]!;
    const s = stats(part);
    const z = {
      recency: centroidsModel[c * 3]!,
      frequency: centroidsModel[c * 3 + 1]!,
      monetary: centroidsModel[c * 3 + 2]!,
    };
    segments.push({
      cluster: c,
      id: c + 1,
      size: b - a,
      share: n > 0 ? (b - a) / n : NaN,
      revenue,
      revenueShare: totalRevenue > 0 ? revenue / totalRevenue : NaN,
      median: s.median,
      mean: s.mean,
      centroid: centroidsOriginal
        ? {
            recency: centroidsOriginal[c * 3]!,
            frequency: centroidsOriginal[c * 3 + 1]!,
            monetary: centroidsOriginal[c * 3 + 2]!,
          }
        : null,
      standardised: z,
      description: describeAgainstCentre(
        z,
        centroidsOriginal
          ? {
              recency: centroidsOriginal[c * 3]!,
              frequency: centroidsOriginal[c * 3 + 1]!,
              monetary: centroidsOriginal[c * 3 + 2]!,
            }
          : s.median,
        s.median,
        overall.median,
        features,
      ),
    });
  }
  return { features, n, k, totalRevenue, overallMedian: overall.median, overallMean: overall.mean, segments };
}
