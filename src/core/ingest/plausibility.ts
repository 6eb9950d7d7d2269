import type { DateOrder, DictColumn, Mapping, RawTable, Role, TableKind } from './types';
import { parseDate } from './dates';
import { detectNumberFormat, parseNumber } from './numbers';

/**
 * Plausibility of a mapping, checked against the values before anything is called ready. Each check
 * names the role, the column and the evidence (counts, ranges); the sentence is written at the UI.
 *
 * - date-unreadable (blocking): more than half of the filled cells of the date column cannot be read
 *   in the chosen order. The mapping is not usable until another format or column is chosen.
 * - date-small-integers: the date column holds only whole numbers 0–31 (a weekday 0–6, an hour 0–24,
 *   a month or day number), which some date forms would read as days of January 1900.
 * - id-decimals: at least half of a customer or invoice column's distinct values are numbers with a
 *   fractional part (money, not ids; "17850.0" is a whole number and passes).
 * - amount-small-counts: an amount or monetary column holding only whole numbers no larger than 100
 *   with at most 50 distinct values (a count of orders or items, not money). Unit prices are not
 *   checked: a small price list of whole numbers (2.00, 3.00, 4.00) is ordinary.
 * - customer-unique: on a transactions mapping, every customer id occurs on exactly one row (and there
 *   are at least 20 rows): the file is more likely one row per customer (a summary).
 * Non-blocking checks are confirmed by the user (by `key`) and then no longer stop the notebook.
 */

export type CheckKind =
  'date-unreadable' | 'date-small-integers' | 'id-decimals' | 'amount-small-counts' | 'customer-unique';

export interface MappingCheck {
  /** Stable for a given file, column, role and kind: what a confirmation refers to. */
  readonly key: string;
  readonly kind: CheckKind;
  readonly role: Role;
  readonly column: string;
  readonly blocking: boolean;
  /** Cells considered, cells that fail/fit, and a few example values as written. */
  readonly total: number;
  readonly count: number;
  readonly min: number;
  readonly max: number;
  readonly examples: readonly string[];
}

const SAMPLE = 20_000;

function sampleDict(col: DictColumn): readonly string[] {
  return col.dict.length <= SAMPLE ? col.dict : col.dict.slice(0, SAMPLE);
}

function check(
  kind: CheckKind,
  role: Role,
  col: DictColumn,
  fields: Omit<MappingCheck, 'key' | 'kind' | 'role' | 'column' | 'blocking'>,
): MappingCheck {
  return {
    key: `${kind}:${role}:${col.name}`,
    kind,
    role,
    column: col.name,
    blocking: kind === 'date-unreadable',
    ...fields,
  };
}

/** Rows with a filled cell, and of them the rows whose value `bad` rejects (looked up per distinct). */
function countRows(
  col: DictColumn,
  bad: (s: string) => boolean,
): { filled: number; failed: number; ex: string[] } {
  const flag = new Uint8Array(col.dict.length);
  const empty = new Uint8Array(col.dict.length);
  col.dict.forEach((s, k) => {
    if (s.trim() === '') empty[k] = 1;
    else if (bad(s)) flag[k] = 1;
  });
  let filled = 0;
  let failed = 0;
  const ex: string[] = [];
  for (let i = 0; i < col.codes.length; i++) {
    const c = col.codes[i]!;
    if (c < 0 || empty[c]) continue;
    filled++;
    if (flag[c]) {
      failed++;
      if (ex.length < 3 && !ex.includes(col.dict[c]!)) ex.push(col.dict[c]!);
    }
  }
  return { filled, failed, ex };
}

function numbersOf(col: DictColumn): number[] {
  const d = sampleDict(col);
  const fmt = detectNumberFormat(d);
  const out: number[] = [];
  for (const s of d) {
    if (s.trim() === '') continue;
    out.push(parseNumber(s, fmt));
  }
  return out;
}

function dateChecks(col: DictColumn, order: DateOrder | null, out: MappingCheck[]): void {
  const o = order ?? 'ISO';
  const { filled, failed, ex } = countRows(col, (s) => Number.isNaN(parseDate(s, o)));
  if (filled > 0 && failed > 0.5 * filled) {
    out.push(
      check('date-unreadable', 'date', col, {
        total: filled,
        count: failed,
        min: NaN,
        max: NaN,
        examples: ex,
      }),
    );
    return;
  }
  const nums = numbersOf(col);
  if (nums.length > 0 && nums.every((v) => Number.isInteger(v) && v >= 0 && v <= 31)) {
    out.push(check('date-small-integers', 'date', col, everyNumberFacts(col, nums)));
  }
}

/** The facts of a check every number of the column meets: how many, their range, three examples. */
function everyNumberFacts(col: DictColumn, nums: readonly number[]) {
  return {
    total: nums.length,
    count: nums.length,
    min: Math.min(...nums),
    max: Math.max(...nums),
    examples: sampleDict(col).slice(0, 3),
  };
}

function idDecimals(role: Role, col: DictColumn, out: MappingCheck[]): void {
  const d = sampleDict(col).filter((s) => s.trim() !== '');
  if (d.length === 0) return;
  const fmt = detectNumberFormat(d);
  const frac = d.filter((s) => {
    const v = parseNumber(s, fmt);
    return Number.isFinite(v) && !Number.isInteger(v);
  });
  if (frac.length >= 0.5 * d.length)
    out.push(
      check('id-decimals', role, col, {
        total: d.length,
        count: frac.length,
        min: NaN,
        max: NaN,
        examples: frac.slice(0, 3),
      }),
    );
}

function smallCounts(role: Role, col: DictColumn, out: MappingCheck[]): void {
  const nums = numbersOf(col).filter((v) => !Number.isNaN(v));
  if (nums.length === 0 || nums.length > 50) return;
  if (!nums.every((v) => Number.isInteger(v) && v >= 0 && v <= 100)) return;
  out.push(check('amount-small-counts', role, col, everyNumberFacts(col, nums)));
}

function customerUnique(col: DictColumn, rows: number, out: MappingCheck[]): void {
  if (rows < 20) return;
  const seen = new Uint8Array(col.dict.length);
  let filled = 0;
  for (let i = 0; i < col.codes.length; i++) {
    const c = col.codes[i]!;
    if (c < 0) continue;
    filled++;
    if (seen[c]) return;
    seen[c] = 1;
  }
  if (filled < 20) return;
  out.push(
    check('customer-unique', 'customer', col, {
      total: filled,
      count: filled,
      min: NaN,
      max: NaN,
      examples: [],
    }),
  );
}

/** The checks that fail for this mapping (empty when everything is plausible). */
export function checkMapping(
  raw: RawTable,
  kind: TableKind,
  mapping: Mapping,
  dateOrder: DateOrder | null,
): MappingCheck[] {
  const out: MappingCheck[] = [];
  const col = (r: Role): DictColumn | null => {
    const j = mapping[r];
    return j === undefined ? null : (raw.columns[j] ?? null);
  };
  const date = col('date');
  if (kind === 'transactions' && date) dateChecks(date, dateOrder, out);
  for (const r of ['customer', 'invoice'] as const) {
    const c = col(r);
    if (c) idDecimals(r, c, out);
  }
  const money: readonly Role[] = kind === 'rfm' ? ['monetary'] : ['amount'];
  for (const r of money) {
    const c = col(r);
    if (c) smallCounts(r, c, out);
  }
  const cust = col('customer');
  if (kind === 'transactions' && cust) customerUnique(cust, raw.rowCount, out);
  return out;
}
