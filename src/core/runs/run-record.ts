/**
 * A run record: what one fit used and produced, in the spirit of an MLflow run (parameters, metrics,
 * artifacts) but in Segment Notebook's own JSON format — one `run.json` per run. Written by the CLI
 * (`segment-notebook fit`) and by the browser; read by `segment-notebook runs` and the Runs panel.
 * NaN and ±Infinity are written as null.
 */

export const RUN_FORMAT = 'segment-notebook-run';
export const RUN_FORMAT_VERSION = 1;

export interface SweepMetric {
  readonly k: number;
  readonly inertia: number | null;
  readonly silhouette: number | null;
  readonly calinskiHarabasz: number | null;
  readonly daviesBouldin: number | null;
}

export interface RunRecord {
  readonly format: typeof RUN_FORMAT;
  readonly formatVersion: number;
  readonly id: string;
  /** ISO time the run finished. */
  readonly createdAt: string;
  readonly appVersion: string;
  /** 'cli' or 'browser'. */
  readonly source: string;
  readonly input: {
    readonly name: string;
    readonly sha256: string;
    readonly bytes: number;
    readonly rows: number;
    readonly customers: number;
    readonly kind: string;
  };
  readonly params: {
    readonly cleaning: unknown;
    readonly rfm: unknown;
    readonly transform: {
      readonly method: 'yeo-johnson';
      readonly standardize: true;
      /** The features modelled (absent in records made before one could be left out: all three). */
      readonly features?: readonly string[];
    };
    readonly kmeans: {
      readonly seed: number;
      readonly kMin: number;
      readonly kMax: number;
      readonly nInit: number;
      readonly maxIter: number;
      readonly tol: number;
      readonly algorithm: string;
      readonly engine: string;
    };
  };
  readonly metrics: {
    readonly sweep: readonly SweepMetric[];
    readonly suggestedK: number | null;
    readonly chosenK: number;
    readonly lambdas: readonly (number | null)[];
    readonly inertia: number | null;
    readonly segmentSizes: readonly number[];
    readonly customersModelled: number;
  };
  readonly durationMs: number;
  /** File names stored with the run (model.json, customers.csv, profiles.csv). */
  readonly artifacts: readonly string[];
}

export interface RunInput {
  readonly createdAt: Date;
  readonly appVersion: string;
  readonly source: string;
  readonly input: RunRecord['input'];
  readonly cleaning: unknown;
  readonly rfm: unknown;
  /** The features modelled (recency, frequency, monetary, or two of them). */
  readonly features?: readonly string[];
  readonly kmeans: RunRecord['params']['kmeans'];
  readonly sweep: readonly {
    k: number;
    inertia: number;
    silhouette: number;
    calinskiHarabasz: number;
    daviesBouldin: number;
  }[];
  readonly suggestedK: number | null;
  readonly chosenK: number;
  readonly lambdas: ArrayLike<number>;
  readonly inertia: number;
  readonly segmentSizes: readonly number[];
  readonly durationMs: number;
  readonly artifacts: readonly string[];
}

const num = (v: number): number | null => (Number.isFinite(v) ? v : null);

/** A sortable, unique-enough id: UTC time to the millisecond plus the input's hash prefix and seed. */
export function runId(createdAt: Date, sha256: string, seed: number): string {
  const t = createdAt.toISOString().replace(/[-:]/g, '').replace('.', '');
  return `${t}-${sha256.slice(0, 8)}-s${seed}`;
}

export function buildRunRecord(r: RunInput): RunRecord {
  return {
    format: RUN_FORMAT,
    formatVersion: RUN_FORMAT_VERSION,
    id: runId(r.createdAt, r.input.sha256, r.kmeans.seed),
    createdAt: r.createdAt.toISOString(),
    appVersion: r.appVersion,
    source: r.source,
    input: r.input,
    params: {
      cleaning: r.cleaning,
      rfm: r.rfm,
      transform: {
        method: 'yeo-johnson',
        standardize: true,
        ...(r.features ? { features: [...r.features] } : {}),
      },
      kmeans: r.kmeans,
    },
    metrics: {
      sweep: r.sweep.map((p) => ({
        k: p.k,
        inertia: num(p.inertia),
        silhouette: num(p.silhouette),
        calinskiHarabasz: num(p.calinskiHarabasz),
        daviesBouldin: num(p.daviesBouldin),
      })),
      suggestedK: r.suggestedK,
      chosenK: r.chosenK,
      lambdas: Array.from(r.lambdas, num),
      inertia: num(r.inertia),
      segmentSizes: [...r.segmentSizes],
      customersModelled: r.segmentSizes.reduce((a, b) => a + b, 0),
    },
    durationMs: r.durationMs,
    artifacts: [...r.artifacts],
  };
}

/** Reads a run record; @throws RunFormatError saying why the text (from `origin`) is not one. */
export function parseRunRecord(text: string, origin: string): RunRecord {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new RunFormatError(`${origin} is not JSON (${e instanceof Error ? e.message : String(e)}).`);
  }
  const o = v as Partial<RunRecord> | null;
  if (!o || typeof o !== 'object' || o.format !== RUN_FORMAT)
    throw new RunFormatError(`${origin} is not a Segment Notebook run (no "format": "${RUN_FORMAT}").`);
  if (typeof o.formatVersion !== 'number' || o.formatVersion > RUN_FORMAT_VERSION)
    throw new RunFormatError(
      `${origin} is run format version ${String(o.formatVersion)}; this version reads up to ${RUN_FORMAT_VERSION}.`,
    );
  for (const key of ['id', 'createdAt', 'input', 'params', 'metrics'] as const)
    if (o[key] === undefined || o[key] === null) throw new RunFormatError(`${origin} has no "${key}".`);
  return o as RunRecord;
}

export class RunFormatError extends Error {
  readonly code = 'bad-run';
}
