/** Reads src/core/model/__fixtures__/scoring-reference.json (scripts/reference/scoring_reference.py). */
import { readFileSync } from 'node:fs';

export interface Side {
  ids: string[];
  recency: number[];
  frequency: number[];
  monetary: number[];
  labels: string;
  distances: number[];
}

export interface ScoringReference {
  cutoff: string;
  analysisAfter: string;
  model: Record<string, unknown>;
  kmeansLabels: string;
  before: Side;
  after: Side;
  quantileProbs: number[];
  features: Record<
    string,
    { quantiles: number[]; min: number; max: number; edges: number[]; counts: number[] }
  >;
  drift: Record<string, { psi: number; newCounts: number[]; outsideShare: number }>;
  distanceP99: number[];
  beyondP99: number[];
  sizesAfter: number[];
  transitions: {
    rows: string[];
    cols: string[];
    matrix: number[][];
    perSegment: { stayed: number; in: number; out: number; revenueIn: number; revenueOut: number }[];
  };
  ties: { centroids: number[][]; points: number[][]; labels: number[] };
}

let cached: ScoringReference | null = null;
export function loadScoringReference(): ScoringReference {
  cached ??= JSON.parse(
    readFileSync(new URL('./scoring-reference.json', import.meta.url), 'utf8'),
  ) as ScoringReference;
  return cached;
}

export function sideColumns(s: Side) {
  return {
    recency: Float64Array.from(s.recency),
    frequency: Float64Array.from(s.frequency),
    monetary: Float64Array.from(s.monetary),
  };
}

export function labelsOf(s: string): Int32Array {
  return Int32Array.from(s, (ch) => ch.charCodeAt(0) - 48);
}
