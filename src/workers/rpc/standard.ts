/**
 * The response shape every worker protocol in src/workers shares: `progress` messages, then one
 * `result` or `error` for a request id. `standardReader` turns it into the link's `Reading`.
 */
import type { Reading } from './link';

export type StandardResponse<E> =
  | { readonly id: number; readonly type: 'progress' }
  | { readonly id: number; readonly type: 'result'; readonly result: unknown }
  | { readonly id: number; readonly type: 'error'; readonly error: E };

/** Reads `result` / `error` (through `fromWire`) and progress (through `progressOf`). */
export function standardReader<Res extends StandardResponse<E>, E, P>(
  fromWire: (e: E) => Error,
  progressOf: (msg: Extract<Res, { type: 'progress' }>) => P,
): (msg: Res) => Reading<P> {
  return (msg) => {
    if (msg.type === 'progress') return { id: msg.id, progress: progressOf(msg as never) };
    if (msg.type === 'result') return { id: msg.id, result: (msg as { result: unknown }).result };
    return { id: msg.id, error: fromWire((msg as { error: E }).error) };
  };
}
