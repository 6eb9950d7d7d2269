/**
 * One Lloyd iteration of k-means as tfjs ops, behind the core `LloydStepper` contract, so the core's
 * `kmeans`/`sweepK` can run on whichever tfjs backend is active (wasm, webgl, webgpu, cpu).
 *
 * Maths (X is n × d, C is k × d, both row-major):
 * - distances  D[i][j] = ‖x_i − c_j‖², computed directly as Σ_t (x_it − c_jt)² when d ≤ 4 (exact up
 *   to float32 rounding, no cancellation) and as ‖x_i‖² − 2 x_i·c_j + ‖c_j‖² (one matmul, clamped at 0)
 *   for wider data;
 * - labels     l_i = argmin_j D[i][j] (ties to the lower index on cpu/wasm; backends may differ on
 *   exact float32 ties);
 * - inertia    Σ_i D[i][l_i];
 * - update     c'_j = c_j + (Σ_{i: l_i = j} (x_i − c_j)) / |{i: l_i = j}|, the sums taken as a one-hot
 *   matmul (unsortedSegmentSum is missing on wasm). Summing the residuals x_i − c_j rather than x_i
 *   keeps the float32 terms small and of mixed sign; every sum over rows is done in two stages
 *   (blocks of B ≈ √n rows, then over the blocks) because the wasm backend sums sequentially in
 *   float32 (a 1M-value plain sum was off by 0.74%). The final c_j + mean residual is done in float64.
 *
 * Precision: tensors are float32. Against the float64 plain stepper, labels agree except for rows
 * whose two nearest centroids are within float32 rounding of each other; inertia and centroids agree
 * to about 1e-6 relative on standardised data.
 *
 * Memory: X (padded to a multiple of B rows) is uploaded once per stepper and kept, with a row mask
 * and per-column views, until `dispose()`. Each step's temporaries (a few n × k float32 tensors) live
 * inside `tf.tidy` and are freed before `step` returns.
 *
 * Degenerate cases: k = 1 works (the one-hot is built with `equal`, not `tf.oneHot`, which throws for
 * depth 1); an empty cluster's new centroid row is NaN, as the contract asks; n = 0 is rejected.
 */
import * as tf from '@tensorflow/tfjs';
import type { LloydStepper, LloydStepperFactory } from '../core/types';

/** At or below this many columns distances are computed directly (no ‖x‖² − 2x·c + ‖c‖² cancellation). */
const DIRECT_MAX_D = 4;

/** Rows per block for two-stage sums: ⌈√n⌉, so both stages add about √n float32 values. */
export function blockSize(n: number): number {
  return Math.max(1, Math.ceil(Math.sqrt(n)));
}

/**
 * A `LloydStepperFactory` running on the active tfjs backend (set it first with `initBackend`).
 * The stepper's `name` is `tfjs-<backend>`, e.g. 'tfjs-wasm'.
 */
export const tfjsStepper: LloydStepperFactory = (X, n, d) => createTfjsStepper(X, n, d);

function createTfjsStepper(X: Float64Array, n: number, d: number): LloydStepper {
  if (!(n > 0) || !(d > 0) || X.length < n * d) {
    throw new Error(
      `tfjs stepper needs an n × d matrix with n, d ≥ 1 (got n=${n}, d=${d}, length ${X.length})`,
    );
  }
  const backend = tf.getBackend();
  const B = blockSize(n);
  const m = Math.ceil(n / B);
  const nPad = m * B;

  const x32 = new Float32Array(nPad * d);
  x32.set(X.subarray(0, n * d));
  // Long-lived tensors, freed in dispose(): X [nPad, d], its columns [nPad, 1] (direct distances) or
  // its squared row norms [nPad, 1] (expanded distances), and a 0/1 mask of real rows [nPad, 1].
  const Xt: tf.Tensor2D = tf.tensor2d(x32, [nPad, d], 'float32');
  const cols: tf.Tensor2D[] = d <= DIRECT_MAX_D ? tf.split(Xt, d, 1) : [];
  const xx: tf.Tensor | null = d > DIRECT_MAX_D ? tf.tidy(() => tf.sum(tf.square(Xt), 1, true)) : null;
  let mask: tf.Tensor2D | null = null;
  if (nPad > n) {
    const mk = new Float32Array(nPad);
    mk.fill(1, 0, n);
    mask = tf.tensor2d(mk, [nPad, 1], 'float32');
  }
  const long = { Xt, cols, xx, mask };
  let disposed = false;

  function step(centroids: Float64Array, k: number) {
    if (disposed) throw new Error('tfjs stepper used after dispose()');
    if (!(k >= 1) || centroids.length < k * d) {
      throw new Error(
        `tfjs stepper needs k ≥ 1 centroids of ${d} values (got k=${k}, length ${centroids.length})`,
      );
    }
    const c32 = new Float32Array(k * d);
    for (let i = 0; i < k * d; i++) c32[i] = centroids[i] as number;

    const out = tf.tidy(() => {
      const C = tf.tensor2d(c32, [k, d], 'float32');
      // D: [nPad, k] squared distances.
      let D: tf.Tensor;
      if (long.xx === null) {
        const cCols = tf.split(C, d, 1); // d × [k, 1]
        let acc: tf.Tensor | null = null;
        for (let t = 0; t < d; t++) {
          const diff = tf.sub(long.cols[t] as tf.Tensor2D, tf.reshape(cCols[t] as tf.Tensor2D, [1, k]));
          const sq = tf.square(diff);
          acc = acc === null ? sq : tf.add(acc, sq);
        }
        D = acc as tf.Tensor;
      } else {
        const cc = tf.reshape(tf.sum(tf.square(C), 1), [1, k]);
        const xc = tf.matMul(long.Xt, C, false, true);
        D = tf.relu(tf.add(tf.sub(long.xx, tf.mul(xc, 2)), cc));
      }
      const labels = tf.argMin(D, 1); // int32 [nPad]
      let minD = tf.reshape(tf.min(D, 1), [nPad, 1]);
      // One-hot [nPad, k] without tf.oneHot (depth 1 throws): labels == 0..k-1, padded rows zeroed.
      let oneHot: tf.Tensor = tf.cast(
        tf.equal(tf.reshape(labels, [nPad, 1]), tf.reshape(tf.range(0, k, 1, 'int32'), [1, k])),
        'float32',
      );
      if (long.mask !== null) {
        oneHot = tf.mul(oneHot, long.mask);
        minD = tf.mul(minD, long.mask);
      }
      const inertia = tf.sum(tf.sum(tf.reshape(minD, [m, B]), 1));
      // Residuals x_i − c_{l_i} [nPad, d], summed per cluster in two stages: [m,B,k]ᵀ·[m,B,d] → [m,k,d] → [k,d].
      const resid = tf.sub(long.Xt, tf.gather(C, labels));
      const oh3 = tf.reshape(oneHot, [m, B, k]);
      const sums = tf.sum(tf.matMul(oh3, tf.reshape(resid, [m, B, d]), true, false), 0);
      const counts = tf.sum(tf.sum(oh3, 1), 0);
      const packed = tf.concat([tf.reshape(sums, [k * d]), counts, tf.reshape(inertia, [1])]);
      return { labels: tf.keep(labels), packed: tf.keep(packed) };
    });
    let labelsPad: Int32Array;
    let packed: Float32Array;
    try {
      labelsPad = out.labels.dataSync() as Int32Array;
      packed = out.packed.dataSync() as Float32Array;
    } finally {
      out.labels.dispose();
      out.packed.dispose();
    }
    const labels = new Int32Array(n);
    labels.set(labelsPad.subarray(0, n));
    const next = new Float64Array(k * d);
    for (let j = 0; j < k; j++) {
      const count = packed[k * d + j] as number;
      for (let t = 0; t < d; t++) {
        const idx = j * d + t;
        next[idx] = count > 0 ? (c32[idx] as number) + (packed[idx] as number) / count : NaN;
      }
    }
    return { labels, inertia: packed[k * d + k] as number, centroids: next };
  }

  function dispose() {
    if (disposed) return;
    disposed = true;
    long.Xt.dispose();
    for (const c of long.cols) c.dispose();
    long.xx?.dispose();
    long.mask?.dispose();
  }

  return { name: `tfjs-${backend}`, step, dispose };
}
