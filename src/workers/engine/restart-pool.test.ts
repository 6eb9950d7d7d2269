import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { plainStepper } from '../../core/kmeans';
import { DEFAULT_SWEEP, sweepK, type SweepOptions } from '../../core/sweep/sweep';
import type { SweepResult } from '../../core/sweep/types';
import { handleRequest, transform } from './engine-handler';
import type { EngineResponse, EngineResults } from './protocol';
import { workerRestartHelper, type WorkerLike } from './restart-client';
import { handleRestartRequest, type RestartState } from './restart-handler';
import type { RestartRequest, RestartResponse } from './restart-protocol';
import { pooledSweep, shouldPool, type RestartHelper } from './restart-pool';

// The notebook's real RFM table (online retail 2011 H2, 4,338 customers), Yeo-Johnson transformed.
const ref = JSON.parse(
  readFileSync(
    fileURLToPath(new URL('../../core/__fixtures__/engine-retail-rfm-2011h2.json', import.meta.url)),
    'utf8',
  ),
) as { n: number; recency: number[]; frequency: number[]; monetary: number[] };
const X = transform(
  Float64Array.from(ref.recency),
  Float64Array.from(ref.frequency),
  Float64Array.from(ref.monetary),
).X;
const n = ref.n;
const d = 3;
// silhouette on a sample (n > silhouetteMaxN), as at 100k rows
const OPTIONS: SweepOptions = { ...DEFAULT_SWEEP, kMin: 1, kMax: 6, nInit: 5, silhouetteMaxN: 1500 };

/**
 * An in-process stand-in for the nested Worker: messages are structured-cloned with their transfer
 * lists and delivered on a later macrotask, and run through the real helper handler.
 * `sabotage` may replace an answer (crash, malformed result) for the request it is given.
 */
class FakeWorker implements WorkerLike {
  onmessage: ((e: MessageEvent<RestartResponse>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  onmessageerror: ((e: MessageEvent) => void) | null = null;
  terminated = false;
  runs = 0;
  silhouettes = 0;
  restartsRun: number[] = [];
  private state: RestartState | null = null;
  constructor(
    private readonly sabotage?: (req: RestartRequest, runs: number) => 'crash' | 'malformed' | null,
  ) {}
  postMessage(message: RestartRequest, transfer: Transferable[]): void {
    const req = structuredClone(message, { transfer });
    setTimeout(() => {
      if (this.terminated) return;
      if (req.type === 'run') {
        this.runs++;
        this.restartsRun.push(...req.restarts);
      }
      if (req.type === 'silhouette') this.silhouettes++;
      const what = this.sabotage?.(req, this.runs) ?? null;
      if (what === 'crash') {
        this.onerror?.({ message: 'Uncaught RangeError: out of memory' } as ErrorEvent);
        return;
      }
      this.state = handleRestartRequest(this.state, req, (m, t) => {
        let out = structuredClone(m, { transfer: t });
        if (what === 'malformed' && out.type === 'done') {
          out = { ...out, run: { ...out.run, best: { ...out.run.best, labels: new Int32Array(3) } } };
        }
        setTimeout(() => {
          if (!this.terminated) this.onmessage?.({ data: out } as MessageEvent<RestartResponse>);
        }, 0);
      });
    }, 0);
  }
  terminate(): void {
    this.terminated = true;
  }
}

function expectSameSweep(got: SweepResult, want: SweepResult): void {
  expect(got.points.length).toBe(want.points.length);
  want.points.forEach((w, i) => {
    const g = got.points[i]!;
    expect(g.k).toBe(w.k);
    expect(g.inertia).toBe(w.inertia);
    expect(g.result.nIter).toBe(w.result.nIter);
    expect(g.result.labels).toEqual(w.result.labels);
    expect(g.result.centroids).toEqual(w.result.centroids);
    expect(Object.is(g.silhouette, w.silhouette)).toBe(true);
    expect(Object.is(g.calinskiHarabasz, w.calinskiHarabasz)).toBe(true);
    expect(Object.is(g.daviesBouldin, w.daviesBouldin)).toBe(true);
  });
  expect(got.knee).toEqual(want.knee);
  expect(got.silhouetteSampleSize).toBe(want.silhouetteSampleSize);
  expect(got.seed).toBe(want.seed);
  expect(got.engine).toBe(want.engine);
}

const reference = sweepK(X, n, d, OPTIONS, plainStepper);

/** pooledSweep on the real data, with the reasons it fell back to one worker. */
async function sweepNotingFailures(spawn: () => RestartHelper | null, options: SweepOptions = OPTIONS) {
  const failures: string[] = [];
  const got = await pooledSweep(X, n, d, options, spawn, undefined, (why) => failures.push(why));
  return { got, failures };
}

describe('pooledSweep (restarts split with a helper worker)', () => {
  it('equals the single-worker sweepK exactly on real data, with progress per k', async () => {
    const fake = new FakeWorker();
    const progress: number[] = [];
    const failures: string[] = [];
    const got = await pooledSweep(
      X,
      n,
      d,
      OPTIONS,
      () => workerRestartHelper(fake),
      (done, total) => progress.push(done * 100 + total),
      (why) => failures.push(why),
    );
    expectSameSweep(got, reference);
    expect(progress).toEqual([106, 206, 306, 406, 506, 606]);
    expect(failures).toEqual([]);
    // the helper ran restarts (always the last ones of a k: 2 of 5 for k = 1) and every silhouette
    expect(fake.runs).toBeGreaterThanOrEqual(1);
    expect(fake.restartsRun.slice(0, 2)).toEqual([3, 4]);
    expect(fake.restartsRun.every((r) => r >= 1 && r < 5)).toBe(true);
    expect(fake.silhouettes).toBe(5);
    expect(fake.terminated).toBe(true);
    // sanity: the reference is a real elbow (inertia falls with k), not a degenerate fixture
    expect(reference.points[5]!.inertia).toBeLessThan(reference.points[0]!.inertia / 3);
  });

  it('fits screened on a sample run on this side: the helper computes the silhouettes, the result is exact', async () => {
    const options: SweepOptions = { ...OPTIONS, sampledRestarts: { minN: 1000, size: 1200, finalists: 2 } };
    const want = sweepK(X, n, d, options, plainStepper);
    expect(want.restartSample).toEqual({ size: 753, finalists: 2 }); // ⌊3,014 / 4⌋
    expect(reference.restartSample).toBeUndefined();
    const fake = new FakeWorker();
    const got = await pooledSweep(X, n, d, options, () => workerRestartHelper(fake));
    expectSameSweep(got, want);
    expect(got.restartSample).toEqual(want.restartSample);
    expect(fake.runs).toBe(0);
    expect(fake.silhouettes).toBe(5);
    // a real screening: not the all-rows sweep
    expect(want.points.map((p) => p.result.nIter)).not.toEqual(reference.points.map((p) => p.result.nIter));
  });

  it('keeps the original X intact (the helper gets a copy)', async () => {
    const copy = Float64Array.from(X);
    await pooledSweep(X, n, d, { ...OPTIONS, kMin: 3, kMax: 3 }, () => workerRestartHelper(new FakeWorker()));
    expect(X).toEqual(copy);
  });

  it('a helper crash mid-sweep falls back to one worker with the same result', async () => {
    const fake = new FakeWorker((req, runs) => (req.type === 'run' && runs === 3 ? 'crash' : null));
    const { got, failures } = await sweepNotingFailures(() => workerRestartHelper(fake));
    expectSameSweep(got, reference);
    expect(failures).toEqual(['the helper worker stopped: Uncaught RangeError: out of memory']);
    expect(fake.runs).toBe(3); // nothing sent after the crash
    expect(fake.terminated).toBe(true);
  });

  it('a malformed helper answer is never combined', async () => {
    const fake = new FakeWorker((req) => (req.type === 'run' && req.options.k === 2 ? 'malformed' : null));
    const { got, failures } = await sweepNotingFailures(() => workerRestartHelper(fake));
    expectSameSweep(got, reference);
    expect(failures).toEqual(['the helper worker answered with a malformed result']);
  });

  it('a helper that cannot start (spawn throws, or init fails) gives the same result', async () => {
    const opts = { ...OPTIONS, kMax: 3 };
    const want = sweepK(X, n, d, opts, plainStepper);
    const a = await sweepNotingFailures(() => {
      throw new Error('no nested workers');
    }, opts);
    expectSameSweep(a.got, want);
    expect(a.failures).toEqual(['no nested workers']);
    const fake = new FakeWorker((req) => (req.type === 'init' ? 'crash' : null));
    const b = await sweepNotingFailures(() => workerRestartHelper(fake), opts);
    expectSameSweep(b.got, want);
    expect(b.failures).toEqual(['the helper worker stopped: Uncaught RangeError: out of memory']);
  });

  it('an odd number of restarts and a bad range behave as sweepK', async () => {
    const opts = { ...OPTIONS, kMin: 4, kMax: 5, nInit: 3 };
    const got = await pooledSweep(X, n, d, opts, () => workerRestartHelper(new FakeWorker()));
    expectSameSweep(got, sweepK(X, n, d, opts, plainStepper));
    await expect(
      pooledSweep(X.subarray(0, 9), 3, 3, { ...OPTIONS, kMin: 5, kMax: 6 }, () => null),
    ).rejects.toMatchObject({ code: 'sweep-bad-range' });
  });

  it('dispose rejects pending calls and terminates the worker', async () => {
    const fake = new FakeWorker();
    const helper: RestartHelper = workerRestartHelper(fake);
    const pending = helper.init(X, n, d);
    helper.dispose();
    await expect(pending).rejects.toThrow('disposed');
    expect(fake.terminated).toBe(true);
    await expect(helper.run({ ...OPTIONS, k: 2 }, [1])).rejects.toThrow('disposed');
  });
});

describe('shouldPool', () => {
  it('pools only plain Lloyd sweeps with several restarts on enough rows', () => {
    expect(shouldPool('plain', 20_000, DEFAULT_SWEEP)).toBe(true);
    expect(shouldPool('plain', 19_999, DEFAULT_SWEEP)).toBe(false);
    expect(shouldPool('tfjs-wasm', 100_000, DEFAULT_SWEEP)).toBe(false);
    expect(shouldPool('plain', 100_000, { ...DEFAULT_SWEEP, nInit: 1 })).toBe(false);
    expect(shouldPool('plain', 100_000, { ...DEFAULT_SWEEP, algorithm: 'minibatch' })).toBe(false);
  });
});

describe('handleRequest sweep with a helper', () => {
  it('uses two workers above poolMinN, one below, with identical results', async () => {
    const messages: EngineResponse[] = [];
    const fakes: FakeWorker[] = [];
    const env = {
      poolMinN: 1000,
      makeHelper: () => {
        const f = new FakeWorker();
        fakes.push(f);
        return workerRestartHelper(f);
      },
    };
    const opts = { ...OPTIONS, kMax: 3 };
    await handleRequest(
      { type: 'sweep', id: 7, X: Float64Array.from(X), n, d, options: opts, engine: 'plain' },
      (m) => messages.push(m),
      env,
    );
    await handleRequest(
      { type: 'sweep', id: 8, X: Float64Array.from(X), n, d, options: opts, engine: 'plain' },
      (m) => messages.push(m),
      { ...env, poolMinN: n + 1 },
    );
    const want = sweepK(X, n, d, opts, plainStepper);
    const results = messages.filter((m) => m.type === 'result');
    expect(messages.filter((m) => m.type === 'progress' && m.id === 7).length).toBe(3);
    const pooled = results[0]!.result as EngineResults['sweep'];
    const single = results[1]!.result as EngineResults['sweep'];
    expectSameSweep(pooled, want);
    expectSameSweep(single, want);
    expect(pooled.engineInfo.workers).toBe(2);
    expect(single.engineInfo.workers).toBe(1);
    expect(fakes.length).toBe(1);
    expect(fakes[0]!.terminated).toBe(true);
  });
});
