/** The elbow sweep (src/core/sweep): k-means for each k, quality metrics, and the knee. */
export { DEFAULT_SWEEP, fitOptions, sweepK, sweepPlan, sweepResult, type SweepOptions } from './sweep';
export { pointSilhouette, pointWithoutSilhouette, sweepPoint } from './point';
export { calinskiHarabasz, daviesBouldin, silhouetteScore } from './metrics';
export { findKnee, gradientRuleKnee, kneedleConvexDecreasing } from './knee';
export type { KneeResult, SweepPoint, SweepResult } from './types';
