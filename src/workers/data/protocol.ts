/**
 * The typed message protocol between the data client (main thread) and the data worker.
 * Every request carries an `id`; the worker answers with `progress` messages (load only) and exactly
 * one `result` or `error` for that id.
 */
import type { MappingCheck } from '../../core/ingest/plausibility';
import type { StatusEvidence } from '../../core/clean/status-column';
import type { CleaningReport, CleaningSettings } from '../../core/clean/types';
import type {
  ColumnProblem,
  DateOrder,
  Mapping,
  MappingGuess,
  RawTable,
  TableKind,
  TablePreview,
} from '../../core/ingest/types';
import type { RfmSettings, RfmTable } from '../../core/rfm/types';
import type { ColumnProfile, Glance, OutlierReport } from '../../core/profile/profile-types';
import type { ModelInputSection } from '../../core/segments/model-input';
import type { Responses } from '../rpc/standard';

export interface LoadProgress {
  readonly stage: 'reading' | 'parsing' | 'typing' | 'cleaning' | 'rfm';
  /** Bytes of the file read so far (compressed bytes for .gz). */
  readonly bytesDone: number;
  /** The file size (Blob.size). */
  readonly bytesTotal: number;
  /** Data rows parsed so far. */
  readonly rows: number;
}

export interface LoadResult {
  readonly fileName: string;
  readonly byteLength: number;
  readonly rowCount: number;
  /** ',' ';' '\t' '|' 'whitespace' */
  readonly delimiter: string;
  /** 'utf-8', 'utf-16le', 'utf-16be', 'windows-1252', … */
  readonly encoding: string;
  readonly headers: readonly string[];
  /** First 20 rows as text. */
  readonly preview: TablePreview;
  /** Roles detected from headers + values, date order guess. */
  readonly guess: MappingGuess;
  readonly ragged: RawTable['ragged'];
  /** Lines above what looks like the real header (a title; src/core/ingest/title-rows.ts), 0 when none. */
  readonly titleLines: number;
  /** Lines skipped above the header as asked (`skipLines`), 0 when none. */
  readonly skippedLines: number;
  readonly parseMs: number;
  /** Workbooks (.xlsx) only: the worksheets in tab order, and the one that was read. */
  readonly sheets?: readonly string[];
  readonly sheet?: string;
}

export interface MappingResult {
  readonly kind: TableKind;
  readonly rowCount: number;
  /** Distinct non-empty customer ids (4,372 for UCI); rows for a pre-aggregated table without ids. */
  readonly customers: number;
  readonly invoices: number;
  /** ms (wall clock read as UTC). */
  readonly firstTime: number | null;
  readonly lastTime: number | null;
  readonly dateOrder: DateOrder | null;
  /** Unparseable (or empty) dates/numbers: counted with example rows. */
  readonly problems: readonly ColumnProblem[];
  /** First 20 rows as the app reads them (dates ISO, numbers). */
  readonly typedPreview: TablePreview;
  /** Plausibility checks that failed (src/core/ingest/plausibility.ts); empty when all is plausible. */
  readonly checks?: readonly MappingCheck[];
  /** How the file was read, for the model JSON's `input` section (header names, formats). */
  readonly input?: ModelInputSection;
  /** A column marking lines as refunded/cancelled that no rule reads (src/core/clean/status-column.ts). */
  readonly statusColumn?: StatusEvidence | null;
}

export type DataRequest =
  | {
      readonly id: number;
      readonly type: 'load';
      readonly file: Blob;
      readonly fileName: string;
      readonly encoding?: string;
      readonly sheet?: string;
      readonly skipLines?: number;
    }
  | {
      readonly id: number;
      readonly type: 'applyMapping';
      readonly mapping: Mapping;
      readonly dateOrder: DateOrder | null;
    }
  | { readonly id: number; readonly type: 'clean'; readonly settings: CleaningSettings }
  | { readonly id: number; readonly type: 'computeRfm'; readonly settings: RfmSettings }
  /** RFM at midnight starting `day` from the kept lines before it (apply a model: the "before" date). */
  | { readonly id: number; readonly type: 'rfmAtDay'; readonly settings: RfmSettings; readonly day: string }
  | { readonly id: number; readonly type: 'rows'; readonly rowNumbers: readonly number[] }
  /** The column profile of the loaded RawTable (every column, before any mapping). */
  | { readonly id: number; readonly type: 'profile' }
  /** Transactions at a glance under the current mapping (rejects 'no-mapping' before applyMapping). */
  | { readonly id: number; readonly type: 'glance' }
  /** Extreme lines of the UNCLEANED transactions under the current mapping (the Cleaning 'outliers' rule). */
  | { readonly id: number; readonly type: 'outliers' }
  | { readonly id: number; readonly type: 'cancel'; readonly target: number };

/** What each request type resolves to. */
export interface DataResults {
  load: LoadResult;
  applyMapping: MappingResult;
  clean: CleaningReport;
  computeRfm: RfmTable;
  rfmAtDay: RfmTable;
  rows: TablePreview;
  profile: readonly ColumnProfile[];
  glance: Glance;
  outliers: OutlierReport;
  cancel: null;
}

export type DataResponse = Responses<{ readonly progress: LoadProgress }, DataResults[keyof DataResults]>;
