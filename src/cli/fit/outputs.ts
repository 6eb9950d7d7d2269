/**
 * The files of a fit, made by the browser's export functions (src/core/segments/exports.ts,
 * model-json.ts) from the same inputs the Export cell passes them (src/features/export/export-cell.tsx).
 */
import { customersCsv, profilesCsv } from '../../core/segments/exports';
import {
  buildModelJson,
  modelJsonText,
  modelKmeansSection,
  type ModelJsonInput,
} from '../../core/segments/model-json';
import { parseModelJson, scoreCustomers, trainingSummary } from '../../core/model';
import { buildRunRecord, type RunRecord } from '../../core/runs/run-record';
import {
  DEFAULT_RULES,
  DEFAULT_SCORE_SETTINGS,
  rfmScoresExport,
  type ScoreSettings,
  type SegmentRule,
} from '../../core/rfm-scores';
import type { FitResult } from './pipeline';

export type FitFiles = Readonly<Record<(typeof ARTIFACTS)[number], string>>;

export const ARTIFACTS = ['model.json', 'customers.csv', 'profiles.csv'] as const;

export function fitFiles(
  r: FitResult,
  datasetName: string,
  appVersion: string,
  createdAt: Date,
  scoring: { readonly settings: ScoreSettings; readonly rules: readonly SegmentRule[] } = {
    settings: DEFAULT_SCORE_SETTINGS,
    rules: DEFAULT_RULES,
  },
): FitFiles {
  const sw = r.sweep;
  // RFM scores as the Export cell adds them (the browser's default score settings and rules).
  const rfmScores = rfmScoresExport(r.rfm, scoring.settings, scoring.rules);
  const opts = r.sweepOptions;
  const input: ModelJsonInput = {
    appVersion,
    datasetName,
    createdAt,
    customers: r.profiles.n,
    cleaningSettings: r.cleaningSettings,
    rfmSettings: r.rfmSettings,
    fit: r.transform.fit,
    k: r.k,
    seed: r.seed,
    engine: sw.engineInfo.name,
    engineReason: sw.engineInfo.reason,
    kmeans: modelKmeansSection(opts, r.point, sw.restartSample),
    features: r.features,
    centroidsStandardised: r.point.result.centroids,
    centroidsOriginal: r.centroidsOriginal.get(r.k) ?? null,
    names: r.names,
    descriptions: r.profiles.segments.map((s) => s.description.text),
    sizes: r.profiles.segments.map((s) => s.size),
    sweep: sw.points,
    knee: sw.knee,
    rfmScores: rfmScores?.saved,
    // How the file was read (headers per role, formats), as the Export cell writes it.
    input: r.mapping.input ?? null,
  };
  // The training summary for drift (formatVersion 2): the training customers scored by the saved
  // model, as src/core/model does when it applies a model.
  const cols = { recency: r.rfm.recency, frequency: r.rfm.frequency, monetary: r.rfm.monetary };
  const scores = scoreCustomers(parseModelJson(JSON.stringify(buildModelJson(input))), cols);
  const model = modelJsonText({ ...input, training: trainingSummary(cols, scores, r.k) });
  const customers = customersCsv({
    customerIds: r.rfm.customerIds,
    recency: r.rfm.recency,
    frequency: r.rfm.frequency,
    monetary: r.rfm.monetary,
    labels: r.point.result.labels,
    names: r.names,
    rfmScores: rfmScores?.columns,
  });
  return {
    'model.json': model,
    'customers.csv': customers,
    'profiles.csv': profilesCsv(r.profiles, r.names),
  };
}

export function fitRunRecord(
  r: FitResult,
  input: { name: string; sha256: string; bytes: number },
  appVersion: string,
  createdAt: Date,
  durationMs: number,
): RunRecord {
  const o = r.sweepOptions;
  return buildRunRecord({
    createdAt,
    appVersion,
    source: 'cli',
    input: {
      ...input,
      rows: r.load.rowCount,
      customers: r.mapping.customers,
      kind: r.kind,
    },
    cleaning: r.kind === 'rfm' ? null : r.cleaningSettings,
    rfm: r.rfmSettings,
    features: r.features,
    kmeans: {
      seed: r.seed,
      kMin: o.kMin,
      kMax: o.kMax,
      nInit: o.nInit,
      maxIter: o.maxIter,
      tol: o.tol,
      algorithm: o.algorithm,
      engine: r.sweep.engineInfo.name,
    },
    sweep: r.sweep.points,
    suggestedK: r.suggestedK,
    chosenK: r.k,
    lambdas: r.transform.fit.lambdas,
    inertia: r.point.inertia,
    segmentSizes: r.profiles.segments.map((s) => s.size),
    durationMs,
    artifacts: ARTIFACTS,
  });
}
