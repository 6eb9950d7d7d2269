/**
 * The Promise-returning client of the data worker.
 *
 * Each `load` starts a NEW worker; the previous file's worker keeps its data until the new load
 * succeeds, so a cancelled or failed load leaves everything as it was. The other calls go to the
 * worker of the last successful load. Errors reject as `UserFacingError` (`code`, plain `message`),
 * or as an `AbortError` (a DOMException named 'AbortError') when the signal aborts.
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
export { DEFAULT_CLEANING, REFERENCE_CLEANING, DEFAULT_NON_PRODUCT_CODES } from '../../core/clean/clean';
export { DEFAULT_RFM, REFERENCE_PRESET } from '../../core/rfm/rfm';

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
  /** Rows of the current table behind given spreadsheet row numbers (header = row 1). */
  rows(rowNumbers: readonly number[]): Promise<TablePreview>;
  /** The column profile of the last loaded file (types, missing, distinct, describe, top values…). */
  profile(options?: { signal?: AbortSignal }): Promise<readonly ColumnProfile[]>;
  /** Transactions at a glance under the current mapping (after applyMapping; not for RFM tables). */
  glance(options?: { signal?: AbortSignal }): Promise<Glance>;
  /** Extreme lines of the uncleaned transactions under the current mapping (the Cleaning 'outliers' rule). */
  outliers(options?: { signal?: AbortSignal }): Promise<OutlierReport>;
}

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
      this.fail(
        new UserFacingError(
          'worker-crashed',
          `The data worker stopped unexpectedly (${ev.message || 'no details'}). Reload the page and try again; very large files may need more memory.`,
        ),
      );
    };
  }

  fail(err: Error): void {
    this.dead = err;
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }

  request<T extends keyof DataResults>(
    body: DistributiveOmit<Extract<DataRequest, { type: T }>, 'id'>,
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

let latestClient: DataClient | null = null;

/**
 * The client most recently made by `createDataClient` (the app makes one, in the data actions), so
 * that other actions (the data profile) talk to the worker holding the loaded file; null before.
 */
export function activeDataClient(): DataClient | null {
  return latestClient;
}

export function createDataClient(): DataClient {
  let current: WorkerLink | null = null;
  let loading: WorkerLink | null = null;

  const needCurrent = (): WorkerLink => {
    if (!current)
      throw new UserFacingError('no-data', 'No file is loaded yet. Drop a file or open the sample first.');
    return current;
  };

  const client: DataClient = {
    async load(file, fileName, options = {}) {
      // A newer load supersedes one still running.
      loading?.terminate();
      const link = new WorkerLink();
      loading = link;
      try {
        const result = await link.request<'load'>(
          {
            type: 'load',
            file,
            fileName,
            ...(options.encoding === undefined ? {} : { encoding: options.encoding }),
            ...(options.sheet === undefined ? {} : { sheet: options.sheet }),
          },
          { signal: options.signal, onProgress: options.onProgress, onAbort: () => link.terminate() },
        );
        if (loading !== link) throw abortError();
        current?.terminate();
        current = link;
        loading = null;
        return result;
      } catch (e) {
        if (current !== link) link.worker.terminate();
        if (loading === link) loading = null;
        throw e;
      }
    },
    async applyMapping(mapping, dateOrder, options = {}) {
      return needCurrent().request<'applyMapping'>(
        { type: 'applyMapping', mapping, dateOrder },
        { signal: options.signal },
      );
    },
    async clean(settings, options = {}) {
      return needCurrent().request<'clean'>({ type: 'clean', settings }, { signal: options.signal });
    },
    async computeRfm(settings, options = {}) {
      return needCurrent().request<'computeRfm'>(
        { type: 'computeRfm', settings },
        { signal: options.signal },
      );
    },
    async rows(rowNumbers) {
      return needCurrent().request<'rows'>({ type: 'rows', rowNumbers }, {});
    },
    async profile(options = {}) {
      return needCurrent().request<'profile'>({ type: 'profile' }, { signal: options.signal });
    },
    async glance(options = {}) {
      return needCurrent().request<'glance'>({ type: 'glance' }, { signal: options.signal });
    },
    async outliers(options = {}) {
      return needCurrent().request<'outliers'>({ type: 'outliers' }, { signal: options.signal });
    },
  };
  latestClient = client;
  return client;
}
