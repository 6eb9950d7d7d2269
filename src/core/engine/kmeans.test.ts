import { describe, expect, test } from 'vitest';
import { UserFacingError, type LloydStepperFactory } from '../types';
import { FIXTURE_NAMES, fixtureColumns, loadFixture } from './__fixtures__/load';
import { kmeans, kmeansPlusPlus, orderClusters, plainStepper } from './kmeans';
import { applyPowerTransform, fitPowerTransform } from './power-transform';
import { createRng } from './random';
import { DEFAULT_SWEEP } from './sweep';

function transformed(name: (typeof FIXTURE_NAMES)[number]) {
  const f = loadFixture(name);
  const cols = fixtureColumns(f);
  return { f, X: applyPowerTransform(cols, fitPowerTransform(cols)) };
}

const lloyd = (k: number, seed = DEFAULT_SWEEP.seed) =>
  ({ k, seed, nInit: 10, maxIter: 300, tol: 1e-4, algorithm: 'lloyd' }) as const;

describe('plain Lloyd stepper', () => {
  test('one step equals a direct computation, ties go to the lower index, empty clusters are NaN', () => {
    const X = Float64Array.from([0, 0, 0, 2, 0, 0, 1, 0, 0, 10, 0, 0]);
    const s = plainStepper(X, 4, 3);
    // row 2 (x = 1) is equidistant from centres 0 and 1 → cluster 0
    const r = s.step(Float64Array.from([0, 0, 0, 2, 0, 0, 100, 0, 0]), 3);
    expect(Array.from(r.labels)).toEqual([0, 1, 0, 1]);
    expect(r.inertia).toBe(0 + 0 + 1 + 64);
    expect(Array.from(r.centroids.subarray(0, 6))).toEqual([0.5, 0, 0, 6, 0, 0]);
    expect(r.centroids[6]).toBeNaN();
    // general-d loop agrees with the d = 3 loop
    const X2 = Float64Array.from([0, 0, 2, 0, 1, 0, 10, 0]);
    const r2 = plainStepper(X2, 4, 2).step(Float64Array.from([0, 0, 2, 0, 100, 0]), 3);
    expect(Array.from(r2.labels)).toEqual([0, 1, 0, 1]);
    expect(r2.inertia).toBe(65);
  });
});

describe('k-means++ seeding', () => {
  test('picks distinct rows ∝ D² (never a duplicate of a chosen centre)', () => {
    const X = Float64Array.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 5, 5, 5, 5, 5, 5, 9, 0, 1]);
    for (let seed = 0; seed < 20; seed++) {
      const C = kmeansPlusPlus(X, 6, 3, 3, createRng(seed));
      const rows = new Set([0, 1, 2].map((c) => C.subarray(c * 3, c * 3 + 3).join(',')));
      expect(rows.size).toBe(3);
    }
  });
});

describe.each(FIXTURE_NAMES)('k-means against scikit-learn KMeans(n_init=10) on %s', (name) => {
  const { f, X } = transformed(name);
  const results = f.sweep.map((p) => kmeans(X, f.n, 3, lloyd(p.k)));

  test('inertia for k = 1..10 (sklearn random_state=0, ours seed 42)', () => {
    // Different generators find different local minima. scikit-learn itself, over random_state 0..11,
    // lands 1% above its best at k = 9 on retail-default twice; so: within 0.1% for almost every k,
    // within 1.5% for all, and on average no worse than sklearn.
    const ratios = results.map((r, i) => r.inertia / f.sweep[i]!.inertia);
    expect(ratios.filter((x) => x > 1.001).length).toBeLessThanOrEqual(1);
    for (const x of ratios) expect(x).toBeLessThan(1.015);
    expect(ratios.reduce((a, b) => a + b) / ratios.length).toBeLessThan(1.001);
    expect(results[0]!.inertia / f.sweep[0]!.inertia).toBeCloseTo(1, 12); // k = 1: Σ‖x − mean‖² = n·d
  });

  test('results are consistent: labels nearest centroid, centroid = mean of its rows, ordered by monetary', () => {
    for (const r of results) {
      const { k, labels, centroids } = r;
      let inertia = 0;
      let wrongLabel = 0;
      const sums = new Float64Array(k * 3);
      const counts = new Float64Array(k);
      for (let i = 0; i < f.n; i++) {
        let best = Infinity;
        let bestC = -1;
        for (let c = 0; c < k; c++) {
          let dd = 0;
          for (let j = 0; j < 3; j++) dd += (X[i * 3 + j]! - centroids[c * 3 + j]!) ** 2;
          if (dd < best) [best, bestC] = [dd, c];
        }
        if (labels[i] !== bestC) wrongLabel++;
        inertia += best;
        counts[bestC] = counts[bestC]! + 1;
        for (let j = 0; j < 3; j++) sums[bestC * 3 + j] = sums[bestC * 3 + j]! + X[i * 3 + j]!;
      }
      expect(wrongLabel).toBe(0);
      expect(inertia / r.inertia).toBeCloseTo(1, 10);
      for (let c = 0; c < k; c++) {
        expect(counts[c]).toBeGreaterThan(0);
        // as sklearn: after a tol stop the rows are re-assigned once more, so centroids are the means of
        // the previous assignment, within the tolerance of the final one
        for (let j = 0; j < 3; j++) expect(Math.abs(centroids[c * 3 + j]! - sums[c * 3 + j]! / counts[c]!)).toBeLessThan(0.02);
        if (c > 0) expect(centroids[c * 3 + 2]).toBeLessThanOrEqual(centroids[(c - 1) * 3 + 2]!);
      }
    }
  });
});

describe('seeds and options', () => {
  const { f, X } = transformed('retail-rfm-2011h2');

  test('same seed → identical labels; different seeds may differ', () => {
    const a = kmeans(X, f.n, 3, { ...lloyd(6, 123), nInit: 1 });
    const b = kmeans(X, f.n, 3, { ...lloyd(6, 123), nInit: 1 });
    expect(b.labels).toEqual(a.labels);
    expect(b.inertia).toBe(a.inertia);
    const others = [1, 2, 3, 4, 5].map((seed) => kmeans(X, f.n, 3, { ...lloyd(6, seed), nInit: 1 }).inertia);
    expect(new Set([a.inertia, ...others]).size).toBeGreaterThan(1);
  });

  test('maxIter bounds the iterations; tol = 0 runs to strict convergence', () => {
    const one = kmeans(X, f.n, 3, { ...lloyd(5), nInit: 1, maxIter: 1 });
    expect(one.nIter).toBe(1);
    const strict = kmeans(X, f.n, 3, { ...lloyd(5), nInit: 1, tol: 0 });
    const loose = kmeans(X, f.n, 3, { ...lloyd(5), nInit: 1, tol: 1e-2 });
    expect(strict.nIter).toBeGreaterThanOrEqual(loose.nIter);
    expect(strict.inertia).toBeLessThanOrEqual(loose.inertia + 1e-9);
    expect(one.inertia).toBeGreaterThanOrEqual(strict.inertia);
  });

  test('mini-batch (MiniBatchKMeans semantics, batch 10% of rows) matches scikit-learn in distribution', () => {
    const mb = f.miniBatch4!;
    const median = (v: number[]): number => {
      const s = [...v].sort((a, b) => a - b);
      return (s[9]! + s[10]!) / 2;
    };
    const ours = Array.from({ length: 20 }, (_, seed) =>
      kmeans(X, f.n, 3, { k: 4, seed, nInit: 3, maxIter: 100, tol: 0, algorithm: 'minibatch', batchSize: mb.batchSize }),
    );
    const inertias = ours.map((r) => r.inertia);
    // a stochastic method with another generator: compare the spread over 20 seeds with sklearn's
    // (random_state 0..19: 3264 … 3696, median ≈ 3307; random_state = 9: 3268.15; Lloyd: 3260.59)
    expect(median(inertias)).toBeLessThan(median(mb.inertiasRandomState0to19) * 1.03);
    expect(Math.max(...inertias)).toBeLessThan(Math.max(...mb.inertiasRandomState0to19) * 1.1);
    expect(Math.min(...inertias)).toBeLessThan(mb.inertia * 1.01);
    for (const v of inertias) expect(v).toBeGreaterThan(f.sweep[3]!.inertia * 0.999);
    for (const r of ours) expect(r.nIter).toBeLessThanOrEqual(100);
    const def = kmeans(X, f.n, 3, { k: 4, seed: 9, nInit: 3, maxIter: 100, tol: 0, algorithm: 'minibatch' });
    expect(def.labels.length).toBe(f.n);
  });

  test('a custom stepper is used and disposed', () => {
    let steps = 0;
    let disposed = 0;
    const counting: LloydStepperFactory = (X0, n, d) => {
      const inner = plainStepper(X0, n, d);
      return {
        name: 'counting',
        step: (c, k) => {
          steps++;
          return inner.step(c, k);
        },
        dispose: () => {
          disposed++;
        },
      };
    };
    const viaCustom = kmeans(X, f.n, 3, lloyd(4), counting);
    expect(steps).toBeGreaterThan(10);
    expect(disposed).toBe(1);
    expect(viaCustom.labels).toEqual(kmeans(X, f.n, 3, lloyd(4)).labels);
  });
});

describe('empty clusters and degenerate input', () => {
  test('a stepper that reports an empty cluster gets it relocated to the farthest row', () => {
    // 3 tight groups; init puts two centres on group A and none elsewhere except one far centre
    const pts = [0, 0.1, 0.2, 5, 5.1, 5.2, 20, 20.1];
    const X = Float64Array.from(pts.flatMap((v) => [v, 0, 0]));
    const r = kmeans(X, pts.length, 3, { k: 3, seed: 1, nInit: 5, maxIter: 50, tol: 0, algorithm: 'lloyd' });
    expect(new Set(r.labels).size).toBe(3);
    expect(r.inertia).toBeCloseTo(0.02 + 0.02 + 0.005, 9);
  });

  test('duplicate rows with k = number of distinct rows', () => {
    const X = Float64Array.from([1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 3, 3, 3]);
    const r = kmeans(X, 5, 3, { k: 3, seed: 0, nInit: 3, maxIter: 10, tol: 1e-4, algorithm: 'lloyd' });
    expect(r.inertia).toBe(0);
    expect(Array.from(r.labels)).toEqual([2, 2, 1, 1, 0]);
  });

  test('bad k and non-finite input are user-facing errors', () => {
    const X = Float64Array.from([1, 2, 3, 4, 5, 6]);
    expect(() => kmeans(X, 2, 3, { ...lloyd(3) })).toThrow(UserFacingError);
    expect(() => kmeans(X, 2, 3, { ...lloyd(0) })).toThrow(UserFacingError);
    expect(() => kmeans(Float64Array.from([1, 2, Number.NaN, 4, 5, 6]), 2, 3, { ...lloyd(1) })).toThrow(/Row 1/);
  });

  test('orderClusters sorts by last column, ties by the previous ones', () => {
    const C = Float64Array.from([0, 0, 1, 0, 5, 3, 9, 5, 3, 0, 0, -1]);
    const o = orderClusters(Int32Array.from([0, 1, 2, 3]), C, 4, 3);
    expect(Array.from(o.labels)).toEqual([2, 1, 0, 3]);
    expect(Array.from(o.centroids.subarray(0, 3))).toEqual([9, 5, 3]);
  });
});
