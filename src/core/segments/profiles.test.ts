import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { computeProfiles, median } from './profiles';

describe('median', () => {
  it('takes the middle value or the mean of the two middle values', () => {
    expect(median(Float64Array.of(3, 1, 2))).toBe(2);
    expect(median(Float64Array.of(10, 1, 3, 2))).toBe(2.5);
    expect(median(new Float64Array(0))).toBeNaN();
  });
});

describe('computeProfiles on a hand-checkable case', () => {
  // Cluster 0: customers 0, 2, 4; cluster 1: customers 1, 3, 5 (interleaved on purpose).
  const rfm = {
    recency: Float64Array.of(1, 10, 2, 20, 3, 30),
    frequency: Float64Array.of(5, 1, 6, 1, 7, 2),
    monetary: Float64Array.of(100, 10, 200, -5, 300, 15),
  };
  const labels = Int32Array.of(0, 1, 0, 1, 0, 1);
  const centroidsModel = Float64Array.of(-1, 1, 1, 1, -1, -0.2);
  const centroidsOriginal = Float64Array.of(2, 6, 200, 20, 1.3, 7);
  const p = computeProfiles(rfm, labels, 2, centroidsModel, centroidsOriginal);

  it('sizes, shares and revenue', () => {
    expect(p.n).toBe(6);
    expect(p.segments.map((s) => s.size)).toEqual([3, 3]);
    expect(p.segments.map((s) => s.share)).toEqual([0.5, 0.5]);
    expect(p.segments.map((s) => s.revenue)).toEqual([600, 20]);
    expect(p.totalRevenue).toBe(620);
    expect(p.segments[0]!.revenueShare).toBeCloseTo(600 / 620, 15);
    expect(p.segments[1]!.revenueShare).toBeCloseTo(20 / 620, 15);
  });

  it('medians, means and centroids', () => {
    expect(p.segments[0]!.median).toEqual({ recency: 2, frequency: 6, monetary: 200 });
    expect(p.segments[1]!.median).toEqual({ recency: 20, frequency: 1, monetary: 10 });
    expect(p.segments[1]!.mean.monetary).toBeCloseTo(20 / 3, 12);
    expect(p.overallMedian).toEqual({ recency: 6.5, frequency: 3.5, monetary: 57.5 });
    expect(p.segments[0]!.centroid).toEqual({ recency: 2, frequency: 6, monetary: 200 });
    expect(p.segments[1]!.standardised).toEqual({ recency: 1, frequency: -1, monetary: -0.2 });
    expect(p.segments.map((s) => s.id)).toEqual([1, 2]);
  });

  it('describes the segments by the rule', () => {
    expect(p.segments[0]!.description.text).toBe('recent · frequent · high spend');
    expect(p.segments[1]!.description.text).toBe('lapsed · infrequent · mid spend');
  });

  it('keeps an empty cluster with size 0 and NaN statistics', () => {
    const q = computeProfiles(rfm, labels, 3, Float64Array.of(0, 0, 0, 0, 0, 0, 0, 0, 0), null);
    expect(q.segments[2]!.size).toBe(0);
    expect(q.segments[2]!.median.recency).toBeNaN();
    expect(q.segments[2]!.centroid).toBeNull();
  });

  it('gives NaN revenue shares when total revenue is not positive', () => {
    const q = computeProfiles(
      { ...rfm, monetary: Float64Array.of(-1, 0, 0, 0, 0, 0) },
      labels,
      2,
      centroidsModel,
      null,
    );
    expect(q.segments[0]!.revenueShare).toBeNaN();
  });

  it('rejects labels outside 0..k-1 and mismatched shapes', () => {
    expect(() => computeProfiles(rfm, Int32Array.of(0, 1, 2, 0, 0, 0), 2, centroidsModel, null)).toThrow(
      /label 2/,
    );
    expect(() => computeProfiles(rfm, Int32Array.of(0, 1), 2, centroidsModel, null)).toThrow(/2 labels/);
  });
});

describe('computeProfiles on real data (Online Retail 2011 H2 RFM, pandas reference)', () => {
  const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
  const lines = readFileSync(here('../../../fixtures/online-retail-rfm-2011h2.csv'), 'utf8')
    .trim()
    .split(/\r?\n/)
    .slice(1);
  const n = lines.length;
  const rfm = { recency: new Float64Array(n), frequency: new Float64Array(n), monetary: new Float64Array(n) };
  lines.forEach((line, i) => {
    const [r, f, m] = line.split(',').map(Number);
    rfm.recency[i] = r!;
    rfm.frequency[i] = f!;
    rfm.monetary[i] = m!;
  });
  const ref = JSON.parse(readFileSync(here('./__fixtures__/profiles-2011h2.json'), 'utf8')) as {
    k: number;
    labels: number[];
    centroidsStandardised: number[];
    centroidsOriginal: number[];
    sizes: number[];
    revenue: number[];
    median: number[][];
    mean: number[][];
    overallMedian: number[];
    totalRevenue: number;
  };
  const p = computeProfiles(
    rfm,
    Int32Array.from(ref.labels),
    ref.k,
    Float64Array.from(ref.centroidsStandardised),
    Float64Array.from(ref.centroidsOriginal),
  );

  it('sizes sum to n and match pandas', () => {
    expect(n).toBe(3014);
    expect(p.segments.reduce((s, x) => s + x.size, 0)).toBe(n);
    expect(p.segments.map((s) => s.size)).toEqual(ref.sizes);
  });

  it('revenue and shares match pandas and shares sum to 1', () => {
    expect(p.totalRevenue).toBeCloseTo(ref.totalRevenue, 6);
    p.segments.forEach((s, c) => expect(s.revenue).toBeCloseTo(ref.revenue[c]!, 6));
    expect(p.segments.reduce((s, x) => s + x.revenueShare, 0)).toBeCloseTo(1, 12);
    expect(p.segments.reduce((s, x) => s + x.share, 0)).toBeCloseTo(1, 12);
  });

  it('medians and means match pandas', () => {
    p.segments.forEach((s, c) => {
      const med = ref.median[c]!;
      const mean = ref.mean[c]!;
      expect(s.median.recency).toBeCloseTo(med[0]!, 9);
      expect(s.median.frequency).toBeCloseTo(med[1]!, 9);
      expect(s.median.monetary).toBeCloseTo(med[2]!, 9);
      expect(s.mean.recency).toBeCloseTo(mean[0]!, 9);
      expect(s.mean.frequency).toBeCloseTo(mean[1]!, 9);
      expect(s.mean.monetary).toBeCloseTo(mean[2]!, 9);
    });
    expect(p.overallMedian.recency).toBeCloseTo(ref.overallMedian[0]!, 9);
    expect(p.overallMedian.frequency).toBeCloseTo(ref.overallMedian[1]!, 9);
    expect(p.overallMedian.monetary).toBeCloseTo(ref.overallMedian[2]!, 9);
  });

  it('segment 1 (highest centroid monetary) is described as high spend, the lowest as low spend', () => {
    expect(p.segments[0]!.description.monetary).toBe('high');
    expect(p.segments[ref.k - 1]!.description.monetary).toBe('low');
    // Its median spend is above the overall median, the lowest segment's below.
    expect(p.segments[0]!.median.monetary).toBeGreaterThan(p.overallMedian.monetary);
    expect(p.segments[ref.k - 1]!.median.monetary).toBeLessThan(p.overallMedian.monetary);
  });
});
