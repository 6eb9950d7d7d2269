import { describe, expect, it } from 'vitest';
import { afterNextPaint, latestAfterPaint } from './after-paint';

describe('latestAfterPaint', () => {
  it('hands on only the latest of the values given before the next paint, and later ones again', async () => {
    const handed: number[] = [];
    const k = latestAfterPaint<number>((v) => handed.push(v));
    k.give(5);
    k.give(6);
    k.give(7);
    expect(handed).toEqual([]);
    expect(k.pending()).toBe(true);
    await afterNextPaint();
    expect(handed).toEqual([7]);
    expect(k.pending()).toBe(false);
    k.give(8);
    await afterNextPaint();
    expect(handed).toEqual([7, 8]);
  });
});
