import type { CleaningSettings } from '../clean/types';
import type { Mapping, RawTable, Transactions } from '../ingest/types';
import type { RfmSettings, RfmTable } from './types';
import { REFERENCE_CLEANING } from '../clean/clean';
import { cancellationLines } from '../clean/cancellations';
import { DAY_MS, dayStart } from '../ingest/dates';
import { readSummary } from './summary';

/**
 * RFM per customer (docs/rfm-definition.md).
 * - analysis time: 'nextDay' = midnight after the day of the latest kept line; 'lastTime' = the
 *   latest kept line's time; { date } = midnight starting that day.
 * - purchases = kept non-cancellation lines (all kept lines when `cancellationsArePurchases`); which
 *   lines are cancellations or returns is decided from the values (src/core/clean/cancellations.ts).
 * - recency = floor((analysis time − latest purchase time) / 1 day), in whole days.
 * - frequency: 'invoices' = distinct invoices among purchases (purchase lines when the file has no
 *   invoice column: each row is then one order, as in CDNOW); 'lines' = purchase lines; 'days' =
 *   distinct calendar days with a purchase.
 * - monetary: 'quantityTimesPrice' = Σ quantity × unit price over ALL the customer's kept lines
 *   (cancellations net it); falls back to Σ amount when the file has no quantity or price column;
 *   'amount' = Σ amount (falls back to quantity × price when there is no amount column).
 * - Customers with no purchase line, or with monetary ≤ 0 when `excludeNonPositiveMonetary`, are left
 *   out and counted in `excludedNonPositive`.
 * - A file with no money column (no amount, no quantity × price) gives monetary 0 for everyone and
 *   `noMoney: true`; nobody is left out for it and the model uses recency and frequency only. Rows without a customer are ignored.
 * Output is sorted by customer id as text (code-unit order).
 */
/**
 * Monetary at or below this (currency units) counts as ≤ 0: lines that cancel exactly leave float
 * noise of ~1e-15 in the sum, which is zero.
 */
export const MONEY_EPS = 1e-6;

export const DEFAULT_RFM: RfmSettings = {
  analysisDate: 'nextDay',
  frequency: 'invoices',
  monetary: 'quantityTimesPrice',
  excludeNonPositiveMonetary: true,
};

/** The reference notebook's preset: analysis at the latest time left, lines (cancellations too). */
export const REFERENCE_PRESET: { readonly cleaning: CleaningSettings; readonly rfm: RfmSettings } = {
  cleaning: REFERENCE_CLEANING,
  rfm: {
    analysisDate: 'lastTime',
    frequency: 'lines',
    monetary: 'quantityTimesPrice',
    // The notebook keeps every customer left (Yeo-Johnson accepts monetary ≤ 0): 3,169 on the full file.
    excludeNonPositiveMonetary: false,
    cancellationsArePurchases: true,
  },
};

/** The analysis time of a set of kept lines (ms), NaN when nothing is kept. */
export function analysisTimeOf(tx: Transactions, keep: Uint8Array, settings: RfmSettings): number {
  if (typeof settings.analysisDate === 'object') return dayStart(settings.analysisDate.date);
  let max = -Infinity;
  const t = tx.time;
  for (let i = 0; i < tx.rowCount; i++) if (keep[i] && t[i]! > max) max = t[i]!;
  if (max === -Infinity) return NaN;
  return settings.analysisDate === 'lastTime' ? max : Math.floor(max / DAY_MS) * DAY_MS + DAY_MS;
}

export function computeRfm(tx: Transactions, keep: Uint8Array, settings: RfmSettings): RfmTable {
  const n = tx.rowCount;
  const nc = tx.customers.length;
  const analysisTime = analysisTimeOf(tx, keep, settings);
  const cancel = cancellationLines(tx);
  const inv = tx.invoice;
  const allPurchases = settings.cancellationsArePurchases === true;
  const lastPurchase = new Float64Array(nc).fill(-Infinity);
  const freq = new Float64Array(nc);
  const money = new Float64Array(nc);
  const hasLine = new Uint8Array(nc);
  const { quantity: q, price: p, amount: a } = tx;
  const useAmount = settings.monetary === 'amount' ? a !== null : q === null || p === null;
  // No amount and no quantity × price: monetary is 0 for everyone and the model leaves it out (R+F).
  const noMoney = useAmount && a === null;
  const mode = settings.frequency === 'invoices' && inv === null ? 'lines' : settings.frequency;
  const seen = new Set<number>();
  const stride = nc + 1;
  for (let i = 0; i < n; i++) {
    if (!keep[i]) continue;
    const c = tx.customer[i]!;
    if (c < 0) continue;
    hasLine[c] = 1;
    if (!noMoney) money[c]! += useAmount ? a![i]! : q![i]! * p![i]!;
    if (cancel[i] === 1 && !allPurchases) continue;
    const t = tx.time[i]!;
    if (t > lastPurchase[c]!) lastPurchase[c] = t;
    if (mode === 'lines') freq[c]!++;
    else {
      const k = mode === 'invoices' ? inv![i]! : Math.floor(t / DAY_MS);
      const key = k * stride + c;
      if (!seen.has(key)) {
        seen.add(key);
        freq[c]!++;
      }
    }
  }
  const idx: number[] = [];
  let excluded = 0;
  for (let c = 0; c < nc; c++) {
    if (!hasLine[c]) continue;
    if (
      lastPurchase[c] === -Infinity ||
      (settings.excludeNonPositiveMonetary && !noMoney && !(money[c]! > MONEY_EPS))
    ) {
      excluded++;
      continue;
    }
    idx.push(c);
  }
  const ids = tx.customers;
  idx.sort((x, y) => (ids[x]! < ids[y]! ? -1 : ids[x]! > ids[y]! ? 1 : 0));
  const m = idx.length;
  const recency = new Float64Array(m);
  const frequency = new Float64Array(m);
  const monetary = new Float64Array(m);
  idx.forEach((c, j) => {
    recency[j] = Math.floor((analysisTime - lastPurchase[c]!) / DAY_MS);
    frequency[j] = freq[c]!;
    monetary[j] = money[c]!;
  });
  return {
    customerIds: idx.map((c) => ids[c]!),
    recency,
    frequency,
    monetary,
    analysisTime,
    excludedNonPositive: excluded,
    preAggregated: false,
    ...(noMoney ? { noMoney: true } : {}),
  };
}

/**
 * An already aggregated RFM table (kind 'rfm') as an RfmTable, in file order (recency may come from
 * last-purchase dates, frequency and monetary from the sum of two columns: see summary.ts). Ids come from the
 * customer column, or are generated as spreadsheet rows ("row 2", "row 3"…). Rows with an unreadable
 * R, F or M are left out (they are reported as column problems at mapping); rows with monetary ≤ 0
 * are left out and counted when `excludeNonPositiveMonetary` (default true).
 */
export function rfmFromTable(
  raw: RawTable,
  mapping: Mapping,
  options: { excludeNonPositiveMonetary?: boolean } = {},
): RfmTable {
  const { recency: r, frequency: f, monetary: mo, analysisTime } = readSummary(raw, mapping);
  const idCol = mapping.customer === undefined ? undefined : raw.columns[mapping.customer];
  const exclude = options.excludeNonPositiveMonetary ?? true;
  const ids: string[] = [];
  const rows: number[] = [];
  let excluded = 0;
  for (let i = 0; i < raw.rowCount; i++) {
    if (r[i] !== r[i] || f[i] !== f[i] || mo[i] !== mo[i]) continue;
    if (exclude && !(mo[i]! > MONEY_EPS)) {
      excluded++;
      continue;
    }
    rows.push(i);
    const code = idCol ? idCol.codes[i]! : -1;
    ids.push(idCol && code >= 0 ? idCol.dict[code]! : `row ${i + (raw.firstRow ?? 2)}`);
  }
  const pick = (src: Float64Array): Float64Array => Float64Array.from(rows, (i) => src[i]!);
  return {
    customerIds: ids,
    recency: pick(r),
    frequency: pick(f),
    monetary: pick(mo),
    analysisTime,
    excludedNonPositive: excluded,
    preAggregated: true,
  };
}
