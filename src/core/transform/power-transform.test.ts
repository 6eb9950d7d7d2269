import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { UserFacingError, type AppErrorData } from '../errors';
import { FIXTURE_NAMES, fixtureColumns, loadFixture } from '../__fixtures__/load';
import { skewness } from '../numeric/moments';
import { applyPowerTransform, fitPowerTransform, invertPowerTransform } from './power-transform';
import { logVarYeoJohnson, yeoJohnson, yeoJohnsonInverse } from './yeo-johnson';

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.max(1, Math.abs(b));

describe.each(FIXTURE_NAMES)('Yeo-Johnson against scikit-learn 1.2.1 on %s', (name) => {
  const f = loadFixture(name);
  const cols = fixtureColumns(f);
  const fit = fitPowerTransform(cols);
  const X = applyPowerTransform(cols, fit);

  test('λ, means and scales', () => {
    for (let j = 0; j < 3; j++) {
      expect(Math.abs(fit.lambdas[j]! - f.lambdas[j]!)).toBeLessThan(1e-6);
      expect(rel(fit.means[j]!, f.means[j]!)).toBeLessThan(1e-6);
      expect(rel(fit.scales[j]!, f.scales[j]!)).toBeLessThan(1e-6);
    }
  });

  test('transformed values and column checksums', () => {
    let worst = 0;
    for (let t = 0, i = 0; i < f.n; i += f.transformedStride, t++) {
      for (let j = 0; j < 3; j++)
        worst = Math.max(worst, Math.abs(X[i * 3 + j]! - f.transformedSubset[t * 3 + j]!));
    }
    expect(worst).toBeLessThan(1e-6);
    for (let j = 0; j < 3; j++) {
      let s = 0;
      let s2 = 0;
      for (let i = 0; i < f.n; i++) {
        s += X[i * 3 + j]!;
        s2 += X[i * 3 + j]! ** 2;
      }
      // standardised: Σz = 0 and Σz² = n, as in scikit-learn's output
      expect(Math.abs(s - f.transformedColumnSums[j]!)).toBeLessThan(1e-6 * f.n);
      expect(Math.abs(s2 - f.transformedColumnSumsOfSquares[j]!)).toBeLessThan(1e-6 * f.n);
    }
  });

  test('inverse(transform(x)) ≈ x', () => {
    const back = invertPowerTransform(X, 3, fit);
    let worst = 0;
    for (let i = 0; i < f.n; i++) {
      for (let j = 0; j < 3; j++) worst = Math.max(worst, rel(back[i * 3 + j]!, cols[j]![i]!));
    }
    expect(worst).toBeLessThan(1e-9);
  });

  test('skewness as pandas .skew() before and after', () => {
    for (let j = 0; j < 3; j++) {
      expect(rel(skewness(cols[j]!), f.skewBefore[j]!)).toBeLessThan(1e-9);
      const z = new Float64Array(f.n);
      for (let i = 0; i < f.n; i++) z[i] = X[i * 3 + j]!;
      expect(Math.abs(skewness(z) - f.skewAfter[j]!)).toBeLessThan(1e-6);
    }
  });
});

describe('Yeo-Johnson formulas', () => {
  test('special λ values and negative inputs round-trip', () => {
    expect(yeoJohnson(Math.E - 1, 0)).toBeCloseTo(1, 14);
    expect(yeoJohnson(-(Math.E - 1), 2)).toBeCloseTo(-1, 14);
    expect(yeoJohnson(3, 1)).toBe(3);
    expect(yeoJohnson(-3, 1)).toBe(-3);
    for (const lambda of [-1.5, -0.3, 0, 0.7, 2, 2.5]) {
      for (const x of [-50, -1, -0.25, 0, 0.5, 3, 1e6]) {
        // ψ flattens for large x when λ < 0, so the round trip loses digits there
        expect(rel(yeoJohnsonInverse(yeoJohnson(x, lambda), lambda), x)).toBeLessThan(1e-7);
      }
    }
  });

  const extras = JSON.parse(
    readFileSync(new URL('../__fixtures__/engine-extras.json', import.meta.url), 'utf8'),
  ) as Record<string, { x: number[]; lambda: number; mean: number; scale: number; zDistinct?: number[] }>;
  test('leftSkewedLarge: scikit-learn stops at its variance overflow, the exact MLE overflows → error', () => {
    const e = extras['leftSkewedLarge']!;
    const x = Float64Array.from(e.x);
    // the exact log-likelihood is better far beyond sklearn's λ (its var ψ overflows past λ ≈ 11)
    const nll = (l: number): number =>
      (x.length / 2) * logVarYeoJohnson(x, l, undefined, true) -
      (l - 1) * x.reduce((a, v) => a + Math.log1p(v), 0);
    expect(nll(100)).toBeLessThan(nll(e.lambda));
    expect(() => fitPowerTransform([x], ['monetary'])).toThrow(
      expect.objectContaining({ facts: expect.objectContaining({ code: 'power-overflow', why: 'lambda' }) }),
    );
  });

  test('log-space variance equals the direct variance where both are finite', () => {
    const f = loadFixture('retail-rfm-2011h2');
    for (const col of fixtureColumns(f)) {
      for (const l of [-2, -0.5, 0, 0.3, 1, 2, 3.7]) {
        expect(Math.abs(logVarYeoJohnson(col, l, undefined, true) - logVarYeoJohnson(col, l))).toBeLessThan(
          1e-9,
        );
      }
    }
  });

  test.each(['leftSkewedSmall', 'withNegatives'])('synthetic column %s matches scikit-learn', (key) => {
    const e = extras[key]!;
    const x = Float64Array.from(e.x);
    const fit = fitPowerTransform([x], ['monetary']);
    expect(Math.abs(fit.lambdas[0]! - e.lambda)).toBeLessThan(1e-6 * Math.max(1, Math.abs(e.lambda)));
    expect(
      rel(fit.means[0]!, e.mean) / Math.max(1, Math.abs(e.mean)) < 1e-6 ||
        rel(fit.means[0]! / e.mean, 1) < 1e-5,
    ).toBe(true);
    expect(Math.abs(fit.scales[0]! / e.scale - 1)).toBeLessThan(1e-4);
    const z = applyPowerTransform([x], fit);
    const back = invertPowerTransform(z, 1, fit);
    for (let i = 0; i < x.length; i++) expect(rel(back[i]!, x[i]!)).toBeLessThan(1e-6);
  });
});

test("twoValued (99% F = 1, 1% F = 2): scikit-learn's λ, limited so the spread survives", () => {
  const extras = JSON.parse(
    readFileSync(new URL('../__fixtures__/engine-extras.json', import.meta.url), 'utf8'),
  ) as Record<string, { x: number[]; lambda: number; scale: number; zDistinct: number[] }>;
  const e = extras['twoValued']!;
  const x = Float64Array.from(e.x);
  // scikit-learn's own output is destroyed: scale replaced by 1, z ∈ {0, ~1e-16}.
  expect(e.scale).toBe(1);
  expect(Math.max(...e.zDistinct.map(Math.abs))).toBeLessThan(1e-12);
  const fit = fitPowerTransform([x], ['frequency']);
  // Both searches run off to an extreme λ (there the likelihood itself is computed from values that
  // agree to 15 digits, so the two λs differ by rounding: about −46 here, −48 in scikit-learn)…
  expect(fit.limitedFrom).toBeDefined();
  expect(e.lambda).toBeLessThan(-20);
  expect(fit.limitedFrom![0]!).toBeLessThan(-20);
  // …but the λ used is limited to where float64 keeps the spread, between the MLE and 1.
  const used = fit.lambdas[0]!;
  expect(used).toBeGreaterThan(e.lambda);
  expect(used).toBeLessThan(0);
  // A two-valued column standardised by any monotone transform is its standardised indicator.
  let mean = 0;
  for (const v of x) mean += v;
  mean /= x.length;
  let ss = 0;
  for (const v of x) ss += (v - mean) ** 2;
  const sd = Math.sqrt(ss / x.length);
  const z = applyPowerTransform([x], fit);
  for (let i = 0; i < x.length; i++) expect(Math.abs(z[i]! - (x[i]! - mean) / sd)).toBeLessThan(1e-6);
  // And the inverse gives the customers' frequencies back.
  const back = invertPowerTransform(z, 1, fit);
  for (let i = 0; i < x.length; i += 97) expect(Math.abs(back[i]! - x[i]!)).toBeLessThan(1e-6);
  // Ordinary columns are never limited.
  expect(fitPowerTransform([Float64Array.from([1, 2, 3, 4, 8])]).limitedFrom).toBeUndefined();
});

describe('guards', () => {
  const base = (): Float64Array[] => [
    Float64Array.from([1, 5, 9, 30, 2]),
    Float64Array.from([1, 2, 3, 4, 8]),
    Float64Array.from([10, 20, 300, 55, 12]),
  ];
  /** The code and facts thrown (the sentence is the message module's, tested in src/messages). */
  const code = (fn: () => unknown): AppErrorData | 'no error' => {
    try {
      fn();
    } catch (e) {
      expect(e).toBeInstanceOf(UserFacingError);
      return (e as UserFacingError).facts;
    }
    return 'no error';
  };

  /** The fit refuses the three columns of base() with one of them replaced. */
  test.each([
    [
      'constant column names the feature',
      1,
      [3, 3, 3, 3, 3],
      { code: 'power-constant-column', column: 'frequency' },
    ],
    [
      'near-constant column',
      2,
      [1e12, 1e12, 1e12, 1e12, 1e12 + 1e-3],
      { code: 'power-constant-column', column: 'monetary' },
    ],
    ['1e308 values', 2, [10, 20, 1e308, 55, 12], { code: 'power-overflow', column: 'monetary', customer: 3 }],
    ['NaN', 0, [1, Number.NaN, 9, 30, 2], { code: 'power-non-finite', column: 'recency', customer: 2 }],
    ['Infinity', 0, [1, 5, 9, Number.POSITIVE_INFINITY, 2], { code: 'power-non-finite' }],
  ])('%s', (_name, column, values, facts) => {
    const c = base();
    c[column] = Float64Array.from(values);
    expect(code(() => fitPowerTransform(c))).toMatchObject(facts);
  });

  test('a transform that overflows float64 is an error, never Infinity', () => {
    const fit = {
      lambdas: Float64Array.from([30]),
      means: Float64Array.from([0]),
      scales: Float64Array.from([1]),
    };
    expect(code(() => applyPowerTransform([Float64Array.from([1, 1e14])], fit, ['monetary']))).toMatchObject({
      code: 'power-overflow',
      column: 'monetary',
      customer: 2,
    });
  });

  test('inverse transform out of domain', () => {
    const fit = {
      lambdas: Float64Array.from([-0.5]),
      means: Float64Array.from([0]),
      scales: Float64Array.from([1]),
    };
    // y ≥ 1/0.5 = 2 has no pre-image when λ = −0.5
    expect(code(() => invertPowerTransform(Float64Array.from([1, 2.5]), 1, fit))).toMatchObject({
      code: 'power-inverse-domain',
      row: 2,
    });
  });
});
