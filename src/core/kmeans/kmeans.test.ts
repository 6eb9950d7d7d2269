import { describe, expect, test } from 'vitest';
import { UserFacingError } from '../errors';
import type { LloydStepperFactory } from './types';
import { FIXTURE_NAMES, fixtureColumns, loadFixture } from '../__fixtures__/load';
import {
  bestRestart,
  hartiganRefine,
  kmeans,
  kmeansPlusPlus,
  kmeansRestart,
  naiveStepper,
  orderClusters,
  plainStepper,
  restartResult,
  restartSeed,
  SAMPLED_RESTARTS,
  sampledFit,
  sampledRestartsFor,
} from './index';
import { applyPowerTransform, fitPowerTransform } from '../transform/power-transform';
import { createRng } from '../numeric/random';
import { DEFAULT_SWEEP } from '../sweep/sweep';

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

  test('inertia ≤ scikit-learn × 1.001 for every k = 1..10 (sklearn random_state=0, ours seed 42)', () => {
    const ratios = results.map((r, i) => r.inertia / f.sweep[i]!.inertia);
    for (const x of ratios) expect(x).toBeLessThanOrEqual(1.001);
    expect(results[0]!.inertia / f.sweep[0]!.inertia).toBeCloseTo(1, 12); // k = 1: Σ‖x − mean‖² = n·d
  });

  test(
    'seeds 0..4: ≤ × 1.001 except k = 9 of retail-rfm-2011h2 (≤ × 1.002), mean ratio ≤ 1',
    { timeout: 300_000 },
    () => {
      // Measured (Hartigan refinement on): 149 of the 150 (fixture, seed, k) fits are ≤ × 1.001; the
      // exceptions are retail-rfm-2011h2 at k = 9 (seeds 0 and 4: × 1.0012, × 1.0013). There only 23 of
      // 200 single restarts land within 0.1% of scikit-learn's value, so any n_init = 10 run (sklearn's
      // too) misses that basin with probability 0.885^10 ≈ 30%: an exact bound there would be seed luck.
      let above = 0;
      let sum = 0;
      for (let seed = 0; seed < 5; seed++) {
        for (const p of f.sweep) {
          const ratio = kmeans(X, f.n, 3, lloyd(p.k, seed)).inertia / p.inertia;
          if (ratio > 1.001) above++;
          expect(ratio).toBeLessThan(1.002);
          sum += ratio;
        }
      }
      expect(above).toBeLessThanOrEqual(name === 'retail-rfm-2011h2' ? 2 : 0);
      expect(sum / (5 * f.sweep.length)).toBeLessThanOrEqual(1);
    },
  );

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
        for (let j = 0; j < 3; j++)
          expect(Math.abs(centroids[c * 3 + j]! - sums[c * 3 + j]! / counts[c]!)).toBeLessThan(0.02);
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
      kmeans(X, f.n, 3, {
        k: 4,
        seed,
        nInit: 3,
        maxIter: 100,
        tol: 0,
        algorithm: 'minibatch',
        batchSize: mb.batchSize,
      }),
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
    expect(() => kmeans(Float64Array.from([1, 2, Number.NaN, 4, 5, 6]), 2, 3, { ...lloyd(1) })).toThrow(
      expect.objectContaining({ facts: { code: 'kmeans-non-finite', row: 1 } }),
    );
  });

  test('orderClusters sorts by last column, ties by the previous ones', () => {
    const C = Float64Array.from([0, 0, 1, 0, 5, 3, 9, 5, 3, 0, 0, -1]);
    const o = orderClusters(Int32Array.from([0, 1, 2, 3]), C, 4, 3);
    expect(Array.from(o.labels)).toEqual([2, 1, 0, 3]);
    expect(Array.from(o.centroids.subarray(0, 3))).toEqual([9, 5, 3]);
  });
});

describe('Hamerly-bounded stepper = naive stepper, bit for bit', () => {
  const { f, X } = transformed('retail-rfm-2011h2');
  /** Steps both steppers through restarts and k changes; centres fed back (empty → previous centre). */
  const compare = (Xm: Float64Array, n: number, d: number, ks: number[], steps: number, seed: number) => {
    const a = plainStepper(Xm, n, d);
    const b = naiveStepper(Xm, n, d);
    const rng = createRng(seed);
    let skipped = 0;
    for (const k of ks) {
      let C = kmeansPlusPlus(Xm, n, d, k, rng);
      for (let s = 0; s < steps; s++) {
        const ra = a.step(C, k);
        const rb = b.step(C, k);
        expect(ra.labels).toEqual(rb.labels);
        expect(ra.inertia).toBe(rb.inertia);
        expect(ra.centroids).toEqual(rb.centroids);
        const next = Float64Array.from(rb.centroids);
        for (let q = 0; q < k * d; q++) if (Number.isNaN(next[q]!)) next[q] = C[q]!;
        C = next;
        skipped++;
      }
    }
    return skipped;
  };
  test('d = 3 on real rows: restarts with the same k and k changes', () => {
    expect(compare(X, f.n, 3, [1, 4, 4, 9, 9, 2], 12, 5)).toBe(72);
  });
  test('general d (5 columns) and exact ties on an integer grid', () => {
    const n5 = 1500;
    const X5 = new Float64Array(n5 * 5);
    for (let i = 0; i < n5; i++)
      for (let j = 0; j < 5; j++) X5[i * 5 + j] = X[(i * 3 + (j % 3)) % (f.n * 3)]! * (1 + j);
    compare(X5, n5, 5, [3, 7, 7], 10, 9);
    // integer grid with centres on grid points: many rows exactly equidistant from two centres
    const ng = 7 * 5 * 4;
    const G = new Float64Array(ng * 3);
    for (let i = 0; i < ng; i++)
      [G[i * 3], G[i * 3 + 1], G[i * 3 + 2]] = [i % 7, Math.floor(i / 7) % 5, Math.floor(i / 35)];
    const a = plainStepper(G, ng, 3);
    const b = naiveStepper(G, ng, 3);
    for (const C of [
      [0, 0, 0, 2, 0, 0, 4, 0, 0, 6, 4, 3],
      [1, 0, 0, 3, 0, 0, 5, 2, 0, 6, 4, 3],
      [1, 1, 1, 3, 1, 1, 5, 2, 1, 5, 4, 3],
      [1, 1, 1, 3, 1, 1, 5, 2, 1, 5, 4, 3],
    ]) {
      const ra = a.step(Float64Array.from(C), 4);
      const rb = b.step(Float64Array.from(C), 4);
      expect(ra.labels).toEqual(rb.labels);
      expect(ra.inertia).toBe(rb.inertia);
    }
  });
});

describe('k-means++ seeding with pruned passes', () => {
  /** sklearn's `_kmeans_plusplus` written directly: every candidate against every row. */
  const reference = (X: Float64Array, n: number, d: number, k: number, rng: () => number): Float64Array => {
    const C = new Float64Array(k * d);
    const dist2 = (i: number, y: number) => {
      let s = 0;
      for (let j = 0; j < d; j++) s += (X[i * d + j]! - X[y * d + j]!) ** 2;
      return s;
    };
    const first = Math.min(n - 1, Math.floor(rng() * n));
    C.set(X.subarray(first * d, first * d + d));
    let closest = Array.from({ length: n }, (_, i) => dist2(i, first));
    let pot = closest.reduce((a, b) => a + b, 0);
    for (let c = 1; c < k; c++) {
      const cum: number[] = [];
      closest.reduce((a, v, i) => (cum[i] = a + v), 0);
      let best: { pot: number; id: number; cl: number[] } | null = null;
      for (let t = 0; t < 2 + Math.floor(Math.log(k)); t++) {
        const r = rng() * pot;
        let id = cum.findIndex((v) => v >= r);
        if (id < 0) id = n - 1;
        const cl = closest.map((v, i) => Math.min(v, dist2(i, id)));
        let p = 0;
        for (const v of cl) p += v;
        if (best === null || p < best.pot) best = { pot: p, id, cl };
      }
      closest = best!.cl;
      pot = best!.pot;
      C.set(X.subarray(best!.id * d, best!.id * d + d), c * d);
    }
    return C;
  };
  test('picks exactly the rows of the direct algorithm', () => {
    const { f, X } = transformed('retail-rfm-2011h2');
    for (const [k, seed] of [
      [2, 1],
      [6, 2],
      [10, 3],
    ] as const) {
      expect(kmeansPlusPlus(X, f.n, 3, k, createRng(seed))).toEqual(reference(X, f.n, 3, k, createRng(seed)));
    }
    const X2 = X.subarray(0, 600 * 3); // as a 900 × 2 matrix: the general-d path
    expect(kmeansPlusPlus(X2, 900, 2, 7, createRng(4))).toEqual(reference(X2, 900, 2, 7, createRng(4)));
  });
});

describe('Hartigan refinement and the restart API', () => {
  const { f, X } = transformed('retail-rfm-2011h2');
  const opts = (k: number, refine: 'hartigan' | 'none') => ({ ...lloyd(k, 7), nInit: 4, refine });

  test('never raises the inertia; the result is Hartigan-stable and labels are the nearest centroid', () => {
    let moved = 0;
    for (const k of [3, 6, 9]) {
      for (let r = 0; r < 4; r++) {
        const plain = kmeansRestart(X, f.n, 3, opts(k, 'none'), r);
        const refined = kmeansRestart(X, f.n, 3, opts(k, 'hartigan'), r);
        expect(refined.nIter).toBe(plain.nIter);
        expect(refined.inertia).toBeLessThanOrEqual(plain.inertia);
        moved += refined.refineMoves;
        if (refined.refineMoves > 0) expect(refined.inertia).toBeLessThan(plain.inertia);
        // Hartigan-stable: no single-row transfer lowers the SSE (means = centroids)
        const counts = new Float64Array(k);
        for (const l of refined.labels) counts[l] = counts[l]! + 1;
        const C = refined.centroids;
        let violations = 0;
        for (let i = 0; i < f.n; i++) {
          const a = refined.labels[i]!;
          const d2 = (c: number) =>
            (X[i * 3]! - C[c * 3]!) ** 2 +
            (X[i * 3 + 1]! - C[c * 3 + 1]!) ** 2 +
            (X[i * 3 + 2]! - C[c * 3 + 2]!) ** 2;
          const remove = (counts[a]! / (counts[a]! - 1)) * d2(a);
          for (let b = 0; b < k; b++) {
            if (b !== a && (counts[b]! / (counts[b]! + 1)) * d2(b) < remove * (1 - 1e-9)) violations++;
          }
        }
        expect(violations).toBe(0);
      }
    }
    expect(moved).toBeGreaterThan(0);
  });

  test('hartiganRefine on a hand-made case: moves the row a Lloyd fixed point keeps', () => {
    // 1-D: {0, 2} (mean 1) and {3.1, 4.5, 2.9} (mean 3.5) is Lloyd-stable (2 is nearer 1 than 3.5), but
    // moving 2 right changes the SSE by 3/4·1.5² − 2/1·1² = −0.3125 < 0: Hartigan moves it, then stops.
    const X1 = Float64Array.from([0, 0, 0, 2, 0, 0, 3.1, 0, 0, 4.5, 0, 0, 2.9, 0, 0]);
    const labels = Int32Array.from([0, 0, 1, 1, 1]);
    const C = new Float64Array(6);
    const sse = (lab: Int32Array) => {
      let s = 0;
      for (const c of [0, 1]) {
        const rows = [0, 1, 2, 3, 4].filter((i) => lab[i] === c).map((i) => X1[i * 3]!);
        const m = rows.reduce((a, b) => a + b, 0) / rows.length;
        for (const v of rows) s += (v - m) ** 2;
      }
      return s;
    };
    const before = sse(labels);
    const moves = hartiganRefine(X1, 5, 3, 2, labels, C);
    expect(moves).toBe(1);
    expect(Array.from(labels)).toEqual([0, 1, 1, 1, 1]);
    expect(sse(labels)).toBeCloseTo(before - 0.3125, 12);
    expect(C[0]).toBe(0);
    expect(C[3]).toBeCloseTo((2 + 3.1 + 4.5 + 2.9) / 4, 14);
  });

  test('restarts are independent: any order or split over workers gives the same fit', () => {
    const o = { ...lloyd(5, 11), nInit: 6 };
    const runs = [5, 3, 1, 4, 0, 2].map((r) => kmeansRestart(X, f.n, 3, o, r));
    const pooled = restartResult(bestRestart(runs), o);
    const direct = kmeans(X, f.n, 3, o);
    expect(pooled.labels).toEqual(direct.labels);
    expect(pooled.inertia).toBe(direct.inertia);
    expect(pooled.centroids).toEqual(direct.centroids);
    expect(restartSeed(11, 0)).toBe(11);
    expect(new Set([0, 1, 2, 3].map((r) => restartSeed(11, r))).size).toBe(4);
    // ties go to the lower restart index
    const tie = bestRestart([
      { ...runs[0]!, restart: 9, inertia: 1 },
      { ...runs[1]!, restart: 2, inertia: 1 },
    ]);
    expect(tie.restart).toBe(2);
  });
});

describe('restarts screened on a sample (large n)', () => {
  test('the default applies from 100,000 rows, to Lloyd only, on a quarter of the rows up to 100,000', () => {
    const o = lloyd(4);
    expect(sampledRestartsFor(99_999, o)).toBeNull();
    expect(sampledRestartsFor(100_000, o)).toEqual({ ...SAMPLED_RESTARTS, size: 25_000 });
    expect(sampledRestartsFor(1_000_000, o)).toEqual(SAMPLED_RESTARTS);
    expect(sampledRestartsFor(1_000_000, { ...o, algorithm: 'minibatch' })).toBeNull();
    expect(sampledRestartsFor(1_000_000, { ...o, sampledRestarts: null })).toBeNull();
    // the sample is at most a quarter of the rows, and never smaller than k
    const s = { minN: 10, size: 3000, finalists: 1 };
    expect(sampledRestartsFor(3000, { ...o, sampledRestarts: s })?.size).toBe(750);
    expect(sampledRestartsFor(60, { ...o, k: 20, sampledRestarts: s })).toBeNull();
  });

  // At scale the sample holds 25,000 to 100,000 rows; here a quarter of CDNOW's 23,502 customers.
  const { f, X } = transformed('cdnow');
  const sampledRestarts = { minN: 1000, size: Math.floor(f.n / 4), finalists: 3 };
  const fits = f.sweep.map((p) => kmeans(X, f.n, 3, { ...lloyd(p.k), sampledRestarts }));

  test('CDNOW: inertia ≤ scikit-learn KMeans(n_init=10) × 1.001 for k = 1..10; labels are the nearest centroid', () => {
    fits.forEach((r, i) => {
      expect(r.inertia / f.sweep[i]!.inertia).toBeLessThanOrEqual(1.001);
      let inertia = 0;
      let wrong = 0;
      for (let row = 0; row < f.n; row++) {
        let best = Infinity;
        let bestC = -1;
        for (let c = 0; c < r.k; c++) {
          let dd = 0;
          for (let j = 0; j < 3; j++) dd += (X[row * 3 + j]! - r.centroids[c * 3 + j]!) ** 2;
          if (dd < best) [best, bestC] = [dd, c];
        }
        if (r.labels[row] !== bestC) wrong++;
        inertia += best;
      }
      expect(wrong).toBe(0);
      expect(inertia / r.inertia).toBeCloseTo(1, 10);
    });
  });

  test('deterministic, the same through sampledFit, seeded, and a real screening (not the full fit)', () => {
    const o = { ...lloyd(5), sampledRestarts };
    const again = kmeans(X, f.n, 3, o);
    expect(again.labels).toEqual(fits[4]!.labels);
    expect(again.inertia).toBe(fits[4]!.inertia);
    const direct = restartResult(sampledFit(X, f.n, 3, o, sampledRestarts), o);
    expect(direct.centroids).toEqual(fits[4]!.centroids);
    // on all rows Lloyd starts from the sample's centres: fewer iterations than the full fit's best restart
    const full = kmeans(X, f.n, 3, { ...lloyd(5), sampledRestarts: null });
    expect(fits[4]!.nIter).toBeLessThan(full.nIter);
    // another seed draws another sample and other restarts
    const other = sampledFit(X, f.n, 3, { ...o, seed: 7 }, sampledRestarts);
    expect(other.centroids).not.toEqual(sampledFit(X, f.n, 3, o, sampledRestarts).centroids);
  });
});
