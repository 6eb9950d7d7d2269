/**
 * A previous "All customers" CSV export (src/core/segments/exports.ts `customersCsv`: customer_id,
 * recency, frequency, monetary, cluster_id, cluster_name) read back as the "before" side of
 * transitions. Cells the export neutralised for spreadsheets (a leading ') are read back as written
 * minus that quote. cluster_id is 1-based and must be a segment of the open model.
 */
import { parseText } from '../ingest/parse-text';
import { CUSTOMER_COLUMNS } from '../segments/exports';
import { ModelError } from './errors';

export interface PreviousCustomers {
  readonly ids: readonly string[];
  readonly clusterIndex: Int32Array;
  readonly recency: Float64Array;
  readonly frequency: Float64Array;
  readonly monetary: Float64Array;
}

function cellText(codes: Int32Array, dict: readonly string[], i: number): string {
  const c = codes[i]!;
  return c < 0 ? '' : dict[c]!;
}

/**
 * @throws ModelError 'request-missing-column' (path = the column), 'request-not-number' /
 * 'model-bad-value' (path = 'column, row r' with the spreadsheet row r), 'transitions-mismatch'.
 */
export function parsePreviousCustomers(text: string, fileName: string, k: number): PreviousCustomers {
  const { table } = parseText(text, { fileName, byteLength: text.length, encoding: 'utf-8', delimiter: ',' });
  const col = (name: string) => {
    const c = table.columns.find((x) => x.name.trim().toLowerCase() === name);
    if (!c) throw new ModelError('request-missing-column', name, `${fileName} has no ${name} column`);
    return c;
  };
  const [idC, rC, fC, mC, kC] = [
    CUSTOMER_COLUMNS[0],
    CUSTOMER_COLUMNS[1],
    CUSTOMER_COLUMNS[2],
    CUSTOMER_COLUMNS[3],
    CUSTOMER_COLUMNS[4],
  ].map(col);
  const n = table.rowCount;
  const ids: string[] = new Array<string>(n);
  const clusterIndex = new Int32Array(n);
  const cols = [new Float64Array(n), new Float64Array(n), new Float64Array(n)] as const;
  const seen = new Set<string>();
  for (let i = 0; i < n; i++) {
    const row = i + 2;
    let id = cellText(idC!.codes, idC!.dict, i);
    if (id.startsWith("'")) id = id.slice(1);
    if (id === '') throw new ModelError('model-bad-value', `customer_id, row ${row}`, 'empty customer id', i);
    if (seen.has(id))
      throw new ModelError('transitions-mismatch', `customer_id, row ${row}`, `${id} twice`, i);
    seen.add(id);
    ids[i] = id;
    [rC, fC, mC].forEach((c, j) => {
      const t = cellText(c!.codes, c!.dict, i).trim();
      const v = t === '' ? Number.NaN : Number(t);
      if (!Number.isFinite(v))
        throw new ModelError(
          'request-not-number',
          `${c!.name}, row ${row}`,
          `${JSON.stringify(t)} is not a number`,
          i,
        );
      cols[j]![i] = v;
    });
    const cid = Number(cellText(kC!.codes, kC!.dict, i).trim());
    if (!Number.isInteger(cid) || cid < 1 || cid > k)
      throw new ModelError('model-bad-value', `cluster_id, row ${row}`, `cluster_id should be 1 to ${k}`, i);
    clusterIndex[i] = cid - 1;
  }
  if (n === 0) throw new ModelError('score-no-customers', '', `${fileName} has no customer row`);
  return { ids, clusterIndex, recency: cols[0], frequency: cols[1], monetary: cols[2] };
}
