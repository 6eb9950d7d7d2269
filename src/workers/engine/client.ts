/**
 * Promise API of the engine worker (Yeo-Johnson transform, k-means sweep and fit, inverse transform).
 *
 * - One worker, created lazily, runs requests one at a time. State (the calibration cache) lives
 *   here on the main thread, so a restarted worker loses nothing.
 * - Inputs are copied and the copies' buffers transferred (the caller keeps its arrays); results
 *   come back as transferred buffers.
 * - Cancelling (AbortSignal) terminates the worker and starts a fresh one on the next call; the
 *   cancelled call rejects with an Error named 'AbortError'. Calls queued behind it on the same
 *   worker are rejected with a message saying to run them again.
 * - A worker that dies (error event) is replaced: every call it was running or had queued is sent
 *   once more to a fresh worker (requests are pure computations on inputs the client still holds),
 *   and `onRestart` listeners are told. A call whose second attempt dies too rejects with a plain
 *   message ('engine-crashed').
 * - Engine choice: `engine: 'auto'` (default) calibrates on the first sweep/fit of a data size
 *   (half-octave buckets of n, per d) and reuses that measurement afterwards; a name forces it.
 */
import type { KMeansOptions, KMeansResult, PowerFit, SweepResult } from '../../core/types';
import { UserFacingError } from '../../core/types';
import type { SweepOptions } from '../../core/sweep/sweep';
import type {
  EngineInfo,
  EngineRequest,
  EngineResponse,
  EngineResults,
  SerializedError,
  TransformResult,
} from './protocol';
import { sizeBucket } from './protocol';

export type { CalibrationEntry, EngineChoice, EngineInfo, EngineName, TransformResult } from './protocol';

export interface EngineClient {
  transform(
    rfm: { recency: Float64Array; frequency: Float64Array; monetary: Float64Array },
    opts?: { signal?: AbortSignal },
  ): Promise<TransformResult>;
  /** Chooses the engine (calibration on the actual data size, unless `engine` forces one). */
  sweep(
    X: Float64Array,
    n: number,
    d: number,
    options: SweepOptions & { engine?: EngineInfo['name'] | 'auto' },
    opts?: { signal?: AbortSignal; onProgress?: (doneK: number, totalK: number) => void },
  ): Promise<SweepResult & { engineInfo: EngineInfo }>;
  /** Resolves with the KMeansResult plus the engine that ran it (`engineInfo`). */
  fit(
    X: Float64Array,
    n: number,
    d: number,
    options: KMeansOptions & { engine?: EngineInfo['name'] | 'auto' },
    opts?: { signal?: AbortSignal },
  ): Promise<KMeansResult & { engineInfo: EngineInfo }>;
  inverse(X: Float64Array, d: number, fit: PowerFit): Promise<Float64Array>;
  /** Starts the worker ahead of the first request (module loading overlaps with other work). */
  warmUp(): void;
  /** Called when a crashed worker was replaced and the interrupted calls sent again. */
  onRestart(listener: (detail: string) => void): () => void;
}

/** The part of a Worker the client uses (a fake can stand in for tests). */
export interface WorkerLike {
  postMessage(message: EngineRequest, transfer: Transferable[]): void;
  terminate(): void;
  onmessage: ((e: MessageEvent<EngineResponse>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
  onmessageerror: ((e: MessageEvent) => void) | null;
}

export interface EngineClientOptions {
  /** Makes the worker; defaults to the module worker engine.worker.ts. */
  readonly createWorker?: () => WorkerLike;
}

interface Pending {
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
  readonly onProgress?: ((doneK: number, totalK: number) => void) | undefined;
  readonly cleanup: () => void;
}

const defaultWorker = (): WorkerLike =>
  new Worker(new URL('./engine.worker.ts', import.meta.url), {
    type: 'module',
    name: 'engine',
  }) as unknown as WorkerLike;

/** An Error whose name is 'AbortError', as fetch and DOM APIs reject on abort. */
export function abortError(message = 'The computation was cancelled.'): Error {
  const e = new Error(message);
  e.name = 'AbortError';
  return e;
}

export function createEngineClient(options: EngineClientOptions = {}): EngineClient & { dispose(): void } {
  const createWorker = options.createWorker ?? defaultWorker;
  let worker: WorkerLike | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const calibrations = new Map<string, EngineInfo>();

  function stopWorker(): void {
    if (worker === null) return;
    worker.onmessage = null;
    worker.onerror = null;
    worker.onmessageerror = null;
    worker.terminate();
    worker = null;
  }

  function failAll(error: (id: number) => Error): void {
    const entries = [...pending.entries()];
    pending.clear();
    for (const [id, p] of entries) {
      p.cleanup();
      p.reject(error(id));
    }
  }

  function crash(detail: string): void {
    stopWorker();
    failAll(() => new EngineCrash(detail));
  }

  function ensureWorker(): WorkerLike {
    if (worker !== null) return worker;
    const w = createWorker();
    w.onmessage = (e) => onMessage(e.data);
    w.onerror = (e) => {
      e.preventDefault?.();
      crash(e.message || 'the worker failed to load or threw outside a task');
    };
    w.onmessageerror = () => crash('a message could not be read');
    worker = w;
    return w;
  }

  function onMessage(msg: EngineResponse): void {
    const p = pending.get(msg.id);
    if (p === undefined) return;
    if (msg.type === 'progress') {
      p.onProgress?.(msg.doneK, msg.totalK);
      return;
    }
    pending.delete(msg.id);
    p.cleanup();
    if (msg.type === 'result') p.resolve(msg.result);
    else p.reject(deserializeError(msg.error));
  }

  function call<T extends EngineRequest['type']>(
    request: Omit<Extract<EngineRequest, { type: T }>, 'id'>,
    transfer: Transferable[],
    opts: {
      signal?: AbortSignal | undefined;
      onProgress?: ((doneK: number, totalK: number) => void) | undefined;
    } = {},
  ): Promise<EngineResults[T]> {
    const { signal } = opts;
    if (signal?.aborted) return Promise.reject(abortError());
    return new Promise<EngineResults[T]>((resolve, reject) => {
      const w = ensureWorker();
      const id = nextId++;
      const onAbort = () => {
        const entry = pending.get(id);
        if (entry === undefined) return;
        pending.delete(id);
        entry.cleanup();
        // Terminating also kills whatever else was queued on this worker.
        stopWorker();
        failAll(
          () => new Error('The computation was interrupted because another one was cancelled; run it again.'),
        );
        reject(abortError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      pending.set(id, {
        resolve: resolve as (value: unknown) => void,
        reject,
        onProgress: opts.onProgress,
        cleanup: () => signal?.removeEventListener('abort', onAbort),
      });
      try {
        w.postMessage({ ...request, id } as unknown as EngineRequest, transfer);
      } catch (e) {
        pending.delete(id);
        signal?.removeEventListener('abort', onAbort);
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
  }

  const restartListeners = new Set<(detail: string) => void>();

  /**
   * `call` with a request built afresh for each attempt (its buffers are transferred): after a crash
   * the request goes once more to a new worker.
   */
  async function callTwice<T extends EngineRequest['type']>(
    build: () => [Omit<Extract<EngineRequest, { type: T }>, 'id'>, Transferable[]],
    opts: Parameters<typeof call>[2] = {},
  ): Promise<EngineResults[T]> {
    try {
      return await call<T>(...build(), opts);
    } catch (e) {
      if (!(e instanceof EngineCrash) || opts.signal?.aborted) throw e;
      for (const l of restartListeners) l(e.detail);
      try {
        return await call<T>(...build(), opts);
      } catch (again) {
        if (!(again instanceof EngineCrash)) throw again;
        throw new UserFacingError(
          'engine-crashed',
          `The compute engine stopped unexpectedly twice on this step (${again.detail}). Press "Run again"; if it keeps failing, choose the "plain" engine or fewer customers.`,
        );
      }
    }
  }

  /** The engine to ask for, and the cached info to return when a calibration is reused. */
  function engineFor(choice: EngineInfo['name'] | 'auto' | undefined, n: number, d: number) {
    if (choice !== undefined && choice !== 'auto') return { engine: choice } as const;
    const cached = calibrations.get(sizeBucket(n, d));
    if (cached === undefined) return { engine: 'auto' } as const;
    return { engine: cached.name, cached: { ...cached, source: 'cached' as const } } as const;
  }

  function remember(info: EngineInfo): void {
    if (info.source === 'calibrated' && info.calibratedOn !== undefined) {
      calibrations.set(sizeBucket(info.calibratedOn.n, info.calibratedOn.d), info);
    }
  }

  return {
    transform(rfm, opts = {}) {
      return callTwice<'transform'>(
        () => {
          const recency = rfm.recency.slice();
          const frequency = rfm.frequency.slice();
          const monetary = rfm.monetary.slice();
          return [
            { type: 'transform', recency, frequency, monetary },
            [recency.buffer, frequency.buffer, monetary.buffer],
          ];
        },
        { signal: opts.signal },
      );
    },
    async sweep(X, n, d, options, opts = {}) {
      const { engine: choice, ...sweepOptions } = options;
      const result = await callTwice<'sweep'>(
        () => {
          const copy = X.slice(0, n * d);
          return [
            { type: 'sweep', X: copy, n, d, options: sweepOptions, ...engineFor(choice, n, d) },
            [copy.buffer],
          ];
        },
        { signal: opts.signal, onProgress: opts.onProgress },
      );
      remember(result.engineInfo);
      return result;
    },
    async fit(X, n, d, options, opts = {}) {
      const { engine: choice, ...kmeansOptions } = options;
      const result = await callTwice<'fit'>(
        () => {
          const copy = X.slice(0, n * d);
          return [
            { type: 'fit', X: copy, n, d, options: kmeansOptions, ...engineFor(choice, n, d) },
            [copy.buffer],
          ];
        },
        { signal: opts.signal },
      );
      remember(result.engineInfo);
      return result;
    },
    inverse(X, d, fit) {
      return callTwice<'inverse'>(() => {
        const copy = X.slice();
        return [{ type: 'inverse', X: copy, d, fit }, [copy.buffer]];
      });
    },
    onRestart(listener) {
      restartListeners.add(listener);
      return () => restartListeners.delete(listener);
    },
    warmUp() {
      ensureWorker();
    },
    dispose() {
      stopWorker();
      failAll(() => abortError('The engine was shut down.'));
    },
  };
}

/** The rejection of calls a dying worker was running or had queued. */
class EngineCrash extends Error {
  constructor(readonly detail: string) {
    super(`The compute engine stopped unexpectedly (${detail}).`);
    this.name = 'EngineCrash';
  }
}

function deserializeError(e: SerializedError): Error {
  if (e.name === 'UserFacingError' && e.code !== undefined) return new UserFacingError(e.code, e.message);
  const err = new Error(e.message);
  err.name = e.name;
  return err;
}
