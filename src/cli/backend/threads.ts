/**
 * The Backend over two Node worker threads running the browser's worker entries (bundled), through
 * the same worker link as the browser clients (src/workers/rpc).
 */
import { Worker } from 'node:worker_threads';
import type { DataRequest, DataResponse, LoadProgress } from '../../workers/data/protocol';
import type { EngineRequest, EngineResponse } from '../../workers/engine/protocol';
import { collectTransferables } from '../../workers/engine/protocol';
import { createLink, type Link } from '../../workers/rpc/link';
import { fromNodeWorker } from '../../workers/rpc/node-worker';
import { standardReader } from '../../workers/rpc/standard';
import { backendError, type Backend } from './backend';

type Port<Req, P> = { link: Link<Req, P>; close(): Promise<number> };

function threadPort<Req, Res extends { id: number; type: string }, P>(
  url: URL,
  progressOf: (msg: Res) => P,
): Port<Req, P> {
  const worker = fromNodeWorker<Req, Res>(new Worker(url));
  const link = createLink<Req, Res, P>({
    create: () => worker,
    replaceable: false,
    read: standardReader<never, P>(progressOf as never, backendError) as never,
    errors: { crashed: (detail) => new Error(detail) },
  });
  link.warmUp();
  return {
    link,
    close() {
      link.dispose();
      return worker.exited;
    },
  };
}

/** Sends `req`; typed arrays are transferred, as the browser clients do (the caller passes copies). */
function send<Req, P>(port: Port<Req, P>, req: object, onProgress?: (p: P) => void): Promise<never> {
  return port.link.call<never>(() => [req as never, collectTransferables(req)], { onProgress });
}

/** `dir`: the folder of the bundled thread entries (data-thread.mjs, engine-thread.mjs). */
export function threadBackend(dir: URL): Backend {
  let data: Port<DataRequest, LoadProgress> | null = null;
  let engine: Port<EngineRequest, readonly [number, number]> | null = null;
  return {
    data(req, onProgress) {
      data ??= threadPort<DataRequest, DataResponse, LoadProgress>(new URL('data-thread.mjs', dir), (m) =>
        m.type === 'progress' ? m.progress : (undefined as never),
      );
      return send(data, req, onProgress);
    },
    engine(req, onProgress) {
      engine ??= threadPort<EngineRequest, EngineResponse, readonly [number, number]>(
        new URL('engine-thread.mjs', dir),
        (m) => (m.type === 'progress' ? [m.doneK, m.totalK] : (undefined as never)),
      );
      return send(engine, req, onProgress && ((p) => onProgress(p[0], p[1])));
    },
    async close() {
      await Promise.all([data?.close(), engine?.close()]);
    },
  };
}
