/**
 * How the CLI reaches the browser's data and engine code: the same request/response protocols
 * (src/workers/data/protocol.ts, src/workers/engine/protocol.ts), answered either by the worker
 * entries running as Node worker threads (the CLI) or by the same services in this thread (tests).
 */
import type { DataRequest, DataResults, LoadProgress } from '../../workers/data/protocol';
import type { EngineRequest, EngineResults } from '../../workers/engine/protocol';
import { fromWireError, remoteError, type WireError } from '../../workers/rpc/wire-error';

/** Distributes `Omit` over a union. */
export type Body<R> = R extends unknown ? Omit<R, 'id'> : never;

export interface Backend {
  data<R extends Body<DataRequest>>(
    req: R,
    onProgress?: (p: LoadProgress) => void,
  ): Promise<DataResults[R['type']]>;
  engine<R extends Body<EngineRequest>>(
    req: R,
    onProgress?: (doneK: number, totalK: number) => void,
  ): Promise<EngineResults[R['type']]>;
  close(): Promise<void>;
}

/**
 * A worker's error as the Error it was (UserFacingError's code and facts survive); one without facts
 * carries a code ('aborted' for an AbortError, else its own or 'internal').
 */
export function backendError(w: WireError): Error {
  if (w.name === 'AbortError') return remoteError(w);
  return fromWireError(w, { uncoded: (u) => remoteError({ code: 'internal', ...u }) });
}
