/**
 * Tests only: the browser's computation of a model for a shipped file, with the same core functions
 * the app calls (ingest → clean → RFM → Yeo-Johnson → k-means → model JSON), and the file's rows as
 * an all-text CSV for loading into a SQL engine.
 */
import { writeFileSync } from 'node:fs';
import type { CleaningSettings } from '../../clean/types';
import type { RawTable } from '../../ingest/types';
import type { RfmSettings, RfmTable } from '../../rfm/types';
import { guessMapping } from '../../ingest/roles';
import { buildTransactions } from '../../ingest/transactions';
import { DEFAULT_CLEANING, cleanTransactions } from '../../clean/clean';
import { DEFAULT_RFM, computeRfm } from '../../rfm/rfm';
import { parseRepoFile } from '../../rfm/test-data';
import { applyPowerTransform, fitPowerTransform } from '../../transform/power-transform';
import { kmeans } from '../../kmeans';
import { DEFAULT_SWEEP, fitOptions } from '../../sweep/sweep';
import { describeSegment, suggestNames } from '../../segments/describe';
import { buildModelJson, modelKmeansSection } from '../../segments/model-json';
import { describeModelInput } from '../../segments/model-input';
import { MODEL_FEATURES, type ModelFeature } from '../../model/model-types';

export interface BrowserModel {
  readonly raw: RawTable;
  readonly rfm: RfmTable;
  /** 1-based cluster of each customer of `rfm`, as the app's k-means gave it. */
  readonly clusterIds: Int32Array;
  readonly names: readonly string[];
  /** The model JSON as a file would hold it (JSON text parsed again). */
  readonly model: unknown;
}

export function browserModel(
  file: string | { readonly raw: RawTable; readonly name: string },
  k: number,
  settings: { readonly cleaning: CleaningSettings; readonly rfm: RfmSettings } = {
    cleaning: DEFAULT_CLEANING,
    rfm: DEFAULT_RFM,
  },
  /** The model's features (a two-feature model leaves one out). */
  features: readonly ModelFeature[] = MODEL_FEATURES,
): BrowserModel {
  const raw = typeof file === 'string' ? parseRepoFile(file).table : file.raw;
  const datasetName = typeof file === 'string' ? file.split('/').pop()! : file.name;
  const guess = guessMapping(raw);
  const tx = buildTransactions(raw, guess.mapping, guess.dateOrder?.order ?? null);
  const { keep } = cleanTransactions(tx, settings.cleaning);
  const rfm = computeRfm(tx, keep, settings.rfm);
  const cols = features.map((f) => rfm[f]);
  const d = features.length;
  const fit = fitPowerTransform(cols);
  const X = applyPowerTransform(cols, fit);
  const n = rfm.customerIds.length;
  const result = kmeans(X, n, d, fitOptions(DEFAULT_SWEEP, k));
  const C = result.centroids;
  // (the SQL writes the model's names back whatever they are: plain ones for two features)
  const names =
    d === 3
      ? suggestNames(
          Array.from({ length: k }, (_, c) => describeSegment(C[c * 3]!, C[c * 3 + 1]!, C[c * 3 + 2]!)),
        )
      : Array.from({ length: k }, (_, c) => `Segment ${c + 1}`);
  const sizes = Array.from({ length: k }, () => 0);
  for (const l of result.labels) sizes[l]!++;
  const json = buildModelJson({
    appVersion: 'test',
    datasetName,
    createdAt: new Date(0),
    customers: n,
    cleaningSettings: settings.cleaning,
    rfmSettings: settings.rfm,
    fit,
    k,
    seed: DEFAULT_SWEEP.seed,
    engine: 'plain',
    engineReason: null,
    kmeans: modelKmeansSection(DEFAULT_SWEEP, { inertia: result.inertia, result }),
    centroidsStandardised: C,
    centroidsOriginal: null,
    names,
    descriptions: names.map(() => ''),
    sizes,
    sweep: [],
    knee: null,
    input: describeModelInput(raw, guess.mapping, guess.dateOrder?.order ?? null),
    features,
  });
  return {
    raw,
    rfm,
    clusterIds: Int32Array.from(result.labels, (l) => l + 1),
    names,
    model: JSON.parse(JSON.stringify(json)) as unknown,
  };
}

/** The file's rows as CSV: the app's header names, every field quoted, an empty field left empty. */
export function writeTextCsv(raw: RawTable, path: string): void {
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const lines = [raw.columns.map((c) => q(c.name)).join(',')];
  for (let i = 0; i < raw.rowCount; i++) {
    lines.push(
      raw.columns
        .map((c) => {
          const code = c.codes[i]!;
          return code < 0 ? '' : q(c.dict[code]!);
        })
        .join(','),
    );
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
}
