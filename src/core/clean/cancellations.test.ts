import { beforeAll, describe, expect, it } from 'vitest';
import type { Transactions } from '../ingest/types';
import { parseRepoFile } from '../rfm/test-data';
import { guessMapping } from '../ingest/roles';
import { buildTransactions } from '../ingest/transactions';
import { computeRfm, DEFAULT_RFM } from '../rfm/rfm';
import { cancellationEvidence, cancellationLines } from './cancellations';
import { cleanTransactions, DEFAULT_CLEANING } from './clean';

function load(rel: string): Transactions {
  const raw = parseRepoFile(rel).table;
  const g = guessMapping(raw);
  return buildTransactions(raw, g.mapping, g.dateOrder?.order ?? null);
}

describe('cancellations from evidence', () => {
  it('Superstore (real extract): "CA-" order ids with positive quantities are ordinary orders', () => {
    const tx = load('fixtures/real/superstore-2019-head.csv');
    const e = cancellationEvidence(tx);
    expect(e).toMatchObject({
      basis: 'none',
      signColumn: 'quantity',
      prefixedLines: 5,
      prefixedNegative: 0,
      prefixedInvoices: 1,
      prefixedExample: 'CA-2019-115238',
      negativeLines: 0,
    });
    expect(cancellationLines(tx, e).every((v) => v === 0)).toBe(true);
    const { keep, report } = cleanTransactions(tx, { ...DEFAULT_CLEANING, cancellations: 'drop' });
    expect(report.steps.find((s) => s.rule === 'cancellations')!.rowsRemoved).toBe(0);
    expect(report.cancellation?.basis).toBe('none');
    // Jane Waco's Canadian order counts as a purchase: 1 order, 5 lines of Sales summed.
    const rfm = computeRfm(tx, keep, DEFAULT_RFM);
    const j = rfm.customerIds.indexOf('JW-15220');
    expect(j).toBeGreaterThanOrEqual(0);
    expect(rfm.frequency[j]).toBe(1);
    expect(rfm.monetary[j]).toBeCloseTo(24.3 + 9.48 + 31.4 + 6.48 + 209.5, 9);
    // Last order 26/01/19 → analysis day 2019-01-27; Jane Waco bought on 21/01/19: 6 days.
    expect(rfm.recency[j]).toBe(6);
    expect(rfm.excludedNonPositive).toBe(0);
  });

  it('negative lines without a prefix are returns', () => {
    const tx = load('fixtures/real/superstore-2019-head.csv');
    const q = Float64Array.from(tx.quantity!);
    q[1] = -2; // row 3 of the file, customer PO-19195
    const neg: Transactions = { ...tx, quantity: q };
    const e = cancellationEvidence(neg);
    expect(e.basis).toBe('negative');
    expect(e.negativeLines).toBe(1);
    expect(Array.from(cancellationLines(neg, e)).indexOf(1)).toBe(1);
  });

  describe('UCI Online Retail keeps its prefix rule (every C-invoice line is negative)', () => {
    let tx: Transactions;
    beforeAll(() => {
      tx = load('public/sample/online-retail.csv.gz');
    });
    it('finds the evidence', () => {
      const e = cancellationEvidence(tx);
      expect(e.basis).toBe('prefix');
      expect(e.prefixedLines).toBe(9288);
      expect(e.prefixedNegative).toBe(9288);
      expect(e.prefixedInvoices).toBe(3836);
      let n = 0;
      for (const v of cancellationLines(tx, e)) n += v;
      expect(n).toBe(9288);
    });
  });
});
