/**
 * The engine worker's side of its helper: a `RestartHelper` over a Worker (or anything with the same
 * postMessage / terminate / events, so it is tested in Node with an in-process fake). A worker
 * `error` or `messageerror` rejects every pending call; `dispose` terminates the worker and rejects
 * pending calls.
 */
import type { KMeansOptions } from '../../core/types';
import type { RestartRequest, RestartResponse } from './restart-protocol';
import type { HelperRestarts, RestartHelper } from './restart-pool';

/** The part of a Worker the helper uses. */
export interface WorkerLike {
  postMessage(message: RestartRequest, transfer: Transferable[]): void;
  terminate(): void;
  onmessage: ((e: MessageEvent<RestartResponse>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
  onmessageerror: ((e: MessageEvent) => void) | null;
}

export function workerRestartHelper(worker: WorkerLike): RestartHelper {
  let nextId = 1;
  let dead: string | null = null;
  const pending = new Map<number, { resolve: (r: RestartResponse) => void; reject: (e: Error) => void }>();
  const failAll = (why: string): void => {
    dead ??= why;
    for (const p of pending.values()) p.reject(new Error(why));
    pending.clear();
  };
  worker.onmessage = (e) => {
    const msg = e.data;
    const p = pending.get(msg.id);
    if (p === undefined) return;
    pending.delete(msg.id);
    if (msg.type === 'error') p.reject(new Error(`the helper worker failed: ${msg.message}`));
    else p.resolve(msg);
  };
  worker.onerror = (e) => {
    const m = typeof e.message === 'string' && e.message !== '' ? `: ${e.message}` : '';
    failAll(`the helper worker stopped${m}`);
  };
  worker.onmessageerror = () => failAll('the helper worker sent a message that could not be read');
  const call = (req: RestartRequest, transfer: Transferable[]): Promise<RestartResponse> => {
    if (dead !== null) return Promise.reject(new Error(dead));
    return new Promise((resolve, reject) => {
      pending.set(req.id, { resolve, reject });
      try {
        worker.postMessage(req, transfer);
      } catch (e) {
        pending.delete(req.id);
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
  };
  return {
    async init(X: Float64Array, n: number, d: number): Promise<void> {
      const copy = Float64Array.from(X.subarray(0, n * d));
      await call({ type: 'init', id: nextId++, X: copy, n, d }, [copy.buffer]);
    },
    async run(options: KMeansOptions, restarts: readonly number[]): Promise<HelperRestarts> {
      const msg = await call({ type: 'run', id: nextId++, options, restarts: [...restarts] }, []);
      if (msg.type !== 'done') throw new Error('the helper worker answered out of turn');
      return msg.run;
    },
    async silhouette(labels, k, sample) {
      const copy = Int32Array.from(labels);
      const msg = await call(
        { type: 'silhouette', id: nextId++, labels: copy, k, ...(sample !== undefined ? { sample } : {}) },
        [copy.buffer],
      );
      if (msg.type !== 'score') throw new Error('the helper worker answered out of turn');
      return { value: msg.value, ms: msg.ms };
    },
    dispose(): void {
      if (dead === 'disposed') return;
      worker.terminate();
      failAll('disposed');
      dead = 'disposed';
    },
  };
}
