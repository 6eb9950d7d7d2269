import type { Transactions } from '../ingest/types';
import type {
  OutlierLine,
  OutlierMeasure,
  OutlierOptions,
  OutlierReport,
  OutlierThreshold,
} from './profile-types';
import { quantileSelect } from '../numeric/quantiles';

/**
 * Extreme lines: the rule behind the Cleaning step's "outliers" toggle.
 *
 * Rule (per measure: quantity, unit price, amount — whichever are mapped). Let A be the finite,
 * non-zero absolute values |x| of the measure over all lines, n = |A|. The reference value is the
 * quantile of A at level L = min(P / 100, 1 − 10 / n) (linear interpolation, as numpy), so that at
 * least ~10 values lie above it even on small files. A line is flagged when |x| > F × reference.
 * Defaults P = 99.9, F = 100: a line is flagged when it is a hundred times larger than what 99.9% of
 * lines show. With n < 20 nothing is flagged (too few lines to say what is normal). Sign is ignored,
 * so a huge order and its cancellation are flagged together.
 *
 * On the UCI Online Retail file (541,909 lines): the 99.9th percentile of |Quantity| is 500.368, the
 * threshold 50,036.8, flagging 4 lines (80,995 and 74,215 and their cancellations, spreadsheet rows
 * 61621, 61626, 540423, 540424); the 99.9th percentile of the non-zero |UnitPrice| is 207.346, the
 * threshold 20,734.6, flagging 1 line (38,970, the "Manual" cancellation C556445, row 222683). Any F
 * between 87 and 148 flags the same 5 lines; the next candidates are a 12,540 quantity (25× the
 * percentile) and AMAZONFEE prices of 13,474–17,836 (65–86×).
 *
 * Cost: O(n) per measure (a selection, not a sort) — a few ms on UCI.
 */

const DEFAULT_PERCENTILE = 99.9;
const DEFAULT_FACTOR = 100;
const DEFAULT_TOP = 10;
const MIN_VALUES = 20;

/** Row indices of the `topN` largest |x| (largest first; ties by row order). */
function topRows(x: Float64Array, topN: number): number[] {
  const rows: number[] = [];
  const vals: number[] = [];
  for (let i = 0; i < x.length; i++) {
    const v = Math.abs(x[i]!);
    if (!(v > 0) || v === Infinity) continue;
    if (rows.length === topN && v <= vals[topN - 1]!) continue;
    let p = rows.length;
    while (p > 0 && vals[p - 1]! < v) p--;
    rows.splice(p, 0, i);
    vals.splice(p, 0, v);
    if (rows.length > topN) {
      rows.pop();
      vals.pop();
    }
  }
  return rows;
}

const fmt = (x: number): string => x.toLocaleString('en-US', { maximumFractionDigits: 3 });

/** Flags extreme quantities, unit prices and amounts (see the module comment for the rule). */
export function findOutliers(tx: Transactions, opts: OutlierOptions = {}): OutlierReport {
  const percentile = opts.percentile ?? DEFAULT_PERCENTILE;
  const factor = opts.factor ?? DEFAULT_FACTOR;
  const topN = opts.topN ?? DEFAULT_TOP;
  const n = tx.rowCount;
  const flaggedMask = new Uint8Array(n);
  const thresholds: OutlierThreshold[] = [];
  const measures: [OutlierMeasure, Float64Array | null][] = [
    ['quantity', tx.quantity],
    ['price', tx.price],
    ['amount', tx.amount],
  ];
  const label: Record<OutlierMeasure, string> = {
    quantity: '|quantity|',
    price: 'unit price',
    amount: '|amount|',
  };
  const sentences: string[] = [];
  for (const [measure, x] of measures) {
    if (!x) continue;
    const buf = new Float64Array(n);
    let m = 0;
    for (let i = 0; i < n; i++) {
      const v = Math.abs(x[i]!);
      if (v > 0 && v !== Infinity) buf[m++] = v;
    }
    const a = buf.subarray(0, m);
    let level = NaN;
    let reference = NaN;
    let threshold = Infinity;
    let flagged = 0;
    if (m >= MIN_VALUES) {
      level = Math.min(percentile / 100, 1 - 10 / m);
      reference = quantileSelect(a, level);
      threshold = factor * reference;
      for (let i = 0; i < n; i++) {
        if (Math.abs(x[i]!) > threshold) {
          flaggedMask[i] = 1;
          flagged++;
        }
      }
      sentences.push(
        `${label[measure]}: the ${fmt(level * 100)}th percentile of ${m.toLocaleString('en-US')} non-zero values is ${fmt(reference)}, so lines above ${fmt(threshold)} are flagged: ${flagged.toLocaleString('en-US')}.`,
      );
    } else {
      sentences.push(`${label[measure]}: only ${m} non-zero values, too few to judge; nothing flagged.`);
    }
    thresholds.push({ measure, nonZero: m, level, reference, threshold, flagged });
  }
  let count = 0;
  for (let i = 0; i < n; i++) count += flaggedMask[i]!;
  const rows = new Int32Array(count);
  for (let i = 0, j = 0; i < n; i++) if (flaggedMask[i] === 1) rows[j++] = i;

  const line = (row: number, value: number): OutlierLine => {
    const inv = tx.invoice ? tx.invoice[row]! : -1;
    const prod = tx.product ? tx.product[row]! : -1;
    const cust = tx.customer[row]!;
    return {
      row,
      spreadsheetRow: row + (tx.firstRow ?? 2),
      value,
      invoice: inv >= 0 ? tx.invoices[inv]! : '',
      product: prod >= 0 ? tx.products[prod]! : '',
      customer: cust >= 0 ? tx.customers[cust]! : '',
      flagged: flaggedMask[row] === 1,
    };
  };
  const tops = (x: Float64Array | null): OutlierLine[] =>
    x ? topRows(x, topN).map((r) => line(r, x[r]!)) : [];
  return {
    percentile,
    factor,
    thresholds,
    rows,
    topQuantity: tops(tx.quantity),
    topPrice: tops(tx.price),
    topAmount: tops(tx.amount),
    explanation: `A line is flagged when a value is more than ${fmt(factor)} times the ${fmt(percentile)}th percentile of its column's non-zero absolute values (a lower percentile on small files, so that about 10 values lie above it). ${sentences.join(' ')}`,
  };
}

/** 1 for every Transactions row listed in the report (the rows the Cleaning "outliers" rule removes). */
export function outlierMask(tx: Transactions, report: OutlierReport): Uint8Array {
  const mask = new Uint8Array(tx.rowCount);
  for (let i = 0; i < report.rows.length; i++) {
    const r = report.rows[i]!;
    if (r >= 0 && r < mask.length) mask[r] = 1;
  }
  return mask;
}
