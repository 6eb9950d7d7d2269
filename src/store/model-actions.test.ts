import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  applyPowerTransform,
  fitPowerTransform,
  invertPowerTransform,
} from '../core/transform/power-transform';
import { sweepK, type SweepOptions } from '../core/sweep/sweep';
import type { RfmTable } from '../core/rfm/types';

/** An engine client running the real core code in-process (no worker), recording its calls. */
const calls = {
  transform: 0,
  sweep: [] as { seed: number; engine: string | undefined }[],
  inverse: 0,
  received: [] as Float64Array[],
};
let holdSweep = false;

vi.mock('../workers/engine/client', () => ({
  createEngineClient: () => ({
    onRestart() {
      return () => undefined;
    },
    async transform(rfm: { recency: Float64Array; frequency: Float64Array; monetary: Float64Array }) {
      calls.transform++;
      calls.received.push(rfm.recency, rfm.frequency, rfm.monetary);
      // as the engine handler: an empty column is a feature left out
      const named = [
        ['recency', rfm.recency],
        ['frequency', rfm.frequency],
        ['monetary', rfm.monetary],
      ] as const;
      const kept = named.filter(([, x]) => x.length > 0);
      const cols = kept.map(([, x]) => x);
      const fit = fitPowerTransform(cols);
      return {
        fit,
        X: applyPowerTransform(cols, fit),
        skewBefore: new Float64Array(cols.length),
        skewAfter: new Float64Array(cols.length),
        features: kept.map(([f]) => f),
      };
    },
    async sweep(
      X: Float64Array,
      n: number,
      d: number,
      options: SweepOptions & { engine?: string },
      opts: { signal?: AbortSignal; onProgress?: (a: number, b: number) => void } = {},
    ) {
      calls.sweep.push({ seed: options.seed, engine: options.engine });
      if (holdSweep) {
        await new Promise((_, reject) => {
          opts.signal?.addEventListener('abort', () =>
            reject(Object.assign(new Error('cancelled'), { name: 'AbortError' })),
          );
        });
      }
      const r = sweepK(X, n, d, options, undefined, opts.onProgress);
      return {
        ...r,
        engineInfo: { name: 'plain', reason: 'test', renderer: null, software: false, calibration: [] },
      };
    },
    async fit() {
      throw new Error('not used');
    },
    async inverse(X: Float64Array, d: number, fit: Parameters<typeof invertPowerTransform>[2]) {
      calls.inverse++;
      return invertPowerTransform(X, d, fit);
    },
  }),
}));

const { useNotebook } = await import('./store');
const actions = await import('./model-actions');

function readRfm(rows: number, offset = 0): RfmTable {
  const path = fileURLToPath(new URL('../../fixtures/online-retail-rfm-2011h2.csv', import.meta.url));
  const lines = readFileSync(path, 'utf8')
    .trim()
    .split(/\r?\n/)
    .slice(1 + offset, 1 + offset + rows);
  const col = (j: number) => Float64Array.from(lines, (l) => Number(l.split(',')[j]));
  return {
    customerIds: lines.map((_, i) => String(10000 + offset + i)),
    recency: col(0),
    frequency: col(1),
    monetary: col(2),
    analysisTime: NaN,
    excludedNonPositive: 0,
    preAggregated: true,
  };
}

async function until(pred: () => boolean, ms = 30_000): Promise<void> {
  const t = Date.now();
  while (!pred()) {
    if (Date.now() - t > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('model actions', () => {
  beforeAll(() => actions.installModelSync());
  afterEach(() => {
    holdSweep = false;
  });

  it('leaving a feature out fits on the other two; a table without money is an R+F model', async () => {
    const rfm = readRfm(300);
    useNotebook.setState({ rfm });
    await until(() => useNotebook.getState().sweepStatus === 'ready');
    expect(useNotebook.getState().sweep!.features).toEqual(['recency', 'frequency', 'monetary']);
    actions.setLeftOut('monetary');
    expect(useNotebook.getState().leftOut).toBe('monetary');
    await until(
      () =>
        useNotebook.getState().sweepStatus === 'ready' && useNotebook.getState().sweep!.features.length === 2,
    );
    let s = useNotebook.getState();
    expect(calls.received.at(-1)!.length).toBe(0); // monetary went as an empty column
    expect(s.sweep!.features).toEqual(['recency', 'frequency']);
    const p4 = s.sweep!.result.points.find((p) => p.k === 4)!;
    expect(p4.result.centroids.length).toBe(8);
    expect(s.sweep!.centroidsOriginal.get(4)!.length).toBe(8);
    actions.setLeftOut(null);
    await until(
      () =>
        useNotebook.getState().sweepStatus === 'ready' && useNotebook.getState().sweep!.features.length === 3,
    );
    // without money, monetary is out whatever the choice
    useNotebook.setState({ rfm: { ...readRfm(300), monetary: new Float64Array(300), noMoney: true } });
    await until(
      () =>
        useNotebook.getState().sweepStatus === 'ready' && useNotebook.getState().sweep!.features.length === 2,
    );
    s = useNotebook.getState();
    expect(s.sweep!.features).toEqual(['recency', 'frequency']);
    expect(s.transformError).toBeNull();
  });

  it('recomputes transform and sweep when rfm changes, with the suggested k', async () => {
    const rfm = readRfm(400);
    const copy = rfm.recency.slice();
    useNotebook.setState({ rfm });
    expect(useNotebook.getState().transformStatus).toBe('running');
    await until(() => useNotebook.getState().sweepStatus === 'ready');
    const s = useNotebook.getState();
    expect(s.transformStatus).toBe('ready');
    expect(s.sweep!.rfm).toBe(rfm);
    expect(s.sweep!.result.points.map((p) => p.k)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(s.k).toBe(s.sweep!.result.knee.suggested ?? actions.FALLBACK_K);
    expect(calls.sweep.at(-1)).toEqual({ seed: 42, engine: 'auto' });
    // The client got copies: the data slice's arrays are other objects and unchanged.
    expect(calls.received).not.toContain(rfm.recency);
    expect(Array.from(rfm.recency)).toEqual(Array.from(copy));
    // Centroids in original units: k × 3 for every k, equal to the inverse transform of the model centroids.
    for (const p of s.sweep!.result.points) {
      const inv = s.sweep!.centroidsOriginal.get(p.k)!;
      expect(inv).toHaveLength(p.k * 3);
      const want = invertPowerTransform(p.result.centroids, 3, s.sweep!.transform.fit);
      inv.forEach((v, i) => expect(v).toBeCloseTo(want[i]!, 9));
    }
  });

  it('changes k from the stored sweep without recomputing', () => {
    const before = calls.sweep.length;
    actions.setK(6);
    expect(useNotebook.getState().k).toBe(6);
    actions.setK(99);
    expect(useNotebook.getState().k).toBe(10);
    expect(calls.sweep.length).toBe(before);
  });

  it('re-runs only the sweep for a new seed and keeps k; names reset', async () => {
    actions.setK(5);
    actions.setClusterName(5, 1, 'Gift buyers');
    expect(useNotebook.getState().clusterNames[5]).toEqual(['', 'Gift buyers']);
    const transforms = calls.transform;
    actions.setSeed(7);
    await until(
      () => useNotebook.getState().sweepStatus === 'ready' && useNotebook.getState().sweep!.seed === 7,
    );
    expect(calls.transform).toBe(transforms);
    expect(calls.sweep.at(-1)).toEqual({ seed: 7, engine: 'auto' });
    expect(useNotebook.getState().k).toBe(5);
    expect(useNotebook.getState().clusterNames).toEqual({});
    actions.setSeed(-1);
    expect(useNotebook.getState().seed).toBe(7);
  });

  it('a newer rfm supersedes a running computation', async () => {
    holdSweep = true;
    const a = readRfm(300, 0);
    useNotebook.setState({ rfm: a });
    await until(() => useNotebook.getState().sweepStatus === 'running');
    holdSweep = false;
    const b = readRfm(350, 500);
    useNotebook.setState({ rfm: b });
    await until(() => useNotebook.getState().sweepStatus === 'ready');
    expect(useNotebook.getState().sweep!.rfm).toBe(b);
    expect(useNotebook.getState().sweep!.result.points[0]!.result.labels).toHaveLength(350);
  });

  it('cancel keeps the older results, marked out of date', async () => {
    holdSweep = true;
    const older = useNotebook.getState().sweep;
    actions.rerunModel();
    await until(() => useNotebook.getState().sweepStatus === 'running');
    actions.cancelModel();
    await until(() => useNotebook.getState().sweepStatus !== 'running');
    const s = useNotebook.getState();
    expect(s.sweepStatus).toBe('stale');
    expect(s.sweepError?.code).toBe('cancelled');
    expect(s.sweep).toBe(older);
  });

  it('clears the model when the rfm goes away', () => {
    useNotebook.setState({ rfm: null });
    const s = useNotebook.getState();
    expect(s.sweep).toBeNull();
    expect(s.transformStatus).toBe('waiting');
    expect(s.k).toBeNull();
  });
});
