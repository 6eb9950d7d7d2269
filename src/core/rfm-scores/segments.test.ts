import { describe, expect, it } from 'vitest';
import { fixture, uciColumns } from './__fixtures__/load';
import { computeScores } from './binning';
import {
  assignSegments,
  checkRules,
  DEFAULT_RULES,
  defaultRulesFor,
  R_RFM_RULES,
  segmentName,
} from './segments';
import { rfGrid, scoreDistributions, segmentClusterCrosstab, segmentSummary } from './summary';
import { OTHERS } from './types';

interface Ref {
  ids: string[];
  defaultSegments: {
    segment: string[];
    summary: Record<
      string,
      {
        customers: number;
        revenue: number;
        revenueShare: number;
        medianRecency: number;
        medianFrequency: number;
        medianMonetary: number;
      }
    >;
    rfGrid: { r: number; f: number; count: number; meanMonetary: number }[];
  };
}
const ref = fixture<Ref>('rfm-scores-reference.json');
const uci = uciColumns();
const scores = computeScores(uci, { scores: 5, method: 'quantile' });

describe('default segments on the UCI RFM table against pandas (R×F map as regular expressions)', () => {
  const a = assignSegments(scores, DEFAULT_RULES);
  it('every customer gets the segment pandas gives, Others is empty on 5 scores', () => {
    const names = ref.ids.map((_, i) => segmentName(a, DEFAULT_RULES, i));
    expect(names).toEqual(ref.defaultSegments.segment);
    expect(a.others.count).toBe(0);
    expect(a.counts.reduce((x, y) => x + y, 0)).toBe(ref.ids.length);
  });
  it('sizes, revenue shares and medians equal pandas groupby', () => {
    const rows = segmentSummary(uci, a, DEFAULT_RULES);
    for (const row of rows) {
      const r = ref.defaultSegments.summary[row.name];
      if (!r) {
        expect(row.customers).toBe(0);
        continue;
      }
      expect(row.customers).toBe(r.customers);
      expect(row.revenue).toBeCloseTo(r.revenue, 6);
      expect(row.revenueShare).toBeCloseTo(r.revenueShare, 12);
      expect(row.medianRecency).toBe(r.medianRecency);
      expect(row.medianFrequency).toBe(r.medianFrequency);
      expect(row.medianMonetary).toBeCloseTo(r.medianMonetary, 9);
    }
  });
  it('R×F grid counts and mean monetary equal pandas', () => {
    const g = rfGrid(scores, uci.monetary);
    let cells = 0;
    for (const c of ref.defaultSegments.rfGrid) {
      const i = (c.r - 1) * g.fScores + (c.f - 1);
      expect(g.count[i]).toBe(c.count);
      expect(g.meanMonetary[i]).toBeCloseTo(c.meanMonetary, 8);
      cells++;
    }
    expect(g.count.filter((c) => c > 0).length).toBe(cells);
  });
});

describe('rules: priority, Others with reasons, editing', () => {
  it('first match wins: moving a rule up takes customers from the rules below it', () => {
    const base = assignSegments(scores, DEFAULT_RULES);
    // A broad "Recent" rule (R 4–5, any F/M) placed first takes everyone with R ≥ 4.
    const recent = {
      id: 'recent',
      name: 'Recent',
      r: { min: 4, max: 5 },
      f: { min: 1, max: 5 },
      m: { min: 1, max: 5 },
    };
    const first = assignSegments(scores, [recent, ...DEFAULT_RULES]);
    const withR45 = Array.from(scores.r).filter((r) => r >= 4).length;
    expect(first.counts[0]).toBe(withR45);
    const last = assignSegments(scores, [...DEFAULT_RULES, recent]);
    expect(last.counts[DEFAULT_RULES.length]).toBe(0);
    expect(last.counts.slice(0, -1)).toEqual(base.counts);
  });
  it('removing a rule sends its customers to Others, reported by score combination', () => {
    const without = DEFAULT_RULES.filter((r) => r.id !== 'need-attention');
    const a = assignSegments(scores, without);
    const na = assignSegments(scores, DEFAULT_RULES).counts[
      DEFAULT_RULES.findIndex((r) => r.id === 'need-attention')
    ]!;
    expect(a.others.count).toBe(na);
    expect(a.others.missing).toBe(0);
    // Need attention was R 3, F 3: the uncovered combinations are 33x.
    expect(a.others.uncovered.every((u) => u.code.startsWith('33'))).toBe(true);
    expect(a.others.uncovered.reduce((s, u) => s + u.count, 0)).toBe(na);
    const names = Array.from(a.rule, (_, i) => segmentName(a, without, i));
    expect(names.filter((x) => x === OTHERS).length).toBe(na);
  });
  it('checkRules reports reversed ranges, ranges outside the scale, empty names and shadowed rules', () => {
    const bad = [
      { ...DEFAULT_RULES[0]!, name: ' ' },
      { ...DEFAULT_RULES[1]!, r: { min: 4, max: 2 } },
      { ...DEFAULT_RULES[2]!, m: { min: 1, max: 7 } },
      { ...DEFAULT_RULES[0]!, id: 'copy' },
    ];
    const codes = checkRules(bad, scores.breaks).map((p) => p.code);
    expect(codes).toEqual(['rule-name-empty', 'rule-range-order', 'rule-range-outside', 'rule-shadowed']);
    expect(checkRules(DEFAULT_RULES, scores.breaks)).toEqual([]);
  });
  it('defaultRulesFor(n) keeps every R×F cell covered on n scores', () => {
    for (const n of [3, 4, 7, 10]) {
      const s = computeScores(uci, { scores: n, method: 'quantile' });
      const a = assignSegments(s, defaultRulesFor(n));
      expect(a.others.count).toBe(0);
    }
  });
});

describe('R package rfm 0.3.0 segments (vignette rows)', () => {
  interface Row {
    recency_score: number;
    frequency_score: number;
    monetary_score: number;
    segment: string | null;
  }
  const v = fixture<{ rows: Row[]; segmentSummary: Record<string, number> }>('r-rfm-vignette.json');
  it('its rules in its order give its documented segment for each row', () => {
    const s = computeScores(
      { recency: [0], frequency: [0], monetary: [0] },
      {
        scores: 5,
        method: 'r-rfm',
        customCuts: { recency: [1, 2, 3, 4], frequency: [1, 2, 3, 4], monetary: [1, 2, 3, 4] },
      },
    );
    const fake = {
      ...s,
      n: v.rows.length,
      r: Uint8Array.from(v.rows, (r) => r.recency_score),
      f: Uint8Array.from(v.rows, (r) => r.frequency_score),
      m: Uint8Array.from(v.rows, (r) => r.monetary_score),
    };
    const a = assignSegments(fake, R_RFM_RULES);
    v.rows.forEach((row, i) => {
      if (row.segment !== null) expect(segmentName(a, R_RFM_RULES, i)).toBe(row.segment);
    });
    // The package's segment names are exactly the summary's.
    expect(R_RFM_RULES.map((r) => r.name).sort()).toEqual(Object.keys(v.segmentSummary).sort());
  });
});

describe('segment × cluster crosstab', () => {
  it('row totals are the segment sizes, column totals the cluster sizes, row shares sum to 1', () => {
    const a = assignSegments(scores, DEFAULT_RULES);
    // Clusters from a real partition: monetary tercile by rank.
    const k = 3;
    const order = Array.from(uci.monetary.keys()).sort((x, y) => uci.monetary[x]! - uci.monetary[y]!);
    const labels = new Int32Array(uci.monetary.length);
    order.forEach((idx, rank) => (labels[idx] = Math.floor((rank * k) / order.length)));
    const ct = segmentClusterCrosstab(a, DEFAULT_RULES, labels, k);
    expect(ct.rows.at(-1)).toBe(OTHERS);
    a.counts.forEach((c, r) => expect(ct.rowTotals[r]).toBe(c));
    for (let c = 0; c < k; c++) {
      let col = 0;
      for (let r = 0; r < ct.rows.length; r++) col += ct.counts[r * k + c]!;
      expect(col).toBe(labels.filter((l) => l === c).length);
    }
    for (let r = 0; r < ct.rows.length; r++) {
      if (ct.rowTotals[r] === 0) continue;
      let s = 0;
      for (let c = 0; c < k; c++) s += ct.rowShares[r * k + c]!;
      expect(s).toBeCloseTo(1, 12);
    }
  });
});

describe('combined and sum score distributions', () => {
  it('counts equal a direct count of the pandas-reference scores', () => {
    const ref5 = fixture<{
      quantile5: Record<'recency' | 'frequency' | 'monetary', { scores: number[] }>;
    }>('rfm-scores-reference.json').quantile5;
    const d = scoreDistributions(scores);
    const codes = new Map<string, number>();
    const sums = new Map<number, number>();
    ref5.recency.scores.forEach((r, i) => {
      const f = ref5.frequency.scores[i]!;
      const m = ref5.monetary.scores[i]!;
      codes.set(`${r}${f}${m}`, (codes.get(`${r}${f}${m}`) ?? 0) + 1);
      sums.set(r + f + m, (sums.get(r + f + m) ?? 0) + 1);
    });
    expect(new Map(d.combined.map((x) => [x.code, x.count]))).toEqual(codes);
    expect(new Map(d.sum.map((x) => [x.sum, x.count]))).toEqual(sums);
    for (let i = 1; i < d.combined.length; i++)
      expect(d.combined[i]!.count).toBeLessThanOrEqual(d.combined[i - 1]!.count);
  });
});
