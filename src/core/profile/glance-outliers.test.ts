import { describe, expect, it } from 'vitest';
import type { Transactions } from '../ingest/types';
import { transactionsAtAGlance } from './glance';
import { findOutliers, outlierMask } from './outliers';
import { quantileSorted } from '../numeric/quantiles';

interface Line {
  inv?: string;
  t: number;
  q?: number;
  p?: number;
  amt?: number;
  cust?: string;
  country?: string;
  prod?: string;
}

function codes(values: (string | undefined)[]): { codes: Int32Array; dict: string[] } {
  const dict: string[] = [];
  const map = new Map<string, number>();
  const out = Int32Array.from(values, (v) => {
    if (v === undefined) return -1;
    let c = map.get(v);
    if (c === undefined) {
      c = dict.length;
      dict.push(v);
      map.set(v, c);
    }
    return c;
  });
  return { codes: out, dict };
}

function tx(lines: Line[], kind: 'qp' | 'amount' = 'qp'): Transactions {
  const cust = codes(lines.map((l) => l.cust));
  const inv = codes(lines.map((l) => l.inv));
  const ctry = codes(lines.map((l) => l.country));
  const prod = codes(lines.map((l) => l.prod));
  return {
    rowCount: lines.length,
    customer: cust.codes,
    customers: cust.dict,
    invoice: inv.codes,
    invoices: inv.dict,
    time: Float64Array.from(lines, (l) => l.t),
    quantity: kind === 'qp' ? Float64Array.from(lines, (l) => l.q ?? NaN) : null,
    price: kind === 'qp' ? Float64Array.from(lines, (l) => l.p ?? NaN) : null,
    amount: kind === 'amount' ? Float64Array.from(lines, (l) => l.amt ?? NaN) : null,
    product: prod.codes,
    products: prod.dict,
    country: ctry.codes,
    countries: ctry.dict,
    problems: [],
  };
}

describe('transactionsAtAGlance', () => {
  const jan = Date.UTC(2024, 0, 31, 23, 59);
  const mar = Date.UTC(2024, 2, 1, 0, 0);
  const lines: Line[] = [
    { inv: '1', t: jan, q: 2, p: 5, cust: 'a', country: 'UK', prod: 'X' },
    { inv: 'c2', t: jan, q: -1, p: 5, cust: 'a', country: 'UK', prod: 'X' },
    { inv: '3', t: mar, q: -3, p: 1, country: 'FR', prod: 'Y' },
    { inv: '4', t: mar, q: 10, p: 1, cust: 'b', country: 'FR', prod: 'Y' },
    { inv: '5', t: NaN, q: 1, p: 100, cust: 'b', country: 'DE', prod: 'Z' },
    { inv: '6', t: mar, q: NaN, p: 1, cust: 'b', prod: 'Y' },
  ];

  it('sums rows, revenue, cancellations and returns per calendar month, empty months included', () => {
    const g = transactionsAtAGlance(tx(lines));
    expect(
      g.months.map((m) => [
        m.month,
        m.rows,
        m.revenue,
        m.cancellations,
        m.cancellationRevenue,
        m.returns,
        m.missingCustomer,
      ]),
    ).toEqual([
      ['2024-01', 2, 5, 1, -5, 1, 0],
      ['2024-02', 0, 0, 0, 0, 0, 0],
      ['2024-03', 3, 7, 0, 0, 1, 1],
    ]);
    expect(g.months[1]!.start).toBe(Date.UTC(2024, 1, 1));
    expect(g.revenue).toBe(112);
    expect([g.rowsWithoutDate, g.rowsWithoutRevenue, g.cancellations, g.returns, g.missingCustomer]).toEqual([
      1, 1, 1, 2, 1,
    ]);
    expect(g.missingCustomerShare).toBeCloseTo(1 / 6, 15);
    expect([g.firstTime, g.lastTime]).toEqual([jan, mar]);
  });

  it('ranks countries and products by revenue, skipping lines without one', () => {
    const g = transactionsAtAGlance(tx(lines));
    expect(g.topCountries.map((r) => [r.label, r.rows, r.revenue])).toEqual([
      ['DE', 1, 100],
      ['FR', 2, 7],
      ['UK', 2, 5],
    ]);
    expect(g.topCountries[0]!.share).toBeCloseTo(100 / 112, 15);
    expect(g.topProducts.map((r) => r.label)).toEqual(['Z', 'Y', 'X']);
    expect(g.topProducts[1]!.rows).toBe(3);
  });

  it('uses the amount column when there is no quantity × price, and copes with no dates', () => {
    const g = transactionsAtAGlance(
      tx(
        [
          { t: NaN, amt: 4 },
          { t: NaN, amt: 6 },
        ],
        'amount',
      ),
    );
    expect(g.revenueSource).toBe('amount');
    expect(g.revenue).toBe(10);
    expect(g.months).toEqual([]);
    expect(g.firstTime).toBeNull();
    expect(g.returns).toBe(0);
  });

  it('spans year boundaries', () => {
    const g = transactionsAtAGlance(
      tx([
        { t: Date.UTC(2010, 11, 1), q: 1, p: 1 },
        { t: Date.UTC(2011, 1, 28, 23), q: 1, p: 1 },
      ]),
    );
    expect(g.months.map((m) => m.month)).toEqual(['2010-12', '2011-01', '2011-02']);
  });
});

describe('findOutliers', () => {
  const rnd = ((): (() => number) => {
    let s = 12345;
    return () => (s = (s * 48271) % 2147483647) / 2147483647;
  })();

  it('flags lines a hundred times beyond the 99.9th percentile, with the matching cancellation', () => {
    const n = 20_000;
    const lines: Line[] = Array.from({ length: n }, (_, i) => ({
      inv: String(i),
      t: 0,
      q: 1 + Math.floor(rnd() * 24),
      p: 0.5 + rnd() * 10,
      cust: `c${i % 50}`,
    }));
    lines[100] = { inv: '100', t: 0, q: 50_000, p: 1, cust: 'big' };
    lines[101] = { inv: 'C101', t: 0, q: -50_000, p: 1, cust: 'big' };
    lines[3000] = { inv: '3000', t: 0, q: 1, p: 99_999, cust: 'x' };
    lines[4000] = { inv: '4000', t: 0, q: 0, p: 0 };
    lines[5000] = { inv: '5000', t: 0, q: 900, p: 1 }; // 45× typical: large but not flagged
    const t = tx(lines);
    const rep = findOutliers(t);
    const absQ = Array.from(t.quantity!, Math.abs)
      .filter((v) => v > 0)
      .sort((a, b) => a - b);
    const [q, p] = rep.thresholds;
    expect(q!.nonZero).toBe(n - 1);
    expect(q!.level).toBe(99.9 / 100);
    expect(q!.reference).toBe(quantileSorted(absQ, q!.level));
    expect(q!.threshold).toBe(100 * q!.reference);
    expect(Array.from(rep.rows)).toEqual([100, 101, 3000]);
    expect(p!.flagged).toBe(1);
    expect(
      rep.topQuantity
        .slice(0, 2)
        .map((l) => [l.row, l.spreadsheetRow, l.value, l.invoice, l.customer, l.flagged]),
    ).toEqual([
      [100, 102, 50_000, '100', 'big', true],
      [101, 103, -50_000, 'C101', 'big', true],
    ]);
    expect(rep.topQuantity).toHaveLength(10);
    expect(rep.topQuantity[2]!.flagged).toBe(false);
    const mask = outlierMask(t, rep);
    expect(Array.from(mask.keys()).filter((i) => mask[i] === 1)).toEqual([100, 101, 3000]);
    expect(rep.explanation).toMatch(/99\.9th percentile/);
  });

  it('lowers the percentile on small files and judges nothing below 20 values', () => {
    const lines: Line[] = Array.from({ length: 100 }, (_, i) => ({ t: 0, q: 1 + (i % 10), p: 2 }));
    lines[7] = { t: 0, q: 1_000_000, p: 2 };
    const rep = findOutliers(tx(lines));
    expect(rep.thresholds[0]!.level).toBeCloseTo(0.9, 15);
    expect(Array.from(rep.rows)).toEqual([7]);
    // a constant price is never an outlier
    expect(rep.thresholds[1]!.flagged).toBe(0);
    const few = findOutliers(tx(lines.slice(0, 19)));
    expect(few.rows.length).toBe(0);
    expect(few.thresholds[0]!.threshold).toBe(Infinity);
    expect(few.explanation).toMatch(/too few/);
  });

  it('finds the same percentile by heap and by selection as by sorting', () => {
    const lines: Line[] = Array.from({ length: 20_000 }, () => ({
      t: 0,
      q: Math.round((rnd() - 0.5) * 1000),
      p: Math.exp(rnd() * 8),
    }));
    const t = tx(lines);
    for (const percentile of [99.9, 50, 99]) {
      const rep = findOutliers(t, { percentile, factor: 3 });
      for (const [th, x] of [
        [rep.thresholds[0]!, t.quantity!],
        [rep.thresholds[1]!, t.price!],
      ] as const) {
        const sorted = Array.from(x, Math.abs)
          .filter((v) => v > 0)
          .sort((a, b) => a - b);
        expect(th.reference).toBe(quantileSorted(sorted, percentile / 100));
        expect(th.flagged).toBe(Array.from(x).filter((v) => Math.abs(v) > 3 * th.reference).length);
      }
    }
  });
});
