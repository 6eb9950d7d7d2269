/**
 * The response shape every worker protocol in src/workers shares: `progress` messages, then one
 * `result` or `error` (a WireError, ./wire-error.ts) for a request id. `standardReader` turns it
 * into the link's `Reading`.
 */
import type { Reading } from './link';
import { fromWireError, type WireError } from './wire-error';

/** The answer that ends a request with an error. */
export interface ErrorResponse {
  readonly id: number;
  readonly type: 'error';
  readonly error: WireError;
}

/**
 * A protocol's responses: progress messages carrying `Progress`'s fields, a `result` of type `Result`,
 * or an error.
 */
export type Responses<Progress extends object, Result> =
  | ({ readonly id: number; readonly type: 'progress' } & Progress)
  | { readonly id: number; readonly type: 'result'; readonly result: Result }
  | ErrorResponse;

export type StandardResponse = Responses<object, unknown>;

/**
 * Reads `result` / `error` (through `fromWire`, default `fromWireError`) and progress (through
 * `progressOf`).
 */
export function standardReader<Res extends StandardResponse, P>(
  progressOf: (msg: Extract<Res, { type: 'progress' }>) => P,
  fromWire: (e: WireError) => Error = fromWireError,
): (msg: Res) => Reading<P> {
  return (msg) => {
    if (msg.type === 'progress') return { id: msg.id, progress: progressOf(msg as never) };
    if (msg.type === 'result') return { id: msg.id, result: (msg as { result: unknown }).result };
    return { id: msg.id, error: fromWire((msg as ErrorResponse).error) };
  };
}
