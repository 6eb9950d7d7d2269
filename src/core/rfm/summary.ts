import type { ColumnProblem, DictColumn, Mapping, RawTable, Role } from '../ingest/types';
import { UserFacingError } from '../errors';
import { DAY_MS, dateShare, guessDateOrder, isCodedDateOrder, parseDate } from '../ingest/dates';
import { mappedColumn, numberColumn, typedColumn } from '../ingest/transactions';

/**
 * The columns of a customer summary (kind 'rfm', one row per customer), read as numbers:
 * - recency may be given as days or as the date of the last purchase: a recency column whose values
 *   read as dates (≥ 90% of distinct values, not a coded number form) becomes
 *   floor((analysis day − last purchase) / 1 day), the analysis day being midnight after the latest
 *   last-purchase date in the file (the 'nextDay' rule of transactions);
 * - frequency and monetary may be the sum of two columns (`frequency2`, `monetary2`: online +
 *   offline orders or spend); a missing value in one of them counts as 0 when the other is filled.
 * Unreadable cells are NaN and reported as problems with example rows (spreadsheet rows).
 */
export interface SummaryColumns {
  readonly recency: Float64Array;
  readonly frequency: Float64Array;
  readonly monetary: Float64Array;
  /** The analysis time when recency came from dates (ms), NaN otherwise. */
  readonly analysisTime: number;
  readonly recencyFromDate: boolean;
  readonly problems: readonly ColumnProblem[];
}

/** True when a column's values are dates (so a recency column holds last-purchase dates). */
export function isDateColumn(col: DictColumn): boolean {
  const d = col.dict.length <= 20_000 ? col.dict : col.dict.slice(0, 20_000);
  const g = guessDateOrder(d);
  return g.order !== null && !isCodedDateOrder(g.order) && dateShare(d, g.order) >= 0.9;
}

export function readSummary(raw: RawTable, mapping: Mapping): SummaryColumns {
  const problems: ColumnProblem[] = [];
  const need = (r: Role): DictColumn => {
    const c = mappedColumn(raw, mapping, r);
    if (!c) throw new UserFacingError({ code: 'missing-roles', need: 'rfm-columns' });
    return c;
  };
  const numbers = (r: Role) => numberColumn(raw, mapping, r, problems);
  const rc = need('recency');
  let recency: Float64Array;
  let analysisTime = NaN;
  const fromDate = isDateColumn(rc);
  if (fromDate) {
    const order = guessDateOrder(rc.dict).order!;
    const t = typedColumn(rc, 'recency', (s) => parseDate(s, order), problems, raw.firstRow);
    let max = -Infinity;
    for (const v of t) if (v > max) max = v;
    analysisTime = Math.floor(max / DAY_MS) * DAY_MS + DAY_MS;
    recency = t.map((v) => (v === v ? Math.floor((analysisTime - v) / DAY_MS) : NaN));
  } else {
    recency = numbers('recency')!;
  }
  need('frequency');
  need('monetary');
  const sum = (a: Float64Array, b: Float64Array | null): Float64Array => {
    if (!b) return a;
    return a.map((v, i) => {
      const w = b[i]!;
      if (v !== v && w !== w) return NaN;
      return (v === v ? v : 0) + (w === w ? w : 0);
    });
  };
  const frequency = sum(numbers('frequency')!, numbers('frequency2'));
  const monetary = sum(numbers('monetary')!, numbers('monetary2'));
  return { recency, frequency, monetary, analysisTime, recencyFromDate: fromDate, problems };
}
