import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SWEEP } from '../../core/sweep/sweep';
import { UserFacingError } from '../../core/errors';
import { calibrate, checkAgainstPlain, disagreement, spreadCentroids, timeIterations } from './calibration';
import { calibrationK, chooseEngine, handleRequest, transform } from './engine-handler';
import { plainStepper } from '../../core/kmeans';
import type { LloydStepperFactory } from '../../core/kmeans/types';
import type { EngineResponse } from './protocol';
import { collectTransferables, sizeBucket } from './protocol';

/** pandas / scikit-learn 1.2.1 references for the notebook's RFM table (scripts/reference/engine_reference.py). */
interface Reference {
  n: number;
  recency: number[];
  frequency: number[];
  monetary: number[];
  lambdas: number[];
  skewBefore: number[];
  skewAfter: number[];
  sweep: { k: number; inertia: number }[];
}
const ref = JSON.parse(
  readFileSync(
    fileURLToPath(new URL('../../core/__fixtures__/engine-retail-rfm-2011h2.json', import.meta.url)),
    'utf8',
  ),
) as Reference;
const rfm = {
  recency: Float64Array.from(ref.recency),
  frequency: Float64Array.from(ref.frequency),
  monetary: Float64Array.from(ref.monetary),
};
const noGpu = {
  webgl: { renderer: null, available: false, software: false },
  webgpu: { available: false, adapter: null, software: false },
};

function collect(): {
  messages: EngineResponse[];
  transfers: Transferable[][];
  post: (m: EngineResponse, t: Transferable[]) => void;
} {
  const messages: EngineResponse[] = [];
  const transfers: Transferable[][] = [];
  return { messages, transfers, post: (m, t) => (messages.push(m), transfers.push(t)) };
}

describe('transform', () => {
  it('fits Yeo-Johnson as scikit-learn and reports pandas skewness before and after', () => {
    const r = transform(rfm.recency, rfm.frequency, rfm.monetary);
    for (let j = 0; j < 3; j++) {
      expect(r.fit.lambdas[j]).toBeCloseTo(ref.lambdas[j] as number, 6);
      expect(r.skewBefore[j]).toBeCloseTo(ref.skewBefore[j] as number, 8);
      expect(r.skewAfter[j]).toBeCloseTo(ref.skewAfter[j] as number, 5);
    }
    expect(r.X.length).toBe(ref.n * 3);
    expect(r.features).toEqual(['recency', 'frequency', 'monetary']);
  });

  it('an empty column is a feature left out: X is n × 2 over the others, their λ unchanged', () => {
    const all = transform(rfm.recency, rfm.frequency, rfm.monetary);
    const rf = transform(rfm.recency, rfm.frequency, new Float64Array(0));
    expect(rf.features).toEqual(['recency', 'frequency']);
    expect(rf.X.length).toBe(ref.n * 2);
    expect(Array.from(rf.fit.lambdas)).toEqual(Array.from(all.fit.lambdas.subarray(0, 2)));
    const fm = transform(new Float64Array(0), rfm.frequency, rfm.monetary);
    expect(fm.features).toEqual(['frequency', 'monetary']);
    expect(Array.from(fm.fit.scales)).toEqual(Array.from(all.fit.scales.subarray(1, 3)));
    for (let i = 0; i < ref.n; i += 97) expect(fm.X[i * 2 + 1]).toBe(all.X[i * 3 + 2]);
  });
});

describe('calibration', () => {
  const { X } = transform(rfm.recency, rfm.frequency, rfm.monetary);
  const n = ref.n;

  it('times a stepper and disposes it', () => {
    let disposed = 0;
    let steps = 0;
    const { msPerIteration: ms, inertia } = timeIterations(
      (x, nn, d) => {
        const s = plainStepper(x, nn, d);
        return {
          name: 'counted',
          step: (c, k) => (steps++, s.step(c, k)),
          dispose: () => (disposed++, s.dispose()),
        };
      },
      X,
      n,
      3,
      4,
    );
    expect(ms).toBeGreaterThanOrEqual(0);
    const direct = plainStepper(X, n, 3);
    expect(inertia).toBe(direct.step(spreadCentroids(X, n, 3, 4), 4).inertia);
    direct.dispose();
    expect(steps).toBeGreaterThanOrEqual(4); // warm-up + at least 3 timed
    expect(steps).toBeLessThanOrEqual(6);
    expect(disposed).toBe(1);
  });

  it('spreads starting centroids over distinct rows', () => {
    const c = spreadCentroids(X, n, 3, 4);
    expect([...c.subarray(0, 3)]).toEqual([...X.subarray(376 * 3, 377 * 3)]); // row ⌊0.5·3014/4⌋
    expect([...c.subarray(9, 12)]).toEqual([...X.subarray(2637 * 3, 2638 * 3)]); // row ⌊3.5·3014/4⌋
  });

  it('measures plain and wasm, skips missing GPUs, and explains the choice', async () => {
    const info = await calibrate(X, n, 3, 6, noGpu, { plainFastEnoughMs: 0 });
    expect(info.source).toBe('calibrated');
    expect(info.calibratedOn).toEqual({ n, d: 3, k: 6 });
    const byName = Object.fromEntries(info.calibration.map((e) => [e.engine, e]));
    expect(byName.plain?.msPerIteration).toBeGreaterThan(0);
    expect(byName['tfjs-wasm']?.msPerIteration).toBeGreaterThan(0);
    expect(byName['tfjs-webgl']).toEqual({
      engine: 'tfjs-webgl',
      msPerIteration: null,
      error: 'WebGL is not available',
    });
    expect(byName['tfjs-webgpu']?.msPerIteration).toBeNull();
    // The choice is the fastest measured engine, plain unless another is ≥ 10% faster.
    const plainMs = byName.plain?.msPerIteration as number;
    const wasmMs = byName['tfjs-wasm']?.msPerIteration as number;
    expect(info.name).toBe(wasmMs < 0.9 * plainMs ? 'tfjs-wasm' : 'plain');
    expect(info.reason).toMatch(/per iteration vs .* \(measured on 3,014 rows × 3, k = 6\)/);
    expect(info.reason).toMatch(/WebGL: WebGL is not available/);
  });

  it('says a software renderer was skipped', async () => {
    const renderer =
      'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)';
    const info = await calibrate(
      X,
      n,
      3,
      2,
      {
        webgl: { renderer, available: true, software: true },
        webgpu: { available: true, adapter: 'google swiftshader', software: true },
      },
      { plainFastEnoughMs: 0 },
    );
    expect(info.software).toBe(true);
    expect(info.renderer).toBe(renderer);
    expect(info.calibration.find((e) => e.engine === 'tfjs-webgl')?.error).toBe(
      'skipped: software renderer (SwiftShader)',
    );
    expect(info.reason).toMatch(/WebGL and WebGPU skipped: software renderer \(SwiftShader\)\.$/);
    expect(['plain', 'tfjs-wasm']).toContain(info.name);
  });

  it('does not load TensorFlow.js when the plain loop is already faster than starting it', async () => {
    const info = await calibrate(X, n, 3, 6, noGpu, { plainFastEnoughMs: Infinity });
    expect(info.name).toBe('plain');
    const wasm = info.calibration.find((e) => e.engine === 'tfjs-wasm');
    expect(wasm?.msPerIteration).toBeNull();
    expect(wasm?.error).toMatch(/^not measured: plain typed arrays need under/);
    expect(info.reason).toMatch(
      /WebAssembly not tried: at this size the plain loop finishes before TensorFlow\.js could start/,
    );
  });

  it('uses a forced engine, and falls back to plain when it cannot start', async () => {
    const forced = await chooseEngine({ engine: 'tfjs-wasm', X, n, d: 3 }, 4);
    expect(forced.engineInfo).toMatchObject({ name: 'tfjs-wasm', source: 'override', calibration: [] });
    expect(forced.factory(X, n, 3).name).toBe('tfjs-wasm');
    // Node has no WebGL: the override cannot start and plain runs, saying why.
    const fallback = await chooseEngine({ engine: 'tfjs-webgl', X, n, d: 3 }, 4);
    expect(fallback.engineInfo.name).toBe('plain');
    expect(fallback.engineInfo.source).toBe('fallback');
    expect(fallback.engineInfo.reason).toMatch(
      /^TensorFlow\.js WebGL could not start: .+; plain typed arrays ran instead\.$/,
    );
    expect(fallback.factory).toBe(plainStepper);
  });

  it('rejects an engine whose step disagrees with plain', () => {
    // A stand-in for a broken GPU read-back (WebGPU on SwiftShader returned zeros).
    const zeros: LloydStepperFactory = (x, nn, d) => {
      const s = plainStepper(x, nn, d);
      return {
        name: 'broken',
        step: (c, k) => ({ ...s.step(c, k), inertia: 0 }),
        dispose: () => s.dispose(),
      };
    };
    expect(checkAgainstPlain('tfjs-webgpu', zeros, X, n, 3, 4)).toMatch(
      /^gave wrong results on this device \(inertia 0\.00000 vs [\d.]+ in float64\), so WebGPU is not used$/,
    );
    expect(checkAgainstPlain('plain', plainStepper, X, n, 3, 4)).toBeNull();
    expect(disagreement('tfjs-wasm', 100.05, 100)).toBeNull();
    expect(disagreement('tfjs-wasm', Number.NaN, 100)).not.toBeNull();
  });

  it('picks a sensible calibration k and size buckets', () => {
    expect(calibrationK(1, 10, 5000)).toBe(6);
    expect(calibrationK(1, 1, 5000)).toBe(2);
    expect(calibrationK(1, 10, 1)).toBe(1);
    expect(sizeBucket(4338, 3)).toBe(sizeBucket(4000, 3));
    expect(sizeBucket(4338, 3)).not.toBe(sizeBucket(100_000, 3));
    expect(sizeBucket(4338, 3)).not.toBe(sizeBucket(4338, 4));
  });
});

describe('handleRequest', () => {
  it('sweeps with progress per k and returns transferable results equal to scikit-learn', async () => {
    const { X } = transform(rfm.recency, rfm.frequency, rfm.monetary);
    const { messages, transfers, post } = collect();
    await handleRequest(
      {
        type: 'sweep',
        id: 7,
        X,
        n: ref.n,
        d: 3,
        options: { ...DEFAULT_SWEEP, kMin: 1, kMax: 5, nInit: 3 },
        engine: 'plain',
      },
      post,
    );
    const progress = messages.filter((m) => m.type === 'progress');
    expect(progress.map((m) => (m.type === 'progress' ? [m.doneK, m.totalK] : null))).toEqual([
      [1, 5],
      [2, 5],
      [3, 5],
      [4, 5],
      [5, 5],
    ]);
    const last = messages.at(-1);
    expect(last?.type).toBe('result');
    if (last?.type !== 'result') return;
    const result = last.result as unknown as {
      points: { k: number; inertia: number; result: { labels: Int32Array } }[];
      engineInfo: { name: string };
      engine: string;
    };
    expect(result.engineInfo.name).toBe('plain');
    expect(result.engine).toBe('plain');
    for (const p of result.points) {
      const sk = ref.sweep.find((s) => s.k === p.k)?.inertia as number;
      expect(p.inertia).toBeLessThan(sk * 1.01); // nInit 3 vs scikit-learn's 10: within 1%
    }
    // Every labels/centroids buffer is in the transfer list, each once.
    const t = transfers.at(-1) as Transferable[];
    expect(new Set(t).size).toBe(t.length);
    expect(t).toContain(result.points[0]?.result.labels.buffer);
  });

  it('turns a UserFacingError into an error message with its code', async () => {
    const { messages, post } = collect();
    const constant = new Float64Array(10).fill(5);
    await handleRequest(
      {
        type: 'transform',
        id: 3,
        recency: constant,
        frequency: rfm.frequency.slice(0, 10),
        monetary: rfm.monetary.slice(0, 10),
      },
      post,
    );
    expect(messages).toHaveLength(1);
    const m = messages[0];
    expect(m?.type).toBe('error');
    if (m?.type !== 'error') return;
    expect(m.id).toBe(3);
    expect(m.error.name).toBe('UserFacingError');
    expect(m.error.code).toBe('power-constant-column');
    expect(m.error.facts).toMatchObject({ code: 'power-constant-column', column: 'recency' });
    expect(new UserFacingError(m.error.facts!)).toBeInstanceOf(Error);
  });

  it('inverts the transform back to original units', async () => {
    const tr = transform(rfm.recency, rfm.frequency, rfm.monetary);
    const { messages, post } = collect();
    await handleRequest({ type: 'inverse', id: 1, X: tr.X.subarray(0, 30), d: 3, fit: tr.fit }, post);
    const m = messages[0];
    if (m?.type !== 'result') throw new Error('expected a result');
    const back = m.result as Float64Array;
    for (let i = 0; i < 10; i++) {
      expect(back[i * 3]).toBeCloseTo(ref.recency[i] as number, 6);
      expect(back[i * 3 + 2]).toBeCloseTo(ref.monetary[i] as number, 4);
    }
  });
});

describe('collectTransferables', () => {
  it('finds each buffer once, through arrays and objects', () => {
    const a = new Float64Array(4);
    const b = new Int32Array(2);
    const view = new Float64Array(a.buffer, 8, 1);
    expect(collectTransferables({ a, list: [b, { view }], n: 3, s: 'x' })).toEqual([a.buffer, b.buffer]);
  });
});
