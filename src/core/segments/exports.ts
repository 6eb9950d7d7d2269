/**
 * The CSV exports of a segmentation: all customers, one file per segment, and the profile table.
 * Cluster ids in exports are 1-based (`cluster_id = label + 1`; segment 1 has the highest centroid
 * monetary). R/F/M are the raw values the model was built from (days, count, currency units).
 */
import { buildCsv, type CsvValue } from './csv';
import type { ProfilesResult } from './profiles';

export interface CustomerExportInput {
  readonly customerIds: readonly string[];
  readonly recency: Float64Array;
  readonly frequency: Float64Array;
  readonly monetary: Float64Array;
  /** 0-based labels, one per customer. */
  readonly labels: Int32Array;
  /** Name of each cluster by 0-based label. */
  readonly names: readonly string[];
  /** RFM scores and named segment per customer (docs/rfm-scores.md); adds RFM_SCORE_COLUMNS. */
  readonly rfmScores?: RfmScoreColumns | undefined;
}

/** Per customer: scores (NaN = missing), combined score text, sum, named segment. */
export interface RfmScoreColumns {
  readonly r: ArrayLike<number>;
  readonly f: ArrayLike<number>;
  readonly m: ArrayLike<number>;
  readonly combined: readonly string[];
  readonly sum: ArrayLike<number>;
  readonly segment: readonly string[];
}

export const RFM_SCORE_COLUMNS = [
  'r_score',
  'f_score',
  'm_score',
  'rfm_score',
  'rfm_sum',
  'rfm_segment',
] as const;

function header(input: CustomerExportInput): readonly string[] {
  return input.rfmScores ? [...CUSTOMER_COLUMNS, ...RFM_SCORE_COLUMNS] : CUSTOMER_COLUMNS;
}

export const CUSTOMER_COLUMNS = [
  'customer_id',
  'recency',
  'frequency',
  'monetary',
  'cluster_id',
  'cluster_name',
] as const;

function* customerRows(input: CustomerExportInput, only: number | null): Generator<CsvValue[]> {
  const n = input.labels.length;
  for (let i = 0; i < n; i++) {
    const c = input.labels[i]!;
    if (only !== null && c !== only) continue;
    const row: CsvValue[] = [
      input.customerIds[i] ?? '',
      input.recency[i]!,
      input.frequency[i]!,
      input.monetary[i]!,
      c + 1,
      input.names[c] ?? '',
    ];
    const s = input.rfmScores;
    if (s) row.push(s.r[i], s.f[i], s.m[i], s.combined[i], s.sum[i], s.segment[i]);
    yield row;
  }
}

/** Every modelled customer, in the order of the RFM table. */
export function customersCsv(input: CustomerExportInput): string {
  if (input.customerIds.length !== input.labels.length) {
    throw new Error(`customersCsv: ${input.customerIds.length} ids but ${input.labels.length} labels`);
  }
  return buildCsv(header(input), customerRows(input, null));
}

/** One CSV per cluster (same columns as customersCsv), for clusters 0..k−1 (empty ones included). */
export function segmentCsvs(
  input: CustomerExportInput,
  k: number,
): { cluster: number; id: number; name: string; csv: string }[] {
  const out: { cluster: number; id: number; name: string; csv: string }[] = [];
  for (let c = 0; c < k; c++) {
    out.push({
      cluster: c,
      id: c + 1,
      name: input.names[c] ?? '',
      csv: buildCsv(header(input), customerRows(input, c)),
    });
  }
  return out;
}

export const PROFILE_COLUMNS = [
  'cluster_id',
  'cluster_name',
  'description',
  'customers',
  'share_of_customers',
  'revenue',
  'share_of_revenue',
  'centroid_recency',
  'centroid_frequency',
  'centroid_monetary',
  'median_recency',
  'median_frequency',
  'median_monetary',
  'mean_recency',
  'mean_frequency',
  'mean_monetary',
  'standardised_recency',
  'standardised_frequency',
  'standardised_monetary',
] as const;

/**
 * The profile table: one row per cluster; shares are fractions (0..1). A model on two features has no
 * centroid_ or standardised_ column for the feature it leaves out (its medians and means stay).
 */
export function profilesCsv(profiles: ProfilesResult, names: readonly string[]): string {
  const used = profiles.features ?? ['recency', 'frequency', 'monetary'];
  const keep = PROFILE_COLUMNS.map((c) => {
    const m = /^(centroid|standardised)_(\w+)$/.exec(c);
    return m === null || used.includes(m[2] as never);
  });
  return buildCsv(
    PROFILE_COLUMNS.filter((_, j) => keep[j]),
    profiles.segments.map((s) =>
      [
        s.id,
        names[s.cluster] ?? '',
        s.description.text,
        s.size,
        s.share,
        s.revenue,
        s.revenueShare,
        s.centroid?.recency,
        s.centroid?.frequency,
        s.centroid?.monetary,
        s.median.recency,
        s.median.frequency,
        s.median.monetary,
        s.mean.recency,
        s.mean.frequency,
        s.mean.monetary,
        s.standardised.recency,
        s.standardised.frequency,
        s.standardised.monetary,
      ].filter((_, j) => keep[j]),
    ),
  );
}
