import { describe, expect, it } from 'vitest';
import { findKnee } from '../sweep/knee';
import { loadFixture, type EngineFixture } from '../__fixtures__/load';
import { recommendK, type KScores } from './recommend';

/** The sweep scores scikit-learn computed (scripts/reference/engine_reference.py). */
function scores(f: EngineFixture): KScores[] {
  return f.sweep.map((p) => ({
    k: p.k,
    inertia: p.inertia,
    silhouette: p.silhouette ?? Number.NaN,
    calinskiHarabasz: p.calinskiHarabasz ?? Number.NaN,
    daviesBouldin: p.daviesBouldin ?? Number.NaN,
  }));
}

function knee(f: EngineFixture) {
  return findKnee(
    f.sweep.map((p) => p.k),
    f.sweep.map((p) => p.inertia),
  );
}

describe('recommendK on scikit-learn sweeps', () => {
  it('UCI Online Retail (default cleaning): k = 3 from the elbow, the gains around it, silhouette best at 2', () => {
    const f = loadFixture('retail-default');
    const kn = knee(f);
    expect(kn.suggested).toBe(f.kneedle);
    const r = recommendK(scores(f), kn, 4);
    const inertia = (k: number) => f.sweep.find((p) => p.k === k)!.inertia;
    expect(r.k).toBe(3);
    expect(r.source).toBe('elbow');
    expect(r.gainAt).toBeCloseTo((inertia(2) - inertia(3)) / inertia(2), 12);
    expect(r.gainAfter).toBeCloseTo((inertia(3) - inertia(4)) / inertia(3), 12);
    let sum = 0;
    for (let k = 4; k <= 10; k++) sum += (inertia(k - 1) - inertia(k)) / inertia(k - 1);
    expect(r.gainAfterMean).toBeCloseTo(sum / 7, 12);
    // Silhouette: 0.4330 at 2, 0.3304 at 3, 0.3328 at 4 (best of k ≥ 3) → 3 is within 95 % of it.
    expect(r.bestBySilhouette).toBe(2);
    expect(r.comparedAbove2).toBe(true);
    expect(r.separation).toBe('good');
    expect(r.silhouetteAt).toBeCloseTo(f.sweep.find((p) => p.k === 3)!.silhouette!, 12);
    expect(r.bestByDaviesBouldin).toBe(2);
    expect(r.bestByCalinskiHarabasz).toBe(2);
  });

  it('UCI 2011 H2 RFM table: k = 4, the best-separated of k ≥ 3', () => {
    const f = loadFixture('retail-rfm-2011h2');
    const r = recommendK(scores(f), knee(f), 4);
    expect(r.k).toBe(f.kneedle);
    expect(r.k).toBe(4);
    // 0.3011 at 3, 0.2974 at 4: 4 is not the best of k ≥ 3 but within 95 % of it.
    expect(r.separation).toBe('good');
    expect(r.bestByDaviesBouldin).toBe(4);
  });

  it('CDNOW: k = 2 is compared with every k and is the best separated', () => {
    const f = loadFixture('cdnow');
    const r = recommendK(scores(f), knee(f), 4);
    expect(r.k).toBe(2);
    expect(r.comparedAbove2).toBe(false);
    expect(r.separation).toBe('best');
    expect(r.gainAt).toBeCloseTo((70506 - f.sweep[1]!.inertia) / 70506, 3);
  });

  it('without an elbow the fallback k is used and said', () => {
    const f = loadFixture('retail-default');
    const r = recommendK(scores(f), { suggested: null }, 4);
    expect(r.k).toBe(4);
    expect(r.source).toBe('fallback');
    expect(r.separation).toBe('best'); // 0.3328 at 4 is the best of k ≥ 3
  });
});
