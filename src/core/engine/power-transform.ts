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
import { UserFacingError, type PowerFit } from '../types';

const EPS = 2.220446049250313e-16; // np.spacing(1.0)
const TINY = 2.2250738585072014e-308; // np.finfo(np.float64).tiny
const MAX_ABS_VALUE = 1e15;

const DEFAULT_NAMES = ['recency', 'frequency', 'monetary'];

/**
 * Sum of a[start, start + n) in NumPy's pairwise order (`pairwise_sum` of
 * numpy/core/src/umath/loops_utils.h: sequential below 8 values, 8 interleaved accumulators up to a
 * block of 128, halves (rounded down to a multiple of 8) above), so sums round as scikit-learn's do.
 */
export function pairwiseSum(a: Float64Array, start = 0, n = a.length - start): number {
  if (n < 8) {
    let res = 0;
    for (let i = start; i < start + n; i++) res += a[i]!;
    return res;
  }
  if (n <= 128) {
    let r0 = a[start]!;
    let r1 = a[start + 1]!;
    let r2 = a[start + 2]!;
    let r3 = a[start + 3]!;
    let r4 = a[start + 4]!;
    let r5 = a[start + 5]!;
    let r6 = a[start + 6]!;
    let r7 = a[start + 7]!;
    let i = 8;
    for (; i < n - (n % 8); i += 8) {
      const o = start + i;
      r0 += a[o]!;
      r1 += a[o + 1]!;
      r2 += a[o + 2]!;
      r3 += a[o + 3]!;
      r4 += a[o + 4]!;
      r5 += a[o + 5]!;
      r6 += a[o + 6]!;
      r7 += a[o + 7]!;
    }
    let res = r0 + r1 + (r2 + r3) + (r4 + r5 + (r6 + r7));
    for (; i < n; i++) res += a[start + i]!;
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return pairwiseSum(a, start, n2) + pairwiseSum(a, start + n2, n - n2);
}

/** Population variance as NumPy's `x.var()`: pairwise mean, then pairwise sum of squared deviations. */
function numpyVar(work: Float64Array, n: number): number {
  const mean = pairwiseSum(work, 0, n) / n;
  for (let i = 0; i < n; i++) {
    const dv = work[i]! - mean;
    work[i] = dv * dv;
  }
  return pairwiseSum(work, 0, n) / n;
}

function featureName(j: number, d: number, names?: readonly string[]): string {
  const given = names?.[j];
  if (given !== undefined) return given;
  if (d === 3) return DEFAULT_NAMES[j] ?? `column ${j + 1}`;
  return `column ${j + 1}`;
}

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

/** scipy.optimize.bracket(func, xa, xb) (scipy 1.10.1), grow_limit 110, maxiter 1000. */
function bracket(
  f: (x: number) => number,
  xa0: number,
  xb0: number,
): [number, number, number, number, number, number] {
  const gold = 1.618034;
  const verySmall = 1e-21;
  const growLimit = 110;
  let xa = xa0;
  let xb = xb0;
  let fa = f(xa);
  let fb = f(xb);
  if (fa < fb) {
    [xa, xb] = [xb, xa];
    [fa, fb] = [fb, fa];
  }
  let xc = xb + gold * (xb - xa);
  let fc = f(xc);
  let iter = 0;
  while (fc < fb) {
    const tmp1 = (xb - xa) * (fb - fc);
    const tmp2 = (xb - xc) * (fb - fa);
    const val = tmp2 - tmp1;
    const denom = Math.abs(val) < verySmall ? 2 * verySmall : 2 * val;
    let w = xb - ((xb - xc) * tmp2 - (xb - xa) * tmp1) / denom;
    const wlim = xb + growLimit * (xc - xb);
    if (iter > 1000) throw new Error('bracket: too many iterations');
    iter++;
    let fw: number;
    if ((w - xc) * (xb - w) > 0) {
      fw = f(w);
      if (fw < fc) {
        xa = xb;
        xb = w;
        fa = fb;
        fb = fw;
        return [xa, xb, xc, fa, fb, fc];
      } else if (fw > fb) {
        xc = w;
        fc = fw;
        return [xa, xb, xc, fa, fb, fc];
      }
      w = xc + gold * (xc - xb);
      fw = f(w);
    } else if ((w - wlim) * (wlim - xc) >= 0) {
      w = wlim;
      fw = f(w);
    } else if ((w - wlim) * (xc - w) > 0) {
      fw = f(w);
      if (fw < fc) {
        xb = xc;
        xc = w;
        w = xc + gold * (xc - xb);
        fb = fc;
        fc = fw;
        fw = f(w);
      }
    } else {
      w = xc + gold * (xc - xb);
      fw = f(w);
    }
    xa = xb;
    xb = xc;
    xc = w;
    fa = fb;
    fb = fc;
    fc = fw;
  }
  return [xa, xb, xc, fa, fb, fc];
}

/** scipy.optimize.brent(func, brack=(a, b)) (scipy 1.10.1 `Brent.optimize`), tol 1.48e-8, maxiter 500. */
export function brentMinimize(f: (x: number) => number, brackA: number, brackB: number): number {
  const tol = 1.48e-8;
  const mintol = 1.0e-11;
  const cg = 0.381966;
  const [xa, xb, xc, , fb] = bracket(f, brackA, brackB);
  let x = xb;
  let w = xb;
  let v = xb;
  let fw = fb;
  let fv = fb;
  let fx = fb;
  let a = xa < xc ? xa : xc;
  let b = xa < xc ? xc : xa;
  let deltax = 0;
  let rat = 0;
  for (let iter = 0; iter < 500; iter++) {
    const tol1 = tol * Math.abs(x) + mintol;
    const tol2 = 2 * tol1;
    const xmid = 0.5 * (a + b);
    if (Math.abs(x - xmid) < tol2 - 0.5 * (b - a)) break;
    if (Math.abs(deltax) <= tol1) {
      deltax = x >= xmid ? a - x : b - x;
      rat = cg * deltax;
    } else {
      const tmp1 = (x - w) * (fx - fv);
      let tmp2 = (x - v) * (fx - fw);
      let p = (x - v) * tmp2 - (x - w) * tmp1;
      tmp2 = 2 * (tmp2 - tmp1);
      if (tmp2 > 0) p = -p;
      tmp2 = Math.abs(tmp2);
      const dxTemp = deltax;
      deltax = rat;
      if (p > tmp2 * (a - x) && p < tmp2 * (b - x) && Math.abs(p) < Math.abs(0.5 * tmp2 * dxTemp)) {
        rat = (p * 1.0) / tmp2;
        const u = x + rat;
        if (u - a < tol2 || b - u < tol2) rat = xmid - x >= 0 ? tol1 : -tol1;
      } else {
        deltax = x >= xmid ? a - x : b - x;
        rat = cg * deltax;
      }
    }
    const u = Math.abs(rat) < tol1 ? (rat >= 0 ? x + tol1 : x - tol1) : x + rat;
    const fu = f(u);
    if (fu > fx) {
      if (u < x) a = u;
      else b = u;
      if (fu <= fw || w === x) {
        v = w;
        w = u;
        fv = fw;
        fw = fu;
      } else if (fu <= fv || v === x || v === w) {
        v = u;
        fv = fu;
      }
    } else {
      if (u >= x) a = x;
      else b = x;
      v = w;
      w = x;
      x = u;
      fv = fw;
      fw = fx;
      fx = fu;
    }
  }
  return x;
}

function validateColumn(x: Float64Array, name: string): void {
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (!Number.isFinite(v)) {
      throw new UserFacingError(
        'power-non-finite',
        `The ${name} value of customer ${i + 1} is ${String(v)}, not a number; fix or remove that row before transforming.`,
      );
    }
    if (Math.abs(v) > MAX_ABS_VALUE) {
      throw new UserFacingError(
        'power-overflow',
        `The ${name} value of customer ${i + 1} is ${v.toExponential(3)}, too large to be real (more than 10^15); check the column's units or remove that row.`,
      );
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
    throw new UserFacingError(
      'power-too-few-rows',
      `At least 2 customers are needed to fit the transform; there are ${n}.`,
    );
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
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < n; i++) {
      const v = x[i]!;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    if (min === max) {
      throw new UserFacingError(
        'power-constant-column',
        `Every customer has the same ${name} (${min}), so it cannot separate segments; leave ${name} out or check the data.`,
      );
    }
    const mle = fitYeoJohnsonLambda(x);
    let lambda = mle;
    let spread = transformedSpread(x, lambda);
    if (spread.overflow) {
      throw new UserFacingError(
        'power-overflow',
        `The ${name} values are too large to transform (λ = ${lambda.toFixed(4)} overflows); check the column's units.`,
      );
    }
    if (!spread.ok) {
      // The likelihood's λ erases the spread in float64 (e.g. 99% of customers with F = 1 and 1% with
      // F = 2: λ ≈ −47, where ψ(1) and ψ(2) agree to 15 digits and scikit-learn returns a column of
      // zeros). Take the λ closest to the MLE at which the spread survives: the likelihood rises
      // towards the MLE, so that is the MLE within the range float64 can represent.
      if (!transformedSpread(x, 1).ok) {
        throw new UserFacingError(
          'power-constant-column',
          `The ${name} values are almost all the same (their spread is ${spread.scale.toExponential(2)} against values near ${spread.mean.toPrecision(4)}), so ${name} cannot separate segments; leave it out or check the data.`,
        );
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
        throw new UserFacingError(
          'power-overflow',
          `The ${name} value of customer ${i + 1} (${x[i]}) cannot be transformed (the result is not a finite number); check that value.`,
        );
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
        throw new UserFacingError(
          'power-inverse-domain',
          `Row ${i + 1} has a transformed ${name} (${X[i * d + j]}) outside the range the transform can produce, so it has no value in original units; use points inside the data's range.`,
        );
      }
      out[i * d + j] = x;
    }
  }
  return out;
}

/**
 * Sample skewness as pandas `Series.skew()` (adjusted Fisher–Pearson, bias-corrected):
 *   G1 = n·√(n − 1) / (n − 2) · S3 / S2^1.5,  S_p = Σ (xᵢ − x̄)^p,
 * i.e. √(n(n−1))/(n−2) · m3 / m2^1.5 with biased moments. S2 and S3 below 1e-14 count as 0 (pandas'
 * `_zero_out_fperr`); 0 when S2 = 0; NaN when n < 3. Non-finite values are skipped (pandas skipna).
 */
export function skewness(values: ArrayLike<number>): number {
  let n = 0;
  let s = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) {
      n++;
      s += v;
    }
  }
  if (n < 3) return Number.NaN;
  const mean = s / n;
  let s2 = 0;
  let s3 = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    const a = v - mean;
    const a2 = a * a;
    s2 += a2;
    s3 += a2 * a;
  }
  if (Math.abs(s2) < 1e-14) s2 = 0;
  if (Math.abs(s3) < 1e-14) s3 = 0;
  if (s2 === 0) return 0;
  return ((n * Math.sqrt(n - 1)) / (n - 2)) * (s3 / Math.pow(s2, 1.5));
}
