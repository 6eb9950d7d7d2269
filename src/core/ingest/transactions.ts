import type { ColumnProblem, DateOrder, DictColumn, Mapping, RawTable, Role, Transactions } from './types';
import { guessDateOrder, parseDate } from './dates';
import { detectNumberFormat, parseNumber } from './numbers';
import { internAll } from './dict-column';

const MAX_EXAMPLES = 5;

/**
 * Typed values of a dictionary column: each distinct string is read once (`read`), then rows look
 * their value up by code. Missing (-1) and unreadable values are NaN; both are reported as problems
 * (spreadsheet rows, header = row 1).
 */
export function typedColumn(
  col: DictColumn,
  role: Role,
  read: (s: string) => number,
  problems: ColumnProblem[],
  /** Spreadsheet row of row 0 (RawTable.firstRow). */
  firstRow = 2,
): Float64Array {
  const lut = new Float64Array(col.dict.length);
  for (let k = 0; k < col.dict.length; k++) lut[k] = read(col.dict[k]!);
  const n = col.codes.length;
  const out = new Float64Array(n);
  let bad = 0;
  const rows: number[] = [];
  const values: string[] = [];
  for (let i = 0; i < n; i++) {
    const c = col.codes[i]!;
    const v = c < 0 ? NaN : lut[c]!;
    out[i] = v;
    if (v !== v) {
      bad++;
      if (rows.length < MAX_EXAMPLES) {
        rows.push(i + firstRow);
        values.push(c < 0 ? '' : col.dict[c]!);
      }
    }
  }
  if (bad > 0)
    problems.push({ role, column: col.name, count: bad, exampleRows: rows, exampleValues: values });
  return out;
}

/** The column mapped to `role`, null when the role is not mapped. */
export function mappedColumn(raw: RawTable, mapping: Mapping, role: Role): DictColumn | null {
  const j = mapping[role];
  return j === undefined ? null : (raw.columns[j] ?? null);
}

/** The column mapped to `role` read as numbers in its own decimal format; null when not mapped. */
export function numberColumn(
  raw: RawTable,
  mapping: Mapping,
  role: Role,
  problems: ColumnProblem[],
): Float64Array | null {
  const c = mappedColumn(raw, mapping, role);
  if (!c) return null;
  const fmt = detectNumberFormat(c.dict);
  return typedColumn(c, role, (s) => parseNumber(s, fmt), problems, raw.firstRow);
}

/**
 * Text ids as written, except that ids all written as whole floats ("17850.0", as some exports of
 * Online Retail do) lose the ".0". Leading zeros are kept ("00001").
 */
function idDict(col: DictColumn): string[] {
  const d = col.dict as string[];
  if (d.length > 0 && d.every((s) => /^\d+\.0+$/.test(s))) return d.map((s) => s.slice(0, s.indexOf('.')));
  return d.slice();
}

/**
 * Re-encodes a column whose dictionary was normalised (two raw strings may become one id).
 * Returns codes into the de-duplicated dictionary.
 */
function recode(col: DictColumn, dict: string[]): { codes: Int32Array; dict: string[] } {
  const out: string[] = [];
  const lut = internAll(dict, out, new Map());
  const codes = new Int32Array(col.codes.length);
  for (let i = 0; i < codes.length; i++) {
    const c = col.codes[i]!;
    codes[i] = c < 0 ? -1 : lut[c]!;
  }
  return { codes, dict: out };
}

/**
 * Groups rows that are exact duplicates over all original columns: `dupGroup[i]` is the index of the
 * first row equal to row i (i itself when first). Open-addressing hash of the code tuples, compared
 * exactly on collision, O(rows × columns).
 */
export function duplicateGroups(raw: RawTable): Int32Array {
  const n = raw.rowCount;
  const cols = raw.columns.map((c) => c.codes);
  const m = cols.length;
  let size = 1;
  while (size < n * 2) size <<= 1;
  const table = new Int32Array(size).fill(-1);
  const mask = size - 1;
  const group = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let h = 0x811c9dc5 | 0;
    for (let j = 0; j < m; j++) {
      h ^= cols[j]![i]! + 1;
      h = Math.imul(h, 0x01000193);
    }
    h ^= h >>> 16;
    let slot = h & mask;
    for (;;) {
      const r = table[slot]!;
      if (r < 0) {
        table[slot] = i;
        group[i] = i;
        break;
      }
      let same = true;
      for (let j = 0; j < m; j++) {
        if (cols[j]![r] !== cols[j]![i]) {
          same = false;
          break;
        }
      }
      if (same) {
        group[i] = r;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  return group;
}

/**
 * Types a RawTable by a mapping. Customer, invoice, product and country stay text (dictionary codes,
 * -1 missing); dates are read in `dateOrder` (guessed from the column when null); quantity, price and
 * amount with the number format detected per column. Rows stay aligned with the RawTable (row i is
 * spreadsheet row i + 2).
 */
export function buildTransactions(
  raw: RawTable,
  mapping: Mapping,
  dateOrder: DateOrder | null,
): Transactions {
  const n = raw.rowCount;
  const problems: ColumnProblem[] = [];
  const colOf = (role: Role) => mappedColumn(raw, mapping, role);
  const text = (role: Role): { codes: Int32Array; dict: string[] } | null => {
    const c = colOf(role);
    if (!c) return null;
    if (role === 'customer' || role === 'invoice') return recode(c, idDict(c));
    return { codes: c.codes.slice(), dict: (c.dict as string[]).slice() };
  };
  const num = (role: Role) => numberColumn(raw, mapping, role, problems);
  const cust = text('customer');
  const inv = text('invoice');
  const prod = text('product');
  const ctry = text('country');
  const dateCol = colOf('date');
  let time: Float64Array;
  if (dateCol) {
    const order = dateOrder ?? guessDateOrder(dateCol.dict).order ?? 'ISO';
    time = typedColumn(dateCol, 'date', (s) => parseDate(s, order), problems, raw.firstRow);
  } else {
    time = new Float64Array(n).fill(NaN);
  }
  const quantity = num('quantity');
  const price = num('price');
  const amount = num('amount');
  const firstRow = raw.firstRow ?? 2;
  return {
    rowCount: n,
    customer: cust ? cust.codes : new Int32Array(n).fill(-1),
    customers: cust ? cust.dict : [],
    invoice: inv ? inv.codes : null,
    invoices: inv ? inv.dict : [],
    time,
    quantity,
    price,
    amount,
    product: prod ? prod.codes : null,
    products: prod ? prod.dict : [],
    country: ctry ? ctry.codes : null,
    countries: ctry ? ctry.dict : [],
    problems,
    dupGroup: duplicateGroups(raw),
    mapping,
    ...(firstRow !== 2 ? { firstRow } : {}),
  };
}
