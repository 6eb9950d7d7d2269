/**
 * The engine worker: only a message switch. All work is in engine-handler.ts (pure core + tfjs
 * kernels loaded on demand). Requests run one at a time in arrival order.
 */
import { handleRequest, startRendererProbe, type HandlerEnv } from './engine-handler';
import type { EngineRequest, EngineResponse } from './protocol';
import { workerRestartHelper } from './restart-client';

/** Large plain sweeps split restarts with one nested helper worker (terminated with this worker). */
const env: HandlerEnv = {
  makeHelper: () =>
    // one logical core: a second thread would only time-slice with this one
    typeof Worker === 'undefined' || (navigator.hardwareConcurrency || 2) < 2
      ? null
      : workerRestartHelper(new Worker(new URL('./restart.worker.ts', import.meta.url), { type: 'module' })),
};

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<EngineRequest>) => void) | null;
  postMessage(message: EngineResponse, transfer: Transferable[]): void;
};

let queue: Promise<void> = Promise.resolve();
scope.onmessage = (e) => {
  const req = e.data;
  queue = queue.then(() =>
    handleRequest(req, (message, transfer) => scope.postMessage(message, transfer), env),
  );
};

startRendererProbe();
