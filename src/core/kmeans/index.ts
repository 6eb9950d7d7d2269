/**
 * k-means (src/core/kmeans): `kmeans` fits one k; the rest is for sweeps and the restart pool.
 * Files by topic: types, validate, seeding (k-means++), steppers/naive + steppers/hamerly (the Lloyd
 * step; with distance.ts the d = 3 specialised loops live there), lloyd, hartigan, restarts,
 * sampled-fit, minibatch, fit.
 */
export { kmeans, kmeansWithStepper } from './fit';
export { hartiganRefine } from './hartigan';
export { absoluteTolerance } from './lloyd';
export { bestRestart, kmeansRestart, orderClusters, restartResult, restartSeed } from './restarts';
export { SAMPLED_RESTARTS, sampledFit, sampledRestartsFor } from './sampled-fit';
export { kmeansPlusPlus } from './seeding';
export { assignedInertia } from './distance';
export { naiveStepper } from './steppers/naive';
export { plainStepper } from './steppers/hamerly';
export { validateKMeansInput } from './validate';
export type {
  KMeansOptions,
  KMeansRefine,
  KMeansRestart,
  KMeansResult,
  LloydStepper,
  LloydStepperFactory,
  RestartContext,
  SampledRestarts,
} from './types';
