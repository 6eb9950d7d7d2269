/**
 * How the CLI reaches the browser's data and engine code: the same request/response protocols
 * (src/workers/data/protocol.ts, src/workers/engine/protocol.ts), answered either by the worker
 * entries running as Node worker threads (the CLI) or by the same services in this thread (tests).
 */
import type { DataRequest, DataResults, LoadProgress, WireError } from '../../workers/data/protocol';
import type { EngineRequest, EngineResults, SerializedError } from '../../workers/engine/protocol';
import type { AppErrorData } from '../../core/errors';

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

/** A worker's error as a thrown Error carrying its code (UserFacingError's code and facts survive). */
export class BackendError extends Error {
  readonly code: string;
  readonly facts: AppErrorData | undefined;
  constructor(e: WireError | SerializedError) {
    super(e.message);
    this.name = e.name;
    this.code = e.code ?? (e.name === 'AbortError' ? 'aborted' : 'internal');
    this.facts = e.facts;
  }
}
