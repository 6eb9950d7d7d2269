/**
 * Promise API of the apply worker. One worker, made lazily; requests run in order. Cancelling
 * (AbortSignal) terminates the worker (a fresh one serves the next call) and rejects the call with an
 * Error named 'AbortError'; calls queued behind it are rejected the same way. A worker that dies
 * rejects its calls with code 'apply-crashed'. Errors keep the core's code, path and row.
 */
import type { ApplyRequest, ApplyResponse, ApplyResults, ApplyStage, ApplyWireError } from './protocol';

export type { ApplyStage, BeforeInput, CustomersInput, RequestOutput, ScoreOutput } from './protocol';

export interface ApplyError extends Error {
  readonly code: string;
  readonly path: string | null;
  readonly row: number | null;
}

function fromWire(w: ApplyWireError): ApplyError {
  const e = new Error(w.message) as Error & { code: string; path: string | null; row: number | null };
  e.name = w.name;
  e.code = w.code;
  e.path = w.path;
  e.row = w.row;
  return e;
}

function abortError(): ApplyError {
  return fromWire({ name: 'AbortError', code: 'cancelled', message: 'cancelled', path: null, row: null });
}

type Body<T extends ApplyRequest['type']> = Omit<Extract<ApplyRequest, { type: T }>, 'id'>;

interface Pending {
  resolve(v: unknown): void;
  reject(e: Error): void;
  onProgress?: ((s: ApplyStage) => void) | undefined;
  cleanup(): void;
}

export interface ApplyClient {
  call<T extends ApplyRequest['type']>(
    body: Body<T>,
    opts?: { signal?: AbortSignal; onProgress?: (s: ApplyStage) => void },
  ): Promise<ApplyResults[T]>;
  dispose(): void;
}

export function createApplyClient(
  createWorker: () => Worker = () =>
    new Worker(new URL('./apply.worker.ts', import.meta.url), { type: 'module', name: 'apply' }),
): ApplyClient {
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending>();

  function stop(reason: () => Error): void {
    worker?.terminate();
    worker = null;
    const all = [...pending.values()];
    pending.clear();
    for (const p of all) {
      p.cleanup();
      p.reject(reason());
    }
  }

  function ensure(): Worker {
    if (worker) return worker;
    const w = createWorker();
    w.onmessage = (e: MessageEvent<ApplyResponse>) => {
      const m = e.data;
      const p = pending.get(m.id);
      if (!p) return;
      if (m.type === 'progress') {
        p.onProgress?.(m.stage);
        return;
      }
      pending.delete(m.id);
      p.cleanup();
      if (m.type === 'result') p.resolve(m.result);
      else p.reject(fromWire(m.error));
    };
    w.onerror = (e) => {
      e.preventDefault();
      const detail = e.message || 'the worker stopped';
      stop(() => fromWire({ name: 'Error', code: 'apply-crashed', message: detail, path: null, row: null }));
    };
    worker = w;
    return w;
  }

  return {
    call(body, opts = {}) {
      const { signal, onProgress } = opts;
      if (signal?.aborted) return Promise.reject(abortError());
      const id = nextId++;
      return new Promise((resolve, reject) => {
        const onAbort = () => stop(abortError);
        signal?.addEventListener('abort', onAbort, { once: true });
        pending.set(id, {
          resolve: resolve as (v: unknown) => void,
          reject,
          onProgress,
          cleanup: () => signal?.removeEventListener('abort', onAbort),
        });
        ensure().postMessage({ ...body, id } as unknown as ApplyRequest);
      });
    },
    dispose() {
      stop(abortError);
    },
  };
}
