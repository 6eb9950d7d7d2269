import { describe, expect, it } from 'vitest';
import { diffRuns } from './diff';
import { buildRunRecord, parseRunRecord, runId, type RunInput } from './run-record';

const base: RunInput = {
  createdAt: new Date('2026-12-07T06:00:00.123Z'),
  appVersion: '0.1.0',
  source: 'cli',
  input: { name: 'a.csv', sha256: 'ab'.repeat(32), bytes: 10, rows: 5, customers: 3, kind: 'transactions' },
  cleaning: { dropDuplicates: true },
  rfm: { frequency: 'invoices' },
  kmeans: {
    seed: 42,
    kMin: 1,
    kMax: 3,
    nInit: 10,
    maxIter: 300,
    tol: 1e-4,
    algorithm: 'lloyd',
    engine: 'plain',
  },
  sweep: [
    { k: 1, inertia: 9, silhouette: NaN, calinskiHarabasz: NaN, daviesBouldin: NaN },
    { k: 2, inertia: 4, silhouette: 0.5, calinskiHarabasz: 10, daviesBouldin: 0.7 },
    { k: 3, inertia: 2, silhouette: 0.4, calinskiHarabasz: 12, daviesBouldin: 0.8 },
  ],
  suggestedK: 2,
  chosenK: 2,
  lambdas: Float64Array.of(0.1, -0.2, 0.3),
  inertia: 4,
  segmentSizes: [2, 1],
  durationMs: 12,
  artifacts: ['model.json'],
};

describe('run records', () => {
  it('id from the time, the input hash and the seed; NaN metrics as null; sizes summed', () => {
    const r = buildRunRecord(base);
    expect(r.id).toBe('20261207T060000123Z-abababab-s42');
    expect(runId(base.createdAt, base.input.sha256, 7)).toBe('20261207T060000123Z-abababab-s7');
    expect(r.metrics.sweep[0]!.silhouette).toBeNull();
    expect(r.metrics.customersModelled).toBe(3);
    expect(r.metrics.lambdas).toEqual([0.1, -0.2, 0.3]);
    expect(parseRunRecord(JSON.stringify(r), 'x')).toEqual(JSON.parse(JSON.stringify(r)));
  });

  it('refuses text that is not a run, naming the file', () => {
    expect(() => parseRunRecord('{', 'run.json')).toThrow(/run\.json is not JSON/);
    expect(() => parseRunRecord('{"format":"other"}', 'run.json')).toThrow(/not a Segment Notebook run/);
    const future = { ...buildRunRecord(base), formatVersion: 99 };
    expect(() => parseRunRecord(JSON.stringify(future), 'f')).toThrow(/version 99/);
  });
});

describe('diffRuns', () => {
  it('names the changed settings and metrics, sweep points matched by k', () => {
    const a = buildRunRecord(base);
    const b = buildRunRecord({
      ...base,
      createdAt: new Date('2026-12-07T07:00:00Z'),
      cleaning: { dropDuplicates: false },
      kmeans: { ...base.kmeans, seed: 7 },
      // the same k = 2 point, listed in another order, and k = 3 changed
      sweep: [base.sweep[2]!, base.sweep[1]!, { ...base.sweep[0]!, inertia: 9 }].map((p) =>
        p.k === 3 ? { ...p, inertia: 2.5 } : p,
      ),
      segmentSizes: [1, 2],
      durationMs: 99,
    });
    const d = diffRuns(a, b);
    expect(d.map((x) => x.path).sort()).toEqual(
      [
        'metrics.segmentSizes[0]',
        'metrics.segmentSizes[1]',
        'metrics.sweep[k=3].inertia',
        'params.cleaning.dropDuplicates',
        'params.kmeans.seed',
      ].sort(),
    );
    expect(d.find((x) => x.path === 'params.kmeans.seed')).toEqual({
      path: 'params.kmeans.seed',
      a: 42,
      b: 7,
    });
    expect(diffRuns(a, a)).toEqual([]);
  });
});
