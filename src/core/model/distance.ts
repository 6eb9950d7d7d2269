/** Euclidean distance of each row of X (n × 3) to the centroid (k × 3 row-major) of its own label. */
export function distancesToOwn(X: Float64Array, labels: Int32Array, centroids: Float64Array): Float64Array {
  const n = labels.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const c = labels[i]! * 3;
    const a = X[i * 3]! - centroids[c]!;
    const b = X[i * 3 + 1]! - centroids[c + 1]!;
    const e = X[i * 3 + 2]! - centroids[c + 2]!;
    out[i] = Math.sqrt(a * a + b * b + e * e);
  }
  return out;
}
