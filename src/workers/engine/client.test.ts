import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SWEEP } from '../../core/sweep/sweep';
import { UserFacingError } from '../../core/errors';
import { createEngineClient, type WorkerLike } from './client';
import { handleRequest } from './engine-handler';
import type { EngineRequest, EngineResponse } from './protocol';

const ref = JSON.parse(
  readFileSync(
    fileURLToPath(new URL('../../core/__fixtures__/engine-retail-rfm-2011h2.json', import.meta.url)),
    'utf8',
  ),
) as { n: number; recency: number[]; frequency: number[]; monetary: number[] };
const rfm = {
  recency: Float64Array.from(ref.recency),
  frequency: Float64Array.from(ref.frequency),
  monetary: Float64Array.from(ref.monetary),
};

/**
 * A stand-in Worker running the real handler on this thread. Messages are structured-cloned with
 * their transfer lists in both directions, as a real worker does (transferred buffers are detached).
 */
class FakeWorker implements WorkerLike {
  onmessage: ((e: MessageEvent<EngineResponse>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  onmessageerror: ((e: MessageEvent) => void) | null = null;
  terminated = false;
  readonly received: EngineRequest[] = [];
  private queue: Promise<void> = Promise.resolve();
  constructor(private readonly crashOn?: EngineRequest['type']) {}

  postMessage(message: EngineRequest, transfer: Transferable[]): void {
    const req = structuredClone(message, { transfer });
    this.received.push(req);
    if (req.type === this.crashOn) {
      setTimeout(
        () =>
          this.onerror?.({
            message: 'Uncaught RangeError: out of memory',
            preventDefault() {},
          } as ErrorEvent),
        0,
      );
      return;
    }
    this.queue = this.queue.then(async () => {
      await new Promise((r) => setTimeout(r, 0));
      if (this.terminated) return;
      await handleRequest(req, (res, t) => {
        if (this.terminated) return;
        const copy = structuredClone(res, { transfer: t });
        this.onmessage?.({ data: copy } as MessageEvent<EngineResponse>);
      });
    });
  }

  terminate(): void {
    this.terminated = true;
  }
}

/** Workers that crash on `crashOn` requests: the first one only, or every one with `always`. */
function fakeFactory(crashOn?: EngineRequest['type'], always = false) {
  const workers: FakeWorker[] = [];
  return {
    workers,
    createWorker: () => {
      const w = new FakeWorker(workers.length === 0 || always ? crashOn : undefined);
      workers.push(w);
      return w;
    },
  };
}

const sweepOptions = { ...DEFAULT_SWEEP, kMin: 1, kMax: 4, nInit: 2 };

describe('engine client', () => {
  it('transforms and sweeps without detaching the caller’s arrays, calibrating once per size', async () => {
    const f = fakeFactory();
    const client = createEngineClient({ createWorker: f.createWorker });
    const tr = await client.transform(rfm);
    expect(rfm.recency.length).toBe(ref.n); // still attached: a copy was transferred
    expect(tr.X.length).toBe(ref.n * 3);

    const progress: [number, number][] = [];
    const s1 = await client.sweep(tr.X, ref.n, 3, sweepOptions, {
      onProgress: (a, b) => progress.push([a, b]),
    });
    expect(tr.X.length).toBe(ref.n * 3);
    expect(progress).toEqual([
      [1, 4],
      [2, 4],
      [3, 4],
      [4, 4],
    ]);
    expect(s1.points.map((p) => p.k)).toEqual([1, 2, 3, 4]);
    expect(s1.engineInfo.source).toBe('calibrated');
    expect(s1.engineInfo.calibration.map((e) => e.engine)).toEqual([
      'plain',
      'tfjs-wasm',
      'tfjs-webgl',
      'tfjs-webgpu',
    ]);

    // Same size again: the measurement is reused, the worker is told the engine by name.
    const s2 = await client.sweep(tr.X, ref.n, 3, sweepOptions);
    expect(s2.engineInfo.source).toBe('cached');
    expect(s2.engineInfo.name).toBe(s1.engineInfo.name);
    const sent = f.workers[0]?.received.filter((r) => r.type === 'sweep') ?? [];
    expect(sent.map((r) => (r.type === 'sweep' ? r.engine : null))).toEqual(['auto', s1.engineInfo.name]);
    expect(s2.points.map((p) => p.inertia)).toEqual(s1.points.map((p) => p.inertia));

    // A fit of the same data reuses it too, and equals the sweep's point for that k.
    const fit = await client.fit(tr.X, ref.n, 3, {
      k: 3,
      seed: sweepOptions.seed,
      nInit: 2,
      maxIter: 300,
      tol: 1e-4,
      algorithm: 'lloyd',
    });
    expect(fit.engineInfo.source).toBe('cached');
    expect(fit.inertia).toBeCloseTo(s1.points[2]?.inertia as number, 6);

    // The override is respected and not cached.
    const forced = await client.fit(tr.X, ref.n, 3, {
      k: 2,
      seed: 1,
      nInit: 1,
      maxIter: 50,
      tol: 1e-4,
      algorithm: 'lloyd',
      engine: 'tfjs-cpu',
    });
    expect(forced.engineInfo).toMatchObject({ name: 'tfjs-cpu', source: 'override' });

    const back = await client.inverse(tr.X.subarray(0, 6), 3, tr.fit);
    expect(back[0]).toBeCloseTo(ref.recency[0] as number, 6);
    expect(f.workers).toHaveLength(1);
    client.dispose();
  });

  it('cancels with an AbortError and starts a fresh worker for the next call', async () => {
    const f = fakeFactory();
    const client = createEngineClient({ createWorker: f.createWorker });
    const { X } = await client.transform(rfm);
    const controller = new AbortController();
    const run = client.sweep(
      X,
      ref.n,
      3,
      { ...sweepOptions, engine: 'plain' },
      {
        signal: controller.signal,
        onProgress: (done) => {
          if (done === 1) controller.abort();
        },
      },
    );
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    await expect(run).rejects.toBeInstanceOf(Error);
    expect(f.workers[0]?.terminated).toBe(true);

    // Already aborted: rejected without touching a worker.
    await expect(client.transform(rfm, { signal: controller.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(f.workers).toHaveLength(1);

    const again = await client.transform(rfm);
    expect(again.X.length).toBe(ref.n * 3);
    expect(f.workers).toHaveLength(2);
    client.dispose();
  });

  it('a worker that dies is replaced and the interrupted call sent again', async () => {
    const f = fakeFactory('sweep');
    const client = createEngineClient({ createWorker: f.createWorker });
    const restarts: string[] = [];
    client.onRestart((detail) => restarts.push(detail));
    const X = new Float64Array(30).map((_, i) => Math.sin(i));
    const s = await client.sweep(X, 10, 3, { ...sweepOptions, engine: 'plain' });
    expect(s.points).toHaveLength(4);
    expect(f.workers).toHaveLength(2);
    expect(f.workers[0]?.terminated).toBe(true);
    expect(f.workers[1]?.received.map((r) => r.type)).toEqual(['sweep']);
    expect(restarts).toEqual(['Uncaught RangeError: out of memory']);
    // The caller's array was not detached by either attempt.
    expect(X[1]).toBe(Math.sin(1));
    client.dispose();
  });

  it('a call that kills the engine twice rejects with what to do', async () => {
    const f = fakeFactory('sweep', true);
    const client = createEngineClient({ createWorker: f.createWorker });
    const X = new Float64Array(30).map((_, i) => Math.sin(i));
    const err = await client.sweep(X, 10, 3, sweepOptions).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserFacingError);
    expect((err as UserFacingError).code).toBe('engine-crashed');
    expect((err as UserFacingError).facts).toEqual({
      code: 'engine-crashed',
      detail: 'Uncaught RangeError: out of memory',
    });
    expect(f.workers).toHaveLength(2);
    // A later call gets a fresh worker.
    await expect(client.transform(rfm)).resolves.toBeDefined();
    client.dispose();
  });

  it('rebuilds UserFacingError from the worker', async () => {
    const f = fakeFactory();
    const client = createEngineClient({ createWorker: f.createWorker });
    const X = new Float64Array(9).fill(1);
    const err = await client
      .sweep(X, 3, 3, { ...sweepOptions, kMin: 5, kMax: 6, engine: 'plain' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserFacingError);
    expect((err as UserFacingError).code).toBe('sweep-bad-range');
    client.dispose();
  });
});
