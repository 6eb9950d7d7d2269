/**
 * The facts behind one recommended number of segments, for a sentence in plain words: how much the fit
 * improves up to k and how little after it (the elbow), and whether the segments at k are well
 * separated compared with the other k (silhouette, Davies-Bouldin, Calinski-Harabasz).
 *
 * Pure: reads the sweep's scores and the knee already computed; the UI writes the sentences.
 */
import type { KneeResult } from '../sweep/types';
import type { SweepScores } from '../sweep/types';

/** The scores of one k the recommendation reads (a SweepPoint has them all). */
export type KScores = SweepScores;

export type Separation = 'best' | 'good' | 'fair' | 'weak';

export interface KRecommendation {
  readonly k: number;
  /** 'elbow' when a knee rule chose k; 'fallback' when there was no clear elbow. */
  readonly source: 'elbow' | 'fallback';
  /** Share of the remaining spread (inertia) removed by going from k − 1 to k segments. */
  readonly gainAt: number | null;
  /** The same for k → k + 1 (null at the last k). */
  readonly gainAfter: number | null;
  /** Average share removed per added segment after k (up to the last k swept). */
  readonly gainAfterMean: number | null;
  /**
   * Silhouette at k relative to the best silhouette among the other choices of the same kind — k ≥ 3
   * when k ≥ 3 (two segments, which silhouette tends to favour, are compared apart), else all k ≥ 2:
   * best, ≥ 95 % good, ≥ 80 % fair, else weak.
   */
  readonly separation: Separation | null;
  /** True when the separation compares k with the other choices of three or more segments. */
  readonly comparedAbove2: boolean;
  readonly silhouetteAt: number | null;
  /** The k each separation score prefers (null when not computed). */
  readonly bestBySilhouette: number | null;
  readonly bestByDaviesBouldin: number | null;
  readonly bestByCalinskiHarabasz: number | null;
}

function bestK(points: readonly KScores[], score: (p: KScores) => number, higher: boolean): number | null {
  let best: KScores | null = null;
  for (const p of points) {
    const v = score(p);
    if (p.k < 2 || !Number.isFinite(v)) continue;
    if (best === null || (higher ? v > score(best) : v < score(best))) best = p;
  }
  return best?.k ?? null;
}

/** Share of inertia removed going from `a` to `b` (relative to `a`). */
function gain(a: KScores | undefined, b: KScores | undefined): number | null {
  if (!a || !b || !(a.inertia > 0)) return null;
  return (a.inertia - b.inertia) / a.inertia;
}

export function recommendK(
  points: readonly KScores[],
  knee: Pick<KneeResult, 'suggested'>,
  fallbackK: number,
): KRecommendation {
  const sorted = [...points].sort((a, b) => a.k - b.k);
  const ks = sorted.map((p) => p.k);
  const wanted = knee.suggested ?? fallbackK;
  // The nearest swept k to the wanted one.
  const k = ks.reduce(
    (best, x) => (Math.abs(x - wanted) < Math.abs(best - wanted) ? x : best),
    ks[0] ?? wanted,
  );
  const at = sorted.findIndex((p) => p.k === k);
  const gains: number[] = [];
  for (let i = at + 1; i < sorted.length; i++) {
    const g = gain(sorted[i - 1], sorted[i]);
    if (g !== null) gains.push(g);
  }
  const bestSil = bestK(sorted, (p) => p.silhouette, true);
  const comparedAbove2 = k >= 3;
  const pool = comparedAbove2 ? sorted.filter((p) => p.k >= 3) : sorted;
  const bestInPool = bestK(pool, (p) => p.silhouette, true);
  const silAt = sorted[at]?.silhouette;
  const silBest = pool.find((p) => p.k === bestInPool)?.silhouette;
  let separation: Separation | null = null;
  if (silAt !== undefined && Number.isFinite(silAt) && silBest !== undefined && silBest > 0) {
    const r = silAt / silBest;
    separation = bestInPool === k ? 'best' : r >= 0.95 ? 'good' : r >= 0.8 ? 'fair' : 'weak';
  }
  return {
    k,
    source: knee.suggested !== null ? 'elbow' : 'fallback',
    gainAt: at > 0 ? gain(sorted[at - 1], sorted[at]) : null,
    gainAfter: gain(sorted[at], sorted[at + 1]),
    gainAfterMean: gains.length > 0 ? gains.reduce((s, g) => s + g, 0) / gains.length : null,
    separation,
    comparedAbove2,
    silhouetteAt: silAt !== undefined && Number.isFinite(silAt) ? silAt : null,
    bestBySilhouette: bestSil,
    bestByDaviesBouldin: bestK(sorted, (p) => p.daviesBouldin, false),
    bestByCalinskiHarabasz: bestK(sorted, (p) => p.calinskiHarabasz, true),
  };
}
