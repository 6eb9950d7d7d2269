import type { DictColumn, Mapping, RawTable } from './types';

/**
 * An invoice (order) column found from its values when no header named one. A column qualifies when
 * - every filled value is one token (digits, letters, '-', '_', '/', no spaces; a leading '#' as in a
 *   shop's "#1001") and none is a decimal,
 * - it groups rows: each value belongs to one customer and, when a date column is chosen, one date
 *   (the lines of an order share them; 1% of orders may not, as lines written a minute apart),
 * - there are more distinct values than customers (customers place several orders) and at least one
 *   value repeats or the values are not a plain row counter (1, 2, 3… is a row number, not an order),
 * - at least 90% of its rows are filled.
 * Among qualifying columns the one with the most distinct values wins. Returns the column or null.
 */
const TOKEN_RE = /^#?[\p{L}\p{N}][\p{L}\p{N}_\-/]*$/u;

function isRowCounter(col: DictColumn, rows: number): boolean {
  if (col.dict.length !== rows) return false;
  let min = Infinity;
  let max = -Infinity;
  for (const s of col.dict) {
    if (!/^\d+$/.test(s)) return false;
    const v = Number(s);
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return max - min + 1 === rows;
}

/** Share of an order's rows that may disagree: an order's lines written a minute apart (UCI: 2 of 2,740). */
const CONSISTENT_SHARE = 0.99;

/**
 * True when at least CONSISTENT_SHARE of the row groups of `key` have one value of `other` (rows with a
 * missing key are skipped).
 */
function determines(key: DictColumn, other: DictColumn): boolean {
  const first = new Int32Array(key.dict.length).fill(-2);
  const mixed = new Uint8Array(key.dict.length);
  let groups = 0;
  let mixedGroups = 0;
  for (let i = 0; i < key.codes.length; i++) {
    const k = key.codes[i]!;
    if (k < 0) continue;
    const o = other.codes[i]!;
    if (first[k] === -2) {
      first[k] = o;
      groups++;
    } else if (first[k] !== o && mixed[k] === 0) {
      mixed[k] = 1;
      mixedGroups++;
    }
  }
  return groups > 0 && mixedGroups <= (1 - CONSISTENT_SHARE) * groups;
}

export function detectInvoiceColumn(
  raw: RawTable,
  mapping: Mapping,
  used: ReadonlySet<number>,
): number | null {
  if (mapping.customer === undefined || mapping.invoice !== undefined) return null;
  const cust = raw.columns[mapping.customer]!;
  const date = mapping.date === undefined ? null : raw.columns[mapping.date]!;
  let best: number | null = null;
  let bestDistinct = 0;
  raw.columns.forEach((col, j) => {
    if (used.has(j) || j === mapping.customer) return;
    if (col.dict.length <= cust.dict.length || col.dict.length < 2) return;
    let filled = 0;
    for (let i = 0; i < col.codes.length; i++) if (col.codes[i]! >= 0) filled++;
    if (filled < 0.9 * raw.rowCount) return;
    if (!col.dict.every((s) => TOKEN_RE.test(s) && !/^\d+[.,]\d+$/.test(s))) return;
    if (isRowCounter(col, raw.rowCount)) return;
    if (!determines(col, cust)) return;
    if (date && !determines(col, date)) return;
    if (col.dict.length > bestDistinct) {
      best = j;
      bestDistinct = col.dict.length;
    }
  });
  return best;
}
