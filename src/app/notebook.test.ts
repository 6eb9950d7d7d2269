import { describe, expect, it } from 'vitest';
import { STEPS } from '../components/steps';
import { CELLS } from './notebook';

describe('CELLS', () => {
  it('lists every step of the step table exactly once', () => {
    const ids = CELLS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(Object.keys(STEPS).sort());
  });
});
