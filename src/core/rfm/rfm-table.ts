/**
 * A ready RFM table (one row per customer): its recency, frequency and monetary columns read as
 * numbers. Used by the Columns step (typed preview and unreadable cells) and by `rfmFromTable`.
 */
import { detectNumberFormat, parseNumber } from '../ingest/numbers';
import type { ColumnProblem, Mapping, RawTable } from '../types';

/** Column j of the table read as numbers (its number format detected); NaN where empty or unreadable. */
export function readNumberColumn(raw: RawTable, j: number): Float64Array {
  const col = raw.columns[j]!;
  const fmt = detectNumberFormat(col.dict);
  const lut = col.dict.map((s) => parseNumber(s, fmt));
  const out = new Float64Array(raw.rowCount);
  for (let i = 0; i < raw.rowCount; i++) {
    const c = col.codes[i]!;
    out[i] = c < 0 ? NaN : lut[c]!;
  }
  return out;
}

/**
 * The recency, frequency and monetary columns of an RFM table (all mapped) as numbers, by column
 * index, and per role the cells that could not be read (count, first 5 spreadsheet rows and texts).
 */
export function typeRfmColumns(
  raw: RawTable,
  mapping: Mapping,
): { typed: Map<number, Float64Array>; problems: ColumnProblem[] } {
  const problems: ColumnProblem[] = [];
  const typed = new Map<number, Float64Array>();
  for (const role of ['recency', 'frequency', 'monetary'] as const) {
    const j = mapping[role]!;
    const col = raw.columns[j]!;
    const vals = readNumberColumn(raw, j);
    let bad = 0;
    const rows: number[] = [];
    const values: string[] = [];
    for (let i = 0; i < raw.rowCount; i++) {
      if (vals[i] !== vals[i]) {
        bad++;
        if (rows.length < 5) {
          const c = col.codes[i]!;
          rows.push(i + 2);
          values.push(c < 0 ? '' : col.dict[c]!);
        }
      }
    }
    typed.set(j, vals);
    if (bad > 0)
      problems.push({ role, column: col.name, count: bad, exampleRows: rows, exampleValues: values });
  }
  return { typed, problems };
}
