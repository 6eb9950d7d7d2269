import type { RfmTable } from '../core/rfm/types';
import type { SweepResult } from '../core/sweep/types';
import type { EngineChoice, EngineInfo, TransformResult } from '../workers/engine/protocol';
import type { StepError, StepStatus } from '../core/step';
import type { SliceCreator } from './slice';
import type { ModelFeature } from '../core/model/model-types';

/** Engine override offered to users ('auto' = calibrate on the data and pick the fastest). */
export type EngineOverride = Extract<EngineChoice, 'auto' | 'plain' | 'tfjs-wasm' | 'tfjs-webgl'>;

/** A transform and the RFM table it was computed from. */
export interface TransformState {
  readonly rfm: RfmTable;
  readonly result: TransformResult;
}

/**
 * A finished sweep k = kMin..kMax: every k's KMeansResult is kept so changing k never reruns it.
 * `centroidsOriginal` holds each k's centroids in original units (k × d), from the engine's inverse
 * transform.
 */
export interface SweepState {
  readonly rfm: RfmTable;
  readonly transform: TransformResult;
  readonly result: SweepResult;
  readonly engineInfo: EngineInfo;
  readonly seed: number;
  readonly engineChoice: EngineOverride;
  readonly nInit: number;
  readonly maxIter: number;
  readonly tol: number;
  readonly algorithm: 'lloyd' | 'minibatch';
  readonly centroidsOriginal: ReadonlyMap<number, Float64Array>;
  readonly finishedAt: number;
  /** The features modelled (X, centroids and λ are per feature in this order; d = features.length). */
  readonly features: readonly ModelFeature[];
}

/**
 * State of the model steps (Transform → Choose k → Segments → Export). Results are only replaced by a
 * newer success: while recomputing, the older results stay visible with status 'stale'/'running'.
 */
export interface ModelSlice {
  /** Seed of k-means++ initialisation (shown and editable in the Choose k cell; saved with results). */
  readonly seed: number;
  readonly engineChoice: EngineOverride;
  /**
   * The feature the user left out of the model (null: none; saved with the session). A file without
   * money leaves monetary out whatever this says (src/core/model/model-types.ts `modelFeaturesFor`).
   */
  readonly leftOut: ModelFeature | null;
  readonly transformStatus: StepStatus;
  readonly transformError: StepError | null;
  readonly transform: TransformState | null;
  readonly sweepStatus: StepStatus;
  readonly sweepError: StepError | null;
  /** Finished k values of the running sweep (null when not running). */
  readonly sweepProgress: { readonly done: number; readonly total: number } | null;
  readonly sweep: SweepState | null;
  /** The chosen number of segments (null until a sweep finished). */
  readonly k: number | null;
  /**
   * Names typed by the user, by k then 0-based cluster (empty = use the suggested name). Reset when
   * a new sweep finishes (the clusters change).
   */
  readonly clusterNames: Readonly<Record<number, readonly string[]>>;
  /** The crash message when the compute engine died and was replaced (its step sent again). */
  readonly engineRestart: string | null;
}

export const initialModelState: ModelSlice = {
  seed: 42,
  engineChoice: 'auto',
  leftOut: null,
  transformStatus: 'waiting',
  transformError: null,
  transform: null,
  sweepStatus: 'waiting',
  sweepError: null,
  sweepProgress: null,
  sweep: null,
  k: null,
  clusterNames: {},
  engineRestart: null,
};

export const createModelSlice: SliceCreator<ModelSlice> = () => ({ ...initialModelState });
