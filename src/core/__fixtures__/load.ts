/** Reads the golden fixtures written by scripts/reference/engine_reference.py (tests only). */
import { readFileSync } from 'node:fs';

export interface EngineFixturePoint {
  k: number;
  inertia: number;
  nIter: number;
  /** sklearn labels, one character per row ('0' + label). */
  labels: string;
  silhouette?: number;
  calinskiHarabasz?: number;
  daviesBouldin?: number;
}

export interface EngineFixture {
  name: string;
  n: number;
  d: number;
  recency: number[];
  frequency: number[];
  monetary: number[];
  lambdas: number[];
  means: number[];
  scales: number[];
  transformedStride: number;
  transformedSubset: number[];
  transformedColumnSums: number[];
  transformedColumnSumsOfSquares: number[];
  skewBefore: number[];
  skewAfter: number[];
  /** silhouette was computed by sklearn on rows 0, s, 2s, … */
  silhouetteStride: number;
  sweep: EngineFixturePoint[];
  kneedle: number | null;
  gradientRule: number | null;
  miniBatch4?: { batchSize: number; inertia: number; inertiasRandomState0to19: number[] };
}

export const FIXTURE_NAMES = ['retail-rfm-2011h2', 'retail-default', 'cdnow'] as const;

export function loadFixture(name: (typeof FIXTURE_NAMES)[number]): EngineFixture {
  const url = new URL(`./engine-${name}.json`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as EngineFixture;
}

export function fixtureColumns(f: EngineFixture): Float64Array[] {
  return [Float64Array.from(f.recency), Float64Array.from(f.frequency), Float64Array.from(f.monetary)];
}

export function decodeLabels(s: string): Int32Array {
  const out = new Int32Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) - 48;
  return out;
}

/** Rows 0, stride, 2·stride, … of an n × d matrix. */
export function strided(
  X: Float64Array,
  n: number,
  d: number,
  stride: number,
): { X: Float64Array; rows: number[] } {
  const rows: number[] = [];
  for (let i = 0; i < n; i += stride) rows.push(i);
  const out = new Float64Array(rows.length * d);
  rows.forEach((i, t) => out.set(X.subarray(i * d, i * d + d), t * d));
  return { X: out, rows };
}
