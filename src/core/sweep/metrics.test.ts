import { describe, expect, test } from 'vitest';
import { FIXTURE_NAMES, decodeLabels, fixtureColumns, loadFixture, strided } from '../__fixtures__/load';
import { calinskiHarabasz, daviesBouldin, silhouetteScore } from './metrics';
import { applyPowerTransform, fitPowerTransform } from '../transform/power-transform';

// Metrics of scikit-learn's own KMeans labels (stored in the fixture), computed here on our transformed
// matrix, against sklearn's silhouette_score / calinski_harabasz_score / davies_bouldin_score.
describe.each(FIXTURE_NAMES)('metrics equal scikit-learn on %s', (name) => {
  const f = loadFixture(name);
  const cols = fixtureColumns(f);
  const X = applyPowerTransform(cols, fitPowerTransform(cols));
  const sub = strided(X, f.n, 3, f.silhouetteStride);

  test.each(f.sweep.filter((p) => p.k > 1).map((p) => [p.k, p] as const))('k = %i', (k, p) => {
    const labels = decodeLabels(p.labels);
    expect(labels.length).toBe(f.n);
    const subLabels = Int32Array.from(sub.rows, (i) => labels[i]!);
    const sil = silhouetteScore(sub.X, sub.rows.length, 3, subLabels, k);
    expect(Math.abs(sil - p.silhouette!)).toBeLessThan(1e-6);
    expect(Math.abs(calinskiHarabasz(X, f.n, 3, labels, k) / p.calinskiHarabasz! - 1)).toBeLessThan(1e-6);
    expect(Math.abs(daviesBouldin(X, f.n, 3, labels, k) - p.daviesBouldin!)).toBeLessThan(1e-6);
  });
});

describe('metric edge cases', () => {
  const X = Float64Array.from([0, 0, 0, 1, 0, 0, 10, 0, 0, 11, 0, 0, 30, 0, 0]);
  test('one cluster: NaN (scikit-learn raises)', () => {
    const L = new Int32Array(5);
    expect(silhouetteScore(X, 5, 3, L, 1)).toBeNaN();
    expect(calinskiHarabasz(X, 5, 3, L, 1)).toBeNaN();
    expect(daviesBouldin(X, 5, 3, L, 1)).toBeNaN();
  });
  test('hand-computed values on a line', () => {
    const L = Int32Array.from([0, 0, 1, 1, 2]);
    // a(0) = 1, b(0) = mean(10, 11) = 10.5 → s = 0.9047…; singleton row 4 → 0
    const s = [(10.5 - 1) / 10.5, (9.5 - 1) / 9.5, (9.5 - 1) / 9.5, (10.5 - 1) / 10.5, 0];
    expect(silhouetteScore(X, 5, 3, L, 3)).toBeCloseTo(s.reduce((a, b) => a + b) / 5, 12);
    // centroids 0.5, 10.5, 30; mean 10.4; intra = 4 × 0.25 = 1
    const extra = 2 * 9.9 ** 2 + 2 * 0.1 ** 2 + 19.6 ** 2;
    expect(calinskiHarabasz(X, 5, 3, L, 3)).toBeCloseTo((extra * 2) / (1 * 2), 9);
    // s = 0.5, 0.5, 0 ; pairs: (0,1) 1/10, (0,2) 0.5/29.5, (1,2) 0.5/19.5
    const db = (1 / 10 + 1 / 10 + 0.5 / 19.5) / 3;
    expect(daviesBouldin(X, 5, 3, L, 3)).toBeCloseTo(db, 12);
  });
  test('labels in an unused range are ignored like sklearn re-encoding', () => {
    const L = Int32Array.from([0, 0, 3, 3, 5]);
    const M = Int32Array.from([0, 0, 1, 1, 2]);
    expect(silhouetteScore(X, 5, 3, L, 6)).toBeCloseTo(silhouetteScore(X, 5, 3, M, 3), 14);
    expect(calinskiHarabasz(X, 5, 3, L, 6)).toBeCloseTo(calinskiHarabasz(X, 5, 3, M, 3), 10);
    expect(daviesBouldin(X, 5, 3, L, 6)).toBeCloseTo(daviesBouldin(X, 5, 3, M, 3), 14);
  });
  test('seeded silhouette sample is reproducible and uses the requested size', () => {
    const f = loadFixture('retail-rfm-2011h2');
    const cols = fixtureColumns(f);
    const Xr = applyPowerTransform(cols, fitPowerTransform(cols));
    const L = decodeLabels(f.sweep[3]!.labels);
    const a = silhouetteScore(Xr, f.n, 3, L, 4, { size: 1000, seed: 7 });
    expect(silhouetteScore(Xr, f.n, 3, L, 4, { size: 1000, seed: 7 })).toBe(a);
    const exact = silhouetteScore(Xr, f.n, 3, L, 4);
    expect(Math.abs(exact - f.sweep[3]!.silhouette!)).toBeLessThan(1e-6);
    expect(Math.abs(a - exact)).toBeLessThan(0.03); // a 1,000-row sample estimates the mean
    expect(a).not.toBe(exact);
  });
});
