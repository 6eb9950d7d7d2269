import { describe, expect, it } from 'vitest';
import { describeAgainstCentre } from './consistency';
import { describeSegment } from './describe';

/** Recency, frequency and monetary, in that order (z-scores, a centre or a median). */
const rfm = (recency: number, frequency: number, monetary: number) => ({ recency, frequency, monetary });

describe('descriptions never contradict the centre', () => {
  const median = rfm(76, 3, 900);
  it('keeps levels the centre agrees with', () => {
    const d = describeAgainstCentre(rfm(-1.2, 1.1, 0.9), rfm(12, 9, 4200), rfm(10, 8, 3900), median);
    expect(d).toEqual(describeSegment(-1.2, 1.1, 0.9));
    expect(d.suggestedName).toBe('Champions');
  });
  it('a centre of 354 days and 8.66 spent is never "recent · high spend"', () => {
    const d = describeAgainstCentre(rfm(-0.8, 0.9, 0.7), rfm(354, 4, 8.66), rfm(350, 4, 8), median);
    expect(d.recency).toBe('mid');
    expect(d.monetary).toBe('mid');
    expect(d.frequency).toBe('high');
    expect(d.text).toBe('mid recency · frequent · mid spend');
    expect(d.suggestedName).toBe('Loyal');
  });
});

it('one side alone (centre or median) does not overrule the model', () => {
  const d = describeAgainstCentre(rfm(0, 1, 1), rfm(50, 2, 3), rfm(50, 1, 38592), rfm(60, 2, 2155));
  expect(d.text).toBe('mid recency · frequent · high spend');
});
