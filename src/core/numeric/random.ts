/**
 * Seeded pseudo-random numbers for the engine (k-means++ seeding, mini-batches, silhouette samples).
 *
 * mulberry32: a 32-bit state generator, period 2^32, good enough for sampling and fully reproducible
 * across browsers and Node (only 32-bit integer arithmetic via Math.imul). The same seed always gives
 * the same sequence; results saved with a seed can be recomputed exactly.
 */

/** Seeded uniform generator on [0, 1) with 2^-32 resolution. `seed` is reduced to 32 bits. */
export function createRng(seed: number): () => number {
  let a = (Math.trunc(seed) ^ 0x9e3779b9) >>> 0;
  // Warm the state so that nearby seeds (0, 1, 2, …) do not start with correlated outputs.
  a = Math.imul(a ^ (a >>> 16), 0x85ebca6b) >>> 0;
  a = Math.imul(a ^ (a >>> 13), 0xc2b2ae35) >>> 0;
  a = (a ^ (a >>> 16)) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Uniform integer in [0, n) from a generator made by `createRng`. */
export function randomInt(rng: () => number, n: number): number {
  return Math.min(n - 1, Math.floor(rng() * n));
}

/**
 * `size` distinct indices of [0, n), uniformly, by a partial Fisher–Yates shuffle (O(n) memory).
 * Returned in increasing order so subsets keep the rows' original order.
 */
export function sampleWithoutReplacement(rng: () => number, n: number, size: number): Int32Array {
  const m = Math.min(size, n);
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  for (let i = 0; i < m; i++) {
    const j = i + randomInt(rng, n - i);
    const t = perm[i]!;
    perm[i] = perm[j]!;
    perm[j] = t;
  }
  return perm.subarray(0, m).sort();
}
