import { UserFacingError } from '../types';

/** Throws a UserFacingError for a bad k or a non-finite value of X (n × d). */
export function validateKMeansInput(X: Float64Array, n: number, d: number, k: number): void {
  if (!Number.isInteger(k) || k < 1) {
    throw new UserFacingError(
      'kmeans-bad-k',
      `The number of segments must be a whole number of at least 1 (got ${k}).`,
    );
  }
  if (k > n) {
    throw new UserFacingError(
      'kmeans-k-too-large',
      `Cannot make ${k} segments from ${n} customers; choose at most ${n} segments.`,
    );
  }
  if (X.length < n * d) throw new Error(`X has ${X.length} values, expected ${n}×${d}`);
  for (let i = 0; i < n * d; i++) {
    if (!Number.isFinite(X[i]!)) {
      throw new UserFacingError(
        'kmeans-non-finite',
        `Row ${Math.floor(i / d) + 1} of the model input is not a finite number; transform the data before clustering.`,
      );
    }
  }
}
