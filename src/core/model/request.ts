/**
 * The reference notebook's scoring request: {"input_data": {"columns": [...], "index": [...],
 * "data": [[...], ...]}} (pandas 'split' orientation). Columns are matched by name in any order:
 * "Recency(Days)", "Frequency", "Monetary(£)", the mis-decoded "Monetary(Â£)" found in copies of
 * the notebook, and the app's own names recency / frequency / monetary (case and spaces ignored).
 */
import { ModelError } from './errors';
import { isObj, jsonInput } from './json-input';
import { MODEL_FEATURES, type ModelFeature, type RfmColumns } from './model-types';

const COLUMN_NAMES: Readonly<Record<string, ModelFeature>> = {
  'recency(days)': 'recency',
  recency: 'recency',
  frequency: 'frequency',
  'monetary(£)': 'monetary',
  'monetary(â£)': 'monetary',
  monetary: 'monetary',
};

/** The feature a request column names, or null. */
export function requestColumnFeature(name: string): ModelFeature | null {
  return COLUMN_NAMES[name.replace(/\s+/g, '').toLowerCase()] ?? null;
}

export interface ScoringRequest {
  /** input_data.index as given, or 0 … n − 1 when absent. */
  readonly index: readonly (string | number)[];
  readonly columns: RfmColumns;
}

/**
 * Reads a request for a model of `features` (default all three): a column the model does not use may
 * be absent (it reads as 0) or given (it is read, and not used).
 * @throws ModelError naming the field (path) and the 0-based row.
 */
export function parseScoringRequest(
  body: unknown,
  features: readonly ModelFeature[] = MODEL_FEATURES,
): ScoringRequest {
  const value = jsonInput(body, 'request-not-json');
  if (!isObj(value) || !isObj(value.input_data))
    throw new ModelError('request-no-input-data', 'input_data', 'input_data should be an object');
  const input = value.input_data;
  const names = input.columns;
  if (!Array.isArray(names) || names.some((c) => typeof c !== 'string'))
    throw new ModelError('request-not-split', 'input_data.columns', 'columns should be a list of names');
  const where: Partial<Record<ModelFeature, number>> = {};
  (names as string[]).forEach((name, j) => {
    const f = requestColumnFeature(name);
    const path = `input_data.columns[${j}]`;
    if (f === null)
      throw new ModelError('request-unknown-column', path, `unknown column ${JSON.stringify(name)}`);
    if (where[f] !== undefined) throw new ModelError('request-duplicate-column', path, `${f} given twice`);
    where[f] = j;
  });
  for (const f of features) {
    if (where[f] === undefined)
      throw new ModelError('request-missing-column', 'input_data.columns', `no ${f} column`);
  }
  const given = MODEL_FEATURES.filter((f) => where[f] !== undefined);
  const data = input.data;
  if (!Array.isArray(data))
    throw new ModelError('request-not-split', 'input_data.data', 'data should be a list of rows');
  const n = data.length;
  const width = names.length;
  const cols = {
    recency: new Float64Array(n),
    frequency: new Float64Array(n),
    monetary: new Float64Array(n),
  };
  data.forEach((row: unknown, i) => {
    const path = `input_data.data[${i}]`;
    if (!Array.isArray(row)) throw new ModelError('request-ragged-row', path, `row ${i} is not a list`, i);
    if (row.length > width)
      throw new ModelError(
        'request-extra-column',
        path,
        `row ${i} has ${row.length} values, ${width} columns`,
        i,
      );
    if (row.length < width)
      throw new ModelError(
        'request-ragged-row',
        path,
        `row ${i} has ${row.length} values, ${width} columns`,
        i,
      );
    for (const f of given) {
      const j = where[f]!;
      const v: unknown = row[j];
      const cell = `${path}[${j}]`;
      if (v === null) throw new ModelError('request-null', cell, `${f} of row ${i} is null`, i);
      if (typeof v !== 'number')
        throw new ModelError('request-not-number', cell, `${f} of row ${i} is not a number`, i);
      if (!Number.isFinite(v))
        throw new ModelError('request-non-finite', cell, `${f} of row ${i} is not finite`, i);
      cols[f][i] = v;
    }
  });
  let index: (string | number)[];
  if (input.index === undefined || input.index === null) index = Array.from({ length: n }, (_, i) => i);
  else if (!Array.isArray(input.index) || input.index.length !== n)
    throw new ModelError('request-index-length', 'input_data.index', `index should list ${n} labels`);
  else
    index = input.index.map((v: unknown, i) => {
      if (typeof v === 'number' || typeof v === 'string') return v;
      throw new ModelError(
        'request-index-length',
        `input_data.index[${i}]`,
        `index ${i} is not a number or text`,
        i,
      );
    });
  return { index, columns: cols };
}
