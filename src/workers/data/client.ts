/**
 * The Promise-returning client of the data worker.
 *
 * Each `load` starts a NEW worker; the previous file's worker keeps its data until the new load
 * succeeds, so a cancelled or failed load leaves everything as it was. The other calls go to the
 * worker of the last successful load. Errors reject as `UserFacingError` (`code`, plain `message`),
 * or as an `AbortError` (a DOMException named 'AbortError') when the signal aborts.
 *
 * A worker that dies (an error event: an uncaught exception, out of memory) is replaced: the client
 * starts a new worker, replays what built the lost state (the last successful `load`, then
 * `applyMapping` and `clean` when they were done), tells `onRestart` listeners, and retries each
 * request the crash interrupted once. A second crash of the same request, or a failed replay,
 * rejects with the 'worker-crashed' error.
 */
import type {
  CleaningReport,
  CleaningSettings,
  DateOrder,
  Mapping,
  RfmSettings,
  RfmTable,
  TablePreview,
} from '../../core/types';
import { UserFacingError } from '../../core/types';
import type { ColumnProfile, Glance, OutlierReport } from '../../core/profile/profile-types';
import type {
  DataRequest,
  DataResponse,
  DataResults,
  LoadProgress,
  LoadResult,
  MappingResult,
  WireError,
} from './protocol';

export type { LoadProgress, LoadResult, MappingResult } from './protocol';

export interface DataClient {
  /** Parses a File/Blob (.csv .tsv .txt, or gzipped: detected by magic bytes) in a new worker. */
  load(
    file: Blob,
    fileName: string,
    options?: {
      onProgress?: (p: LoadProgress) => void;
      signal?: AbortSignal;
      encoding?: string;
      sheet?: string;
    },
  ): Promise<LoadResult>;
  /** Types the columns by the mapping (customer ids stay text, dates by the given order). */
  applyMapping(
    mapping: Mapping,
    dateOrder: DateOrder | null,
    options?: { signal?: AbortSignal },
  ): Promise<MappingResult>;
  clean(settings: CleaningSettings, options?: { signal?: AbortSignal }): Promise<CleaningReport>;
  computeRfm(settings: RfmSettings, options?: { signal?: AbortSignal }): Promise<RfmTable>;
  /** RFM at the start of `day` ('YYYY-MM-DD') from the kept lines before it. */
  rfmAtDay(settings: RfmSettings, day: string, options?: { signal?: AbortSignal }): Promise<RfmTable>;
  /** Rows of the current table behind given spreadsheet row numbers (header = row 1). */
  rows(rowNumbers: readonly number[]): Promise<TablePreview>;
  /** The column profile of the last loaded file (types, missing, distinct, describe, top values…). */
  profile(options?: { signal?: AbortSignal }): Promise<readonly ColumnProfile[]>;
  /** Transactions at a glance under the current mapping (after applyMapping; not for RFM tables). */
  glance(options?: { signal?: AbortSignal }): Promise<Glance>;
  /** Extreme lines of the uncleaned transactions under the current mapping (the Cleaning 'outliers' rule). */
  outliers(options?: { signal?: AbortSignal }): Promise<OutlierReport>;
  /**
   * Starts the worker the next `load` will use (its module loads while the user picks a file,
   * 0.1–0.2 s off the first load). Idempotent.
   */
  warmUp(): void;
  /** Ends the workers (the loaded data goes with them); the next call needs a new `load`. */
  dispose(): void;
  /** Called after a crashed worker was replaced and its state rebuilt; returns an unsubscribe. */
  onRestart(listener: (e: DataWorkerRestart) => void): () => void;
}

/** What `onRestart` listeners hear: the file read again and why the worker was replaced. */
export interface DataWorkerRestart {
  readonly fileName: string;
  /** The crash as the browser reported it. */
  readonly detail: string;
}

const CRASHED = 'worker-crashed';

type Pending = {
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
  onProgress?: ((p: LoadProgress) => void) | undefined;
};

function abortError(): DOMException {
  return new DOMException('The operation was cancelled.', 'AbortError');
}

function fromWire(e: WireError): Error {
  if (e.name === 'AbortError') return abortError();
  if (e.name === 'UserFacingError') return new UserFacingError(e.code, e.message);
  return new UserFacingError('internal', `Something went wrong while reading the data: ${e.message}`);
}

/** One worker and its pending requests. */
class WorkerLink {
  readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private dead: Error | null = null;

  constructor() {
    this.worker = new Worker(new URL('./data.worker.ts', import.meta.url), { type: 'module' });
    this.worker.onmessage = (ev: MessageEvent<DataResponse>) => {
      const msg = ev.data;
      const p = this.pending.get(msg.id);
      if (!p) return;
      if (msg.type === 'progress') p.onProgress?.(msg.progress);
      else {
        this.pending.delete(msg.id);
        if (msg.type === 'result') p.resolve(msg.result);
        else p.reject(fromWire(msg.error));
      }
    };
    this.worker.onerror = (ev: ErrorEvent) => {
      ev.preventDefault();
      this.crashDetail = ev.message || 'no details';
      this.worker.terminate();
      this.fail(
        new UserFacingError(
          CRASHED,
          `The data worker stopped unexpectedly (${this.crashDetail}) and could not be restarted with your file. Reload the page (your session is kept) and try again; very large files may need more memory.`,
        ),
      );
    };
  }

  /** The browser's message when this worker crashed; null while it is alive. */
  crashDetail: string | null = null;

  fail(err: Error): void {
    this.dead = err;
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }

  request<T extends keyof DataResults>(
    body: Body<T>,
    opts: {
      signal?: AbortSignal | undefined;
      onProgress?: ((p: LoadProgress) => void) | undefined;
      onAbort?: () => void;
    } = {},
  ): Promise<DataResults[T]> {
    if (this.dead) return Promise.reject(this.dead);
    const { signal } = opts;
    if (signal?.aborted) return Promise.reject(abortError());
    const id = this.nextId++;
    return new Promise<DataResults[T]>((resolve, reject) => {
      const onAbort = (): void => {
        if (!this.pending.has(id)) return;
        this.pending.delete(id);
        this.worker.postMessage({ id: this.nextId++, type: 'cancel', target: id } satisfies DataRequest);
        opts.onAbort?.();
        reject(abortError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.set(id, {
        resolve: (v) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(v as DataResults[T]);
        },
        reject: (e) => {
          signal?.removeEventListener('abort', onAbort);
          reject(e);
        },
        onProgress: opts.onProgress,
      });
      this.worker.postMessage({ ...body, id } as DataRequest);
    });
  }

  terminate(): void {
    this.worker.terminate();
    this.fail(abortError());
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** A request as sent by the client (the link adds its id). */
type Body<T extends DataRequest['type']> = DistributiveOmit<Extract<DataRequest, { type: T }>, 'id'>;

export function createDataClient(): DataClient {
  let current: WorkerLink | null = null;
  let loading: WorkerLink | null = null;
  /** A started, unused worker for the next load (`warmUp`). */
  let spare: WorkerLink | null = null;
  /** The calls whose effects make up `current`'s state, to replay into a replacement worker. */
  let replay: { load: Body<'load'>; applyMapping?: Body<'applyMapping'>; clean?: Body<'clean'> } | null =
    null;
  /** The replacement being built for a crashed worker (shared by every call the crash interrupted). */
  let restarting: { from: WorkerLink; done: Promise<void> } | null = null;
  const listeners = new Set<(e: DataWorkerRestart) => void>();

  const needCurrent = (): WorkerLink => {
    if (!current)
      throw new UserFacingError('no-data', 'No file is loaded yet. Drop a file or open the sample first.');
    return current;
  };

  /** Replaces the crashed `dead` worker by a new one holding the same state. */
  const restart = (dead: WorkerLink): Promise<void> => {
    if (restarting?.from === dead) return restarting.done;
    const state = replay;
    const done = (async () => {
      if (!state)
        throw new UserFacingError(CRASHED, 'The data worker stopped unexpectedly. Load the file again.');
      const link = new WorkerLink();
      try {
        await link.request<'load'>(state.load);
        if (state.applyMapping) await link.request<'applyMapping'>(state.applyMapping);
        if (state.clean) await link.request<'clean'>(state.clean);
      } catch (e) {
        link.worker.terminate();
        throw e;
      }
      // A new load may have replaced the crashed worker meanwhile: then this one is not needed.
      if (current !== dead) {
        link.terminate();
        return;
      }
      current = link;
      for (const l of listeners)
        l({ fileName: state.load.fileName, detail: dead.crashDetail ?? 'no details' });
    })();
    restarting = { from: dead, done };
    return done;
  };

  /** Sends a request to the current worker; after a crash, once more to its replacement. */
  async function send<T extends keyof DataResults>(
    body: Body<T>,
    signal?: AbortSignal,
  ): Promise<DataResults[T]> {
    const link = needCurrent();
    try {
      return await link.request<T>(body, { signal });
    } catch (e) {
      if (link.crashDetail === null || signal?.aborted) throw e;
      await restart(link);
      return needCurrent().request<T>(body, { signal });
    }
  }

  const client: DataClient = {
    async load(file, fileName, options = {}) {
      // A newer load supersedes one still running.
      loading?.terminate();
      const link = spare && spare.crashDetail === null ? spare : new WorkerLink();
      if (spare !== link) spare?.terminate();
      spare = null;
      loading = link;
      const body = {
        type: 'load',
        file,
        fileName,
        ...(options.encoding === undefined ? {} : { encoding: options.encoding }),
        ...(options.sheet === undefined ? {} : { sheet: options.sheet }),
      } as const;
      try {
        const result = await link.request<'load'>(body, {
          signal: options.signal,
          onProgress: options.onProgress,
          onAbort: () => link.terminate(),
        });
        if (loading !== link) throw abortError();
        current?.terminate();
        current = link;
        loading = null;
        replay = { load: body };
        return result;
      } catch (e) {
        if (current !== link) link.worker.terminate();
        if (loading === link) loading = null;
        throw e;
      }
    },
    async applyMapping(mapping, dateOrder, options = {}) {
      const body = { type: 'applyMapping', mapping, dateOrder } as const;
      const res = await send<'applyMapping'>(body, options.signal);
      if (replay) replay = { load: replay.load, applyMapping: body };
      return res;
    },
    async clean(settings, options = {}) {
      const body = { type: 'clean', settings } as const;
      const res = await send<'clean'>(body, options.signal);
      if (replay?.applyMapping) replay = { ...replay, clean: body };
      return res;
    },
    async computeRfm(settings, options = {}) {
      return send<'computeRfm'>({ type: 'computeRfm', settings }, options.signal);
    },
    async rfmAtDay(settings, day, options = {}) {
      return send<'rfmAtDay'>({ type: 'rfmAtDay', settings, day }, options.signal);
    },
    async rows(rowNumbers) {
      return send<'rows'>({ type: 'rows', rowNumbers });
    },
    async profile(options = {}) {
      return send<'profile'>({ type: 'profile' }, options.signal);
    },
    async glance(options = {}) {
      return send<'glance'>({ type: 'glance' }, options.signal);
    },
    async outliers(options = {}) {
      return send<'outliers'>({ type: 'outliers' }, options.signal);
    },
    warmUp() {
      spare ??= new WorkerLink();
    },
    dispose() {
      loading?.terminate();
      current?.terminate();
      spare?.terminate();
      loading = null;
      current = null;
      spare = null;
      replay = null;
    },
    onRestart(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return client;
}
