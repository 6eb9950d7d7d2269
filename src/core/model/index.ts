/** Apply a saved segmentation: read the model JSON, score customers, drift, transitions, requests. */
export { ModelError, isModelError, type ModelErrorCode } from './errors';
export {
  MODEL_FEATURES,
  SUMMARY_QUANTILE_PROBS,
  modelIdOf,
  type FeatureSummary,
  type ModelFeature,
  type RfmColumns,
  type SavedModel,
  type ScoreResult,
  type SegmentSummary,
  type TrainingSummary,
} from './model-types';
export { READABLE_MODEL_VERSIONS, parseModelJson } from './parse-model';
export { assignNearest, modelPowerFit, scoreCustomers, standardise, validateColumns } from './score';
export {
  binCounts,
  binOf,
  sortedQuantile,
  summariseFeature,
  trainingSummary,
  trainingSummaryJson,
} from './summary';
export {
  PSI_FLOOR,
  computeDrift,
  psiOf,
  type DriftReport,
  type FeatureDrift,
  type SegmentDrift,
} from './drift';
export {
  computeTransitions,
  type LabelledCustomers,
  type SegmentFlow,
  type Transitions,
} from './transitions';
export { parseScoringRequest, requestColumnFeature, type ScoringRequest } from './request';
export { keptDayRange, replaySettings, rfmAtDay, type ReplayedSettings } from './replay';
export { parsePreviousCustomers, type PreviousCustomers } from './previous-export';
export { MOVES_COLUMNS, movesCsv, type MovesSide } from './moves-csv';
