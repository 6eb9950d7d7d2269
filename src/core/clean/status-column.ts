import type { Mapping, RawTable } from '../ingest/types';

/**
 * A status column that marks lines as refunded, cancelled, voided, failed or returned (a shop's
 * "Financial Status", a payments log's "Type"), found from its values among the columns no role uses:
 * at most MAX_VALUES distinct values, some of which name such a state and some of which do not. Such
 * lines carry ordinary positive amounts, so neither a "C" prefix nor a negative quantity marks them:
 * RFM counts them as purchases. The Cleaning step shows the values and their line counts and asks.
 */
export interface StatusEvidence {
  readonly column: string;
  /** The values naming a refund/cancellation, with their line counts (most lines first). */
  readonly values: readonly { readonly value: string; readonly lines: number }[];
  /** Lines holding one of them. */
  readonly lines: number;
  readonly rows: number;
}

const MAX_VALUES = 30;
/** English, German, French, Spanish, Portuguese, Italian, Dutch words for the states. */
const NOT_A_SALE =
  /refund|cancel|void|fail|declin|return|chargeback|revers|storn|erstatt|annul|rembours|devol|reembols|estorn|rimbors|terugbetaal|geannuleerd/i;

export function statusEvidence(raw: RawTable, mapping: Mapping): StatusEvidence | null {
  const used = new Set(Object.values(mapping).filter((j): j is number => j !== undefined));
  let best: StatusEvidence | null = null;
  raw.columns.forEach((col, j) => {
    if (used.has(j) || col.dict.length < 2 || col.dict.length > MAX_VALUES) return;
    const marks = col.dict.map((v) => NOT_A_SALE.test(v));
    if (marks.every((m) => m) || !marks.some((m) => m)) return;
    const counts = new Int32Array(col.dict.length);
    for (let i = 0; i < col.codes.length; i++) {
      const c = col.codes[i]!;
      if (c >= 0) counts[c]!++;
    }
    const values = col.dict
      .map((value, k) => ({ value, lines: counts[k]! }))
      .filter((v, k) => marks[k] && v.lines > 0)
      .sort((a, b) => b.lines - a.lines);
    const lines = values.reduce((s, v) => s + v.lines, 0);
    if (lines > 0 && (best === null || lines > best.lines))
      best = { column: col.name, values, lines, rows: raw.rowCount };
  });
  return best;
}
