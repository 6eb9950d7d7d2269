import { describe, expect, it } from 'vitest';
import { customersCsv } from '../segments/exports';
import { labelsOf, loadScoringReference, sideColumns } from './__fixtures__/load';
import { parseModelJson } from './parse-model';
import { parsePreviousCustomers } from './previous-export';
import { scoreCustomers } from './score';
import { computeTransitions } from './transitions';
import { movesCsv } from './moves-csv';
import { modelFailure } from './__fixtures__/model-error';

const ref = loadScoringReference();
const model = parseModelJson(ref.model);
const before = sideColumns(ref.before);
const after = sideColumns(ref.after);
const beforeCsv = customersCsv({
  customerIds: ref.before.ids,
  ...before,
  labels: labelsOf(ref.before.labels),
  names: model.names,
});

describe('a previous customers export as "before"', () => {
  it('reads the export back and gives the pandas transition matrix', () => {
    const prev = parsePreviousCustomers(beforeCsv, 'before.csv', model.k);
    expect(prev.ids).toEqual(ref.before.ids);
    expect(Array.from(prev.recency)).toEqual(ref.before.recency);
    const now = scoreCustomers(model, after);
    const t = computeTransitions(
      prev,
      { ids: ref.after.ids, clusterIndex: now.clusterIndex, monetary: after.monetary },
      model.k,
    );
    expect(t.matrix).toEqual(ref.transitions.matrix);
    const csv = movesCsv(t, prev, { ...after, clusterIndex: now.clusterIndex }, model.names);
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines.length).toBe(1 + t.ids.length);
    const moved = lines.slice(1).map((l) => l.split(',')[1]);
    const count = (m: string) => moved.filter((x) => x === m).length;
    const M = ref.transitions.matrix;
    expect(count('new')).toBe(M[4]!.reduce((a, b) => a + b, 0));
    expect(count('gone')).toBe(M.reduce((a, r) => a + r[4]!, 0));
    expect(count('stayed')).toBe([0, 1, 2, 3].reduce((a, c) => a + M[c]![c]!, 0));
  });

  it('names the column and spreadsheet row of bad cells', () => {
    const fail = (text: string) => modelFailure(() => parsePreviousCustomers(text, 'x.csv', 4));
    expect(fail('customer_id,recency,frequency,monetary\r\n1,2,3,4\r\n')).toEqual({
      code: 'request-missing-column',
      path: 'cluster_id',
    });
    expect(fail('customer_id,recency,frequency,monetary,cluster_id\r\n1,2,3,4,1\r\n2,x,3,4,1\r\n')).toEqual({
      code: 'request-not-number',
      path: 'recency, row 3',
    });
    expect(fail('customer_id,recency,frequency,monetary,cluster_id\r\n1,2,3,4,9\r\n')).toEqual({
      code: 'model-bad-value',
      path: 'cluster_id, row 2',
    });
  });
});
