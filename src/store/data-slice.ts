import type { CleaningReport, CleaningSettings } from '../core/clean/types';
import type { DateOrder, Mapping, TableKind } from '../core/ingest/types';
import type { RfmSettings, RfmTable } from '../core/rfm/types';
import type { LoadProgress, LoadResult, MappingResult } from '../workers/data/client';
import { DEFAULT_CLEANING } from '../core/clean/clean';
import { DEFAULT_RFM } from '../core/rfm/rfm';
import type { StepError, StepStatus } from '../core/step';
import type { SliceCreator } from './slice';

/** Where the current load came from. */
export type DataSource = 'file' | 'sample';

/** Options of a (re)load: a text encoding instead of the detected one, a workbook's sheet, title lines to skip. */
export interface LoadChoice {
  readonly encoding?: string;
  readonly sheet?: string;
  readonly skipLines?: number;
}

/**
 * State of the data steps (Data → Columns → Cleaning → RFM). Results of a step are only replaced
 * by a newer success of that step: errors and cancellations never clear them (the step's status and
 * error say what happened instead).
 */
export interface DataSlice {
  // ── Data (load) ──
  /** Name of the file whose columns are shown (the last successful load). */
  readonly datasetName: string | null;
  readonly dataSource: DataSource | null;
  readonly loadStatus: StepStatus;
  /** Name of the file being loaded now (null when idle). */
  readonly loadingName: string | null;
  /**
   * 'download' while the built-in sample is fetched, then the worker's stages. `downloadSize`: the
   * compressed size announced by the server when the browser unpacks the download itself (bytesDone
   * then counts unpacked bytes and bytesTotal is 0).
   */
  readonly loadProgress:
    (LoadProgress & { readonly download?: boolean; readonly downloadSize?: number }) | null;
  readonly loadError: StepError | null;
  readonly loadResult: LoadResult | null;
  /** Size in bytes of the file as picked or downloaded (compressed size for .gz). */
  readonly fileBytes: number | null;
  /** The file (or downloaded sample) of the last successful load, as bytes: kept so the session can be saved and restored. */
  readonly fileBlob: Blob | null;
  /** What the user chose for the last successful load (a forced encoding, a sheet); {} = detected. */
  readonly loadChoice: LoadChoice;
  /** Set when the data worker crashed and was replaced (the file read again); shown in the Data cell. */
  readonly workerRestart: { readonly fileName: string; readonly detail: string } | null;

  // ── Columns (mapping) ──
  readonly kind: TableKind;
  readonly mapping: Mapping;
  readonly dateOrder: DateOrder | null;
  readonly mappingStatus: StepStatus;
  readonly mappingError: StepError | null;
  readonly mappingResult: MappingResult | null;
  /** Keys of the plausibility checks the user confirmed for this file (see core/ingest/plausibility). */
  readonly confirmedChecks: readonly string[];

  // ── Cleaning ──
  readonly cleaningSettings: CleaningSettings;
  readonly cleaningStatus: StepStatus;
  readonly cleaningError: StepError | null;
  readonly cleaningReport: CleaningReport | null;

  // ── RFM ──
  readonly rfmSettings: RfmSettings;
  readonly rfmStatus: StepStatus;
  readonly rfmError: StepError | null;
  /** A NEW object each time RFM is recomputed (the model steps subscribe to it). */
  readonly rfm: RfmTable | null;
  /** Name of the file `rfm` was computed from (differs from datasetName while a new file is worked on). */
  readonly rfmSource: string | null;
}

export const initialDataState: DataSlice = {
  datasetName: null,
  dataSource: null,
  loadStatus: 'waiting',
  loadingName: null,
  loadProgress: null,
  loadError: null,
  loadResult: null,
  fileBytes: null,
  fileBlob: null,
  loadChoice: {},
  workerRestart: null,
  kind: 'transactions',
  mapping: {},
  dateOrder: null,
  mappingStatus: 'waiting',
  mappingError: null,
  mappingResult: null,
  confirmedChecks: [],
  cleaningSettings: DEFAULT_CLEANING,
  cleaningStatus: 'waiting',
  cleaningError: null,
  cleaningReport: null,
  rfmSettings: DEFAULT_RFM,
  rfmStatus: 'waiting',
  rfmError: null,
  rfm: null,
  rfmSource: null,
};

export const createDataSlice: SliceCreator<DataSlice> = () => ({ ...initialDataState });
