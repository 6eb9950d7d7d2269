/**
 * The engine worker's side of its helper: a `RestartHelper` over a Worker (or anything with the same
 * postMessage / terminate / events, so it is tested in Node with an in-process fake), through the
 * one worker link (src/workers/rpc). The helper is not replaced: a worker `error` or `messageerror`
 * rejects every pending and later call (the pool runs the restarts itself); `dispose` terminates the
 * worker and rejects pending calls.
 */
import type { KMeansOptions } from '../../core/kmeans/types';
import { createLink, type WorkerLike as RpcWorker } from '../rpc/link';
import type { RestartRequest, RestartResponse } from './restart-protocol';
import type { HelperRestarts, RestartHelper } from './restart-pool';

/** The part of a Worker the helper uses. */
export type WorkerLike = RpcWorker<RestartRequest, RestartResponse>;

export function workerRestartHelper(worker: WorkerLike): RestartHelper {
  const link = createLink<RestartRequest, RestartResponse>({
    create: () => worker,
    replaceable: false,
    read: (msg) =>
      msg.type === 'error'
        ? { id: msg.id, error: new Error(`the helper worker failed: ${msg.error.message}`) }
        : { id: msg.id, result: msg },
    errors: {
      crashed: (detail) => new Error(`the helper worker stopped${detail === '' ? '' : `: ${detail}`}`),
      disposed: () => new Error('disposed'),
    },
  });
  link.warmUp();
  return {
    async init(X: Float64Array, n: number, d: number): Promise<void> {
      await link.call(() => {
        const copy = Float64Array.from(X.subarray(0, n * d));
        return [{ type: 'init', X: copy, n, d }, [copy.buffer]];
      });
    },
    async run(options: KMeansOptions, restarts: readonly number[]): Promise<HelperRestarts> {
      const msg = await link.call<RestartResponse>(() => [{ type: 'run', options, restarts: [...restarts] }]);
      if (msg.type !== 'done') throw new Error('the helper worker answered out of turn');
      return msg.run;
    },
    async silhouette(labels, k, sample) {
      const msg = await link.call<RestartResponse>(() => {
        const copy = Int32Array.from(labels);
        return [
          { type: 'silhouette', labels: copy, k, ...(sample !== undefined ? { sample } : {}) },
          [copy.buffer],
        ];
      });
      if (msg.type !== 'score') throw new Error('the helper worker answered out of turn');
      return { value: msg.value, ms: msg.ms };
    },
    dispose: () => link.dispose(),
  };
}
