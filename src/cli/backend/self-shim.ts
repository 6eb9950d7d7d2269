/**
 * Lets a browser worker entry (src/workers/.../*.worker.ts, which talks through `self.onmessage` and
 * `self.postMessage`) run unchanged as a Node worker thread: `self` becomes an object bound to
 * `parentPort`. Imported before the entry, so `self` exists when the entry evaluates.
 */
import { parentPort } from 'node:worker_threads';

interface WorkerSelf {
  onmessage: ((e: { data: unknown }) => unknown) | null;
  postMessage(message: unknown, transfer?: readonly ArrayBuffer[]): void;
}

const port = parentPort;
if (!port) throw new Error('self-shim: not running in a worker thread');

const scope: WorkerSelf = {
  onmessage: null,
  postMessage: (message, transfer) => port.postMessage(message, transfer ? [...transfer] : []),
};
(globalThis as unknown as { self: WorkerSelf }).self = scope;
port.on('message', (data: unknown) => void scope.onmessage?.({ data }));
