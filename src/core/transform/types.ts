/** What a fitted Yeo-Johnson transform keeps (applied and inverted by power-transform.ts). */
export interface PowerFit {
  readonly lambdas: Float64Array;
  /** Mean and scale (population std, ddof = 0) of the transformed columns, as scikit-learn. */
  readonly means: Float64Array;
  readonly scales: Float64Array;
  /**
   * Present when some λ was limited: the maximum-likelihood λ per feature where `lambdas` holds the
   * limited one (its transformed spread would be lost to float64 rounding), NaN elsewhere.
   */
  readonly limitedFrom?: Float64Array;
}
