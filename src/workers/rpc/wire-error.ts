/**
 * The one error format crossing a worker boundary, and its two converters. Error objects lose their
 * class (and a UserFacingError its facts' meaning) in a structured clone, so a worker posts a
 * `WireError` and the client rebuilds the error:
 *
 * - An Error named 'AbortError' comes back as one (a status: `isAbort` in src/store/step-errors.ts).
 * - A UserFacingError's code and facts come back as a UserFacingError (the sentence is written at
 *   the UI / CLI edge, src/messages).
 * - Anything else comes back as an Error with the same name and message, plus the `code`, `path`
 *   and `row` the wire carries (a model error's field and row). A client with a rule of its own for
 *   these (the data client: an unexpected 'internal' failure while reading) passes `uncoded`.
 */
import { errorFacts, UserFacingError, type AppErrorData } from '../../core/errors';
import { abortError } from './abort';

export interface WireError {
  readonly name: string;
  readonly message: string;
  /** The thrown value's own code, else the worker's fallback code ('aborted' for an AbortError). */
  readonly code?: string;
  /** A UserFacingError's code and facts. */
  readonly facts?: AppErrorData;
  /** The field the error names ('transform.lambdas[1]'), when the thrown value had one. */
  readonly path?: string | null;
  /** The 0-based row the error names, when the thrown value had one. */
  readonly row?: number | null;
}

/** What `fromWireError` rebuilds a wire error without facts as, by default. */
export type RemoteError = Error & { code?: string; path?: string | null; row?: number | null };

/**
 * Any thrown value as a WireError. `fallbackCode`: the code of a value without its own string code
 * (none: such a value crosses without a code).
 */
export function toWireError(e: unknown, fallbackCode?: string): WireError {
  const o = (typeof e === 'object' && e !== null ? e : {}) as Record<string, unknown>;
  const name = typeof o.name === 'string' ? o.name : 'Error';
  const code = typeof o.code === 'string' ? o.code : name === 'AbortError' ? 'aborted' : fallbackCode;
  const facts = errorFacts(e);
  return {
    name,
    message: typeof o.message === 'string' ? o.message : String(e),
    ...(code !== undefined ? { code } : {}),
    ...(facts !== null ? { facts } : {}),
    ...(typeof o.path === 'string' || o.path === null ? { path: o.path } : {}),
    ...(typeof o.row === 'number' || o.row === null ? { row: o.row } : {}),
  };
}

export interface FromWireOptions {
  /** Rebuilds an error that is neither an AbortError nor carries facts (default: `remoteError`). */
  readonly uncoded?: (w: WireError) => Error;
}

/** A WireError as the Error it was (see the module comment). */
export function fromWireError(w: WireError, options: FromWireOptions = {}): Error {
  if (w.name === 'AbortError') return abortError(w.message);
  if (w.facts !== undefined) return new UserFacingError(w.facts);
  return (options.uncoded ?? remoteError)(w);
}

/** An Error with the wire's name and message, and its code, path and row when it has them. */
export function remoteError(w: WireError): RemoteError {
  const e: RemoteError = new Error(w.message);
  e.name = w.name;
  if (w.code !== undefined) e.code = w.code;
  if (w.path !== undefined) e.path = w.path;
  if (w.row !== undefined) e.row = w.row;
  return e;
}
