/**
 * Scores customers with a saved model: Yeo-Johnson with the saved λ and standardisation with the saved
 * means and scales (the engine's `applyPowerTransform`, so the numbers are the fit's own), then the
 * nearest saved centroid by squared Euclidean distance, the first (lowest index) on ties — the same
 * arithmetic as the k-means assignment step, so a model scores its own training data with exactly the
 * fit's labels. Nothing is fitted.
 */
import { naiveStepper } from '../kmeans';
import { applyPowerTransform } from '../transform/power-transform';
import { distancesToOwn } from './distance';
import type { PowerFit } from '../transform/types';
import { ModelError } from './errors';
import type { ModelFeature, RfmColumns, SavedModel, ScoreResult } from './model-types';

export function modelPowerFit(model: SavedModel): PowerFit {
  return { lambdas: model.lambdas, means: model.means, scales: model.scales };
}

/**
 * Checks the columns the model uses (`features`): equal lengths, every value finite.
 * @throws ModelError naming feature and row.
 */
export function validateColumns(
  cols: RfmColumns,
  features: readonly ModelFeature[] = ['recency', 'frequency', 'monetary'],
): number {
  const n = cols.recency.length;
  for (const f of features) {
    const x = cols[f];
    if (x.length !== n)
      throw new ModelError('score-length-mismatch', f, `${f} has ${x.length} values, recency ${n}`);
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(x[i]!))
        throw new ModelError('score-non-finite', f, `${f} of row ${i} is ${x[i]}`, i);
    }
  }
  return n;
}

/** Standardised features (n × d row-major, the model's features) with the saved numbers. */
export function standardise(model: SavedModel, cols: RfmColumns): Float64Array {
  validateColumns(cols, model.features);
  try {
    return applyPowerTransform(
      model.features.map((f) => cols[f]),
      modelPowerFit(model),
    );
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    throw new ModelError('score-non-finite', '', msg);
  }
}

/**
 * Nearest centroid of each row of Z (n × d), first minimum on ties — the k-means assignment step itself
 * (`naiveStepper`, whose centroid update is ignored) — and the Euclidean distance to it.
 */
export function assignNearest(Z: Float64Array, centroids: Float64Array, k: number, d = 3): ScoreResult {
  const n = Z.length / d;
  const stepper = naiveStepper(Z, n, d);
  try {
    const clusterIndex = Int32Array.from(stepper.step(centroids, k).labels);
    return { clusterIndex, distances: distancesToOwn(Z, clusterIndex, centroids, d) };
  } finally {
    stepper.dispose();
  }
}

/**
 * Scores every customer. @throws ModelError 'score-length-mismatch' / 'score-non-finite' (with the
 * feature as path and the 0-based row).
 */
export function scoreCustomers(model: SavedModel, cols: RfmColumns): ScoreResult {
  const Z = standardise(model, cols);
  return assignNearest(Z, model.centroids, model.k, model.features.length);
}
