/** The Yeo-Johnson power transform (src/core/transform): fit, apply, invert; ψ and ψ⁻¹ per value. */
export {
  applyPowerTransform,
  fitPowerTransform,
  fitYeoJohnsonLambda,
  invertPowerTransform,
} from './power-transform';
export { yeoJohnson, yeoJohnsonInverse } from './yeo-johnson';
export type { PowerFit } from './types';
