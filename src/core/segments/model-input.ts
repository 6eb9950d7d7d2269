import type { DateOrder, Mapping, RawTable, Role } from '../ingest/types';
import { guessDateOrder } from '../ingest/dates';
import { detectNumberFormat } from '../ingest/numbers';

/**
 * The `input` section of the model JSON: how the file was read, so the model's rules can be
 * re-run elsewhere (the warehouse SQL of src/core/sql reads a table whose columns carry these header
 * names, every column as text, and parses dates and numbers itself with these formats).
 */
export interface ModelInputSection {
  /** 'transactions' (RFM computed from lines) or 'rfm' (the file was already one row per customer). */
  readonly kind: 'transactions' | 'rfm';
  /** Every header of the file, in file order (as the app made them usable: trimmed, unique). */
  readonly headers: readonly string[];
  /** Role → the file's header name, for the roles that were mapped. */
  readonly columns: Partial<Record<Role, string>>;
  /** How the date column's numeric parts are ordered; null when there is no date column. */
  readonly dateOrder: DateOrder | null;
  /** Whether any date value carries a time of day (HH:MM[:SS]). */
  readonly dateHasTime: boolean;
  /** Decimal mark of each numeric column mapped (quantity, price, amount, recency, frequency, monetary). */
  readonly decimalSeparators: Partial<Record<Role, '.' | ','>>;
  /**
   * True when every customer id was written as a whole float ("17850.0"), which the app reads
   * without the ".0" (src/core/ingest/transactions.ts `idDict`).
   */
  readonly customerIdsDropDotZero: boolean;
  /** Field delimiter of the file (',' ';' '\t' '|' or 'whitespace'). */
  readonly delimiter: string;
}

const NUMERIC: readonly Role[] = ['quantity', 'price', 'amount', 'recency', 'frequency', 'monetary'];
const TIME_RE = /\d[T ]+\d{1,2}:\d{2}/;

/** The input section of a parsed file and its mapping (`dateOrder` null: the one guessed at mapping). */
export function describeModelInput(
  raw: RawTable,
  mapping: Mapping,
  dateOrder: DateOrder | null,
  kind: 'transactions' | 'rfm' = 'transactions',
): ModelInputSection {
  const columns: Partial<Record<Role, string>> = {};
  const decimalSeparators: Partial<Record<Role, '.' | ','>> = {};
  for (const [role, j] of Object.entries(mapping) as [Role, number | undefined][]) {
    const col = j === undefined ? undefined : raw.columns[j];
    if (!col) continue;
    columns[role] = col.name;
    if (NUMERIC.includes(role)) decimalSeparators[role] = detectNumberFormat(col.dict).decimal;
  }
  const dateCol = mapping.date === undefined ? undefined : raw.columns[mapping.date];
  const cust = mapping.customer === undefined ? undefined : raw.columns[mapping.customer];
  return {
    kind,
    headers: raw.columns.map((c) => c.name),
    columns,
    dateOrder: dateCol ? (dateOrder ?? guessDateOrder(dateCol.dict).order ?? 'ISO') : null,
    dateHasTime: dateCol ? dateCol.dict.some((s) => TIME_RE.test(s)) : false,
    decimalSeparators,
    customerIdsDropDotZero:
      cust !== undefined && cust.dict.length > 0 && cust.dict.every((s) => /^\d+\.0+$/.test(s)),
    delimiter: raw.delimiter,
  };
}
