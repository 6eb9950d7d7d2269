/** The data profile: what an analyst checks before modelling (pure; see each module's comment). */
export * from './profile-types';
export { profileColumn, profileColumns, isIdHeader } from './columns';
export { transactionsAtAGlance, lineRevenue, cancellationCodes } from './glance';
export { findOutliers, outlierMask } from './outliers';
export { samplePairs, histogram, autoBins } from './sample';
export { weightedDescribe } from './stats';
export { quantileSorted, quantileSelect } from '../numeric/quantiles';
