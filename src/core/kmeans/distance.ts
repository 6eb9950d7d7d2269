/**
 * Distances shared by the k-means steps: one row to one centre (any d), and the inertia of given labels
 * (with the d = 3 loop of the steppers, so its sums are bit-identical to theirs).
 */

export function sqDist(X: Float64Array, i: number, C: Float64Array, c: number, d: number): number {
  let s = 0;
  const o = i * d;
  const q = c * d;
  for (let j = 0; j < d; j++) {
    const a = X[o + j]! - C[q + j]!;
    s += a * a;
  }
  return s;
}

/** Σ_i ‖x_i − C[labels_i]‖², in row order, with the naive step's formula (bit-identical sums). */
export function assignedInertia(
  X: Float64Array,
  n: number,
  d: number,
  labels: Int32Array,
  C: Float64Array,
): number {
  let inertia = 0;
  if (d === 3) {
    for (let i = 0, o = 0; i < n; i++, o += 3) {
      const q = labels[i]! * 3;
      const a = X[o]! - C[q]!;
      const b = X[o + 1]! - C[q + 1]!;
      const e = X[o + 2]! - C[q + 2]!;
      inertia += a * a + b * b + e * e;
    }
  } else {
    for (let i = 0, o = 0; i < n; i++, o += d) {
      const q = labels[i]! * d;
      let dist = 0;
      for (let j = 0; j < d; j++) {
        const a = X[o + j]! - C[q + j]!;
        dist += a * a;
      }
      inertia += dist;
    }
  }
  return inertia;
}
