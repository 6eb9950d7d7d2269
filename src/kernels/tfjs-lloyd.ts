/**
 * One Lloyd iteration of k-means as tfjs ops, behind the core `LloydStepper` contract, so the core's
 * `kmeans`/`sweepK` can run on whichever tfjs backend is active (wasm, webgl, webgpu, cpu).
 *
 * Maths (X is n × d, C is k × d, row-major). X is first centred on its column means μ (in float64,
 * before the float32 upload) and every centroid is shifted by −μ, which leaves distances unchanged
 * and keeps the float32 values small:
 * - distances  D[i][j] = ‖x_i‖² − 2 x_i·c_j + ‖c_j‖², as ONE matmul without broadcasting:
 *   [x_i, 1, ‖x_i‖²] · [−2c_j, ‖c_j‖², 1]ᵀ, i.e. Xaug (n × (d+2), uploaded once) times a
 *   (d+2) × k matrix built in float64 on the host. (On wasm, broadcasting element-wise ops and
 *   transposed matmuls are several times slower than a plain matmul.)
 * - labels     l_i = argmin_j D[i][j] (ties to the lower index on cpu/wasm; backends may differ on
 *   exact float32 ties);
 * - inertia    Σ_i max(0, min_j D[i][j]), summed in two stages (blocks of ⌈√n⌉ values, then the
 *   block sums) because the wasm backend sums sequentially in float32 (a 1M-value one-pass sum was
 *   off by 0.74%);
 * - update     c'_j = c_j + (Σ_{i: l_i = j} (x_i − c_j)) / |{i: l_i = j}|: the residuals
 *   R = X − H·C (H the n × k one-hot of the labels) are summed per cluster as Hᵀ·R (one-hot matmuls:
 *   unsortedSegmentSum is missing on wasm). Residuals are small and of mixed sign, so their float32
 *   sums stay accurate; c_j + mean residual + μ is done in float64 on the host. Counts are sums of
 *   0/1 values, exact in float32 up to 2^24 rows per cluster.
 *
 * Precision: tensors are float32. Against the float64 plain stepper, labels agree except for rows
 * whose two nearest centroids are within float32 rounding of each other; inertia and centroids agree
 * to about 1e-6 relative on standardised data.
 *
 * Memory: Xaug (n × (d+2)) and the centred X (n × d) are uploaded once per stepper and kept until
 * `dispose()`. Each step's temporaries (a few n × k float32 tensors) live inside `tf.tidy` and are
 * freed before `step` returns; two small tensors are read back (labels, and sums|counts|inertia).
 *
 * Degenerate cases: k = 1 works (`tf.oneHot` throws for depth 1: the one-hot is then a column of
 * ones; and on wasm `tf.oneHot(…, 'float32')` returns int32 bits labelled float32, so it is cast); an empty cluster's new centroid row is NaN, as the contract asks; n = 0 is rejected.
 */
import * as tf from '@tensorflow/tfjs';
import type { LloydStepper, LloydStepperFactory } from '../core/kmeans/types';

/** Values per block for two-stage sums: ⌈√n⌉, so both stages add about √n float32 values. */
export function blockSize(n: number): number {
  return Math.max(1, Math.ceil(Math.sqrt(n)));
}

/** Σ v in two stages ([m, B] blocks zero-padded, then the m block sums): a scalar tensor. */
function twoStageSum(v: tf.Tensor1D, n: number): tf.Scalar {
  const B = blockSize(n);
  const m = Math.ceil(n / B);
  const padded = m * B > n ? tf.pad(v, [[0, m * B - n]]) : v;
  return tf.sum(tf.sum(tf.reshape(padded, [m, B]), 1));
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
  const w = d + 2;

  // Column means μ (float64), then the centred rows and their augmented form [x, 1, ‖x‖²].
  const mu = new Float64Array(d);
  for (let i = 0; i < n; i++)
    for (let t = 0; t < d; t++) mu[t] = (mu[t] as number) + (X[i * d + t] as number);
  for (let t = 0; t < d; t++) mu[t] = (mu[t] as number) / n;
  const xc = new Float32Array(n * d);
  const xaug = new Float32Array(n * w);
  for (let i = 0; i < n; i++) {
    let norm = 0;
    for (let t = 0; t < d; t++) {
      const v = (X[i * d + t] as number) - (mu[t] as number);
      xc[i * d + t] = v;
      xaug[i * w + t] = v;
      norm += v * v;
    }
    xaug[i * w + d] = 1;
    xaug[i * w + d + 1] = norm;
  }
  // Long-lived tensors, freed in dispose().
  const Xc = tf.tensor2d(xc, [n, d], 'float32');
  const Xaug = tf.tensor2d(xaug, [n, w], 'float32');
  let disposed = false;

  function step(centroids: Float64Array, k: number) {
    if (disposed) throw new Error('tfjs stepper used after dispose()');
    if (!(k >= 1) || centroids.length < k * d) {
      throw new Error(
        `tfjs stepper needs k ≥ 1 centroids of ${d} values (got k=${k}, length ${centroids.length})`,
      );
    }
    // Shifted centroids c − μ as float32 (what the device sees), and Caugᵀ = [−2c; ‖c‖²; 1] ((d+2) × k)
    // from those same float32 values, in float64.
    const c32 = new Float32Array(k * d);
    const caugT = new Float32Array(w * k);
    for (let j = 0; j < k; j++) {
      let norm = 0;
      for (let t = 0; t < d; t++) {
        const v = Math.fround((centroids[j * d + t] as number) - (mu[t] as number));
        c32[j * d + t] = v;
        caugT[t * k + j] = -2 * v;
        norm += v * v;
      }
      caugT[d * k + j] = norm;
      caugT[(d + 1) * k + j] = 1;
    }

    const out = tf.tidy(() => {
      const C = tf.tensor2d(c32, [k, d], 'float32');
      const D = tf.matMul(Xaug, tf.tensor2d(caugT, [w, k], 'float32')); // [n, k]
      const labels = tf.argMin(D, 1); // int32 [n]
      const inertia = twoStageSum(tf.relu(tf.min(D, 1)) as tf.Tensor1D, n);
      // [n, k]. Not tf.oneHot(…, 'float32'): the wasm kernel ignores the dtype and writes int32 bits.
      const H = k > 1 ? tf.cast(tf.oneHot(labels, k), 'float32') : tf.ones([n, 1], 'float32');
      const R = tf.sub(Xc, tf.matMul(H, C)); // residuals x_i − c_{l_i}, [n, d]
      const sums = tf.matMul(tf.transpose(H), R); // [k, d]
      const counts = tf.sum(H, 0); // [k]
      const packed = tf.concat([tf.reshape(sums, [k * d]), counts, tf.reshape(inertia, [1])]);
      return { labels: tf.keep(labels), packed: tf.keep(packed) };
    });
    let labels: Int32Array;
    let packed: Float32Array;
    try {
      labels = Int32Array.from(out.labels.dataSync() as Int32Array);
      packed = out.packed.dataSync() as Float32Array;
    } finally {
      out.labels.dispose();
      out.packed.dispose();
    }
    const next = new Float64Array(k * d);
    for (let j = 0; j < k; j++) {
      const count = packed[k * d + j] as number;
      for (let t = 0; t < d; t++) {
        const idx = j * d + t;
        next[idx] =
          count > 0 ? (mu[t] as number) + (c32[idx] as number) + (packed[idx] as number) / count : NaN;
      }
    }
    return { labels, inertia: packed[k * d + k] as number, centroids: next };
  }

  function dispose() {
    if (disposed) return;
    disposed = true;
    Xc.dispose();
    Xaug.dispose();
  }

  return { name: `tfjs-${backend}`, step, dispose };
}
