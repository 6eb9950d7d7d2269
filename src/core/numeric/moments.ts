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
