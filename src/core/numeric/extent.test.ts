import { describe, expect, it } from 'vitest';
import { extent } from './extent';

describe('extent', () => {
  it('finds the range, passing over NaN, over the first n values', () => {
    expect(extent(Float64Array.from([3, NaN, -2, 7, 1]))).toEqual({ min: -2, max: 7 });
    expect(extent([5, 9, -4], 2)).toEqual({ min: 5, max: 9 });
  });
  it('is empty (Infinity, -Infinity) without a number', () => {
    expect(extent([])).toEqual({ min: Infinity, max: -Infinity });
    expect(extent([NaN, NaN])).toEqual({ min: Infinity, max: -Infinity });
  });
});
