/**
 * The engine worker: only a message switch. All work is in engine-handler.ts (pure core + tfjs
 * kernels loaded on demand). Requests run one at a time in arrival order.
 */
import { handleRequest } from './engine-handler';
import type { EngineRequest, EngineResponse } from './protocol';

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<EngineRequest>) => void) | null;
  postMessage(message: EngineResponse, transfer: Transferable[]): void;
};

let queue: Promise<void> = Promise.resolve();
scope.onmessage = (e) => {
  const req = e.data;
  queue = queue.then(() => handleRequest(req, (message, transfer) => scope.postMessage(message, transfer)));
};
