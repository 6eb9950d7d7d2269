import { describe, expect, it } from 'vitest';
import { describeAgainstCentre } from './consistency';
import { describeSegment } from './describe';

describe('descriptions never contradict the centre', () => {
  const median = { recency: 76, frequency: 3, monetary: 900 };
  it('keeps levels the centre agrees with', () => {
    const d = describeAgainstCentre(
      { recency: -1.2, frequency: 1.1, monetary: 0.9 },
      { recency: 12, frequency: 9, monetary: 4200 },
      { recency: 10, frequency: 8, monetary: 3900 },
      median,
    );
    expect(d).toEqual(describeSegment(-1.2, 1.1, 0.9));
    expect(d.suggestedName).toBe('Champions');
  });
  it('a centre of 354 days and 8.66 spent is never "recent · high spend"', () => {
    const d = describeAgainstCentre(
      { recency: -0.8, frequency: 0.9, monetary: 0.7 },
      { recency: 354, frequency: 4, monetary: 8.66 },
      { recency: 350, frequency: 4, monetary: 8 },
      median,
    );
    expect(d.recency).toBe('mid');
    expect(d.monetary).toBe('mid');
    expect(d.frequency).toBe('high');
    expect(d.text).toBe('mid recency · frequent · mid spend');
    expect(d.suggestedName).toBe('Loyal');
  });
});

it('one side alone (centre or median) does not overrule the model', () => {
  const d = describeAgainstCentre(
    { recency: 0, frequency: 1, monetary: 1 },
    { recency: 50, frequency: 2, monetary: 3 },
    { recency: 50, frequency: 1, monetary: 38592 },
    { recency: 60, frequency: 2, monetary: 2155 },
  );
  expect(d.text).toBe('mid recency · frequent · high spend');
});
