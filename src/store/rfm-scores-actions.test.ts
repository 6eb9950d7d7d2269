import { beforeEach, describe, expect, it } from 'vitest';
import { uciColumns } from '../core/rfm-scores/__fixtures__/load';
import { computeScores, DEFAULT_RULES, R_RFM_RULES, assignSegments } from '../core/rfm-scores';
import type { RfmTable } from '../core/rfm/types';
import {
  addRule,
  applyRPackagePreset,
  moveRule,
  removeRule,
  resetRules,
  rfmScoresForExport,
  scoresFor,
  segmentsFor,
  setCustomCuts,
  setScoreCount,
  updateRule,
} from './rfm-scores-actions';
import { initialRfmScoresState } from './rfm-scores-slice';
import { settingsOf } from './session-summary';
import { useNotebook } from './store';

const u = uciColumns();
const rfm: RfmTable = {
  customerIds: u.ids,
  recency: u.recency,
  frequency: u.frequency,
  monetary: u.monetary,
  analysisTime: NaN,
  excludedNonPositive: 0,
  preAggregated: false,
};
const counts = () => {
  const s = useNotebook.getState();
  const d = scoresFor(rfm, s.scoreSettings);
  if (!d.ok) throw d.error;
  return segmentsFor(d.scores, s.scoreRules);
};

beforeEach(() => useNotebook.setState({ ...initialRfmScoresState, rfm }));

describe('RFM-score actions on the UCI RFM table', () => {
  it('the derived segments are the core computation, cached per table and settings', () => {
    const a = counts();
    expect(a).toBe(counts());
    const ref = assignSegments(computeScores(rfm, { scores: 5, method: 'quantile' }), DEFAULT_RULES);
    expect(a.counts).toEqual(ref.counts);
  });
  it('editing, moving, removing and adding rules moves the counts; reset restores them', () => {
    const base = counts().counts;
    updateRule(0, { r: { min: 4, max: 5 } });
    expect(useNotebook.getState().rulesPreset).toBe('edited');
    expect(counts().counts[0]).toBeGreaterThan(base[0]!);
    moveRule(0, 1);
    expect(useNotebook.getState().scoreRules[1]!.id).toBe('champions');
    removeRule(0);
    const others = counts().others.count;
    expect(others).toBeGreaterThan(0);
    addRule(); // last, covering every score: it takes exactly the customers that were in Others
    const n = useNotebook.getState().scoreRules.length;
    expect(counts().counts[n - 1]).toBe(others);
    expect(counts().others.count).toBe(0);
    resetRules();
    expect(counts().counts).toEqual(base);
  });
  it('the default table follows the number of scores; the R preset sets its bins and rules', () => {
    setScoreCount(4);
    expect(useNotebook.getState().scoreRules[0]!.r).toEqual({ min: 4, max: 4 });
    expect(counts().others.count).toBe(0);
    applyRPackagePreset();
    const st = useNotebook.getState();
    expect(st.scoreSettings).toEqual({ scores: 5, method: 'r-rfm' });
    expect(st.scoreRules).toBe(R_RFM_RULES);
  });
  it('invalid custom cuts give an error code instead of scores; the export then has no score columns', () => {
    setCustomCuts('monetary', [500, 100]);
    const d = scoresFor(rfm, useNotebook.getState().scoreSettings);
    expect(d.ok ? null : d.error.code).toBe('cuts-not-ascending');
    expect(rfmScoresForExport(rfm)).toBeNull();
    setCustomCuts('monetary', [100, 500, 1000]);
    const e = rfmScoresForExport(rfm)!;
    expect(e.saved.breaks.monetary).toMatchObject({ cuts: [100, 500, 1000], scores: 4, source: 'custom' });
    expect(e.columns.segment).toHaveLength(rfm.customerIds.length);
  });
  it('the session record keeps the settings and rules (structured clone)', () => {
    updateRule(1, { name: 'Loyal fans' });
    const s = { ...useNotebook.getState(), datasetName: 'x.csv', loadResult: {} as never };
    const rec = structuredClone(settingsOf(s, 1)!);
    expect(rec.rfmScores?.rules[1]!.name).toBe('Loyal fans');
    expect(rec.rfmScores?.preset).toBe('edited');
  });
});
