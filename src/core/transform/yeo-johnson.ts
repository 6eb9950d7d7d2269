/**
 * The Yeo-Johnson maths of one column: ψ(x; λ), ψ⁻¹(y; λ) and the log of var ψ (the log-likelihood's
 * variance term), as scikit-learn 1.2.1 (see power-transform.ts for the formulas and the guards).
 */
import { numpyVar } from '../numeric/pairwise';

const EPS = 2.220446049250313e-16; // np.spacing(1.0)

const TINY = 2.2250738585072014e-308; // np.finfo(np.float64).tiny

/** ψ(x; λ) for one value, exactly sklearn's `_yeo_johnson_transform` formulas. */
export function yeoJohnson(x: number, lambda: number): number {
  if (x >= 0) {
    if (Math.abs(lambda) < EPS) return Math.log1p(x);
    return (Math.pow(x + 1, lambda) - 1) / lambda;
  }
  if (Math.abs(lambda - 2) > EPS) return -(Math.pow(-x + 1, 2 - lambda) - 1) / (2 - lambda);
  return -Math.log1p(-x);
}

/**
 * Inverse of ψ for one value (sklearn `_yeo_johnson_inverse_transform`); NaN when y has no real
 * pre-image (λ·y + 1 ≤ 0 for y ≥ 0, or 1 − (2 − λ)·y ≤ 0 for y < 0).
 */
export function yeoJohnsonInverse(y: number, lambda: number): number {
  if (y >= 0) {
    if (Math.abs(lambda) < EPS) return Math.expm1(y);
    const base = y * lambda + 1;
    if (!(base > 0)) return Number.NaN;
    return Math.pow(base, 1 / lambda) - 1;
  }
  if (Math.abs(lambda - 2) > EPS) {
    const base = -(2 - lambda) * y + 1;
    if (!(base > 0)) return Number.NaN;
    return 1 - Math.pow(base, 1 / (2 - lambda));
  }
  return -Math.expm1(-y);
}

/** log1p(|x|) per row, and its [min, max] over rows with x ≥ 0 and with x < 0 ([∞, −∞] when none). */
export interface ColumnLogs {
  readonly l: Float64Array;
  readonly pos: readonly [number, number];
  readonly neg: readonly [number, number];
}

export function columnLogs(x: Float64Array): ColumnLogs {
  const l = new Float64Array(x.length);
  let pMin = Infinity;
  let pMax = -Infinity;
  let nMin = Infinity;
  let nMax = -Infinity;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (v >= 0) {
      const t = Math.log1p(v);
      l[i] = t;
      if (t < pMin) pMin = t;
      if (t > pMax) pMax = t;
    } else {
      const t = Math.log1p(-v);
      l[i] = t;
      if (t < nMin) nMin = t;
      if (t > nMax) nMax = t;
    }
  }
  return { l, pos: [pMin, pMax], neg: [nMin, nMax] };
}

/**
 * log of the population variance of ψ(x; λ), robust to overflow: when some |λ·log1p(|x|)| is large,
 * the values are represented as sign · exp(logMagnitude) and scaled by the largest magnitude.
 * `work` is a scratch buffer of x.length.
 */
export function logVarYeoJohnson(
  x: Float64Array,
  lambda: number,
  work: Float64Array = new Float64Array(x.length),
  forceLogSpace = false,
  logs: ColumnLogs = columnLogs(x),
): number {
  const n = x.length;
  const lamNeg = 2 - lambda;
  // max over rows of the exponent t = λ·log1p(x) (x ≥ 0) or (2 − λ)·log1p(−x) (x < 0): linear in
  // log1p(|x|), so reached at the smallest or largest of them.
  let maxExp = 0;
  if (logs.pos[1] >= 0) maxExp = Math.max(maxExp, lambda * logs.pos[0], lambda * logs.pos[1]);
  if (logs.neg[1] >= 0) maxExp = Math.max(maxExp, lamNeg * logs.neg[0], lamNeg * logs.neg[1]);
  // ψ² must stay finite for the variance: e^(2·340) · n < 1.8e308 for n up to 1e9.
  if (maxExp < 340 && !forceLogSpace) {
    // ψ from the cached log1p(|x|): expm1(λ·l)/λ is ((x + 1)^λ − 1)/λ without a pow per row.
    const l = logs.l;
    const posLog = Math.abs(lambda) < EPS;
    const negLog = Math.abs(lamNeg) < EPS;
    for (let i = 0; i < n; i++) {
      const li = l[i]!;
      if (x[i]! >= 0) work[i] = posLog ? li : Math.expm1(lambda * li) / lambda;
      else work[i] = negLog ? -li : -Math.expm1(lamNeg * li) / lamNeg;
    }
    const variance = numpyVar(work, n);
    if (variance < TINY) return Number.NEGATIVE_INFINITY;
    return Math.log(variance);
  }
  // Log space: |ψ| = |expm1(t)| / |λ'| with t = λ'·log1p(|x|) (λ' = λ or 2 − λ); sign = sign(x).
  let maxLog = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const v = x[i]!;
    let lm: number;
    if (v >= 0) {
      if (Math.abs(lambda) < EPS) lm = Math.log(Math.log1p(v));
      else {
        const t = lambda * Math.log1p(v);
        lm = (t > 30 ? t : Math.log(Math.abs(Math.expm1(t)))) - Math.log(Math.abs(lambda));
      }
    } else if (Math.abs(lamNeg) > EPS) {
      const t = lamNeg * Math.log1p(-v);
      lm = (t > 30 ? t : Math.log(Math.abs(Math.expm1(t)))) - Math.log(Math.abs(lamNeg));
    } else lm = Math.log(Math.log1p(-v));
    work[i] = lm;
    if (lm > maxLog) maxLog = lm;
  }
  for (let i = 0; i < n; i++) {
    // ψ has the sign of x for every λ (ψ is increasing with ψ(0) = 0).
    work[i] = (x[i]! >= 0 ? 1 : -1) * Math.exp(work[i]! - maxLog);
  }
  const scaled = numpyVar(work, n);
  if (!(scaled > 0)) return Number.NEGATIVE_INFINITY;
  const logVar = Math.log(scaled) + 2 * maxLog;
  return logVar < Math.log(TINY) ? Number.NEGATIVE_INFINITY : logVar;
}
