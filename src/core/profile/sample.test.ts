import { describe, expect, it } from 'vitest';
import { histogram, samplePairs } from './sample';

describe('samplePairs', () => {
  const n = 50_000;
  const r = Float64Array.from({ length: n }, (_, i) => i % 97);
  const f = Float64Array.from({ length: n }, (_, i) => (i % 10 === 0 ? NaN : i));
  const m = Float64Array.from({ length: n }, (_, i) => (i === 5 ? Infinity : i * 2));

  it('draws a seeded sample of distinct, sorted, eligible rows', () => {
    const s = samplePairs([r, f, m], 20_000, 42);
    expect(s.total).toBe(n);
    expect(s.eligible).toBe(n - n / 10 - 1);
    expect(s.size).toBe(20_000);
    expect(s.sampled).toBe(true);
    expect(s.label).toBe('20,000 of 44,999 points (seed 42)');
    const idx = Array.from(s.indices);
    for (let i = 1; i < idx.length; i++) expect(idx[i]!).toBeGreaterThan(idx[i - 1]!);
    expect(idx.some((i) => i % 10 === 0 || i === 5)).toBe(false);
    expect(Array.from(samplePairs([r, f, m], 20_000, 42).indices)).toEqual(idx);
    const other = samplePairs([r, f, m], 20_000, 43).indices;
    expect(Array.from(other)).not.toEqual(idx);
    // uniform: each half of the rows gets about half of the sample
    const firstHalf = idx.filter((i) => i < n / 2).length;
    expect(Math.abs(firstHalf - 10_000)).toBeLessThan(400);
  });

  it('keeps every eligible row when there are few', () => {
    const s = samplePairs([Float64Array.of(1, NaN, 3), Float64Array.of(1, 2, 3)], 20_000, 1);
    expect(Array.from(s.indices)).toEqual([0, 2]);
    expect(s.sampled).toBe(false);
    expect(s.label).toBe('all 2 points');
  });
});

describe('histogram (numpy.histogram semantics)', () => {
  // Expected values printed by numpy 1.24 (np.histogram) for the same inputs.
  it('bins like numpy with fixed and auto bins', () => {
    const a = histogram([0, 1, 2, 3, 4, 5], 5);
    expect(Array.from(a.counts)).toEqual([1, 1, 1, 1, 2]);
    expect(Array.from(a.edges)).toEqual([0, 1, 2, 3, 4, 5]);
    const b = histogram(
      Array.from({ length: 10 }, (_, i) => i),
      'auto',
    );
    expect(Array.from(b.counts)).toEqual([2, 2, 2, 2, 2]);
    expect(Array.from(b.edges)).toEqual([0, 1.8, 3.6, 5.4, 7.2, 9]);
    const c = histogram([1, 2, 2, 3, 3, 3, 10, 50, 51], 'auto');
    expect(Array.from(c.counts)).toEqual([6, 1, 0, 0, 0, 0, 2]);
    expect(c.edges[1]).toBe(8.142857142857142);
  });

  it('widens a single value to ±0.5 and bins logs with values ≤ 0 left out', () => {
    const a = histogram([2.5, 2.5, 2.5], 3);
    expect(Array.from(a.counts)).toEqual([0, 3, 0]);
    expect(Array.from(a.edges)).toEqual([2, 2.3333333333333335, 2.6666666666666665, 3]);
    const l = histogram([0.5, 1, 10, 100, 1000, 0, -4, NaN], 4, { log: true });
    expect(Array.from(l.counts)).toEqual([2, 1, 1, 1]);
    expect(Math.log10(l.edges[1]!)).toBeCloseTo(0.5242275032520141, 14);
    expect(l.edges[4]).toBeCloseTo(1000, 9);
    expect([l.used, l.skippedNonPositive, l.skippedNonFinite]).toEqual([5, 2, 1]);
  });

  it('honours a range, a subset of rows and the bin cap', () => {
    const v = Float64Array.from({ length: 1000 }, (_, i) => i);
    const r = histogram(v, 10, { range: [100, 199] });
    expect(r.used).toBe(100);
    expect(r.outOfRange).toBe(900);
    expect(Array.from(r.counts)).toEqual(Array(10).fill(10));
    const s = histogram(v, 2, { indices: [0, 1, 998, 999] });
    expect(Array.from(s.counts)).toEqual([2, 2]);
    const heavy = Float64Array.from({ length: 5000 }, (_, i) => (i < 4990 ? i % 10 : 1e7 + i));
    expect(histogram(heavy, 'auto').counts.length).toBe(200);
    expect(histogram(heavy, 'auto', { maxBins: 50 }).counts.length).toBe(50);
  });
});

describe('histogram input checks', () => {
  it('rejects a reversed or non-positive log range', () => {
    expect(() => histogram([1, 2], 2, { range: [3, 1] })).toThrow(RangeError);
    expect(() => histogram([1, 2], 2, { range: [0, 10], log: true })).toThrow(/positive/);
  });
});
