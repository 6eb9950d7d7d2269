import { describe, expect, it } from 'vitest';
import { labelsOf, loadScoringReference, sideColumns } from './__fixtures__/load';
import { parseModelJson } from './parse-model';
import { scoreCustomers } from './score';
import { trainingSummary, trainingSummaryJson } from './summary';
import { computeDrift } from './drift';
import { MODEL_FEATURES } from './model-types';
import { computeTransitions } from './transitions';

const ref = loadScoringReference();
const v1 = parseModelJson(ref.model);
const beforeCols = sideColumns(ref.before);
const afterCols = sideColumns(ref.after);
const beforeScores = scoreCustomers(v1, beforeCols);
const summary = trainingSummary(beforeCols, beforeScores, v1.k);
// The same model as formatVersion 2, carrying the training summary.
const v2 = parseModelJson({ ...ref.model, formatVersion: 2, training: trainingSummaryJson(summary) });

describe('training summary against numpy (UCI sample before 2011-06-01)', () => {
  it('quantiles, range and decile bins per feature', () => {
    for (const f of MODEL_FEATURES) {
      const want = ref.features[f]!;
      const got = summary.features[f];
      expect(got.min).toBe(want.min);
      expect(got.max).toBe(want.max);
      got.quantiles.forEach((q, i) => expect(q).toBeCloseTo(want.quantiles[i]!, 9));
      expect(got.edges.length).toBe(want.edges.length);
      got.edges.forEach((e, i) => expect(e).toBeCloseTo(want.edges[i]!, 9));
      expect(got.counts).toEqual(want.counts);
    }
  });

  it('99th percentile of the distances per segment', () => {
    summary.segments.forEach((s, c) => expect(s.distanceP99).toBeCloseTo(ref.distanceP99[c]!, 9));
    expect(summary.segments.map((s) => s.size)).toEqual(v1.sizes);
  });
});

describe('drift of the full UCI sample against the model trained before 2011-06-01', () => {
  const afterScores = scoreCustomers(v2, afterCols);
  const drift = computeDrift(v2, afterCols, afterScores);

  it('PSI and share outside the training range per feature, as numpy', () => {
    for (const f of MODEL_FEATURES) {
      expect(drift.features![f]!.psi).toBeCloseTo(ref.drift[f]!.psi, 10);
      expect(drift.features![f]!.newCounts).toEqual(ref.drift[f]!.newCounts);
      expect(drift.features![f]!.outsideShare).toBeCloseTo(ref.drift[f]!.outsideShare, 12);
    }
    // real drift: recency moved most (the later half-year)
    expect(drift.features!.recency!.psi).toBeGreaterThan(0.2);
  });

  it('segment sizes then and now, customers beyond the training 99th percentile', () => {
    expect(drift.segments.map((s) => s.sizeNow)).toEqual(ref.sizesAfter);
    expect(drift.segments.map((s) => s.sizeThen)).toEqual(v1.sizes);
    expect(drift.segments.map((s) => s.beyond)).toEqual(ref.beyondP99);
    expect(drift.farCount).toBe(ref.beyondP99.reduce((a, b) => a + b, 0));
  });

  it('a formatVersion-1 model gives sizes only and says drift is unavailable (null)', () => {
    const d = computeDrift(v1, afterCols, afterScores);
    expect(d.features).toBeNull();
    expect(d.farCount).toBeNull();
    expect(d.segments.map((s) => s.sizeNow)).toEqual(ref.sizesAfter);
  });
});

describe('transitions against a pandas crosstab', () => {
  it('from × to counts with new and gone, in/out counts and revenue per segment', () => {
    const t = computeTransitions(
      { ids: ref.before.ids, clusterIndex: labelsOf(ref.before.labels), monetary: beforeCols.monetary },
      {
        ids: ref.after.ids,
        clusterIndex: scoreCustomers(v1, afterCols).clusterIndex,
        monetary: afterCols.monetary,
      },
      v1.k,
    );
    expect(t.matrix).toEqual(ref.transitions.matrix);
    t.perSegment.forEach((s, c) => {
      const want = ref.transitions.perSegment[c]!;
      expect([s.stayed, s.in, s.out]).toEqual([want.stayed, want.in, want.out]);
      expect(s.revenueIn).toBeCloseTo(want.revenueIn, 6);
      expect(s.revenueOut).toBeCloseTo(want.revenueOut, 6);
    });
    expect(t.ids.length).toBe(new Set([...ref.before.ids, ...ref.after.ids]).size);
  });
});
