/** Euclidean distance of each row of X (n × d) to the centroid (k × d row-major) of its own label. */
export function distancesToOwn(
  X: Float64Array,
  labels: Int32Array,
  centroids: Float64Array,
  d = 3,
): Float64Array {
  const n = labels.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const c = labels[i]! * d;
    let s = 0;
    for (let j = 0; j < d; j++) {
      const a = X[i * d + j]! - centroids[c + j]!;
      s += a * a;
    }
    out[i] = Math.sqrt(s);
  }
  return out;
}
