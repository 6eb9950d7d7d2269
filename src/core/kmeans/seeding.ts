import { randomInt } from '../numeric/random';
import { sqDist } from './distance';

/**
 * Greedy k-means++ seeding (sklearn `_kmeans_plusplus`): returns k × d centres copied from rows of X.
 *
 * Each new centre draws 2 + ⌊ln k⌋ candidate rows ∝ D² and keeps the one with the lowest potential
 * Σ_i min(D_i², ‖x_i − y‖²). The potentials are the same sums, in the same order, as the direct
 * n-per-candidate passes (so the same rows are picked), but computed with two exact shortcuts:
 * - a row whose nearest chosen centre c satisfies ‖y − c‖² > 4·D_i² (with a 1e-9 relative margin)
 *   cannot get closer to y (triangle inequality: ‖x − y‖ ≥ ‖y − c‖ − D_i > D_i), so it adds D_i²
 *   without a distance;
 * - a candidate stops summing as soon as its partial sum reaches the best potential so far (the terms
 *   are ≥ 0 and float addition is monotone, so it could not win: a win needs a strictly lower sum).
 * Only the winning candidate updates D² (one more pruned pass). No allocation per centre.
 * Cost: O(n · k) at worst, usually far fewer distance evaluations than n · k · (2 + ln k).
 */
export function kmeansPlusPlus(
  X: Float64Array,
  n: number,
  d: number,
  k: number,
  rng: () => number,
): Float64Array {
  const centers = new Float64Array(k * d);
  const trials = 2 + Math.floor(Math.log(k));
  const first = randomInt(rng, n);
  centers.set(X.subarray(first * d, first * d + d), 0);
  const closest = new Float64Array(n);
  const nearest = new Int32Array(n); // index of the chosen centre at distance √closest
  let pot = 0;
  for (let i = 0; i < n; i++) {
    const v = sqDist(X, i, centers, 0, d);
    closest[i] = v;
    pot += v;
  }
  const cumsum = new Float64Array(n);
  const toCand = new Float64Array(k); // 4·… threshold: ‖y − c‖² / 4 for each chosen centre c
  const y = new Float64Array(d);
  /** ‖y − c‖²/4 (deflated by the margin) for the c centres chosen so far. */
  const prepare = (id: number, c: number): void => {
    for (let j = 0; j < d; j++) y[j] = X[id * d + j]!;
    for (let m = 0; m < c; m++) {
      let s = 0;
      for (let j = 0; j < d; j++) {
        const a = y[j]! - centers[m * d + j]!;
        s += a * a;
      }
      toCand[m] = s * 0.25 * (1 - 1e-9);
    }
  };
  for (let c = 1; c < k; c++) {
    let acc = 0;
    for (let i = 0; i < n; i++) {
      acc += closest[i]!;
      cumsum[i] = acc;
    }
    let bestPot = Infinity;
    let bestId = -1;
    for (let t = 0; t < trials; t++) {
      const r = rng() * pot;
      // np.searchsorted(cumsum, r) (side 'left'): first index with cumsum[i] >= r, clipped to n − 1.
      let lo = 0;
      let hi = n;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (cumsum[mid]! < r) lo = mid + 1;
        else hi = mid;
      }
      const id = Math.min(lo, n - 1);
      prepare(id, c);
      let candPot = 0;
      let i = 0;
      if (d === 3) {
        const c0 = y[0]!;
        const c1 = y[1]!;
        const c2 = y[2]!;
        for (let p = 0; i < n; i++, p += 3) {
          const cl = closest[i]!;
          if (toCand[nearest[i]!]! > cl) {
            candPot += cl;
          } else {
            const a = X[p]! - c0;
            const b = X[p + 1]! - c1;
            const e = X[p + 2]! - c2;
            const dist = a * a + b * b + e * e;
            candPot += dist < cl ? dist : cl;
          }
          if (candPot >= bestPot) break;
        }
      } else {
        for (; i < n; i++) {
          const cl = closest[i]!;
          if (toCand[nearest[i]!]! > cl) {
            candPot += cl;
          } else {
            let dist = 0;
            for (let j = 0; j < d; j++) {
              const a = X[i * d + j]! - y[j]!;
              dist += a * a;
            }
            candPot += dist < cl ? dist : cl;
          }
          if (candPot >= bestPot) break;
        }
      }
      if (i === n && candPot < bestPot) {
        bestPot = candPot;
        bestId = id;
      }
    }
    // update D² with the winner (the first candidate always completes its sum, so bestId ≥ 0)
    prepare(bestId, c);
    for (let i = 0, p = 0; i < n; i++, p += d) {
      const cl = closest[i]!;
      if (toCand[nearest[i]!]! > cl) continue;
      let dist = 0;
      for (let j = 0; j < d; j++) {
        const a = X[p + j]! - y[j]!;
        dist += a * a;
      }
      if (dist < cl) {
        closest[i] = dist;
        nearest[i] = c;
      }
    }
    pot = bestPot;
    centers.set(y, c * d);
  }
  return centers;
}
