/**
 * Promise API of the apply worker, over the one worker link (src/workers/rpc). One worker, made lazily; requests run in order. Cancelling
 * (AbortSignal) terminates the worker (a fresh one serves the next call) and rejects the call with an
 * Error named 'AbortError'; calls queued behind it are rejected the same way. A worker that dies
 * rejects its calls with code 'apply-crashed'. Errors keep the core's code, path and row.
 */
import type { ApplyRequest, ApplyResponse, ApplyResults, ApplyStage } from './protocol';
import { abortError, createLink, type DistributiveOmit, type WorkerLike } from '../rpc/link';
import { standardReader } from '../rpc/standard';
import { fromWireError, type WireError } from '../rpc/wire-error';

export type { ApplyStage, BeforeInput, CustomersInput, RequestOutput, ScoreOutput } from './protocol';

export interface ApplyError extends Error {
  readonly code: string;
  readonly path: string | null;
  readonly row: number | null;
}

/** The core's error with its path and row (null when it named none). */
const fromWire = (w: WireError) => fromWireError({ path: null, row: null, ...w }) as ApplyError;

/** A call ended by another call's cancel or by `dispose`: an AbortError with code 'cancelled'. */
const cancelled = (): ApplyError =>
  Object.assign(abortError('cancelled'), { code: 'cancelled', path: null, row: null });

type Body<T extends ApplyRequest['type']> = Omit<Extract<ApplyRequest, { type: T }>, 'id'>;

export interface ApplyClient {
  call<T extends ApplyRequest['type']>(
    body: Body<T>,
    opts?: { signal?: AbortSignal; onProgress?: (s: ApplyStage) => void },
  ): Promise<ApplyResults[T]>;
  dispose(): void;
}

export function createApplyClient(
  createWorker: () => Worker = () =>
    new Worker(new URL('./apply.worker.ts', import.meta.url), { type: 'module', name: 'apply' }),
): ApplyClient {
  const link = createLink<ApplyRequest, ApplyResponse, ApplyStage>({
    create: createWorker as () => WorkerLike<ApplyRequest, ApplyResponse>,
    read: standardReader<ApplyResponse, ApplyStage>((m) => m.stage, fromWire),
    errors: {
      crashed: (detail) => fromWire({ name: 'Error', code: 'apply-crashed', message: detail }),
      interrupted: cancelled,
      disposed: cancelled,
    },
  });
  return {
    call<T extends ApplyRequest['type']>(
      body: Body<T>,
      opts: { signal?: AbortSignal; onProgress?: (s: ApplyStage) => void } = {},
    ) {
      return link.call<ApplyResults[T]>(
        () => [body as unknown as DistributiveOmit<ApplyRequest, 'id'>],
        opts,
      );
    },
    dispose: () => link.dispose(),
  };
}
