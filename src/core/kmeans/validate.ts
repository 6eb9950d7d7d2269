import { UserFacingError } from '../errors';

/** Throws a UserFacingError for a bad k or a non-finite value of X (n × d). */
export function validateKMeansInput(X: Float64Array, n: number, d: number, k: number): void {
  if (!Number.isInteger(k) || k < 1) {
    throw new UserFacingError({ code: 'kmeans-bad-k', k });
  }
  if (k > n) {
    throw new UserFacingError({ code: 'kmeans-k-too-large', k, n });
  }
  if (X.length < n * d) throw new Error(`X has ${X.length} values, expected ${n}×${d}`);
  for (let i = 0; i < n * d; i++) {
    if (!Number.isFinite(X[i]!)) {
      throw new UserFacingError({ code: 'kmeans-non-finite', row: Math.floor(i / d) + 1 });
    }
  }
}
