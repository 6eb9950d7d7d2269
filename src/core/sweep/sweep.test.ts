import { describe, expect, test } from 'vitest';
import { UserFacingError } from '../errors';
import { FIXTURE_NAMES, fixtureColumns, loadFixture } from '../__fixtures__/load';
import { kmeans } from '../kmeans';
import { calinskiHarabasz, daviesBouldin, silhouetteScore } from './metrics';
import { applyPowerTransform, fitPowerTransform } from '../transform/power-transform';
import { DEFAULT_SWEEP, sweepK } from './sweep';

describe.each(FIXTURE_NAMES)('sweepK with the defaults on %s', (name) => {
  const f = loadFixture(name);
  const cols = fixtureColumns(f);
  const X = applyPowerTransform(cols, fitPowerTransform(cols));
  const progress: [number, number][] = [];
  const sweep = sweepK(X, f.n, 3, DEFAULT_SWEEP, undefined, (done, total) => progress.push([done, total]));

  test('progress after each k, k = 1 has inertia only', () => {
    expect(progress).toEqual(Array.from({ length: 10 }, (_, i) => [i + 1, 10]));
    expect(sweep.points.map((p) => p.k)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const p1 = sweep.points[0]!;
    expect(p1.silhouette).toBeNaN();
    expect(p1.calinskiHarabasz).toBeNaN();
    expect(p1.daviesBouldin).toBeNaN();
    expect(p1.inertia / (3 * f.n)).toBeCloseTo(1, 10); // standardised: Σ‖x − mean‖² = n·d
    expect(sweep.seed).toBe(42);
    expect(sweep.engine).toBe('plain');
    expect(sweep.silhouetteSampleSize).toBe(Math.min(f.n, 10_000));
  });

  test('the knee of our inertias equals the reference knee of scikit-learn inertias', () => {
    expect(sweep.knee.kneedle).toBe(f.kneedle);
    expect(sweep.knee.gradientRule).toBe(f.gradientRule);
  });

  test('inertia decreases with k and metrics are those of the labels', () => {
    for (let i = 1; i < sweep.points.length; i++) {
      expect(sweep.points[i]!.inertia).toBeLessThan(sweep.points[i - 1]!.inertia);
    }
    const p = sweep.points[3]!;
    expect(p.calinskiHarabasz).toBe(calinskiHarabasz(X, f.n, 3, p.result.labels, 4));
    expect(p.daviesBouldin).toBe(daviesBouldin(X, f.n, 3, p.result.labels, 4));
    const sample = f.n > 10_000 ? { size: 10_000, seed: 42 } : undefined;
    expect(p.silhouette).toBe(silhouetteScore(X, f.n, 3, p.result.labels, 4, sample));
  });

  test('a sweep point equals a later fit with the same seed', () => {
    const again = kmeans(X, f.n, 3, {
      k: 3,
      seed: 42,
      nInit: 10,
      maxIter: 300,
      tol: 1e-4,
      algorithm: 'lloyd',
    });
    expect(again.labels).toEqual(sweep.points[2]!.result.labels);
    expect(again.inertia).toBe(sweep.points[2]!.inertia);
  });
});

describe('sweep options', () => {
  const f = loadFixture('retail-rfm-2011h2');
  const cols = fixtureColumns(f);
  const X = applyPowerTransform(cols, fitPowerTransform(cols));
  test('sub-range, sampled silhouette, mini-batch', () => {
    const s = sweepK(X, f.n, 3, {
      ...DEFAULT_SWEEP,
      kMin: 2,
      kMax: 4,
      silhouetteMaxN: 500,
      algorithm: 'minibatch',
      nInit: 3,
    });
    expect(s.points.map((p) => p.k)).toEqual([2, 3, 4]);
    expect(s.silhouetteSampleSize).toBe(500);
    expect(s.knee.suggested === null || [2, 3, 4].includes(s.knee.suggested)).toBe(true);
    for (const p of s.points) expect(p.silhouette).toBeGreaterThan(0.2);
  });
  test('an impossible range is a user-facing error', () => {
    expect(() => sweepK(X.subarray(0, 6), 2, 3, { ...DEFAULT_SWEEP, kMin: 3, kMax: 10 })).toThrow(
      UserFacingError,
    );
  });
});
