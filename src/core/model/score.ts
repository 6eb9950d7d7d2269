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
import type { PowerFit } from '../types';
import { ModelError } from './errors';
import { MODEL_FEATURES, type RfmColumns, type SavedModel, type ScoreResult } from './model-types';

export function modelPowerFit(model: SavedModel): PowerFit {
  return { lambdas: model.lambdas, means: model.means, scales: model.scales };
}

/** Checks the columns: equal lengths, every value finite. @throws ModelError naming feature and row. */
export function validateColumns(cols: RfmColumns): number {
  const n = cols.recency.length;
  for (const f of MODEL_FEATURES) {
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

/** Standardised features (n × 3 row-major) with the saved numbers. */
export function standardise(model: SavedModel, cols: RfmColumns): Float64Array {
  validateColumns(cols);
  try {
    return applyPowerTransform([cols.recency, cols.frequency, cols.monetary], modelPowerFit(model));
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    throw new ModelError('score-non-finite', '', msg);
  }
}

/**
 * Nearest centroid of each row of Z (n × 3), first minimum on ties — the k-means assignment step itself
 * (`naiveStepper`, whose centroid update is ignored) — and the Euclidean distance to it.
 */
export function assignNearest(Z: Float64Array, centroids: Float64Array, k: number): ScoreResult {
  const n = Z.length / 3;
  const stepper = naiveStepper(Z, n, 3);
  try {
    const clusterIndex = Int32Array.from(stepper.step(centroids, k).labels);
    return { clusterIndex, distances: distancesToOwn(Z, clusterIndex, centroids) };
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
  return assignNearest(Z, model.centroids, model.k);
}
