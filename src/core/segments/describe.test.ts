import { describe, expect, it } from 'vitest';
import { describeSegment, levelOf, suggestNames, valueLevel } from './describe';

describe('levelOf', () => {
  it('uses ±0.5 standard deviations, inclusive', () => {
    expect(levelOf(-0.5)).toBe('low');
    expect(levelOf(-0.49)).toBe('mid');
    expect(levelOf(0.49)).toBe('mid');
    expect(levelOf(0.5)).toBe('high');
    expect(levelOf(NaN)).toBe('mid');
  });
});

describe('describeSegment', () => {
  it('reads low recency as recent', () => {
    expect(describeSegment(-1.2, 1.1, 0.9).text).toBe('recent · frequent · high spend');
    expect(describeSegment(-1.2, 1.1, 0.9).suggestedName).toBe('Champions');
  });
  it('reads high recency as lapsed', () => {
    const d = describeSegment(1.3, -0.8, -1);
    expect(d.text).toBe('lapsed · infrequent · low spend');
    expect(d.suggestedName).toBe('Lost');
  });
  it('names every recency × value combination', () => {
    expect(describeSegment(0, 0, 0).text).toBe('mid recency · mid frequency · mid spend');
    expect(describeSegment(0, 0, 0).suggestedName).toBe('Needs attention');
    expect(describeSegment(1, 1, 0).suggestedName).toBe('At risk');
    expect(describeSegment(1, 1, -1).suggestedName).toBe('Hibernating');
    expect(describeSegment(-1, -1, -1).suggestedName).toBe('New customers');
    expect(describeSegment(-1, 0, 0).suggestedName).toBe('Promising');
    expect(describeSegment(0, 1, 1).suggestedName).toBe('Loyal');
    expect(describeSegment(0.2, -1, 0).suggestedName).toBe('About to sleep');
  });
  it('combines frequency and monetary into value', () => {
    expect(valueLevel('high', 'low')).toBe('mid');
    expect(valueLevel('high', 'mid')).toBe('high');
    expect(valueLevel('low', 'mid')).toBe('low');
  });
});

describe('suggestNames', () => {
  it('numbers duplicates', () => {
    const d = [describeSegment(2, -2, -2), describeSegment(-2, 2, 2), describeSegment(2, -1, -1)];
    expect(suggestNames(d)).toEqual(['Lost', 'Champions', 'Lost 2']);
  });
});
