import { describe, expect, it } from 'vitest';
import { customersCsv, CUSTOMER_COLUMNS, RFM_SCORE_COLUMNS, segmentCsvs } from '../segments/exports';
import { uciColumns } from './__fixtures__/load';
import { computeScores } from './binning';
import { assignSegments, DEFAULT_RULES, segmentName } from './segments';
import { savedRfmScores, scoreExportColumns, scoreWithSavedBreaks } from './saved';

const uci = uciColumns();
const ids = uci.ids;
const scores = computeScores(uci, { scores: 5, method: 'quantile' });
const assignment = assignSegments(scores, DEFAULT_RULES);
const labels = Int32Array.from(ids, (_, i) => i % 3);
const input = {
  customerIds: ids,
  ...uci,
  labels,
  names: ['A', 'B', 'C'],
  rfmScores: scoreExportColumns(scores, assignment, DEFAULT_RULES),
};

const parse = (csv: string) =>
  csv
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n')
    .map((l) => l.split(','));

describe('customer CSV with RFM scores', () => {
  it('adds r/f/m scores, the combined and sum score and the named segment after the cluster columns', () => {
    const rows = parse(customersCsv(input));
    expect(rows[0]).toEqual([...CUSTOMER_COLUMNS, ...RFM_SCORE_COLUMNS]);
    expect(rows.length - 1).toBe(ids.length);
    rows.slice(1).forEach((row, i) => {
      const [r, f, m] = [scores.r[i]!, scores.f[i]!, scores.m[i]!];
      expect(row.slice(6, 11)).toEqual([String(r), String(f), String(m), `${r}${f}${m}`, String(r + f + m)]);
      // Names with an apostrophe or spaces are plain text (no comma in the default names).
      expect(row[11]).toBe(segmentName(assignment, DEFAULT_RULES, i));
    });
  });
  it('without scores the columns are unchanged', () => {
    const rows = parse(customersCsv({ ...input, rfmScores: undefined }));
    expect(rows[0]).toEqual([...CUSTOMER_COLUMNS]);
  });
  it('per-segment files carry the same columns', () => {
    const files = segmentCsvs(input, 3);
    for (const f of files) expect(parse(f.csv)[0]).toEqual([...CUSTOMER_COLUMNS, ...RFM_SCORE_COLUMNS]);
    expect(files.reduce((s, f) => s + parse(f.csv).length - 1, 0)).toBe(ids.length);
  });
  it('the saved model field scores the exported customers to the same segments', () => {
    const saved = savedRfmScores({ scores: 5, method: 'quantile' }, scores.breaks, DEFAULT_RULES);
    const again = scoreWithSavedBreaks(JSON.parse(JSON.stringify(saved)), uci);
    expect(again.map((x) => x.segment)).toEqual(input.rfmScores.segment);
    expect(again.map((x) => x.combined)).toEqual(input.rfmScores.combined);
  });
});
