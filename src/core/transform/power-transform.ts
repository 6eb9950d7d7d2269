/**
 * Yeo-Johnson power transform with standardisation, as scikit-learn 1.2.1
 * `PowerTransformer(method='yeo-johnson', standardize=True)`, in float64.
 *
 * Maths (per feature x, parameter λ):
 *   ψ(x; λ) = ((x + 1)^λ − 1) / λ               x ≥ 0, λ ≠ 0      (log1p(x) when |λ| < ε)
 *   ψ(x; λ) = −((1 − x)^(2−λ) − 1) / (2 − λ)     x < 0, λ ≠ 2      (−log1p(−x) when |λ − 2| < ε)
 *   with ε = 2.220446049250313e-16 (np.spacing(1.0)).
 * λ maximises the Yeo-Johnson log-likelihood, i.e. minimises (sklearn `_yeo_johnson_optimize`)
 *   NLL(λ) = n/2 · log(var ψ(x; λ)) − (λ − 1) · Σ sign(xᵢ) log1p(|xᵢ|)      (var with ddof = 0;
 *   +∞ when var < 2.2250738585072014e-308)
 * found by scipy.optimize.brent(NLL, brack=(−2, 2)) (scipy 1.10: `bracket` with grow_limit 110, then
 * Brent's parabolic/golden search with tol 1.48e-8, 500 iterations at most); ported exactly below.
 * Then the transformed columns are standardised with their mean and population standard deviation.
 *
 * Numerical guards (scikit-learn would silently produce NaN / ±∞ instead):
 * - non-finite inputs (NaN, ±∞) and |x| > 1e15 (beyond any real money amount: a unit or parsing error)
 *   → UserFacingError naming the feature and the (0-based data) row;
 * - constant columns, and near-constant ones whose spread float64 cannot resolve even untransformed
 *   (λ = 1) → UserFacingError;
 * - an MLE λ so extreme that the transformed spread is lost to rounding (few distinct values, almost
 *   all equal: 99% F = 1, 1% F = 2 gives λ ≈ −47 and scikit-learn a column of zeros) is limited to the
 *   λ nearest the MLE whose spread float64 still resolves; `PowerFit.limitedFrom` keeps the MLE;
 * - during the λ search, var ψ is computed in log space when ψ² could overflow, so the search never
 *   sees ∞. This is where we differ from scikit-learn on purpose: for strongly left-skewed columns of
 *   huge values scikit-learn's variance overflows to ∞ and Brent stops at that barrier (e.g. λ = 11.1
 *   for 10^14 − 10^12·e^(−i/40)), while the exact likelihood keeps improving up to λ ≈ 1000, whose
 *   transform no float64 can hold → UserFacingError 'power-overflow'. On real RFM data (values below
 *   ~10^9) the two computations are identical;
 * - inverse transform outside the transform's range (no real pre-image) → UserFacingError.
 */
import { brentMinimize } from '../numeric/brent';
import { pairwiseSum } from '../numeric/pairwise';
import { UserFacingError } from '../errors';
import type { PowerFit } from './types';
import { columnLogs, logVarYeoJohnson, yeoJohnson, yeoJohnsonInverse } from './yeo-johnson';
import { extent } from '../numeric/extent';

const MAX_ABS_VALUE = 1e15;

const DEFAULT_NAMES = ['recency', 'frequency', 'monetary'];

function featureName(j: number, d: number, names?: readonly string[]): string {
  const given = names?.[j];
  if (given !== undefined) return given;
  if (d === 3) return DEFAULT_NAMES[j] ?? `column ${j + 1}`;
  return `column ${j + 1}`;
}

function validateColumn(x: Float64Array, name: string): void {
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (!Number.isFinite(v)) {
      throw new UserFacingError({
        code: 'power-non-finite',
        column: name,
        customer: i + 1,
        value: String(v),
      });
    }
    if (Math.abs(v) > MAX_ABS_VALUE) {
      throw new UserFacingError({
        code: 'power-overflow',
        why: 'value',
        column: name,
        customer: i + 1,
        value: v,
      });
    }
  }
}

/**
 * The maximum-likelihood Yeo-Johnson λ of one column (sklearn `_yeo_johnson_optimize`).
 * The column must be finite (NaNs are not skipped here: validate first).
 */
export function fitYeoJohnsonLambda(x: Float64Array): number {
  const n = x.length;
  const work = new Float64Array(n);
  const logs = columnLogs(x);
  for (let i = 0; i < n; i++) {
    const v = x[i]!;
    work[i] = v > 0 ? logs.l[i]! : v < 0 ? -logs.l[i]! : 0;
  }
  const signedLogSum = pairwiseSum(work, 0, n);
  const nll = (lambda: number): number => {
    const logVar = logVarYeoJohnson(x, lambda, work, false, logs);
    if (logVar === Number.NEGATIVE_INFINITY) return Number.POSITIVE_INFINITY;
    return (n / 2) * logVar - (lambda - 1) * signedLogSum;
  };
  return brentMinimize(nll, -2, 2);
}

/**
 * Fits λ, mean and scale per column (columns of equal length n ≥ 2).
 * @param names feature names used in error messages (default recency/frequency/monetary for d = 3).
 * @throws UserFacingError on empty input, non-finite or absurdly large values, constant or
 *   near-constant columns, or a transform that overflows float64.
 */
export function fitPowerTransform(columns: readonly Float64Array[], names?: readonly string[]): PowerFit {
  const d = columns.length;
  const n = columns[0]?.length ?? 0;
  if (d === 0 || n < 2) {
    throw new UserFacingError({ code: 'power-too-few-rows', n });
  }
  const lambdas = new Float64Array(d);
  const means = new Float64Array(d);
  const scales = new Float64Array(d);
  const limited = new Float64Array(d).fill(Number.NaN);
  let anyLimited = false;
  for (let j = 0; j < d; j++) {
    const x = columns[j]!;
    const name = featureName(j, d, names);
    if (x.length !== n) throw new Error(`column ${j} has ${x.length} rows, expected ${n}`);
    validateColumn(x, name);
    const { min, max } = extent(x);
    if (min === max) {
      throw new UserFacingError({ code: 'power-constant-column', why: 'same', column: name, value: min });
    }
    const mle = fitYeoJohnsonLambda(x);
    let lambda = mle;
    let spread = transformedSpread(x, lambda);
    if (spread.overflow) {
      throw new UserFacingError({ code: 'power-overflow', why: 'lambda', column: name, lambda });
    }
    if (!spread.ok) {
      // The likelihood's λ erases the spread in float64 (e.g. 99% of customers with F = 1 and 1% with
      // F = 2: λ ≈ −47, where ψ(1) and ψ(2) agree to 15 digits and scikit-learn returns a column of
      // zeros). Take the λ closest to the MLE at which the spread survives: the likelihood rises
      // towards the MLE, so that is the MLE within the range float64 can represent.
      if (!transformedSpread(x, 1).ok) {
        throw new UserFacingError({
          code: 'power-constant-column',
          why: 'spread',
          column: name,
          scale: spread.scale,
          mean: spread.mean,
        });
      }
      lambda = lastSpreadLambda(x, 1, mle);
      spread = transformedSpread(x, lambda);
      limited[j] = mle;
      anyLimited = true;
    }
    const { mean, scale } = spread;
    lambdas[j] = lambda;
    means[j] = mean;
    scales[j] = scale;
  }
  return anyLimited ? { lambdas, means, scales, limitedFrom: limited } : { lambdas, means, scales };
}

/**
 * Smallest z-resolution kept: the transformed spread must be at least this fraction of the largest
 * |ψ| (rounding error of ψ ≈ 2.2e-16·max|ψ|, so z keeps 8 or more significant digits).
 */
const MIN_RELATIVE_SPREAD = 1e-6;

interface Spread {
  readonly mean: number;
  readonly scale: number;
  /** The spread is resolvable in float64 (scale ≥ MIN_RELATIVE_SPREAD · max|ψ|, and > 0). */
  readonly ok: boolean;
  /** Some ψ(x; λ) is not finite. */
  readonly overflow: boolean;
}

/** Mean and population std of ψ(x; λ), and whether that spread survives float64 rounding. */
function transformedSpread(x: Float64Array, lambda: number): Spread {
  const n = x.length;
  let s = 0;
  let maxAbs = 0;
  for (let i = 0; i < n; i++) {
    const y = yeoJohnson(x[i]!, lambda);
    s += y;
    const a = Math.abs(y);
    if (a > maxAbs) maxAbs = a;
  }
  if (!Number.isFinite(s) || !Number.isFinite(maxAbs))
    return { mean: s, scale: Number.NaN, ok: false, overflow: true };
  const mean = s / n;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const dv = yeoJohnson(x[i]!, lambda) - mean;
    ss += dv * dv;
  }
  const scale = Math.sqrt(ss / n);
  return { mean, scale, ok: scale > 0 && scale >= MIN_RELATIVE_SPREAD * maxAbs, overflow: false };
}

/**
 * Bisection for the boundary between `good` (spread resolvable) and `bad` (not): returns the λ on the
 * good side within 1e-6 of the boundary, so the result always passes `transformedSpread(…).ok`.
 */
function lastSpreadLambda(x: Float64Array, good: number, bad: number): number {
  for (let it = 0; it < 60 && Math.abs(bad - good) > 1e-6; it++) {
    const mid = (good + bad) / 2;
    if (transformedSpread(x, mid).ok) good = mid;
    else bad = mid;
  }
  return good;
}

/** Transforms and standardises: returns n × d row-major (z = (ψ(x; λ) − mean) / scale). */
export function applyPowerTransform(
  columns: readonly Float64Array[],
  fit: PowerFit,
  names?: readonly string[],
): Float64Array {
  const d = columns.length;
  const n = columns[0]?.length ?? 0;
  if (fit.lambdas.length !== d) throw new Error(`fit has ${fit.lambdas.length} features, data ${d}`);
  const out = new Float64Array(n * d);
  for (let j = 0; j < d; j++) {
    const x = columns[j]!;
    const lambda = fit.lambdas[j]!;
    const mean = fit.means[j]!;
    const scale = fit.scales[j]!;
    for (let i = 0; i < n; i++) {
      const z = (yeoJohnson(x[i]!, lambda) - mean) / scale;
      if (!Number.isFinite(z)) {
        const name = featureName(j, d, names);
        throw new UserFacingError({
          code: 'power-overflow',
          why: 'result',
          column: name,
          customer: i + 1,
          value: x[i]!,
        });
      }
      out[i * d + j] = z;
    }
  }
  return out;
}

/** Back to original units: x = ψ⁻¹(z · scale + mean; λ). X is n × d row-major. */
export function invertPowerTransform(
  X: Float64Array,
  d: number,
  fit: PowerFit,
  names?: readonly string[],
): Float64Array {
  const n = Math.floor(X.length / d);
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const y = X[i * d + j]! * fit.scales[j]! + fit.means[j]!;
      const x = yeoJohnsonInverse(y, fit.lambdas[j]!);
      if (!Number.isFinite(x)) {
        const name = featureName(j, d, names);
        throw new UserFacingError({
          code: 'power-inverse-domain',
          row: i + 1,
          column: name,
          value: X[i * d + j]!,
        });
      }
      out[i * d + j] = x;
    }
  }
  return out;
}
