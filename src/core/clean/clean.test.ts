import { describe, expect, it } from 'vitest';
import { parseText } from '../ingest/parse-text';
import { guessMapping } from '../ingest/roles';
import { buildTransactions } from '../ingest/transactions';
import { DEFAULT_CLEANING, REFERENCE_CLEANING, cleanTransactions, nonProductFlags } from './clean';
import { DEFAULT_RFM, REFERENCE_PRESET, computeRfm } from '../rfm/rfm';
import { findOutliers } from '../profile/outliers';

const CSV = `InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
1,A,2,2011-06-02 10:00,1.5,c1,UK
1,A,2,2011-06-02 10:00,1.5,c1,UK
1,POST,1,2011-06-02 10:00,18,c1,UK
2,A,1,2011-07-01 09:00,1.5,c1,UK
C3,A,-5,2011-07-02 09:00,1.5,c1,UK
4,P1,3,2011-05-30 12:00,2,c2,UK
5,gift_0001_10,1,2011-06-05 12:00,10,c3,UK
6,P1,1,2011-06-05 12:00,0,c4,UK
7,P1,1,2011-06-06 12:00,4,c5,Unspecified
8,P1,1,not a date,4,c6,UK
9,P1,1,2011-12-01 00:00,4,,UK
10,P1,2,2011-11-30 23:00,4,c7,France
`;

function tx() {
  const { table } = parseText(CSV, { fileName: 't.csv', byteLength: CSV.length, encoding: 'utf-8' });
  const g = guessMapping(table);
  return buildTransactions(table, g.mapping, g.dateOrder?.order ?? null);
}

describe('cleanTransactions', () => {
  it('applies the default rules in order, counting rows and customers removed', () => {
    const { keep, report } = cleanTransactions(tx(), DEFAULT_CLEANING);
    expect(report.rowsIn).toBe(12);
    expect(report.customersIn).toBe(7);
    const steps = Object.fromEntries(report.steps.map((s) => [s.rule, [s.rowsRemoved, s.customersRemoved]]));
    expect(steps).toEqual({
      invalidRows: [1, 1],
      missingCustomer: [1, 0],
      cancellations: [0, 0],
      nonProductCodes: [2, 1],
      nonPositivePrice: [1, 1],
      unspecifiedCountry: [1, 1],
      duplicates: [1, 0],
      outliers: [0, 0],
      dateWindow: [0, 0],
      negativeNetCustomers: [0, 0],
    });
    expect(Array.from(keep)).toEqual([1, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 1]);
    expect([report.rowsKept, report.customersKept]).toEqual([5, 3]);
  });

  it('nets cancellations into monetary but not frequency or recency', () => {
    const t = tx();
    const { keep } = cleanTransactions(t, DEFAULT_CLEANING);
    const rfm = computeRfm(t, keep, DEFAULT_RFM);
    // last kept line 2011-11-30 23:00 → analysis 2011-12-01 00:00
    expect(rfm.analysisTime).toBe(Date.UTC(2011, 11, 1));
    // c1: 2×1.5 + 1×1.5 − 5×1.5 = −3 → excluded; c2: 6; c7: 8
    expect(rfm.customerIds).toEqual(['c2', 'c7']);
    expect(Array.from(rfm.monetary)).toEqual([6, 8]);
    expect(Array.from(rfm.frequency)).toEqual([1, 1]);
    expect(Array.from(rfm.recency)).toEqual([184, 0]);
    expect(rfm.excludedNonPositive).toBe(1);
    const drop = cleanTransactions(t, { ...DEFAULT_CLEANING, cancellations: 'drop' });
    const r2 = computeRfm(t, drop.keep, DEFAULT_RFM);
    expect(r2.customerIds).toEqual(['c1', 'c2', 'c7']);
    expect(Array.from(r2.monetary)).toEqual([4.5, 6, 8]);
    expect(Array.from(r2.frequency)).toEqual([2, 1, 1]);
  });

  it('date window and negative-net customers (reference preset)', () => {
    const t = tx();
    const { keep, report } = cleanTransactions(t, REFERENCE_CLEANING);
    const steps = Object.fromEntries(report.steps.map((s) => [s.rule, [s.rowsRemoved, s.customersRemoved]]));
    // window [2011-06-01, 2011-12-01) drops c2's May line and the Dec 1 line (no customer: gone earlier)
    expect(steps.dateWindow).toEqual([1, 1]);
    // c1 nets −5 + 2 + 2 + 1 = 0 on (A, 1.5)… not negative; so nobody is dropped
    expect(steps.negativeNetCustomers).toEqual([0, 0]);
    const rfm = computeRfm(t, keep, REFERENCE_PRESET.rfm);
    expect(rfm.analysisTime).toBe(Date.UTC(2011, 10, 30, 23));
    // c1: lines (dups kept, cancellation counted): 4 lines, latest 2011-07-02 09:00, monetary 0
    expect(rfm.customerIds).toEqual(['c1', 'c3', 'c7']);
    expect(Array.from(rfm.frequency)).toEqual([4, 1, 1]);
    expect(Array.from(rfm.recency)).toEqual([151, 178, 0]);
    expect(Array.from(rfm.monetary)).toEqual([0, 10, 8]);
    const strict = cleanTransactions(t, { ...REFERENCE_CLEANING, dropDuplicates: true });
    const s2 = Object.fromEntries(
      strict.report.steps.map((s) => [s.rule, [s.rowsRemoved, s.customersRemoved]]),
    );
    expect(s2.negativeNetCustomers).toEqual([3, 1]); // c1 now nets −5 + 2 + 1 = −2 on (A, 1.5): its 3 lines go
  });

  it('matches non-product codes case-insensitively, with * prefixes', () => {
    expect(
      Array.from(
        nonProductFlags([' post', 'Gift_0001_20', 'M', 'MUG', 'b'], ['POST', 'gift_0001_*', 'M', 'B']),
      ),
    ).toEqual([1, 1, 1, 0, 1]);
  });
});

describe('cleanTransactions: the outliers rule (findOutliers on the uncleaned lines)', () => {
  // 40 ordinary lines (quantity 1–7, unit price 1.5) for customers c1–c5, then:
  // row 42: 90,000 units for c9 (its only purchase); row 43: its cancellation (c9);
  // row 44: a "Manual" line (code M) priced 50,000 for c1; row 45: 80,000 units without a customer;
  // row 46: 200 units for c2 (large, but far under 100 × the reference).
  const lines: string[] = ['InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID,Country'];
  for (let i = 0; i < 40; i++)
    lines.push(
      `${100 + i},P${i % 4},${(i % 7) + 1},2011-06-${String((i % 28) + 1).padStart(2, '0')} 10:00,1.5,c${(i % 5) + 1},UK`,
    );
  lines.push('900,BIG,90000,2011-07-01 10:00,2,c9,UK');
  lines.push('C901,BIG,-90000,2011-07-01 11:00,2,c9,UK');
  lines.push('902,M,1,2011-07-02 10:00,50000,c1,UK');
  lines.push('903,BIG,80000,2011-07-03 10:00,2,,UK');
  lines.push('904,P1,200,2011-07-04 10:00,1.5,c2,UK');
  const text = `${lines.join('\n')}\n`;
  const build = () => {
    const { table } = parseText(text, { fileName: 'o.csv', byteLength: text.length, encoding: 'utf-8' });
    const g = guessMapping(table);
    return buildTransactions(table, g.mapping, g.dateOrder?.order ?? null);
  };
  const step = (r: ReturnType<typeof cleanTransactions>['report']) => {
    const s = r.steps.find((x) => x.rule === 'outliers')!;
    return [s.enabled, s.rowsRemoved, s.customersRemoved];
  };

  it('removes the lines findOutliers flags on all lines, whatever the other rules removed', () => {
    const t = build();
    const flagged = findOutliers(t);
    // |quantity|: 45 non-zero values, level min(0.999, 1 − 10/45) = 7/9; numpy.quantile(|q|, 7/9) = 6.0
    // (checked with numpy 1.24), threshold 600 → rows 42, 43, 45 (row 46's 200 stays);
    // unit price: numpy.quantile = 1.5, threshold 150 → row 44.
    expect(Array.from(flagged.rows, (r) => r + 2)).toEqual([42, 43, 44, 45]);
    const q = flagged.thresholds.find((x) => x.measure === 'quantity')!;
    expect(q.reference).toBe(6);
    expect(q.threshold).toBe(600);
    expect(flagged.thresholds.find((x) => x.measure === 'price')!.threshold).toBe(150);

    const off = cleanTransactions(t, DEFAULT_CLEANING);
    expect(step(off.report)).toEqual([false, 0, 0]);
    // Defaults: row 45 (no customer) and row 44 (code M) are already gone: 2 lines, and c9 with them.
    const on = cleanTransactions(t, { ...DEFAULT_CLEANING, dropOutliers: true });
    expect(step(on.report)).toEqual([true, 2, 1]);
    expect(on.report.rowsKept).toBe(off.report.rowsKept - 2);
    expect([on.keep[40], on.keep[41], on.keep[44]]).toEqual([0, 0, 1]);
    // With those rules off the same flagged lines go: all four.
    const wide = cleanTransactions(t, {
      ...DEFAULT_CLEANING,
      dropMissingCustomer: false,
      dropNonProductCodes: false,
      dropOutliers: true,
    });
    expect(step(wide.report)).toEqual([true, 4, 1]);
    // A report computed beforehand (the worker's cached one) gives the same result.
    const pre = cleanTransactions(t, { ...DEFAULT_CLEANING, dropOutliers: true }, flagged);
    expect(Array.from(pre.keep)).toEqual(Array.from(on.keep));
    expect(on.report.steps.find((s) => s.rule === 'outliers')!.label).toMatch(/100 × the 99\.9th percentile/);
  });
});
