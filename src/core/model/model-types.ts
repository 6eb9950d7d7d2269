/** The typed, validated form of a saved model JSON (see src/core/segments/model-json.ts, the writer). */
import type { SavedRfmScores } from '../rfm-scores/saved';
import type { Role } from '../ingest/types';

export const MODEL_FEATURES = ['recency', 'frequency', 'monetary'] as const;
export type ModelFeature = (typeof MODEL_FEATURES)[number];

/** The feature a valid feature set leaves out (null: none; not a feature set: null). */
export function leftOutOf(features: unknown): ModelFeature | null {
  if (!isFeatureSet(features) || features.length === MODEL_FEATURES.length) return null;
  return MODEL_FEATURES.find((f) => !features.includes(f)) ?? null;
}

/** True when `v` names one of the three features. */
export function isModelFeature(v: unknown): v is ModelFeature {
  return (MODEL_FEATURES as readonly unknown[]).includes(v);
}

/** The fewest features a model can use (a feature may be left out: an R+F model, say). */
export const MIN_MODEL_FEATURES = 2;

/** The features of a model that leaves `leftOut` out (none: all three), in MODEL_FEATURES order. */
export function featuresWithout(leftOut: ModelFeature | null): readonly ModelFeature[] {
  return leftOut === null ? MODEL_FEATURES : MODEL_FEATURES.filter((f) => f !== leftOut);
}

/**
 * The features a model of this RFM table uses: without money (an R+F file) monetary is always left
 * out (and nothing else can be); otherwise all three but `leftOut`.
 */
export function modelFeaturesFor(noMoney: boolean, leftOut: ModelFeature | null): readonly ModelFeature[] {
  return noMoney ? featuresWithout('monetary') : featuresWithout(leftOut);
}

/** True when `v` is a valid feature set: at least 2 distinct features, in MODEL_FEATURES order. */
export function isFeatureSet(v: unknown): v is readonly ModelFeature[] {
  if (!Array.isArray(v) || v.length < MIN_MODEL_FEATURES || v.length > MODEL_FEATURES.length) return false;
  let at = -1;
  for (const f of v) {
    const i = MODEL_FEATURES.indexOf(f as ModelFeature);
    if (i <= at) return false;
    at = i;
  }
  return true;
}

/** Probabilities of the training quantiles stored per feature (numpy 'linear' quantiles). */
export const SUMMARY_QUANTILE_PROBS: readonly number[] = [
  0, 0.01, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99, 1,
];

/** One feature of the training data, summarised (no customer rows). */
export interface FeatureSummary {
  /** Quantiles at SUMMARY_QUANTILE_PROBS. */
  readonly quantiles: readonly number[];
  readonly min: number;
  readonly max: number;
  /**
   * PSI bin edges: the distinct training deciles (10 % … 90 %), ascending. Bin b holds
   * edges[b − 1] < x ≤ edges[b] (first bin: x ≤ edges[0]; last: x > edges[m − 1]).
   */
  readonly edges: readonly number[];
  /** Training customers per bin (edges.length + 1 bins). */
  readonly counts: readonly number[];
}

export interface SegmentSummary {
  readonly size: number;
  /** 99th percentile (numpy linear) of the training customers' distances to this centroid; NaN if empty. */
  readonly distanceP99: number;
}

export interface TrainingSummary {
  readonly customers: number;
  readonly features: Readonly<Record<ModelFeature, FeatureSummary>>;
  readonly segments: readonly SegmentSummary[];
}

/**
 * A saved model, validated. Arrays are per feature in `features` order (a subset of MODEL_FEATURES,
 * at least 2); centroids are k × d with d = features.length.
 */
export interface SavedModel {
  /** Content id ('m-' + 8 hex digits of the transform and centroid numbers): same numbers, same id. */
  readonly id: string;
  readonly formatVersion: number;
  readonly appVersion: string | null;
  /** ISO text as written, or null. */
  readonly createdAt: string | null;
  readonly datasetName: string | null;
  readonly trainingCustomers: number | null;
  /** The features the model uses (all three unless one was left out). */
  readonly features: readonly ModelFeature[];
  /** The settings the model was built with, as written (replay with `replaySettings`). */
  readonly cleaning: unknown;
  readonly rfm: unknown;
  readonly k: number;
  readonly lambdas: Float64Array;
  readonly means: Float64Array;
  readonly scales: Float64Array;
  /** k × d row-major, standardised space. */
  readonly centroids: Float64Array;
  /** k × d in original units, or null when not written. */
  readonly centroidsOriginal: Float64Array | null;
  readonly names: readonly string[];
  readonly descriptions: readonly string[];
  /** Training size per segment as written (clusters[].size). */
  readonly sizes: readonly number[];
  /** formatVersion ≥ 2 only; null: drift cannot be computed (formatVersion 1). */
  readonly training: TrainingSummary | null;
  /** RFM-score break values and named-segment rules (the optional `rfmScores` field), or null. */
  readonly rfmScores: SavedRfmScores | null;
  /** Role → header of the training file (the `input.columns` field), or null when not written. */
  readonly trainingColumns: Partial<Record<Role, string>> | null;
}

/** R, F, M columns of equal length. */
export interface RfmColumns {
  readonly recency: Float64Array;
  readonly frequency: Float64Array;
  readonly monetary: Float64Array;
}

export interface ScoreResult {
  /** 0-based index into the model's clusters. */
  readonly clusterIndex: Int32Array;
  /** Euclidean distance to the assigned centroid in standardised space. */
  readonly distances: Float64Array;
}

/** FNV-1a (32-bit) over the numbers' shortest round-trip text: the model's content id. */
export function modelIdOf(
  lambdas: ArrayLike<number>,
  means: ArrayLike<number>,
  scales: ArrayLike<number>,
  centroids: ArrayLike<number>,
): string {
  const text = [lambdas, means, scales, centroids].map((a) => Array.from(a).join(',')).join('|');
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `m-${h.toString(16).padStart(8, '0')}`;
}
