import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fixture, uciColumns } from './__fixtures__/load';
import { binPosition, combinedCode, computeScores, ScoreError, scoreValue, sumScore } from './binning';
import { SCORE_FEATURES, type ScoreFeature } from './types';

interface FeatureRef {
  cuts: number[];
  scores?: number[];
  qcutCodes: number[];
}
interface Ref {
  customers: number;
  ids: string[];
  quantile5: Record<ScoreFeature, FeatureRef>;
  quantile4: Record<ScoreFeature, FeatureRef>;
  quantile10: Record<ScoreFeature, FeatureRef>;
  rRfm5: Record<ScoreFeature, { cuts: number[]; scores: number[] }>;
  h2: { customers: number; quantile5: Record<ScoreFeature, FeatureRef> };
}
const ref = fixture<Ref>('rfm-scores-reference.json');
const uci = uciColumns();
const scoreOf = (s: ReturnType<typeof computeScores>, f: ScoreFeature) =>
  f === 'recency' ? s.r : f === 'frequency' ? s.f : s.m;

describe('quantile scores against pandas on the UCI RFM table (4,338 customers)', () => {
  for (const n of [5, 4, 10] as const) {
    it(`n = ${n}: cuts equal Series.quantile, scores equal searchsorted and pd.qcut codes`, () => {
      const q = ref[`quantile${n}`];
      const s = computeScores(uci, { scores: n, method: 'quantile' });
      expect(s.n).toBe(ref.customers);
      expect(uci.ids).toEqual(ref.ids);
      for (const f of SCORE_FEATURES) {
        const cuts = s.breaks[f].cuts;
        expect(cuts.length).toBe(n - 1);
        cuts.forEach((c, i) => expect(c).toBeCloseTo(q[f].cuts[i]!, 9));
        expect(Array.from(scoreOf(s, f))).toEqual(q[f].scores);
        // pd.qcut(duplicates='drop') codes: equal to ascending position − 1 when the cuts are distinct;
        // otherwise qcut drops the repeated edges and each of our (finer) bins lies inside one qcut bin.
        const sc = scoreOf(s, f);
        const pos = Array.from(sc, (v) => (f === 'recency' ? n + 1 - v : v));
        const distinct = new Set(cuts).size === cuts.length && cuts[0]! > Math.min(...uci[f]);
        if (distinct) expect(pos.map((p) => p - 1)).toEqual(q[f].qcutCodes);
        else {
          const codeOf = new Map<number, number>();
          pos.forEach((p, i) => {
            const c = q[f].qcutCodes[i]!;
            expect(codeOf.get(p) ?? c).toBe(c);
            codeOf.set(p, c);
          });
          const byPos = [...codeOf].sort((a, b) => a[0] - b[0]).map((x) => x[1]);
          byPos.forEach((c, i) => i > 0 && expect(c).toBeGreaterThanOrEqual(byPos[i - 1]!));
        }
      }
    });
  }

  it('n = 10 frequency: equal cuts leave empty scores, reported as merged into the score of the tied value', () => {
    const s = computeScores(uci, { scores: 10, method: 'quantile' });
    const rep = s.reports.frequency;
    const cuts = s.breaks.frequency.cuts;
    const dupes = cuts.filter((c, i) => i > 0 && c === cuts[i - 1]).length;
    expect(dupes).toBeGreaterThan(0);
    const empty = rep.notes.filter((x) => x.kind === 'empty');
    expect(empty.length).toBe(dupes);
    for (const e of empty) {
      expect(rep.bins[e.score - 1]!.count).toBe(0);
      if (e.kind === 'empty') {
        expect(rep.bins[e.mergedInto - 1]!.count).toBeGreaterThan(0);
        expect(rep.bins[e.mergedInto - 1]!.min).toBeLessThanOrEqual(e.value);
        expect(rep.bins[e.mergedInto - 1]!.max).toBeGreaterThanOrEqual(e.value);
      }
    }
    // Every customer counted once.
    expect(rep.bins.reduce((a, b) => a + b.count, 0)).toBe(ref.customers);
  });

  it('ties share a score: every distinct value has one score per feature', () => {
    const s = computeScores(uci, { scores: 5, method: 'quantile' });
    for (const f of SCORE_FEATURES) {
      const seen = new Map<number, number>();
      const sc = scoreOf(s, f);
      uci[f].forEach((v, i) => {
        const prev = seen.get(v);
        if (prev !== undefined) expect(sc[i]).toBe(prev);
        seen.set(v, sc[i]!);
      });
    }
  });

  it('UCI frequency n = 5: the cut at 1 order is a tie note (a third of customers bought once)', () => {
    const s = computeScores(uci, { scores: 5, method: 'quantile' });
    const once = uci.frequency.filter((v) => v === 1).length;
    const tie = s.reports.frequency.notes.find((x) => x.kind === 'tie' && x.value === 1);
    expect(tie).toEqual({ kind: 'tie', score: 1, value: 1, count: once });
    expect(s.reports.frequency.bins[0]!.count).toBe(once);
  });

  it('recency is reversed: the most recent customers have the highest score', () => {
    const s = computeScores(uci, { scores: 5, method: 'quantile' });
    const iMin = uci.recency.indexOf(Math.min(...uci.recency));
    const iMax = uci.recency.indexOf(Math.max(...uci.recency));
    expect(s.r[iMin]).toBe(5);
    expect(s.r[iMax]).toBe(1);
    expect(s.reports.recency.bins[4]!.lower).toBe(-Infinity);
  });

  it('on the reference RFM table (2011 H2) the cuts and qcut bins equal pandas too', () => {
    const text = readFileSync(
      fileURLToPath(new URL('../../../fixtures/online-retail-rfm-2011h2.csv', import.meta.url)),
      'utf8',
    );
    const rows = text
      .trim()
      .split(/\r?\n/)
      .slice(1)
      .map((l) => l.split(',').map(Number));
    expect(rows.length).toBe(ref.h2.customers);
    const cols = {
      recency: rows.map((r) => r[0]!),
      frequency: rows.map((r) => r[1]!),
      monetary: rows.map((r) => r[2]!),
    };
    const s = computeScores(cols, { scores: 5, method: 'quantile' });
    for (const f of SCORE_FEATURES) {
      s.breaks[f].cuts.forEach((c, i) => expect(c).toBeCloseTo(ref.h2.quantile5[f].cuts[i]!, 9));
      if (new Set(s.breaks[f].cuts).size === 4) {
        const pos = Array.from(scoreOf(s, f), (v) => (f === 'recency' ? 6 - v : v) - 1);
        expect(pos).toEqual(ref.h2.quantile5[f].qcutCodes);
      }
    }
  });
});

describe('R package rfm preset on the UCI RFM table', () => {
  it('cuts = R quantile type 7 + 1 (to the last bit), left-closed scores as its interval loop', () => {
    const s = computeScores(uci, { scores: 5, method: 'r-rfm' });
    for (const f of SCORE_FEATURES) {
      expect(s.breaks[f].cuts).toEqual(ref.rRfm5[f].cuts);
      expect(s.breaks[f].closed).toBe('left');
      expect(Array.from(scoreOf(s, f))).toEqual(ref.rRfm5[f].scores);
    }
  });
});

describe('R package rfm documented rows (vignette, README)', () => {
  interface Row {
    recency_days: number;
    transaction_count: number;
    amount: number;
    recency_score: number;
    frequency_score: number;
    monetary_score: number;
    rfm_score: number;
  }
  const v = fixture<{ thresholds: Record<ScoreFeature, number[]>; rows: Row[] }>('r-rfm-vignette.json');
  it('its thresholds, left-closed with recency reversed, give its documented scores and rfm_score', () => {
    const cols = {
      recency: v.rows.map((r) => r.recency_days),
      frequency: v.rows.map((r) => r.transaction_count),
      monetary: v.rows.map((r) => r.amount),
    };
    const s = computeScores(cols, { scores: 5, method: 'r-rfm', customCuts: v.thresholds });
    v.rows.forEach((row, i) => {
      expect([s.r[i], s.f[i], s.m[i]]).toEqual([row.recency_score, row.frequency_score, row.monetary_score]);
      expect(combinedCode(s.r[i]!, s.f[i]!, s.m[i]!, s.breaks)).toBe(String(row.rfm_score));
    });
  });
});

describe('scoring helpers', () => {
  it('binPosition: right-closed puts a value equal to a cut below it, left-closed above it', () => {
    expect(binPosition(2, [1, 2, 3], 'right')).toBe(2);
    expect(binPosition(2, [1, 2, 3], 'left')).toBe(3);
    expect(binPosition(NaN, [1], 'right')).toBe(0);
  });
  it('scoreValue reverses recency', () => {
    const b = {
      cuts: [10, 20],
      closed: 'right' as const,
      reversed: true,
      scores: 3,
      source: 'custom' as const,
    };
    expect([scoreValue(5, b), scoreValue(15, b), scoreValue(25, b)]).toEqual([3, 2, 1]);
  });
  it('combined code uses a separator with 10 scores; sum is NaN for a missing score', () => {
    const s = computeScores(uci, { scores: 10, method: 'quantile' });
    expect(combinedCode(10, 4, 5, s.breaks)).toBe('10-4-5');
    expect(sumScore(5, 4, 5)).toBe(14);
    expect(sumScore(0, 4, 5)).toBeNaN();
  });
  it('rejects a number of scores outside 2..10 and unsorted custom cuts, with codes', () => {
    expect(() => computeScores(uci, { scores: 11, method: 'quantile' })).toThrow(ScoreError);
    try {
      computeScores(uci, { scores: 5, method: 'quantile', customCuts: { monetary: [5, 1] } });
    } catch (e) {
      expect((e as ScoreError).code).toBe('cuts-not-ascending');
      expect((e as ScoreError).feature).toBe('monetary');
    }
  });
});
