/** The elbow sweep's result: one point per k, the knee, and how it was computed. */
import type { KMeansResult } from '../kmeans/types';

/** The scores of one k (what the recommendation reads and the model JSON keeps). */
export interface SweepScores {
  readonly k: number;
  readonly inertia: number;
  /** NaN for k = 1 (undefined). */
  readonly silhouette: number;
  readonly calinskiHarabasz: number;
  readonly daviesBouldin: number;
}

export interface SweepPoint extends SweepScores {
  readonly result: KMeansResult;
}

export interface KneeResult {
  /** null when there is no clear knee. */
  readonly kneedle: number | null;
  /** The reference notebook's rule (normalised gradient first ≥ −0.15), or null. */
  readonly gradientRule: number | null;
  readonly suggested: number | null;
  readonly agree: boolean;
  readonly explanation: string;
}

export interface SweepResult {
  readonly points: readonly SweepPoint[];
  readonly knee: KneeResult;
  /** Rows used for silhouette (exact when equal to n). */
  readonly silhouetteSampleSize: number;
  readonly seed: number;
  readonly engine: string;
  /**
   * Set when the fits screened their restarts on a seeded sample of `size` rows and finished the
   * `finalists` best on all rows (`KMeansOptions.sampledRestarts`); absent: every restart on all rows.
   */
  readonly restartSample?: { readonly size: number; readonly finalists: number };
}
