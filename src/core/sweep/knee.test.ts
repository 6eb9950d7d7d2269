import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { FIXTURE_NAMES, loadFixture } from '../__fixtures__/load';
import { findKnee, gradientRuleKnee, kneedleConvexDecreasing } from './knee';

describe.each(FIXTURE_NAMES)('knee of scikit-learn inertias on %s', (name) => {
  const f = loadFixture(name);
  test('kneedle and gradient rule equal the Python reference', () => {
    const ks = f.sweep.map((p) => p.k);
    const inertias = f.sweep.map((p) => p.inertia);
    const r = findKnee(ks, inertias);
    expect(r.kneedle).toBe(f.kneedle);
    expect(r.gradientRule).toBe(f.gradientRule);
    expect(r.suggested).toBe(f.kneedle ?? f.gradientRule);
    expect(r.agree).toBe(f.kneedle !== null && f.kneedle === f.gradientRule);
    expect(r.explanation).toContain(`k = ${r.suggested}`);
  });
});

describe('knee edge cases', () => {
  const ks = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  test('a straight line has no clear knee', () => {
    const line = ks.map((k) => 100 - 5 * k);
    const r = findKnee(ks, line);
    expect(r.kneedle).toBeNull();
    expect(r.gradientRule).toBeNull();
    expect(r.suggested).toBeNull();
    expect(r.agree).toBe(false);
    expect(r.explanation).toMatch(/no clear knee/i);
  });
  test('a flat curve and too few points', () => {
    expect(
      findKnee(
        ks,
        ks.map(() => 3),
      ).suggested,
    ).toBeNull();
    expect(findKnee([1, 2], [10, 5]).explanation).toMatch(/too few/i);
    expect(kneedleConvexDecreasing([1, 2], [10, 5])).toBeNull();
  });
  const extras = JSON.parse(
    readFileSync(new URL('../__fixtures__/engine-extras.json', import.meta.url), 'utf8'),
  ) as {
    kneeCurves: Record<
      string,
      { ks: number[]; y: number[]; kneedle: number | null; gradientRule: number | null }
    >;
  };
  test.each(Object.keys(extras.kneeCurves))('synthetic curve %s equals the Python reference', (key) => {
    const c = extras.kneeCurves[key]!;
    expect(kneedleConvexDecreasing(c.ks, c.y)).toBe(c.kneedle);
    expect(gradientRuleKnee(c.ks, c.y)).toBe(c.gradientRule);
    const r = findKnee(c.ks, c.y);
    expect(r.suggested).toBe(c.kneedle ?? c.gradientRule);
    if (r.suggested === null) expect(r.explanation).toMatch(/no clear knee/i);
  });
});
