import type { Transactions } from '../ingest/types';
import { civilFromDays } from '../numeric/civil-date';
import { cancellationEvidence, prefixFlags } from '../clean/cancellations';
import type { Glance, MonthGlance, RevenueRank } from './profile-types';
import { extent } from '../numeric/extent';

/**
 * Transactions at a glance: rows and revenue per calendar month, the top countries and products by
 * revenue, cancellations and returns per month, and the share of rows without a customer id.
 *
 * - Revenue of a line = quantity × unit price when both columns are mapped, else the amount column;
 *   lines where it is not a finite number are counted in `rowsWithoutRevenue` and add nothing.
 * - A cancellation is a line whose invoice starts with 'C' (case-insensitive, after leading blanks)
 *   when the data supports that rule (src/core/clean/cancellations.ts), none otherwise;
 *   a return is a line with quantity < 0 (cancelled or not). Both are counted, never removed.
 * - Months are calendar months of the wall-clock date (times are read as UTC, see src/core/ingest/types.ts);
 *   every month from the first to the last date is listed, empty ones included. Lines without a
 *   readable date are counted in `rowsWithoutDate` and left out of the months (not of the totals).
 * - Ranks group by the mapped country / product code; lines without one are not ranked. Ties keep the
 *   first-seen order. Sums per month and in total are compensated (Neumaier).
 * Cost: two passes over the rows (~10 ms for the 541,909-row UCI file in Node).
 */

const DAY_MS = 86_400_000;
const TOP = 10;

/** Month number (year × 12 + month − 1) of a time in ms. */
function monthKey(t: number): number {
  const [y, m] = civilFromDays(Math.floor(t / DAY_MS));
  return y * 12 + m - 1;
}

function monthStart(key: number): number {
  return Date.UTC(Math.floor(key / 12), key % 12, 1);
}

/** Per-line revenue as described in the module comment, or null when the table has no way to get it. */
export function lineRevenue(tx: Transactions): { values: Float64Array; source: Glance['revenueSource'] } {
  const n = tx.rowCount;
  if (tx.quantity && tx.price) {
    const q = tx.quantity;
    const p = tx.price;
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = q[i]! * p[i]!;
    return { values: out, source: 'quantityTimesPrice' };
  }
  if (tx.amount) return { values: tx.amount, source: 'amount' };
  return { values: new Float64Array(n).fill(NaN), source: null };
}

/** 1 for each invoice code whose text starts with 'C'/'c' after leading blanks. */
export const cancellationCodes = prefixFlags;

function rank(
  codes: Int32Array | null,
  labels: readonly string[],
  rev: Float64Array,
  total: number,
): RevenueRank[] {
  if (!codes) return [];
  const k = labels.length;
  const sums = new Float64Array(k);
  const rows = new Int32Array(k);
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i]!;
    if (c < 0) continue;
    rows[c]!++;
    const r = rev[i]!;
    if (r === r) sums[c]! += r;
  }
  const idx: number[] = [];
  for (let c = 0; c < k; c++) if (rows[c]! > 0) idx.push(c);
  idx.sort((a, b) => sums[b]! - sums[a]! || a - b);
  return idx.slice(0, TOP).map((c) => ({
    label: labels[c]!,
    rows: rows[c]!,
    revenue: sums[c]!,
    share: total !== 0 ? sums[c]! / total : NaN,
  }));
}

/** See the module comment. */
export function transactionsAtAGlance(tx: Transactions): Glance {
  const n = tx.rowCount;
  const time = tx.time;
  const { values: rev, source } = lineRevenue(tx);
  // Prefixed invoices count as cancellations only when the values support it (clean/cancellations.ts).
  const cancelCode =
    tx.invoice && cancellationEvidence(tx).basis === 'prefix' ? prefixFlags(tx.invoices) : null;
  const inv = tx.invoice;
  const qty = tx.quantity;
  const cust = tx.customer;

  const { min: first, max: last } = extent(time, n);
  const hasDates = first <= last;
  const k0 = hasDates ? monthKey(first) : 0;
  const nMonths = hasDates ? monthKey(last) - k0 + 1 : 0;
  const mRows = new Int32Array(nMonths);
  const mRev = new Float64Array(nMonths);
  const mRevC = new Float64Array(nMonths);
  const mCan = new Int32Array(nMonths);
  const mCanRev = new Float64Array(nMonths);
  const mRet = new Int32Array(nMonths);
  const mMiss = new Int32Array(nMonths);

  let total = 0;
  let totalC = 0;
  let noRevenue = 0;
  let noDate = 0;
  let cancellations = 0;
  let returns = 0;
  let missingCustomer = 0;
  // Month cache: lines are usually in time order, so most lines fall in the previous line's month.
  let lo = Infinity;
  let hi = -Infinity;
  let cur = -1;
  for (let i = 0; i < n; i++) {
    const t = time[i]!;
    const r = rev[i]!;
    const isCancel = cancelCode !== null && inv![i]! >= 0 && cancelCode[inv![i]!] === 1;
    const isReturn = qty !== null && qty[i]! < 0;
    const noCust = cust[i]! < 0;
    if (r === r) {
      const s = total + r;
      totalC += Math.abs(total) >= Math.abs(r) ? total - s + r : r - s + total;
      total = s;
    } else noRevenue++;
    if (isCancel) cancellations++;
    if (isReturn) returns++;
    if (noCust) missingCustomer++;
    if (t !== t) {
      noDate++;
      continue;
    }
    if (!(t >= lo && t < hi)) {
      const key = monthKey(t);
      cur = key - k0;
      lo = monthStart(key);
      hi = monthStart(key + 1);
    }
    mRows[cur]!++;
    if (r === r) {
      const a = mRev[cur]!;
      const s = a + r;
      mRevC[cur]! += Math.abs(a) >= Math.abs(r) ? a - s + r : r - s + a;
      mRev[cur] = s;
      if (isCancel) mCanRev[cur]! += r;
    }
    if (isCancel) mCan[cur]!++;
    if (isReturn) mRet[cur]!++;
    if (noCust) mMiss[cur]!++;
  }
  total += totalC;
  const months: MonthGlance[] = [];
  for (let j = 0; j < nMonths; j++) {
    const key = k0 + j;
    const y = Math.floor(key / 12);
    const m = (key % 12) + 1;
    months.push({
      month: `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`,
      start: monthStart(key),
      rows: mRows[j]!,
      revenue: mRev[j]! + mRevC[j]!,
      cancellations: mCan[j]!,
      cancellationRevenue: mCanRev[j]!,
      returns: mRet[j]!,
      missingCustomer: mMiss[j]!,
    });
  }
  return {
    rows: n,
    revenueSource: source,
    revenue: total,
    rowsWithoutRevenue: noRevenue,
    rowsWithoutDate: noDate,
    firstTime: hasDates ? first : null,
    lastTime: hasDates ? last : null,
    months,
    topCountries: rank(tx.country, tx.countries, rev, total),
    topProducts: rank(tx.product, tx.products, rev, total),
    cancellations,
    returns,
    missingCustomer,
    missingCustomerShare: n > 0 ? missingCustomer / n : 0,
  };
}
