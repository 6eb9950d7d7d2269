import { describe, expect, it } from 'vitest';
import { loadScoringReference } from './__fixtures__/load';
import { parseModelJson } from './parse-model';
import { parseScoringRequest } from './request';
import { scoreCustomers } from './score';
import { modelFailure } from './__fixtures__/model-error';

const ref = loadScoringReference();
const model = parseModelJson(ref.model);

function body(columns: unknown, data: unknown, index?: unknown) {
  return JSON.stringify({ input_data: { columns, index, data } });
}

/** A body with the three columns under their short names. */
const rfmBody = (data: unknown, index?: unknown) => body(['recency', 'frequency', 'monetary'], data, index);

const failure = (input: unknown) => modelFailure(() => parseScoringRequest(input));

describe('parseScoringRequest (the reference notebook body, split orientation)', () => {
  it('reads the notebook example, also with the mis-decoded £ header, and columns in any order', () => {
    const a = parseScoringRequest(
      body(
        ['Recency(Days)', 'Frequency', 'Monetary(£)'],
        [
          [12.33, 109.43, 1647.36],
          [85.06, 33.1, 553.39],
        ],
        [0, 1],
      ),
    );
    expect(a.index).toEqual([0, 1]);
    expect(Array.from(a.columns.monetary)).toEqual([1647.36, 553.39]);
    const b = parseScoringRequest(
      body(
        ['Monetary(Â£)', 'recency', 'FREQUENCY'],
        [
          [1647.36, 12.33, 109.43],
          [553.39, 85.06, 33.1],
        ],
        ['a', 'b'],
      ),
    );
    expect(Array.from(b.columns.recency)).toEqual([12.33, 85.06]);
    expect(Array.from(b.columns.frequency)).toEqual([109.43, 33.1]);
    expect(b.index).toEqual(['a', 'b']);
  });

  it('scores the rows of a request as the customers of a file (same labels as the scikit-learn scorer)', () => {
    const rows = ref.after.ids
      .slice(0, 50)
      .map((_, i) => [ref.after.monetary[i], ref.after.recency[i], ref.after.frequency[i]]);
    const req = parseScoringRequest(body(['Monetary(£)', 'Recency(Days)', 'Frequency'], rows));
    expect(req.index).toEqual(rows.map((_, i) => i));
    const labels = Array.from(scoreCustomers(model, req.columns).clusterIndex).join('');
    expect(labels).toBe(ref.after.labels.slice(0, 50));
  });

  it.each([
    ['not JSON', '{"input_data": ', 'request-not-json', ''],
    ['no input_data', JSON.stringify({ data: [] }), 'request-no-input-data', 'input_data'],
    [
      'an unknown column',
      body(['Recency(Days)', 'Frequency', 'Monetary(£)', 'Country'], []),
      'request-unknown-column',
      'input_data.columns[3]',
    ],
    [
      'a missing column',
      body(['Recency(Days)', 'Monetary(£)'], []),
      'request-missing-column',
      'input_data.columns',
    ],
    [
      'a duplicated column',
      body(['recency', 'Recency(Days)', 'Frequency', 'Monetary(£)'], []),
      'request-duplicate-column',
      'input_data.columns[1]',
    ],
    [
      'a short row',
      rfmBody([
        [1, 2, 3],
        [1, 2],
      ]),
      'request-ragged-row',
      'input_data.data[1]',
    ],
    ['a long row', rfmBody([[1, 2, 3, 4]]), 'request-extra-column', 'input_data.data[0]'],
    ['a text value', rfmBody([[1, '2', 3]]), 'request-not-number', 'input_data.data[0][1]'],
    [
      'a null',
      rfmBody([
        [1, 2, 3],
        [1, 2, null],
      ]),
      'request-null',
      'input_data.data[1][2]',
    ],
    [
      'an overflowing number',
      '{"input_data":{"columns":["recency","frequency","monetary"],"data":[[1e999,1,1]]}}',
      'request-non-finite',
      'input_data.data[0][0]',
    ],
    [
      'an index of the wrong length',
      rfmBody([[1, 2, 3]], [0, 1]),
      'request-index-length',
      'input_data.index',
    ],
  ])('refuses %s, naming the field', (_label, input, code, path) => {
    expect(failure(input)).toEqual({ code, path });
  });
});
