import { describe, expect, it } from 'vitest';
import { parseText } from '../ingest/parse-text';
import { guessMapping } from '../ingest/roles';
import { buildTransactions } from '../ingest/transactions';
import { DEFAULT_CLEANING, REFERENCE_CLEANING, cleanTransactions, nonProductFlags } from './clean';
import { DEFAULT_RFM, REFERENCE_PRESET, computeRfm } from '../rfm/rfm';

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
    const s2 = Object.fromEntries(strict.report.steps.map((s) => [s.rule, [s.rowsRemoved, s.customersRemoved]]));
    expect(s2.negativeNetCustomers).toEqual([3, 1]); // c1 now nets −5 + 2 + 1 = −2 on (A, 1.5): its 3 lines go
  });

  it('matches non-product codes case-insensitively, with * prefixes', () => {
    expect(Array.from(nonProductFlags([' post', 'Gift_0001_20', 'M', 'MUG', 'b'], ['POST', 'gift_0001_*', 'M', 'B']))).toEqual([1, 1, 1, 0, 1]);
  });
});
