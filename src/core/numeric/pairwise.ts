/** Sums and variances rounded as NumPy's (pairwise summation), so results agree with scikit-learn's. */

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
export function numpyVar(work: Float64Array, n: number): number {
  const mean = pairwiseSum(work, 0, n) / n;
  for (let i = 0; i < n; i++) {
    const dv = work[i]! - mean;
    work[i] = dv * dv;
  }
  return pairwiseSum(work, 0, n) / n;
}
