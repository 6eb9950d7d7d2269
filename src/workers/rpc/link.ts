/**
 * The one request/response link between the main thread (or a worker) and a worker: the plumbing
 * every client of a worker in this app needs, written once.
 *
 * - Request ids: each request gets the next id; the worker answers with any number of progress
 *   messages and exactly one result or error for that id (every protocol in src/workers follows this).
 * - Transfer lists: a request is built by a function returning the message and the buffers to
 *   transfer; the function runs again for a resend, so a resend never meets a detached buffer.
 * - Abort (AbortSignal): the call rejects with an Error named 'AbortError' (a status, not an error).
 *   The worker is either told (`cancel` message, it stays alive) or terminated; a terminated worker
 *   takes the other calls it was running with it (they reject with `errors.interrupted()`), and the
 *   next call starts a fresh one.
 * - Crash detection and replacement: an `error` or `messageerror` event terminates the worker. Calls
 *   marked `resend` (pure requests on inputs the client still holds) go once more to a replacement
 *   worker, after `rebuild` restored the state the crashed worker held; `onRestart` listeners hear
 *   each replacement. A call whose second attempt crashes too, or that was not marked `resend`,
 *   rejects with `errors.crashed(detail, secondTime)`. With `replaceable: false` a crash ends the link.
 * - Lazy start: the worker is made on the first call or by `warmUp()`; `dispose()` ends it.
 *
 * Why our own and not Comlink: Comlink proxies calls well, but has no AbortSignal (cancelling means
 * terminating the worker, which Comlink does not manage), no crash detection (a dead worker leaves
 * its promises pending forever) and no replacement or resend. What is left after those is the small
 * id/pending-map code below, so a dependency would not save code.
 *
 * The link speaks to a `WorkerLike` (a browser Worker, a Node worker_threads Worker through an
 * adapter, or an in-process fake in tests).
 */
import { abortError } from './abort';

export { abortError };

/** The part of a Worker the link uses (a browser Worker is one; Node's needs `fromNodeWorker`). */
export interface WorkerLike<Req = unknown, Res = unknown> {
  postMessage(message: Req, transfer: Transferable[]): void;
  terminate(): void;
  onmessage: ((e: MessageEvent<Res>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
  onmessageerror: ((e: MessageEvent) => void) | null;
}

/** What a response is to the link: progress for a call, or its end. */
export type Reading<P> =
  | { readonly id: number; readonly progress: P }
  | { readonly id: number; readonly result: unknown }
  | { readonly id: number; readonly error: Error };

/** The errors a link rejects with, made by its client (each client keeps its own wording and codes). */
export interface LinkErrors {
  /** A crash rejected this call: the first crash of a call not resent, or the second of a resent one. */
  crashed(detail: string, secondTime: boolean): Error;
  /** Another call on the same worker was cancelled and the worker terminated (default: an AbortError). */
  interrupted?(): Error;
  /** `dispose()` ended the call (default: an AbortError). */
  disposed?(): Error;
}

export interface LinkOptions<Req, Res, P> {
  readonly create: () => WorkerLike<Req, Res>;
  /** Reads one message from the worker (ids the link does not wait for are ignored). */
  readonly read: (msg: Res) => Reading<P>;
  readonly errors: LinkErrors;
  /** The message that cancels request `target` without ending the worker (`abort: 'cancel'` calls). */
  readonly cancelMessage?: (id: number, target: number) => Req;
  /** Restores a replacement worker's state before calls are resent to it (it may `call` the link). */
  readonly rebuild?: (call: <T>(build: Build<Req>) => Promise<T>) => Promise<void>;
  /** False: a crash ends the link for good (later calls reject with the crash). Default true. */
  readonly replaceable?: boolean;
}

/** Builds a request without its id, and the buffers to transfer with it. */
export type Build<Req> = () => readonly [DistributiveOmit<Req, 'id'>, Transferable[]?];

export type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export interface CallOptions<P> {
  readonly signal?: AbortSignal | undefined;
  readonly onProgress?: ((p: P) => void) | undefined;
  /** On abort: tell the worker (`cancelMessage`) or terminate it (default). */
  readonly abort?: 'cancel' | 'terminate';
  /** A pure request: after a crash it goes once more to a replacement worker. */
  readonly resend?: boolean;
}

export interface Link<Req, P> {
  call<T>(build: Build<Req>, options?: CallOptions<P>): Promise<T>;
  /** Starts the worker ahead of the first call. Idempotent. */
  warmUp(): void;
  /** Ends the worker; pending calls reject with `errors.disposed()`. A replaceable link may be used again. */
  dispose(): void;
  /** Called with the crash's detail when a crashed worker was replaced (and rebuilt). */
  onRestart(listener: (detail: string) => void): () => void;
  /** The browser's message of the last crash, null when the link's worker never crashed. */
  readonly crashDetail: string | null;
}

interface Pending<Req, P> {
  readonly build: Build<Req>;
  readonly options: CallOptions<P>;
  readonly resolve: (v: unknown) => void;
  readonly reject: (e: Error) => void;
  readonly cleanup: () => void;
  /** Sent once already to a worker that crashed. */
  resent: boolean;
}

export function createLink<Req, Res, P = never>(opts: LinkOptions<Req, Res, P>): Link<Req, P> {
  const { errors } = opts;
  const replaceable = opts.replaceable ?? true;
  let worker: WorkerLike<Req, Res> | null = null;
  /** A replacement in progress (rebuilding): calls wait for it. */
  let replacing: Promise<WorkerLike<Req, Res>> | null = null;
  let nextId = 1;
  let crashDetail: string | null = null;
  /** Set when the link can take no more calls (a crash or dispose of a link that is not replaceable). */
  let ended: Error | null = null;
  /** A crash happened since the current worker started: the next worker is a replacement. */
  let needsRestart = false;
  const pending = new Map<number, Pending<Req, P>>();
  const listeners = new Set<(detail: string) => void>();

  function stop(): void {
    if (worker === null) return;
    worker.onmessage = null;
    worker.onerror = null;
    worker.onmessageerror = null;
    worker.terminate();
    worker = null;
  }

  function start(): WorkerLike<Req, Res> {
    const w = opts.create();
    w.onmessage = (e) => onMessage(e.data);
    w.onerror = (e) => {
      e.preventDefault?.();
      crash(e.message || 'the worker failed to load or threw outside a task');
    };
    w.onmessageerror = () => crash('a message could not be read');
    worker = w;
    return w;
  }

  function onMessage(msg: Res): void {
    const r = opts.read(msg);
    const p = pending.get(r.id);
    if (p === undefined) return;
    if ('progress' in r) {
      p.options.onProgress?.(r.progress);
      return;
    }
    pending.delete(r.id);
    p.cleanup();
    if ('error' in r) p.reject(r.error);
    else p.resolve(r.result);
  }

  function rejectAll(error: (p: Pending<Req, P>) => Error | null): Pending<Req, P>[] {
    const kept: Pending<Req, P>[] = [];
    const all = [...pending.values()];
    pending.clear();
    for (const p of all) {
      const e = error(p);
      if (e === null) kept.push(p);
      else {
        p.cleanup();
        p.reject(e);
      }
    }
    return kept;
  }

  function crash(detail: string): void {
    stop();
    crashDetail = detail;
    if (!replaceable) ended = errors.crashed(detail, false);
    needsRestart = replaceable;
    const again = rejectAll((p) =>
      replaceable && p.options.resend === true && !p.resent ? null : errors.crashed(detail, p.resent),
    );
    for (const p of again) {
      p.resent = true;
      send(p);
    }
  }

  /**
   * The worker to send to: the current one, a new one (synchronously), or a replacement being
   * rebuilt after a crash (a promise).
   */
  function ready(): WorkerLike<Req, Res> | Promise<WorkerLike<Req, Res>> {
    if (replacing !== null) return replacing;
    if (worker !== null) return worker;
    if (!needsRestart) return start();
    const detail = crashDetail ?? 'no details';
    needsRestart = false;
    const w = start();
    const rebuild = opts.rebuild;
    if (rebuild === undefined) {
      for (const l of listeners) l(detail);
      return w;
    }
    const done = (async () => {
      try {
        await rebuild((build) => post(w, build));
      } finally {
        replacing = null;
      }
      if (worker !== w) throw errors.disposed?.() ?? abortError();
      for (const l of listeners) l(detail);
      return w;
    })();
    replacing = done;
    return done;
  }

  /** Posts one request straight to `w` (rebuild's calls bypass `ready`). */
  function post<T>(w: WorkerLike<Req, Res>, build: Build<Req>): Promise<T> {
    return new Promise<T>((resolve, reject) => transmit(w, fresh(build, {}, resolve, reject)));
  }

  function fresh<T>(
    build: Build<Req>,
    options: CallOptions<P>,
    resolve: (v: T) => void,
    reject: (e: Error) => void,
  ): Pending<Req, P> {
    const res = resolve as (v: unknown) => void;
    return { build, options, resolve: res, reject, cleanup: () => undefined, resent: false };
  }

  function transmit(w: WorkerLike<Req, Res>, p: Pending<Req, P>): void {
    const id = nextId++;
    const { signal } = p.options;
    const onAbort = () => {
      if (pending.get(id) !== entry) return;
      pending.delete(id);
      p.cleanup();
      if (p.options.abort === 'cancel' && opts.cancelMessage !== undefined && worker === w) {
        w.postMessage(opts.cancelMessage(nextId++, id), []);
      } else if (worker === w) {
        // Terminating also ends whatever else was running or queued on this worker.
        stop();
        rejectAll(() => errors.interrupted?.() ?? abortError());
      }
      p.reject(abortError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    const cleanup = () => signal?.removeEventListener('abort', onAbort);
    const entry: Pending<Req, P> = { ...p, cleanup };
    pending.set(id, entry);
    try {
      const [body, transfer = []] = p.build();
      w.postMessage({ ...body, id } as Req, transfer);
    } catch (e) {
      pending.delete(id);
      cleanup();
      p.reject(e instanceof Error ? e : new Error(String(e)));
    }
  }

  function send(p: Pending<Req, P>): void {
    let w: WorkerLike<Req, Res> | Promise<WorkerLike<Req, Res>>;
    try {
      w = ready();
    } catch (e) {
      p.reject(e instanceof Error ? e : new Error(String(e)));
      return;
    }
    if (!(w instanceof Promise)) {
      transmit(w, p);
      return;
    }
    w.then(
      (ok) => (p.options.signal?.aborted ? p.reject(abortError()) : transmit(ok, p)),
      (e: unknown) => p.reject(e instanceof Error ? e : new Error(String(e))),
    );
  }

  return {
    call<T>(build: Build<Req>, options: CallOptions<P> = {}): Promise<T> {
      if (ended !== null) return Promise.reject(ended);
      if (options.signal?.aborted) return Promise.reject(abortError());
      return new Promise<T>((resolve, reject) => send(fresh(build, options, resolve, reject)));
    },
    warmUp() {
      if (ended !== null) return;
      const w = ready();
      if (w instanceof Promise) w.catch(() => undefined);
    },
    dispose() {
      stop();
      replacing = null;
      needsRestart = false;
      const e = () => errors.disposed?.() ?? abortError();
      if (!replaceable) ended = e();
      rejectAll(e);
    },
    onRestart(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    get crashDetail() {
      return crashDetail;
    },
  };
}
