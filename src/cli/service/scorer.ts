/**
 * The scoring service's model side: a saved model (src/core/model, the same scorer as the browser's
 * apply mode) answering the reference notebook's request body.
 *
 * `predictions` are 0-based cluster indexes, as scikit-learn's KMeans.predict and the reference
 * notebook's endpoint return: index i is the model's `clusters[i]` (its `id` is i + 1, the
 * `cluster_id` of the CSV exports). `segments` are the clusters' names, `distances` the Euclidean
 * distance to the assigned centroid in the model's standardised space.
 */
import { parseModelJson, parseScoringRequest, scoreCustomers, type SavedModel } from '../../core/model';
import type { ScoreAnswer, Scorer } from './http-server';

/** MLflow's own body key for the same split orientation is accepted too. */
function normalise(body: unknown): unknown {
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    const o = body as Record<string, unknown>;
    if (o.input_data === undefined && o.dataframe_split !== undefined)
      return { input_data: o.dataframe_split };
  }
  return body;
}

const REQUEST_COLUMN = { recency: 'Recency(Days)', frequency: 'Frequency', monetary: 'Monetary(£)' } as const;

export function modelMetadata(model: SavedModel) {
  return {
    id: model.id,
    formatVersion: model.formatVersion,
    appVersion: model.appVersion,
    createdAt: model.createdAt,
    dataset: model.datasetName,
    trainingCustomers: model.trainingCustomers,
    k: model.k,
    features: model.features,
    requestColumns: model.features.map((f) => REQUEST_COLUMN[f]),
    transform: {
      method: 'yeo-johnson',
      lambdas: Array.from(model.lambdas),
      means: Array.from(model.means),
      scales: Array.from(model.scales),
    },
    clusters: model.names.map((name, i) => ({
      index: i,
      id: i + 1,
      name,
      description: model.descriptions[i] ?? '',
      size: model.sizes[i] ?? null,
    })),
    driftSummary: model.training !== null,
  };
}

export function modelScorer(model: SavedModel): Scorer {
  return {
    id: model.id,
    metadata: modelMetadata(model),
    score(body: unknown): ScoreAnswer {
      const req = parseScoringRequest(normalise(body), model.features);
      const { clusterIndex, distances } = scoreCustomers(model, req.columns);
      const predictions = Array.from(clusterIndex);
      return {
        predictions,
        segments: predictions.map((c) => model.names[c] ?? `Segment ${c + 1}`),
        distances: Array.from(distances),
      };
    },
  };
}

/** Reads a model JSON text; @throws the core's ModelError naming the field. */
export function loadModel(text: string): SavedModel {
  return parseModelJson(text);
}
