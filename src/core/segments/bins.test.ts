import { describe, expect, it } from 'vitest';
import { binValues } from './bins';

describe('binValues', () => {
  it('puts values into equal-width bins, max in the last bin', () => {
    const b = binValues(Float64Array.of(0, 1, 2, 3, 4, 10), 5);
    expect(b.width).toBe(2);
    expect(Array.from(b.lefts)).toEqual([0, 2, 4, 6, 8]);
    expect(Array.from(b.counts)).toEqual([2, 2, 1, 0, 1]);
    expect(b.excluded).toBe(0);
  });
  it('bins log10 of positive values and counts the others as excluded', () => {
    const b = binValues(Float64Array.of(1, 10, 100, 1000, 0, -3, NaN), 3, true);
    expect(Array.from(b.counts)).toEqual([1, 1, 2]);
    expect(b.excluded).toBe(3);
    expect(b.lefts[0]).toBe(0);
  });
  it('handles constant and empty input', () => {
    expect(Array.from(binValues(Float64Array.of(5, 5, 5)).counts)).toEqual([3]);
    expect(binValues(new Float64Array(0)).counts.length).toBe(0);
  });
});
