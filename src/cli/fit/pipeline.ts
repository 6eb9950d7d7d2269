/**
 * A whole notebook run without a page: load → columns (the detected mapping) → cleaning → RFM →
 * Yeo-Johnson → sweep k = 1..10 → the chosen k → profiles and names. Every step is the browser's
 * own code reached through the worker protocols (see ../backend), in the order and with the options
 * the store uses (src/store/data-actions.ts, model-actions.ts).
 */
import { titleLinesSentence } from '../../messages/file-shape';
import { DEFAULT_SWEEP } from '../../core/sweep/sweep';
import { missingRoles } from '../../core/ingest/roles';
import {
  clampK,
  copyFit,
  FALLBACK_K,
  mappingForKind,
  monetaryForMapping,
  splitCentroids,
  stackCentroids,
} from '../../core/pipeline/steps';
import { suggestNames } from '../../core/segments/describe';
import { computeProfiles, type ProfilesResult } from '../../core/segments/profiles';
import type { CleaningReport, CleaningSettings } from '../../core/clean/types';
import type { RfmSettings, RfmTable } from '../../core/rfm/types';
import type { Role, TableKind } from '../../core/ingest/types';
import type { SweepPoint } from '../../core/sweep/types';
import type { LoadResult, MappingResult } from '../../workers/data/protocol';
import type { EngineName, EngineResults, TransformResult } from '../../workers/engine/protocol';
import type { Backend } from '../backend/backend';
import { CliError, EXIT } from '../exit-codes';
import { missingRequiredColumn } from '../../core/model/required-columns';
import { resolveColumns } from './columns';
import { modelFeaturesFor, type ModelFeature } from '../../core/model/model-types';

export interface FitSettings {
  readonly cleaning: CleaningSettings;
  readonly rfm: RfmSettings;
  readonly seed: number;
  /** null: the sweep's suggestion (as the browser). */
  readonly k: number | null;
  /** The CLI runs the float64 typed-array engine (the reference path; the browser may pick tfjs). */
  readonly engine: EngineName;
  /** `--column ROLE=HEADER` choices. */
  readonly columns?: Partial<Record<Role, string>>;
  /** `--skip-lines N`: lines above the header (a title). */
  readonly skipLines?: number | null;
  /** A feature left out of the model (null or absent: none; a file without money leaves monetary out). */
  readonly leftOut?: ModelFeature | null;
}

export interface FitProgress {
  (stage: string, detail?: string): void;
}

export interface FitResult {
  readonly load: LoadResult;
  readonly kind: TableKind;
  readonly mapping: MappingResult;
  readonly cleaning: CleaningReport | null;
  readonly cleaningSettings: CleaningSettings;
  readonly rfmSettings: RfmSettings;
  readonly rfm: RfmTable;
  readonly transform: TransformResult;
  /** The features modelled (d = features.length). */
  readonly features: readonly ModelFeature[];
  readonly sweep: EngineResults['sweep'];
  readonly sweepOptions: typeof DEFAULT_SWEEP;
  readonly centroidsOriginal: ReadonlyMap<number, Float64Array>;
  readonly k: number;
  readonly suggestedK: number | null;
  readonly point: SweepPoint;
  readonly profiles: ProfilesResult;
  readonly names: readonly string[];
  readonly seed: number;
}

function needInput(code: string, message: string): CliError {
  return new CliError(code, message, EXIT.data);
}

export interface RfmOfFile {
  readonly load: LoadResult;
  readonly kind: TableKind;
  readonly mapping: MappingResult;
  readonly cleaning: CleaningReport | null;
  readonly rfmSettings: RfmSettings;
  readonly rfm: RfmTable;
}

/** Load → detected columns → cleaning → RFM (the data worker's steps, as the store runs them). */
export async function rfmOfFile(
  backend: Backend,
  file: Blob,
  fileName: string,
  settings: {
    readonly cleaning: CleaningSettings;
    readonly rfm: RfmSettings;
    /** `--column ROLE=HEADER` choices. */
    readonly columns?: Partial<Record<Role, string>>;
    /** `--skip-lines N`: lines above the header (a title). */
    readonly skipLines?: number | null;
    /** Applying a saved model: role → header of its training file (`input.columns`). */
    readonly training?: Partial<Record<Role, string>> | null;
    /** Applying a saved model: its features (an R+F model needs no money column). */
    readonly modelFeatures?: readonly string[];
  },
  progress: FitProgress,
): Promise<RfmOfFile> {
  progress('reading', fileName);
  const skip = settings.skipLines ? { skipLines: settings.skipLines } : {};
  const load = await backend.data({ type: 'load', file, fileName, ...skip }, (p) =>
    progress(p.stage, `${p.rows.toLocaleString('en')} rows`),
  );
  const guess = load.guess;
  const kind = guess.kind;
  const chosen = resolveColumns(
    fileName,
    load.headers,
    guess.mapping,
    settings.columns ?? {},
    settings.training ?? null,
  );
  const missing = missingRoles(kind, chosen);
  if (missing.length > 0) {
    // A title above the header explains it better than the list of columns read from the title.
    const title =
      load.titleLines > 0
        ? titleLinesSentence(load.preview, load.titleLines, load.sheet !== undefined, 'cli')
        : null;
    throw needInput(
      'missing-columns',
      title
        ? `No column of "${fileName}" was recognised as: ${missing.join(', ')}. ${title.title}: ${title.body}`
        : `No column of "${fileName}" was recognised as: ${missing.join(', ')}. Name it with --column (e.g. --column ${missing[0]}=HEADER; the file's columns: ${load.headers.map((h) => `"${h}"`).join(', ')}).`,
    );
  }
  const rfmSettings = monetaryForMapping(settings.rfm, chosen);
  if (settings.training !== undefined) {
    const need = missingRequiredColumn(
      kind,
      chosen,
      rfmSettings,
      settings.cleaning,
      settings.training,
      settings.modelFeatures,
    );
    if (need)
      throw needInput(
        'missing-columns',
        `The model's ${need.usedBy.startsWith('cleaning: ') ? `cleaning rule "${need.usedBy.slice(10)}"` : `RFM definition (${need.usedBy})`} needs the ${need.role} column${need.trainingHeader ? ` ("${need.trainingHeader}" in the training file)` : ''}, but no column of "${fileName}" was recognised as ${need.role}; without it the customers' R, F, M would not be the model's. Name it with --column ${need.role}=HEADER (the file's columns: ${load.headers.map((h) => `"${h}"`).join(', ')}).`,
      );
  }
  progress('columns');
  const mapping = await backend.data({
    type: 'applyMapping',
    mapping: mappingForKind(kind, chosen),
    dateOrder:
      kind === 'rfm' ? null : chosen.date === guess.mapping.date ? (guess.dateOrder?.order ?? null) : null,
  });
  let cleaning: CleaningReport | null = null;
  if (kind !== 'rfm') {
    progress('cleaning');
    cleaning = await backend.data({ type: 'clean', settings: settings.cleaning });
  }
  progress('rfm');
  const rfm = await backend.data({ type: 'computeRfm', settings: rfmSettings });
  return { load, kind, mapping, cleaning, rfmSettings, rfm };
}

export async function fitFile(
  backend: Backend,
  file: Blob,
  fileName: string,
  settings: FitSettings,
  progress: FitProgress,
): Promise<FitResult> {
  const { load, kind, mapping, cleaning, rfmSettings, rfm } = await rfmOfFile(
    backend,
    file,
    fileName,
    settings,
    progress,
  );
  const n = rfm.customerIds.length;
  if (n < 2)
    throw needInput(
      'too-few-customers',
      `The RFM table of "${fileName}" has ${n} customer${n === 1 ? '' : 's'}; segmentation needs at least 2. Loosen the cleaning rules (--settings).`,
    );
  progress('transform');
  // As model-actions.ts: a feature left out goes as an empty column.
  const features = modelFeaturesFor(rfm.noMoney === true, settings.leftOut ?? null);
  const d = features.length;
  const column = (f: ModelFeature) => (features.includes(f) ? rfm[f].slice() : new Float64Array(0));
  const transform = await backend.engine({
    type: 'transform',
    recency: column('recency'),
    frequency: column('frequency'),
    monetary: column('monetary'),
  });
  const kMax = Math.min(DEFAULT_SWEEP.kMax, n);
  const sweepOptions = { ...DEFAULT_SWEEP, seed: settings.seed, kMax };
  progress('sweep', `k = ${DEFAULT_SWEEP.kMin}..${kMax}`);
  const sweep = await backend.engine(
    { type: 'sweep', X: transform.X.slice(), n, d, options: sweepOptions, engine: settings.engine },
    (done, total) => progress('sweep', `${done}/${total} k done`),
  );
  // Every k's centroids in original units, in one inverse call (as model-actions.ts).
  const inv = await backend.engine({
    type: 'inverse',
    X: stackCentroids(sweep.points),
    d,
    fit: copyFit(transform.fit),
  });
  const centroidsOriginal = splitCentroids(sweep.points, inv);
  const ks = sweep.points.map((p) => p.k);
  const suggestedK = sweep.knee.suggested;
  if (settings.k !== null && !ks.includes(settings.k))
    throw new CliError(
      'k-out-of-range',
      `--k ${settings.k} was not swept: choose k between ${Math.min(...ks)} and ${Math.max(...ks)}.`,
      EXIT.usage,
    );
  const k = settings.k ?? clampK(suggestedK ?? FALLBACK_K, ks);
  const point = sweep.points.find((p) => p.k === k)!;
  progress('segments', `k = ${k}`);
  // As src/features/segments/use-segmentation.ts: profiles of the chosen k, then suggested names.
  const profiles = computeProfiles(
    rfm,
    point.result.labels,
    point.k,
    point.result.centroids,
    centroidsOriginal.get(k) ?? null,
    features,
  );
  const names = suggestNames(profiles.segments.map((s) => s.description));
  return {
    load,
    kind,
    mapping,
    cleaning,
    cleaningSettings: settings.cleaning,
    rfmSettings,
    rfm,
    transform,
    features,
    sweep,
    sweepOptions,
    centroidsOriginal,
    k,
    suggestedK,
    point,
    profiles,
    names,
    seed: settings.seed,
  };
}
