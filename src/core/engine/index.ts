/** Public surface of the engine core (pure float64 TypeScript). */
export { createRng, randomInt, sampleWithoutReplacement } from './random';
export {
  applyPowerTransform,
  fitPowerTransform,
  fitYeoJohnsonLambda,
  invertPowerTransform,
  skewness,
  yeoJohnson,
  yeoJohnsonInverse,
} from './power-transform';
export {
  absoluteTolerance,
  assignedInertia,
  bestRestart,
  hartiganRefine,
  kmeans,
  kmeansPlusPlus,
  kmeansRestart,
  kmeansWithStepper,
  naiveStepper,
  orderClusters,
  plainStepper,
  restartResult,
  restartSeed,
  validateKMeansInput,
  type KMeansRefine,
  type KMeansRestart,
  type RestartContext,
} from './kmeans';
export { calinskiHarabasz, daviesBouldin, silhouetteScore } from './metrics';
export { findKnee, gradientRuleKnee, kneedleConvexDecreasing } from './knee';
export { DEFAULT_SWEEP, sweepK, type SweepOptions } from './sweep';
