/**
 * The model as JSON: everything needed to understand and re-apply a segmentation elsewhere.
 *
 * To assign a new customer: x = the model's `features` (recency, frequency, monetary, or two of them
 * when one was left out) → for each feature j,
 * y_j = yeoJohnson(x_j, λ_j), z_j = (y_j − mean_j) / scale_j → nearest centroid (squared Euclidean)
 * among `clusters[*].centroidStandardised`. NaN values are written as null.
 *
 * formatVersion 2 adds `id` (the content id of the transform and centroid numbers, see
 * src/core/model/model-types.ts `modelIdOf`) and `training`: a summary of the training customers for
 * drift (per-feature quantiles, min/max, decile-bin counts; per-segment size and 99th-percentile
 * distance; no customer rows). src/core/model/parse-model.ts reads versions 1 and 2.
 */
import type { KneeResult } from '../sweep/types';
import type { PowerFit } from '../transform/types';
import { MODEL_FEATURES, modelIdOf, type ModelFeature, type TrainingSummary } from '../model/model-types';
import { trainingSummaryJson } from '../model/summary';
import type { ModelInputSection } from './model-input';
import type { SweepScores } from '../sweep/types';

export const MODEL_FORMAT = 'segment-notebook-model';
export const MODEL_FORMAT_VERSION = 2;

export interface ModelJsonInput {
  readonly appVersion: string;
  readonly datasetName: string | null;
  readonly createdAt: Date;
  readonly customers: number;
  readonly cleaningSettings: unknown;
  readonly rfmSettings: unknown;
  readonly fit: PowerFit;
  readonly k: number;
  readonly seed: number;
  readonly engine: string;
  readonly engineReason: string | null;
  readonly kmeans: {
    readonly nInit: number;
    readonly maxIter: number;
    readonly tol: number;
    readonly algorithm: string;
    readonly inertia: number;
    readonly nIter: number;
    /** Restarts screened on a sample of `size` customers, the `finalists` best finished on all; null: all. */
    readonly restartSample: { readonly size: number; readonly finalists: number } | null;
  };
  /**
   * The features modelled (default all three); λ, means, scales and the centroids are per feature in
   * this order.
   */
  readonly features?: readonly ModelFeature[];
  /** k × d in model space (d = features.length). */
  readonly centroidsStandardised: Float64Array;
  /** k × d in original units (inverse transform). */
  readonly centroidsOriginal: Float64Array | null;
  readonly names: readonly string[];
  readonly descriptions: readonly string[];
  readonly sizes: readonly number[];
  readonly sweep: readonly SweepScores[];
  readonly knee: KneeResult | null;
  /** RFM scores: break values and named-segment rules (optional; see src/core/rfm-scores/saved.ts). */
  readonly rfmScores?: unknown;
  /** The training customers summarised for drift (src/core/model/summary.ts `trainingSummary`). */
  readonly training?: TrainingSummary | null;
  /** How the file was read (header names per role, date order, decimal marks); optional. */
  readonly input?: ModelInputSection | null;
}

/**
 * The `kmeans` section of a model JSON input: the sweep's options and the chosen k's fit (its inertia
 * and iterations), and the restart sample when restarts were screened on one.
 */
export function modelKmeansSection(
  options: {
    readonly nInit: number;
    readonly maxIter: number;
    readonly tol: number;
    readonly algorithm: string;
  },
  point: { readonly inertia: number; readonly result: { readonly nIter: number } },
  restartSample?: { readonly size: number; readonly finalists: number } | null,
): ModelJsonInput['kmeans'] {
  return {
    nInit: options.nInit,
    maxIter: options.maxIter,
    tol: options.tol,
    algorithm: options.algorithm,
    inertia: point.inertia,
    nIter: point.result.nIter,
    restartSample: restartSample ?? null,
  };
}

/** Centre c of a k × d matrix as { feature: value } over the model's features. */
function row(
  m: Float64Array | null,
  c: number,
  features: readonly ModelFeature[],
): Partial<Record<ModelFeature, number>> | null {
  if (!m) return null;
  const d = features.length;
  return Object.fromEntries(features.map((f, j) => [f, m[c * d + j]!]));
}

/** Builds the JSON-ready model object. */
export function buildModelJson(input: ModelJsonInput) {
  const features = input.features ?? MODEL_FEATURES;
  const clusters = [];
  for (let c = 0; c < input.k; c++) {
    clusters.push({
      id: c + 1,
      name: input.names[c] ?? '',
      description: input.descriptions[c] ?? '',
      size: input.sizes[c] ?? 0,
      centroidStandardised: row(input.centroidsStandardised, c, features),
      centroidOriginal: row(input.centroidsOriginal, c, features),
    });
  }
  return {
    format: MODEL_FORMAT,
    formatVersion: MODEL_FORMAT_VERSION,
    id: modelIdOf(input.fit.lambdas, input.fit.means, input.fit.scales, input.centroidsStandardised),
    appVersion: input.appVersion,
    createdAt: input.createdAt.toISOString(),
    dataset: { name: input.datasetName, customers: input.customers },
    // How the file was read: what the warehouse SQL (src/core/sql) needs to re-run the rules.
    ...(input.input ? { input: input.input } : {}),
    cleaning: input.cleaningSettings,
    rfm: input.rfmSettings,
    // The features modelled, in this order (two when one was left out, e.g. an R+F model).
    features,
    transform: {
      method: 'yeo-johnson',
      standardize: true,
      lambdas: Array.from(input.fit.lambdas),
      means: Array.from(input.fit.means),
      scales: Array.from(input.fit.scales),
      // The likelihood's λ where the fit limited it (its transformed spread is lost to float64
      // rounding); null where the λ used is the maximum-likelihood one.
      ...(input.fit.limitedFrom
        ? { maximumLikelihoodLambdas: Array.from(input.fit.limitedFrom, (v) => (Number.isNaN(v) ? null : v)) }
        : {}),
    },
    kmeans: {
      k: input.k,
      seed: input.seed,
      engine: input.engine,
      engineReason: input.engineReason,
      ...input.kmeans,
    },
    clusters,
    sweep: input.sweep.map((p) => ({
      k: p.k,
      inertia: p.inertia,
      silhouette: p.silhouette,
      calinskiHarabasz: p.calinskiHarabasz,
      daviesBouldin: p.daviesBouldin,
    })),
    knee: input.knee,
    ...(input.rfmScores !== undefined ? { rfmScores: input.rfmScores } : {}),
    training: input.training ? trainingSummaryJson(input.training) : null,
    howToApply:
      'For each feature j: y = yeoJohnson(x_j, lambdas[j]); z = (y - means[j]) / scales[j]. Assign the customer to the cluster whose centroidStandardised is nearest (squared Euclidean distance).',
  };
}

export type ModelJson = ReturnType<typeof buildModelJson>;

/** Pretty JSON text; NaN and ±Infinity become null. */
export function modelJsonText(input: ModelJsonInput): string {
  return `${JSON.stringify(buildModelJson(input), null, 2)}\n`;
}
