/**
 * Where the elbow of an inertia curve is, two ways, and a plain-English summary.
 *
 * 1. Kneedle as the `kneed` package's `KneeLocator(ks, inertias, S=1.0, curve='convex',
 *    direction='decreasing', interp_method='interp1d', online=False).knee` (arvkevi/kneed,
 *    kneed/knee_locator.py): interp1d evaluated at the given x is y itself; x and y are normalised to
 *    [0, 1]; for a convex decreasing curve y ← max(y) − y; difference curve y_d = y − x; local maxima
 *    and minima of y_d by argrelextrema(≥ / ≤, order 1, edges compared with themselves); threshold at
 *    each maximum T = y_d(max) − S · |mean Δx|; walking from the first maximum (the threshold resets at
 *    each maximum and becomes 0 at each minimum), the first point whose successor falls below the
 *    threshold gives the knee: the x of that threshold's maximum. null when there is none.
 * 2. The reference notebook's rule: g = np.gradient(inertias) (unit spacing: central differences
 *    inside, one-sided at the ends), normalised by max |g|; the first k where g/max|g| is no longer
 *    below −0.15. null when every point is below or the curve is flat.
 * `suggested` is the kneedle knee, else the gradient rule's k, else null.
 */
import type { KneeResult } from './types';
import { extent } from '../numeric/extent';

function normalise(a: readonly number[]): number[] | null {
  const { min, max } = extent(a);
  const span = max - min;
  if (!(span > 0) || !Number.isFinite(span)) return null;
  return a.map((v) => (v - min) / span);
}

/** kneed's offline knee of a convex decreasing curve, or null. */
export function kneedleConvexDecreasing(x: readonly number[], y: readonly number[], S = 1.0): number | null {
  const n = x.length;
  if (n < 3 || y.length !== n) return null;
  const xn = normalise(x);
  const yn0 = normalise(y);
  if (xn === null || yn0 === null) return null;
  let ymax = -Infinity;
  for (const v of yn0) if (v > ymax) ymax = v;
  const yd = yn0.map((v, i) => ymax - v - xn[i]!);
  const maxima: number[] = [];
  const minima: number[] = [];
  for (let i = 0; i < n; i++) {
    const prev = yd[i === 0 ? 0 : i - 1]!;
    const next = yd[i === n - 1 ? n - 1 : i + 1]!;
    if (yd[i]! >= prev && yd[i]! >= next) maxima.push(i);
    if (yd[i]! <= prev && yd[i]! <= next) minima.push(i);
  }
  if (maxima.length === 0) return null;
  let meanDiff = 0;
  for (let i = 1; i < n; i++) meanDiff += xn[i]! - xn[i - 1]!;
  meanDiff /= n - 1;
  const tmx = maxima.map((i) => yd[i]! - S * Math.abs(meanDiff));
  let mi = 0;
  let threshold = Number.NaN;
  let thresholdIndex = -1;
  for (let i = maxima[0]!; i < n - 1; i++) {
    if (maxima.includes(i)) {
      threshold = tmx[mi]!;
      thresholdIndex = i;
      mi++;
    }
    if (minima.includes(i)) threshold = 0;
    if (yd[i + 1]! < threshold) return x[thresholdIndex]!;
  }
  return null;
}

/** The reference notebook's normalised-gradient rule (see module comment), or null. */
export function gradientRuleKnee(
  ks: readonly number[],
  inertias: readonly number[],
  cut = -0.15,
): number | null {
  const n = inertias.length;
  if (n < 2) return null;
  const g = new Array<number>(n);
  g[0] = inertias[1]! - inertias[0]!;
  g[n - 1] = inertias[n - 1]! - inertias[n - 2]!;
  for (let i = 1; i < n - 1; i++) g[i] = (inertias[i + 1]! - inertias[i - 1]!) / 2;
  let m = 0;
  for (const v of g) if (Math.abs(v) > m) m = Math.abs(v);
  if (!(m > 0) || !Number.isFinite(m)) return null;
  for (let i = 0; i < n; i++) if (!(g[i]! / m < cut)) return ks[i]!;
  return null;
}

/** Both knee rules on an inertia curve (ks increasing), with a plain-English explanation. */
export function findKnee(ks: readonly number[], inertias: readonly number[]): KneeResult {
  const kneedle = kneedleConvexDecreasing(ks, inertias);
  const gradientRule = gradientRuleKnee(ks, inertias);
  const suggested = kneedle ?? gradientRule;
  const agree = kneedle !== null && gradientRule !== null && kneedle === gradientRule;
  let explanation: string;
  if (ks.length < 3) {
    explanation = 'Too few values of k to look for an elbow; try a wider range of k.';
  } else if (kneedle !== null && agree) {
    explanation = `The inertia curve bends most clearly at k = ${kneedle}: both the kneedle method and the notebook's gradient rule point there.`;
  } else if (kneedle !== null && gradientRule !== null) {
    explanation = `The kneedle method finds the bend at k = ${kneedle}; the notebook's gradient rule (the drop in inertia becomes less than 15% of the steepest drop) would pick k = ${gradientRule}. The elbow is not sharp: compare the segment profiles of both.`;
  } else if (kneedle !== null) {
    explanation = `The kneedle method finds the bend at k = ${kneedle}; the gradient rule finds no point where the drop in inertia flattens.`;
  } else if (gradientRule !== null) {
    explanation = `No clear knee by the kneedle method; the drop in inertia becomes less than 15% of the steepest drop at k = ${gradientRule}, a weak suggestion.`;
  } else {
    explanation =
      'No clear knee: inertia falls at a similar rate for every k, so choose k by how useful the segments are.';
  }
  return { kneedle, gradientRule, suggested, agree, explanation };
}
