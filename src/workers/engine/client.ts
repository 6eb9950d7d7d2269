/**
 * Promise API of the engine worker (Yeo-Johnson transform, k-means sweep and fit, inverse transform).
 *
 * - One worker (src/workers/rpc link), created lazily, runs requests one at a time. State (the calibration cache) lives
 *   here on the main thread, so a restarted worker loses nothing.
 * - Inputs are copied and the copies' buffers transferred (the caller keeps its arrays); results
 *   come back as transferred buffers.
 * - Cancelling (AbortSignal) terminates the worker and starts a fresh one on the next call; the
 *   cancelled call rejects with an Error named 'AbortError'. Calls queued behind it on the same
 *   worker are rejected with a message saying to run them again.
 * - A worker that dies (error event) is replaced: every call it was running or had queued is sent
 *   once more to a fresh worker (requests are pure computations on inputs the client still holds),
 *   and `onRestart` listeners are told. A call whose second attempt dies too rejects with the code
 *   'engine-crashed' (its sentence: src/messages).
 * - Engine choice: `engine: 'auto'` (default) calibrates on the first sweep/fit of a data size
 *   (half-octave buckets of n, per d) and reuses that measurement afterwards; a name forces it.
 */
import type { KMeansOptions, KMeansResult } from '../../core/kmeans/types';
import type { PowerFit } from '../../core/transform/types';
import type { SweepResult } from '../../core/sweep/types';
import { UserFacingError } from '../../core/errors';
import type { SweepOptions } from '../../core/sweep/sweep';
import type { EngineInfo, EngineRequest, EngineResponse, EngineResults, TransformResult } from './protocol';
import { sizeBucket } from './protocol';
import { abortError, createLink, type Build, type WorkerLike as RpcWorker } from '../rpc/link';
import { standardReader } from '../rpc/standard';

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
export type WorkerLike = RpcWorker<EngineRequest, EngineResponse>;

export interface EngineClientOptions {
  /** Makes the worker; defaults to the module worker engine.worker.ts. */
  readonly createWorker?: () => WorkerLike;
}

type Progress = readonly [doneK: number, totalK: number];

interface CallOptions {
  readonly signal?: AbortSignal | undefined;
  readonly onProgress?: ((doneK: number, totalK: number) => void) | undefined;
}

const defaultWorker = (): WorkerLike =>
  new Worker(new URL('./engine.worker.ts', import.meta.url), {
    type: 'module',
    name: 'engine',
  }) as unknown as WorkerLike;

export { abortError };

export function createEngineClient(options: EngineClientOptions = {}): EngineClient & { dispose(): void } {
  const calibrations = new Map<string, EngineInfo>();
  const link = createLink<EngineRequest, EngineResponse, Progress>({
    create: options.createWorker ?? defaultWorker,
    read: standardReader<EngineResponse, Progress>((m) => [m.doneK, m.totalK]),
    errors: {
      crashed: (detail) => new UserFacingError({ code: 'engine-crashed', detail }),
      interrupted: () =>
        new Error('The computation was interrupted because another one was cancelled; run it again.'),
      disposed: () => abortError('The engine was shut down.'),
    },
  });

  /**
   * A pure request, built afresh for each attempt (its buffers are transferred): after a crash it
   * goes once more to a new worker.
   */
  function call<T extends EngineRequest['type']>(
    build: () => readonly [Omit<Extract<EngineRequest, { type: T }>, 'id'>, Transferable[]],
    opts: CallOptions = {},
  ): Promise<EngineResults[T]> {
    const { onProgress } = opts;
    return link.call<EngineResults[T]>(build as Build<EngineRequest>, {
      signal: opts.signal,
      resend: true,
      ...(onProgress ? { onProgress: (p: Progress) => onProgress(...p) } : {}),
    });
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

  /**
   * A sweep or a fit: a fresh copy of X (to transfer), the engine to ask for (a calibration of this
   * data size is reused), and the calibration the worker made remembered.
   */
  async function kmeansCall<T extends 'sweep' | 'fit'>(
    type: T,
    {
      X,
      n,
      d,
      choice,
      options,
    }: {
      X: Float64Array;
      n: number;
      d: number;
      choice: EngineInfo['name'] | 'auto' | undefined;
      options: Extract<EngineRequest, { type: T }>['options'];
    },
    opts: CallOptions,
  ): Promise<EngineResults[T]> {
    const result = await call<T>(() => {
      const copy = X.slice(0, n * d);
      // `type` narrows the request's union only at a concrete T: the object is the T member.
      const request = { type, X: copy, n, d, ...engineFor(choice, n, d), options };
      return [request as Omit<Extract<EngineRequest, { type: T }>, 'id'>, [copy.buffer]];
    }, opts);
    remember(result.engineInfo);
    return result;
  }

  return {
    transform(rfm, opts = {}) {
      return call<'transform'>(
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
    sweep: (X, n, d, { engine: choice, ...options }, opts = {}) =>
      kmeansCall('sweep', { X, n, d, choice, options }, opts),
    fit: (X, n, d, { engine: choice, ...options }, opts = {}) =>
      kmeansCall('fit', { X, n, d, choice, options }, opts),
    inverse(X, d, fit) {
      return call<'inverse'>(() => {
        const copy = X.slice();
        return [{ type: 'inverse', X: copy, d, fit }, [copy.buffer]];
      });
    },
    onRestart: (listener) => link.onRestart(listener),
    warmUp: () => link.warmUp(),
    dispose: () => link.dispose(),
  };
}
