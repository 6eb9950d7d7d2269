/** Numeric building blocks (src/core/numeric), each rounding as NumPy/SciPy/pandas do. */
export { brentMinimize } from './brent';
export { civilFromDays } from './civil-date';
export { extent } from './extent';
export { skewness } from './moments';
export { numpyVar, pairwiseSum } from './pairwise';
export { lerp, quantileSelect, quantileSorted, selectKth } from './quantiles';
export { createRng, randomInt, sampleWithoutReplacement } from './random';
