import { describe, expect, it } from 'vitest';
import { uciColumns } from './__fixtures__/load';
import { combinedCode, computeScores, sumScore } from './binning';
import { assignSegments, DEFAULT_RULES, segmentName } from './segments';
import {
  checkSavedRfmScores,
  savedRfmScores,
  savedRfmScoresProblem,
  savedScoreSettings,
  scoreWithSavedBreaks,
} from './saved';

const uci = uciColumns();

describe('saved breaks (model JSON rfmScores)', () => {
  for (const method of ['quantile', 'r-rfm'] as const) {
    it(`${method}: scoring the same customers with the saved JSON reproduces scores and segments`, () => {
      const settings = { scores: 5, method };
      const s = computeScores(uci, settings);
      const a = assignSegments(s, DEFAULT_RULES);
      const saved = JSON.parse(JSON.stringify(savedRfmScores(settings, s.breaks, DEFAULT_RULES)));
      expect(checkSavedRfmScores(saved)).toBeNull();
      const out = scoreWithSavedBreaks(saved, uci);
      out.forEach((o, i) => {
        expect([o.r, o.f, o.m]).toEqual([s.r[i], s.f[i], s.m[i]]);
        expect(o.combined).toBe(combinedCode(s.r[i]!, s.f[i]!, s.m[i]!, s.breaks));
        expect(o.sum).toBe(sumScore(s.r[i]!, s.f[i]!, s.m[i]!));
        expect(o.segment).toBe(segmentName(a, DEFAULT_RULES, i));
      });
    });
  }

  it('new customers are scored with the saved cuts, not re-computed ones', () => {
    const s = computeScores(uci, { scores: 5, method: 'quantile' });
    const saved = savedRfmScores({ scores: 5, method: 'quantile' }, s.breaks, DEFAULT_RULES);
    // One new customer, alone: re-computing quantiles on it would give it every score at once.
    const cut = s.breaks.monetary.cuts;
    const out = scoreWithSavedBreaks(saved, { recency: [0], frequency: [1e6], monetary: [cut[3]! + 1] });
    expect(out[0]).toMatchObject({ r: 5, f: 5, m: 5, combined: '555', sum: 15, segment: 'Champions' });
    const below = scoreWithSavedBreaks(saved, { recency: [1e9], frequency: [0], monetary: [-50] });
    expect(below[0]).toMatchObject({ r: 1, f: 1, m: 1, segment: 'Hibernating / lost' });
    const missing = scoreWithSavedBreaks(saved, { recency: [NaN], frequency: [1], monetary: [1] });
    expect(missing[0]).toMatchObject({ r: 0, combined: '', segment: 'Others' });
  });

  it('rejects a malformed rfmScores field with a code', () => {
    expect(checkSavedRfmScores(null)).toBe('rfm-scores-invalid');
    expect(checkSavedRfmScores({ breaks: { recency: { cuts: [1], closed: 'up' } }, rules: [] })).toBe(
      'rfm-scores-invalid',
    );
  });

  it('names the rule at fault (one check for the model reader and the CLI) and reads the settings back', () => {
    const s = computeScores(uci, {
      scores: 5,
      method: 'quantile',
      customCuts: { recency: [10, 30, 90, 200] },
    });
    const saved = savedRfmScores({ scores: 5, method: 'quantile' }, s.breaks, DEFAULT_RULES);
    expect(savedRfmScoresProblem(saved)).toBeNull();
    const badRule = { ...saved, rules: [saved.rules[0], { ...saved.rules[1], f: { min: 4, max: 2 } }] };
    expect(savedRfmScoresProblem(badRule)).toEqual({
      code: 'rfm-scores-invalid',
      field: 'rfmScores.rules[1]',
    });
    expect(savedRfmScoresProblem({ ...saved, rules: 'none' })).toEqual({
      code: 'rfm-scores-invalid',
      field: 'rfmScores',
    });
    const back = savedScoreSettings(saved);
    expect(back.settings).toEqual({
      scores: 5,
      method: 'quantile',
      customCuts: { recency: [10, 30, 90, 200] },
    });
    expect(back.rules).toEqual(saved.rules);
  });
});
