import type { CleaningSettings } from '../clean/types';
import type { RfmSettings } from '../rfm/types';
import type { ModelInputSection } from '../segments/model-input';
import { isFeatureSet, MODEL_FEATURES, type ModelFeature } from '../model/model-types';

/** The parts of a model JSON (src/core/segments/model-json.ts) that the SQL needs. */
export interface SqlModel {
  readonly input: ModelInputSection;
  readonly cleaning: CleaningSettings;
  readonly rfm: RfmSettings;
  /** The features modelled (absent in older models: all three). */
  readonly features?: readonly ModelFeature[];
  readonly transform: {
    readonly lambdas: readonly number[];
    readonly means: readonly number[];
    readonly scales: readonly number[];
  };
  readonly clusters: readonly {
    readonly id: number;
    readonly name: string;
    readonly centroidStandardised: Partial<Record<ModelFeature, number>> | null;
  }[];
  readonly dataset?: { readonly name?: string | null; readonly customers?: number };
  readonly appVersion?: string;
}

/** Why SQL cannot be written for a model; the sentence is written at the UI or CLI edge. */
export type SqlErrorCode =
  | 'sql-not-a-model'
  | 'sql-no-input'
  | 'sql-rfm-table'
  | 'sql-excel-dates'
  | 'sql-outliers'
  | 'sql-bad-dialect';

export class SqlGenerationError extends Error {
  constructor(
    readonly code: SqlErrorCode,
    readonly detail: string,
  ) {
    super(`${code}: ${detail}`);
    this.name = 'SqlGenerationError';
  }
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Checks a parsed model JSON has what the SQL needs; throws SqlGenerationError otherwise. */
export function asSqlModel(json: unknown): SqlModel {
  if (!isObj(json) || json.format !== 'segment-notebook-model')
    throw new SqlGenerationError('sql-not-a-model', 'format is not segment-notebook-model');
  const features = json.features ?? MODEL_FEATURES;
  if (!isFeatureSet(features))
    throw new SqlGenerationError(
      'sql-not-a-model',
      'features should be two or three of recency, frequency, monetary',
    );
  const t = json.transform;
  const d = features.length;
  const perFeature = (v: unknown) => Array.isArray(v) && v.length === d && v.every(finite);
  if (!isObj(t) || !perFeature(t.lambdas) || !perFeature(t.means) || !perFeature(t.scales))
    throw new SqlGenerationError(
      'sql-not-a-model',
      `transform.lambdas, means and scales need ${d} numbers each`,
    );
  const clusters = json.clusters;
  if (
    !Array.isArray(clusters) ||
    clusters.length === 0 ||
    !clusters.every(
      (c) =>
        isObj(c) &&
        finite(c.id) &&
        isObj(c.centroidStandardised) &&
        features.every((f) => finite((c.centroidStandardised as Record<string, unknown>)[f])),
    )
  )
    throw new SqlGenerationError('sql-not-a-model', 'clusters need an id and a finite centroidStandardised');
  if (!isObj(json.input) || !Array.isArray(json.input.headers) || !isObj(json.input.columns))
    throw new SqlGenerationError(
      'sql-no-input',
      'the model has no input section (header names and formats); export it again from this version',
    );
  if (!isObj(json.cleaning) || !isObj(json.rfm))
    throw new SqlGenerationError('sql-not-a-model', 'cleaning and rfm settings are missing');
  return json as unknown as SqlModel;
}
