/**
 * The session record and its verification: what is saved survives a structured clone (what IndexedDB
 * stores), and the summary comparison a restore relies on tells an identical replay (same seed → the
 * same k-means, bit for bit, on the real 2011-H2 RFM table) from a different one.
 */
import { describe, expect, it } from 'vitest';
import { applyPowerTransform, fitPowerTransform } from '../core/transform/power-transform';
import { DEFAULT_SWEEP, sweepK } from '../core/sweep/sweep';
import { fixtureColumns, loadFixture } from '../core/__fixtures__/load';
import type { RfmTable } from '../core/rfm/types';
import { isQuotaError, storageError, type ResultSummary } from './persistence';
import { toStepError } from './step-errors';
import { compareSummary as compareFacts, settingsOf, summaryOf } from './session-summary';
import { summaryDiffText } from '../messages/session';
import { useNotebook } from './store';
import type { SweepState } from './model-slice';

const fx = loadFixture('retail-rfm-2011h2');
const cols = fixtureColumns(fx);
const rfm: RfmTable = {
  customerIds: fx.recency.map((_, i) => String(i)),
  recency: cols[0]!,
  frequency: cols[1]!,
  monetary: cols[2]!,
  analysisTime: Number.NaN,
  excludedNonPositive: 0,
  preAggregated: true,
};
const X = applyPowerTransform(cols, fitPowerTransform(cols));
const opts = { ...DEFAULT_SWEEP, kMax: 6, nInit: 3, seed: 7 };

function sweepState(seed: number): SweepState {
  const result = sweepK(X, fx.n, 3, { ...opts, seed });
  return { rfm, result } as unknown as SweepState;
}

describe('summary of results', () => {
  const a = summaryOf({ rfm, sweep: sweepState(7) });
  it('holds the customer count and the inertia of every swept k', () => {
    expect(a.customers).toBe(fx.n);
    expect(a.inertias.map((p) => p.k)).toEqual([1, 2, 3, 4, 5, 6]);
    // k = 1: inertia of standardised data = n · d (each column has mean 0, variance 1).
    expect(a.inertias[0]!.inertia).toBeCloseTo(fx.n * 3, 6);
    for (let i = 1; i < a.inertias.length; i++)
      expect(a.inertias[i]!.inertia).toBeLessThan(a.inertias[i - 1]!.inertia);
  });
  it('a replay with the same seed is identical; other numbers are reported', () => {
    // the differences as the session notice writes them (src/messages/session.ts)
    const compareSummary = (x: ResultSummary, y: ResultSummary) => compareFacts(x, y).map(summaryDiffText);
    const b = summaryOf({ rfm, sweep: sweepState(7) });
    expect(compareSummary(a, b)).toEqual([]);
    const fewer = { ...b, customers: fx.n - 1 };
    expect(compareSummary(a, fewer)).toEqual([`the RFM table has ${fx.n - 1} customers instead of ${fx.n}`]);
    const off = {
      ...b,
      inertias: b.inertias.map((p) => (p.k === 4 ? { k: 4, inertia: p.inertia * 1.01 } : p)),
    };
    const diffs = compareSummary(a, off);
    expect(diffs).toHaveLength(1);
    expect(diffs[0]).toMatch(/^the inertia for k = 4 is /);
    const missing = { ...b, inertias: b.inertias.filter((p) => p.k !== 6) };
    expect(compareSummary(a, missing)).toEqual(['k = 6 was not computed']);
    expect(
      compareSummary(a, { ...b, inertias: b.inertias.map((p) => ({ ...p, inertia: Number.NaN })) }),
    ).toHaveLength(6);
  });
  it('a sweep of an older RFM table is not summarised', () => {
    const other: RfmTable = { ...rfm };
    expect(summaryOf({ rfm: other, sweep: sweepState(7) }).inertias).toEqual([]);
  });
});

describe('settings record', () => {
  it('is null before a file is loaded, and survives a structured clone as IndexedDB stores it', () => {
    const s0 = useNotebook.getState();
    expect(settingsOf(s0, 1)).toBeNull();
    const state = {
      ...s0,
      datasetName: 'x.csv',
      loadResult: {} as never,
      mapping: { customer: 0, date: 2 },
      dateOrder: 'DMY' as const,
      seed: 123,
      leftOut: 'monetary' as const,
      k: 4,
      clusterNames: { 4: ['Champions', '', '<b>x</b>'] },
      rfm,
      sweep: sweepState(123),
    };
    const rec = settingsOf(state, 1000)!;
    const back = structuredClone(rec);
    expect(back).toEqual(rec);
    expect(back.fileName).toBe('x.csv');
    expect(back.leftOut).toBe('monetary'); // the feature left out is part of the session
    expect(back.clusterNames[4]).toEqual(['Champions', '', '<b>x</b>']);
    expect(back.summary.customers).toBe(fx.n);
    expect(back.summary.inertias).toHaveLength(6);
  });
});

describe('storage errors', () => {
  it('a QuotaExceededError becomes a storage-full sentence with the size', () => {
    const e = new DOMException('quota', 'QuotaExceededError');
    expect(isQuotaError(e)).toBe(true);
    const u = storageError(e, 'a copy of the file', 312_500_000);
    expect(u.code).toBe('storage-full');
    expect(toStepError(u).message).toContain('keep a copy of the file (312.5 MB)');
    expect(isQuotaError(new DOMException('x', 'NotFoundError'))).toBe(false);
    expect(storageError(new Error('disk'), 'x').code).toBe('storage-failed');
  });
});
