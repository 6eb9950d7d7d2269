/**
 * Test helper: fits a model as the app does (Yeo-Johnson + standardise, k-means seed 42, n_init 10)
 * on the given features of an RFM table and writes it as a model JSON with its training summary.
 */
import { DEFAULT_CLEANING } from '../../clean/clean';
import { kmeans } from '../../kmeans';
import type { KMeansResult } from '../../kmeans';
import { DEFAULT_RFM } from '../../rfm/rfm';
import { modelJsonText, modelKmeansSection } from '../../segments/model-json';
import { DEFAULT_SWEEP } from '../../sweep/sweep';
import {
  applyPowerTransform,
  fitPowerTransform,
  invertPowerTransform,
} from '../../transform/power-transform';
import type { PowerFit } from '../../transform/types';
import { MODEL_FEATURES, type ModelFeature, type RfmColumns } from '../model-types';
import { trainingSummaryOfFit } from '../summary';

export interface FittedModel {
  /** The model JSON text. */
  readonly text: string;
  readonly fit: PowerFit;
  /** The standardised matrix (n × d). */
  readonly X: Float64Array;
  readonly result: KMeansResult;
  /** Training customers per segment. */
  readonly sizes: number[];
}

export function fitAndSaveModel(
  rfm: RfmColumns,
  k: number,
  names: readonly string[],
  features: readonly ModelFeature[] = MODEL_FEATURES,
): FittedModel {
  const cols = features.map((f) => rfm[f]);
  const d = features.length;
  const fit = fitPowerTransform(cols, features);
  const X = applyPowerTransform(cols, fit, features);
  const n = rfm.recency.length;
  const result = kmeans(X, n, d, { k, seed: 42, nInit: 10, maxIter: 300, tol: 1e-4, algorithm: 'lloyd' });
  const sizes = Array.from({ length: k }, (_, c) => result.labels.filter((l) => l === c).length);
  const text = modelJsonText({
    appVersion: 'test',
    datasetName: 'online-retail.csv.gz',
    createdAt: new Date(Date.UTC(2026, 11, 7)),
    customers: n,
    cleaningSettings: DEFAULT_CLEANING,
    rfmSettings: DEFAULT_RFM,
    fit,
    k,
    seed: 42,
    engine: 'plain',
    engineReason: null,
    kmeans: modelKmeansSection(DEFAULT_SWEEP, { inertia: result.inertia, result }),
    features,
    centroidsStandardised: result.centroids,
    centroidsOriginal: invertPowerTransform(result.centroids, d, fit),
    names,
    descriptions: names.map(() => ''),
    sizes,
    sweep: [],
    knee: null,
    training: trainingSummaryOfFit(rfm, X, result.labels, result.centroids, k, d),
  });
  return { text, fit, X, result, sizes };
}
