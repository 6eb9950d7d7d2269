/**
 * Errors of the model core. `code` is for programs (the UI / CLI turn it into a sentence), `path` names
 * the field ('transform.lambdas[1]', 'input_data.data[3][2]') or is '' for the whole input, and `row`
 * (0-based) the customer or request row when there is one. `message` is a short technical detail.
 */
export type ModelErrorCode =
  // model JSON
  | 'model-not-json'
  | 'model-not-object'
  | 'model-format'
  | 'model-format-version'
  | 'model-missing-field'
  | 'model-wrong-type'
  | 'model-wrong-shape'
  | 'model-non-finite'
  | 'model-bad-value'
  // scoring input (columns of R, F, M)
  | 'score-length-mismatch'
  | 'score-non-finite'
  | 'score-no-customers'
  // the reference notebook's request body
  | 'request-not-json'
  | 'request-no-input-data'
  | 'request-not-split'
  | 'request-unknown-column'
  | 'request-duplicate-column'
  | 'request-missing-column'
  | 'request-extra-column'
  | 'request-ragged-row'
  | 'request-not-number'
  | 'request-null'
  | 'request-non-finite'
  | 'request-index-length'
  // transitions / drift inputs
  | 'drift-unavailable'
  | 'transitions-mismatch';

export class ModelError extends Error {
  readonly code: ModelErrorCode;
  readonly path: string;
  readonly row: number | null;
  constructor(code: ModelErrorCode, path: string, message: string, row: number | null = null) {
    super(message);
    this.code = code;
    this.name = 'ModelError';
    this.path = path;
    this.row = row;
  }
}

export function isModelError(e: unknown): e is ModelError {
  return e instanceof ModelError;
}
