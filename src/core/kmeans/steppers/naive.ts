import type { LloydStepper, LloydStepperFactory } from '../types';

/**
 * The naive typed-array Lloyd step: every row against every centre (n · k distances per step).
 * Kept as the reference that `plainStepper` must reproduce bit for bit (labels, inertia, centroids).
 * Buffers are allocated once per stepper (and grown when k grows): the returned `labels` and
 * `centroids` are reused by later calls of `step` (centroids alternate between two buffers, never the
 * one passed in), so copy what you keep. d = 3 has a specialised loop. Inertia is summed in float64.
 */
export const naiveStepper: LloydStepperFactory = (X: Float64Array, n: number, d: number): LloydStepper => {
  const labels = new Int32Array(n);
  let capK = 0;
  let bufA = new Float64Array(0);
  let bufB = new Float64Array(0);
  let counts = new Float64Array(0);
  const ensure = (k: number): void => {
    if (k <= capK) return;
    capK = k;
    bufA = new Float64Array(k * d);
    bufB = new Float64Array(k * d);
    counts = new Float64Array(k);
  };
  return {
    name: 'plain',
    step(centroids: Float64Array, k: number) {
      ensure(k);
      const out = centroids.buffer === bufA.buffer ? bufB : bufA;
      // local constants: V8 keeps them in registers (captured `let`s are re-read from the context)
      const sums = out;
      const cnts = counts;
      const lab = labels;
      const C = centroids;
      sums.fill(0, 0, k * d);
      cnts.fill(0, 0, k);
      let inertia = 0;
      if (d === 3) {
        for (let i = 0, o = 0; i < n; i++, o += 3) {
          const x0 = X[o]!;
          const x1 = X[o + 1]!;
          const x2 = X[o + 2]!;
          let a = x0 - C[0]!;
          let b = x1 - C[1]!;
          let e = x2 - C[2]!;
          let bestD = a * a + b * b + e * e;
          let best = 0;
          for (let c = 1, q = 3; c < k; c++, q += 3) {
            a = x0 - C[q]!;
            b = x1 - C[q + 1]!;
            e = x2 - C[q + 2]!;
            const dist = a * a + b * b + e * e;
            if (dist < bestD) {
              bestD = dist;
              best = c;
            }
          }
          lab[i] = best;
          inertia += bestD;
          const q = best * 3;
          sums[q] = sums[q]! + x0;
          sums[q + 1] = sums[q + 1]! + x1;
          sums[q + 2] = sums[q + 2]! + x2;
          cnts[best] = cnts[best]! + 1;
        }
      } else {
        for (let i = 0, o = 0; i < n; i++, o += d) {
          let best = 0;
          let bestD = Infinity;
          for (let c = 0, q = 0; c < k; c++, q += d) {
            let dist = 0;
            for (let j = 0; j < d; j++) {
              const a = X[o + j]! - C[q + j]!;
              dist += a * a;
            }
            if (dist < bestD) {
              bestD = dist;
              best = c;
            }
          }
          lab[i] = best;
          inertia += bestD;
          const q = best * d;
          for (let j = 0; j < d; j++) sums[q + j] = sums[q + j]! + X[o + j]!;
          cnts[best] = cnts[best]! + 1;
        }
      }
      for (let c = 0; c < k; c++) {
        const cnt = cnts[c]!;
        const q = c * d;
        if (cnt === 0) for (let j = 0; j < d; j++) sums[q + j] = Number.NaN;
        else for (let j = 0; j < d; j++) sums[q + j] = sums[q + j]! / cnt;
      }
      return { labels, inertia, centroids: k * d === out.length ? out : out.subarray(0, k * d) };
    },
    dispose() {
      /* nothing to release */
    },
  };
};
