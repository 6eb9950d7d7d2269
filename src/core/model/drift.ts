/**
 * Drift of new data against a model's training summary: per feature the population stability index
 * over the training decile bins (shares floored at 1e-4; PSI = Σ (new − train) · ln(new / train)) and
 * the share of customers outside the training range; per segment the size then and now and the
 * customers farther from their centroid than the training's 99th percentile of that segment.
 * Features are the model's own (`model.features`): a two-feature model (one left out, or a file
 * without money) has no drift for the feature it does not use, even though its training summary
 * describes all three.
 * A formatVersion-1 model has no training summary: `features` is null and `beyond` counts are null,
 * sizes then/now are still given (from clusters[].size).
 */
import { binCounts } from './summary';
import { type ModelFeature, type RfmColumns, type SavedModel, type ScoreResult } from './model-types';

export const PSI_FLOOR = 1e-4;

export interface FeatureDrift {
  readonly psi: number;
  readonly edges: readonly number[];
  readonly trainShares: readonly number[];
  readonly newShares: readonly number[];
  readonly newCounts: readonly number[];
  /** Share of new customers below the training minimum / above the training maximum. */
  readonly belowShare: number;
  readonly aboveShare: number;
  readonly outsideShare: number;
}

export interface SegmentDrift {
  readonly sizeThen: number;
  readonly sizeNow: number;
  readonly shareThen: number;
  readonly shareNow: number;
  /** NaN when unknown (formatVersion 1, or the segment had no training customer). */
  readonly distanceP99: number;
  /** Customers of this segment beyond distanceP99; null when unknown. */
  readonly beyond: number | null;
}

export interface DriftReport {
  readonly customers: number;
  /**
   * Per feature of the model (keys in `model.features` order; a feature the model leaves out has
   * none). null: the model has no training summary (formatVersion 1).
   */
  readonly features: Readonly<Partial<Record<ModelFeature, FeatureDrift>>> | null;
  readonly segments: readonly SegmentDrift[];
  /** 1 for customers beyond their segment's training 99th percentile (all 0 when unknown). */
  readonly far: Uint8Array;
  readonly farCount: number | null;
}

export function psiOf(trainCounts: readonly number[], newCounts: readonly number[]): number {
  const nt = trainCounts.reduce((a, b) => a + b, 0);
  const nn = newCounts.reduce((a, b) => a + b, 0);
  let psi = 0;
  for (let b = 0; b < trainCounts.length; b++) {
    const e = Math.max(trainCounts[b]! / nt, PSI_FLOOR);
    const a = Math.max(newCounts[b]! / nn, PSI_FLOOR);
    psi += (a - e) * Math.log(a / e);
  }
  return psi;
}

export function computeDrift(model: SavedModel, cols: RfmColumns, scores: ScoreResult): DriftReport {
  const n = cols.recency.length;
  const t = model.training;
  let features: Partial<Record<ModelFeature, FeatureDrift>> | null = null;
  if (t) {
    features = {};
    for (const f of model.features) {
      const s = t.features[f];
      const x = cols[f];
      const newCounts = binCounts(s.edges, x);
      let below = 0;
      let above = 0;
      for (let i = 0; i < n; i++) {
        if (x[i]! < s.min) below++;
        else if (x[i]! > s.max) above++;
      }
      const nt = s.counts.reduce((a, b) => a + b, 0);
      features[f] = {
        psi: psiOf(s.counts, newCounts),
        edges: s.edges,
        trainShares: s.counts.map((c) => c / nt),
        newShares: newCounts.map((c) => c / n),
        newCounts,
        belowShare: below / n,
        aboveShare: above / n,
        outsideShare: (below + above) / n,
      };
    }
  }
  const k = model.k;
  const sizeNow = new Array<number>(k).fill(0);
  const beyond = new Array<number>(k).fill(0);
  const far = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const c = scores.clusterIndex[i]!;
    sizeNow[c]!++;
    const p99 = t?.segments[c]?.distanceP99 ?? Number.NaN;
    if (scores.distances[i]! > p99) {
      far[i] = 1;
      beyond[c]!++;
    }
  }
  const sizesThen = t ? t.segments.map((s) => s.size) : model.sizes;
  const totalThen = sizesThen.reduce((a, b) => a + b, 0);
  const segments = sizeNow.map((now, c) => ({
    sizeThen: sizesThen[c] ?? 0,
    sizeNow: now,
    shareThen: totalThen > 0 ? (sizesThen[c] ?? 0) / totalThen : Number.NaN,
    shareNow: n > 0 ? now / n : Number.NaN,
    distanceP99: t?.segments[c]?.distanceP99 ?? Number.NaN,
    beyond: t ? beyond[c]! : null,
  }));
  return { customers: n, features, segments, far, farCount: t ? beyond.reduce((a, b) => a + b, 0) : null };
}
