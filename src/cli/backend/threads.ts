/** The Backend over two Node worker threads running the browser's worker entries (bundled). */
import { Worker } from 'node:worker_threads';
import type { DataRequest } from '../../workers/data/protocol';
import type { EngineRequest } from '../../workers/engine/protocol';
import { collectTransferables } from '../../workers/engine/protocol';
import { BackendError, type Backend } from './backend';

interface Pending {
  resolve(v: unknown): void;
  reject(e: unknown): void;
  progress?: (msg: Record<string, unknown>) => void;
}

class ThreadPort {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private dead: Error | null = null;

  constructor(url: URL) {
    this.worker = new Worker(url);
    this.worker.on('message', (msg: { id: number; type: string; result?: unknown; error?: never }) => {
      const p = this.pending.get(msg.id);
      if (!p) return;
      if (msg.type === 'progress') p.progress?.(msg as unknown as Record<string, unknown>);
      else {
        this.pending.delete(msg.id);
        if (msg.type === 'result') p.resolve(msg.result);
        else p.reject(new BackendError(msg.error!));
      }
    });
    const fail = (e: Error) => {
      this.dead = e;
      for (const p of this.pending.values()) p.reject(e);
      this.pending.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => {
      if (this.pending.size > 0) fail(new Error(`worker thread exited (code ${code})`));
    });
  }

  call(body: object, progress?: Pending['progress']): Promise<unknown> {
    if (this.dead) return Promise.reject(this.dead);
    const id = this.nextId++;
    const msg = { ...body, id };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, ...(progress ? { progress } : {}) });
      // Typed arrays are transferred, as the browser clients do (the caller passes copies).
      this.worker.postMessage(msg, collectTransferables(body) as never);
    });
  }

  close(): Promise<number> {
    return this.worker.terminate();
  }
}

/** `dir`: the folder of the bundled thread entries (data-thread.mjs, engine-thread.mjs). */
export function threadBackend(dir: URL): Backend {
  let data: ThreadPort | null = null;
  let engine: ThreadPort | null = null;
  return {
    data(req, onProgress) {
      data ??= new ThreadPort(new URL('data-thread.mjs', dir));
      return data.call(req as Omit<DataRequest, 'id'>, (m) => onProgress?.(m.progress as never)) as never;
    },
    engine(req, onProgress) {
      engine ??= new ThreadPort(new URL('engine-thread.mjs', dir));
      return engine.call(req as Omit<EngineRequest, 'id'>, (m) =>
        onProgress?.(m.doneK as number, m.totalK as number),
      ) as never;
    },
    async close() {
      await Promise.all([data?.close(), engine?.close()]);
    },
  };
}
