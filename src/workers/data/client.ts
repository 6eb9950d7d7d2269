/**
 * The Promise-returning client of the data worker, over the one worker link (src/workers/rpc).
 *
 * Each `load` starts a NEW worker; the previous file's worker keeps its data until the new load
 * succeeds, so a cancelled or failed load leaves everything as it was. The other calls go to the
 * worker of the last successful load. Errors reject as `UserFacingError` (`code` and `facts`),
 * or as an `AbortError` (an Error named 'AbortError') when the signal aborts.
 *
 * A worker that dies (an error event: an uncaught exception, out of memory) is replaced: the client
 * starts a new worker, replays what built the lost state (the last successful `load`, then
 * `applyMapping` and `clean` when they were done), tells `onRestart` listeners, and retries each
 * request the crash interrupted once. A second crash of the same request, or a failed replay,
 * rejects with the 'worker-crashed' error.
 */
import type { CleaningReport, CleaningSettings } from '../../core/clean/types';
import type { DateOrder, Mapping, TablePreview } from '../../core/ingest/types';
import type { RfmSettings, RfmTable } from '../../core/rfm/types';
import { UserFacingError } from '../../core/errors';
import type { ColumnProfile, Glance, OutlierReport } from '../../core/profile/profile-types';
import type {
  DataRequest,
  DataResponse,
  DataResults,
  LoadProgress,
  LoadResult,
  MappingResult,
} from './protocol';
import { abortError, createLink, type DistributiveOmit, type Link, type WorkerLike } from '../rpc/link';
import { standardReader } from '../rpc/standard';
import { fromWireError, type WireError } from '../rpc/wire-error';

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
      /** Lines (sheet rows) above the header to skip: a title. */
      skipLines?: number;
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

/** A worker error without facts is an unexpected failure while reading the data. */
const fromWire = (w: WireError) =>
  fromWireError(w, {
    uncoded: (u) => new UserFacingError({ code: 'internal', detail: u.message, reading: true }),
  });

/** A request as sent by the client (the link adds its id). */
type Body<T extends DataRequest['type']> = DistributiveOmit<Extract<DataRequest, { type: T }>, 'id'>;

type DataLink = Link<DataRequest, LoadProgress>;

export function createDataClient(): DataClient {
  let current: DataLink | null = null;
  let loading: DataLink | null = null;
  /** A started, unused worker for the next load (`warmUp`). */
  let spare: DataLink | null = null;
  /** The calls whose effects make up `current`'s state, to replay into a replacement worker. */
  let replay: { load: Body<'load'>; applyMapping?: Body<'applyMapping'>; clean?: Body<'clean'> } | null =
    null;
  const listeners = new Set<(e: DataWorkerRestart) => void>();

  /** A link to a new data worker; after a crash its replacement replays `replay` (the current file). */
  const newLink = (): DataLink => {
    const link = createLink<DataRequest, DataResponse, LoadProgress>({
      create: () =>
        new Worker(new URL('./data.worker.ts', import.meta.url), { type: 'module' }) as unknown as WorkerLike<
          DataRequest,
          DataResponse
        >,
      read: standardReader<DataResponse, LoadProgress>((m) => m.progress, fromWire),
      cancelMessage: (id, target) => ({ id, type: 'cancel', target }),
      errors: {
        crashed: (detail) => new UserFacingError({ code: 'worker-crashed', detail }),
      },
      async rebuild(call) {
        const state = replay;
        if (!state || current !== link) throw new UserFacingError({ code: 'worker-crashed' });
        await call(() => [state.load]);
        if (state.applyMapping) await call(() => [state.applyMapping!]);
        if (state.clean) await call(() => [state.clean!]);
      },
    });
    link.onRestart((detail) => {
      if (replay) for (const l of listeners) l({ fileName: replay.load.fileName, detail });
    });
    return link;
  };

  const needCurrent = (): DataLink => {
    if (!current) throw new UserFacingError({ code: 'no-data' });
    return current;
  };

  /** Sends a request to the current worker; after a crash, once more to its replacement. */
  async function send<T extends keyof DataResults>(
    body: Body<T>,
    signal?: AbortSignal,
  ): Promise<DataResults[T]> {
    return needCurrent().call<DataResults[T]>(() => [body], { signal, abort: 'cancel', resend: true });
  }

  const client: DataClient = {
    async load(file, fileName, options = {}) {
      // A newer load supersedes one still running.
      loading?.dispose();
      const link = spare && spare.crashDetail === null ? spare : newLink();
      if (spare !== link) spare?.dispose();
      spare = null;
      loading = link;
      const body = {
        type: 'load',
        file,
        fileName,
        ...(options.encoding === undefined ? {} : { encoding: options.encoding }),
        ...(options.sheet === undefined ? {} : { sheet: options.sheet }),
        ...(options.skipLines ? { skipLines: options.skipLines } : {}),
      } as const;
      try {
        const result = await link.call<LoadResult>(() => [body], {
          signal: options.signal,
          onProgress: options.onProgress,
        });
        if (loading !== link) throw abortError();
        current?.dispose();
        current = link;
        loading = null;
        replay = { load: body };
        return result;
      } catch (e) {
        if (current !== link) link.dispose();
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
      if (!spare) {
        spare = newLink();
        spare.warmUp();
      }
    },
    dispose() {
      loading?.dispose();
      current?.dispose();
      spare?.dispose();
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
