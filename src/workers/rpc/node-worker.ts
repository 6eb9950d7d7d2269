/**
 * A Node `worker_threads` Worker as the link's `WorkerLike` (the CLI runs the browser's worker
 * entries as threads). Structural, so this module imports nothing from Node and stays in the
 * browser-safe layer: Node's `message` / `messageerror` / `error` events become the handler
 * properties; an `exit` while the link still listens counts as a crash.
 */
import type { WorkerLike } from './link';

/** The part of node:worker_threads' Worker the adapter uses. */
export interface NodeWorker {
  on(event: 'message' | 'messageerror', listener: (value: unknown) => void): unknown;
  on(event: 'error', listener: (err: Error) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  postMessage(value: unknown, transferList?: readonly Transferable[]): void;
  terminate(): Promise<number>;
}

export function fromNodeWorker<Req, Res>(
  worker: NodeWorker,
): WorkerLike<Req, Res> & { exited: Promise<number> } {
  let stopped = false;
  const like: WorkerLike<Req, Res> & { exited: Promise<number> } = {
    onmessage: null,
    onerror: null,
    onmessageerror: null,
    exited: Promise.resolve(0),
    postMessage(message, transfer) {
      worker.postMessage(message, transfer as never);
    },
    terminate() {
      stopped = true;
      like.exited = worker.terminate();
    },
  };
  worker.on('message', (data) => like.onmessage?.({ data } as MessageEvent<Res>));
  worker.on('messageerror', () => like.onmessageerror?.({} as MessageEvent));
  worker.on('error', (err) => like.onerror?.({ message: err.message } as ErrorEvent));
  worker.on('exit', (code) => {
    if (!stopped) like.onerror?.({ message: `worker thread exited (code ${code})` } as ErrorEvent);
  });
  return like;
}
