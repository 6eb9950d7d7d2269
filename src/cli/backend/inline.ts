/**
 * The Backend in this thread: the same DataService and engine handler the worker entries route to.
 * Used by tests (vitest runs the TypeScript sources, where there are no bundled thread entries) and
 * by `--threads 0`.
 */
import { DataService } from '../../workers/data/data-service';
import { handleRequest } from '../../workers/engine/engine-handler';
import type { EngineResponse } from '../../workers/engine/protocol';
import { toWireError } from '../../workers/rpc/wire-error';
import { backendError, type Backend } from './backend';

export function inlineBackend(): Backend {
  const service = new DataService();
  let id = 0;
  return {
    async data(req, onProgress) {
      try {
        switch (req.type) {
          case 'load': {
            const r = req as {
              file: Blob;
              fileName: string;
              encoding?: string;
              sheet?: string;
              skipLines?: number;
            };
            const choice = { encoding: r.encoding, sheet: r.sheet, skipLines: r.skipLines };
            return (await service.load(r.file, r.fileName, choice, (p) => onProgress?.(p))) as never;
          }
          case 'applyMapping': {
            const r = req as unknown as { mapping: never; dateOrder: never };
            return service.applyMapping(r.mapping, r.dateOrder) as never;
          }
          case 'clean':
            return service.clean((req as unknown as { settings: never }).settings) as never;
          case 'computeRfm':
            return service.computeRfm((req as unknown as { settings: never }).settings) as never;
          default:
            throw new Error(`inline backend: ${req.type} is not used by the CLI`);
        }
      } catch (e) {
        throw backendError(toWireError(e, 'internal'));
      }
    },
    engine(req, onProgress) {
      return new Promise((resolve, reject) => {
        void handleRequest({ ...req, id: ++id } as never, (msg: EngineResponse) => {
          if (msg.type === 'progress') onProgress?.(msg.doneK, msg.totalK);
          else if (msg.type === 'result') resolve(msg.result as never);
          else reject(backendError(msg.error));
        });
      });
    },
    async close() {},
  };
}
