import { expect, test } from 'vitest';
import { createRng, randomInt, sampleWithoutReplacement } from './random';

test('same seed → same sequence; different seeds differ; values in [0, 1)', () => {
  const a = createRng(42);
  const b = createRng(42);
  const c = createRng(43);
  const va = Array.from({ length: 1000 }, () => a());
  expect(Array.from({ length: 1000 }, () => b())).toEqual(va);
  expect(Array.from({ length: 1000 }, () => c())).not.toEqual(va);
  for (const v of va) expect(v >= 0 && v < 1).toBe(true);
  // roughly uniform: mean 0.5 ± 4σ (σ = 1/√(12·1000))
  expect(Math.abs(va.reduce((s, v) => s + v, 0) / 1000 - 0.5)).toBeLessThan(4 / Math.sqrt(12_000));
});

test('randomInt covers [0, n) and sampling without replacement is distinct and sorted', () => {
  const r = createRng(1);
  const seen = new Set<number>();
  for (let i = 0; i < 500; i++) seen.add(randomInt(r, 7));
  expect([...seen].sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
  const s = sampleWithoutReplacement(createRng(5), 100, 30);
  expect(new Set(s).size).toBe(30);
  for (let i = 1; i < s.length; i++) expect(s[i]!).toBeGreaterThan(s[i - 1]!);
  expect(sampleWithoutReplacement(createRng(5), 100, 30)).toEqual(s);
  expect(sampleWithoutReplacement(createRng(5), 10, 30).length).toBe(10);
});
