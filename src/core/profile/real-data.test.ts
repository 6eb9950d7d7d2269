/**
 * The profile on the real files shipped in the repo, against pandas/numpy references written by
 * scripts/reference/profile_reference.py (src/core/profile/__fixtures__/profile-reference.json).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { RawTable, Transactions } from '../ingest/types';
import ref from './__fixtures__/profile-reference.json';
import { loadRaw, toTransactions } from './__fixtures__/load-real';
import { profileColumns } from './columns';
import { transactionsAtAGlance } from './glance';
import { findOutliers, outlierMask } from './outliers';
import type { ColumnProfile, NumericSummary } from './profile-types';
import { histogram } from './sample';

const REL = 1e-9;
function close(actual: number, expected: number, rel = REL): void {
  const tol = rel * Math.max(1, Math.abs(expected));
  if (!(Math.abs(actual - expected) <= tol)) {
    expect.fail(`${actual} differs from ${expected} by more than ${tol}`);
  }
}
function closeRelative(actual: number, expected: number): void {
  const tol = REL * Math.abs(expected);
  if (!(Math.abs(actual - expected) <= tol))
    expect.fail(`${actual} differs from ${expected} (rel tol ${REL})`);
}
function sameDescribe(s: NumericSummary | null, d: Record<string, number>): void {
  expect(s).not.toBeNull();
  const n = s!;
  expect(n.count).toBe(d['count']);
  closeRelative(n.mean, d['mean']!);
  closeRelative(n.std, d['std']!);
  expect(n.min).toBe(d['min']);
  closeRelative(n.q25, d['25%']!);
  closeRelative(n.median, d['50%']!);
  closeRelative(n.q75, d['75%']!);
  expect(n.max).toBe(d['max']);
}
const isoMs = (s: string): number => Date.parse(`${s.replace(' ', 'T')}Z`);

describe('Online Retail (541,909 rows)', () => {
  let raw: RawTable;
  let tx: Transactions;
  let prof: ColumnProfile[];
  const u = ref.uci;
  beforeAll(() => {
    raw = loadRaw('public/sample/online-retail.csv.gz');
    tx = toTransactions(raw);
    const t0 = performance.now();
    prof = profileColumns(raw);
    const t1 = performance.now();
    for (let r = 0; r < 3; r++) profileColumns(raw);
    const t2 = performance.now();
    transactionsAtAGlance(tx);
    const t3 = performance.now();
    findOutliers(tx);
    const t4 = performance.now();
    console.log(
      `profileColumns first ${(t1 - t0).toFixed(1)} ms, warm ${((t2 - t1) / 3).toFixed(1)} ms; ` +
        `transactionsAtAGlance ${(t3 - t2).toFixed(1)} ms; findOutliers ${(t4 - t3).toFixed(1)} ms`,
    );
  });
  const col = (name: string): ColumnProfile => prof.find((p) => p.name === name)!;

  it('types every column as an analyst would', () => {
    expect(prof.map((p) => [p.name, p.type])).toEqual([
      ['InvoiceNo', 'id-like'],
      ['StockCode', 'id-like'],
      ['Description', 'text'],
      ['Quantity', 'integer'],
      ['InvoiceDate', 'date'],
      ['UnitPrice', 'number'],
      ['CustomerID', 'id-like'],
      ['Country', 'text'],
    ]);
    for (const p of prof) expect(p.unparseable, p.name).toBeNull();
  });

  it('counts rows, missing and distinct cells as pandas does', () => {
    expect(raw.rowCount).toBe(u.rows);
    for (const [name, c] of Object.entries(u.columns)) {
      expect(col(name).rows, name).toBe(u.rows);
      expect(col(name).missing, name).toBe(c.missing);
      expect(col(name).distinct, name).toBe(c.distinct);
    }
    expect(col('CustomerID').missing).toBe(135_080);
    expect(col('Description').missing).toBe(1_454);
    expect(col('Country').distinct).toBe(38);
    expect(col('InvoiceNo').distinct).toBe(25_900);
    expect(col('StockCode').distinct).toBe(4_070);
  });

  it('describes Quantity and UnitPrice exactly as pandas describe()', () => {
    sameDescribe(col('Quantity').numeric, u.describe.Quantity);
    sameDescribe(col('UnitPrice').numeric, u.describe.UnitPrice);
    for (const name of ['Quantity', 'UnitPrice'] as const) {
      const f = u.numberFacts[name];
      expect(col(name).numeric!.negatives).toBe(f.negatives);
      expect(col(name).numeric!.zeros).toBe(f.zeros);
      close(col(name).numeric!.sum, f.sum);
    }
  });

  it('gives the first and last invoice dates', () => {
    const d = col('InvoiceDate').dates!;
    expect(d.earliest).toBe(isoMs(u.dates.min));
    expect(d.latest).toBe(isoMs(u.dates.max));
    expect([d.earliestText, d.latestText]).toEqual(['2010-12-01 08:26', '2011-12-09 12:50']);
    expect(d.order).toBe('ISO');
    expect(d.count).toBe(u.rows);
  });

  it('lists the top 5 values of text and id columns with pandas value_counts', () => {
    for (const [name, top] of Object.entries(u.top)) {
      const mine = col(name).top;
      expect(
        mine.map((t) => t.count),
        name,
      ).toEqual(top.map((t) => t.count));
      top.forEach((t, i) => {
        const tied = top.filter((o) => o.count === t.count).length > 1;
        if (!tied) expect(mine[i]!.value, `${name} #${i}`).toBe(t.value);
      });
    }
  });

  it('summarises months, cancellations, returns and missing customers', () => {
    const g = transactionsAtAGlance(tx);
    expect(g.revenueSource).toBe('quantityTimesPrice');
    expect(g.rows).toBe(u.rows);
    expect(g.rowsWithoutDate).toBe(0);
    expect(g.rowsWithoutRevenue).toBe(0);
    expect(g.months.map((m) => m.month)).toEqual(u.monthly.map((m) => m.month));
    g.months.forEach((m, i) => {
      const r = u.monthly[i]!;
      expect(m.rows, m.month).toBe(r.rows);
      closeRelative(m.revenue, r.revenue);
      expect(m.cancellations, m.month).toBe(r.cancellations);
      close(m.cancellationRevenue, r.cancellationRevenue);
      expect(m.returns, m.month).toBe(r.returns);
      expect(m.start).toBe(isoMs(`${m.month}-01 00:00:00`));
    });
    closeRelative(g.revenue, u.revenue);
    close(g.revenue, 9_747_747.934, 1e-12);
    expect(g.cancellations).toBe(9_288);
    expect(g.cancellations).toBe(u.cancellations);
    expect(g.returns).toBe(u.returns);
    expect(g.missingCustomer).toBe(u.missingCustomer);
    close(g.missingCustomerShare, 135_080 / 541_909, 1e-15);
    expect(g.firstTime).toBe(isoMs(u.dates.min));
    expect(g.lastTime).toBe(isoMs(u.dates.max));
  });

  it('ranks the top 10 countries and products by revenue', () => {
    const g = transactionsAtAGlance(tx);
    for (const [mine, theirs] of [
      [g.topCountries, u.topCountriesByRevenue],
      [g.topProducts, u.topProductsByRevenue],
    ] as const) {
      expect(mine.map((r) => r.label)).toEqual(theirs.map((r) => r.label));
      mine.forEach((r, i) => {
        closeRelative(r.revenue, theirs[i]!.revenue);
        expect(r.rows).toBe(theirs[i]!.rows);
        close(r.share, theirs[i]!.revenue / u.revenue);
      });
    }
  });

  it('flags the ±80,995 and ±74,215 quantity lines and the 38,970 unit price, and nothing else', () => {
    const rep = findOutliers(tx);
    const [q, p] = rep.thresholds;
    expect(q!.measure).toBe('quantity');
    expect(p!.measure).toBe('price');
    expect(q!.nonZero).toBe(u.outliers.quantity.nonZero);
    expect(p!.nonZero).toBe(u.outliers.price.nonZero);
    closeRelative(q!.reference, u.outliers.quantity.reference);
    closeRelative(p!.reference, u.outliers.price.reference);
    closeRelative(q!.threshold, u.outliers.quantity.threshold);
    const expectedRows = [...u.outliers.quantity.rows, ...u.outliers.price.rows].sort((a, b) => a - b);
    expect(Array.from(rep.rows, (r) => r + 2)).toEqual(expectedRows);
    expect(expectedRows).toEqual([61621, 61626, 222683, 540423, 540424]);
    expect(rep.topQuantity.slice(0, 5).map((l) => l.value)).toEqual([80995, -80995, 74215, -74215, 12540]);
    expect(rep.topQuantity.slice(0, 5).map((l) => l.flagged)).toEqual([true, true, true, true, false]);
    expect(rep.topQuantity[0]).toMatchObject({
      spreadsheetRow: 540423,
      invoice: '581483',
      product: '23843',
      customer: '16446',
    });
    expect(rep.topPrice[0]).toMatchObject({
      value: 38970,
      invoice: 'C556445',
      product: 'M',
      customer: '15098',
      flagged: true,
    });
    expect(rep.topPrice.filter((l) => l.flagged)).toHaveLength(1);
    const mask = outlierMask(tx, rep);
    expect(mask.length).toBe(u.rows);
    expect(mask.reduce((a, b) => a + b, 0)).toBe(5);
    expect(mask[61619]).toBe(1);
  });

  it('bins values exactly like numpy.histogram', () => {
    const h = u.histograms;
    const q = histogram(tx.quantity!, 50);
    expect(Array.from(q.counts)).toEqual(h.quantity50.counts);
    q.edges.forEach((e, i) => close(e, h.quantity50.edges[i]!, 1e-12));

    const p = histogram(tx.price!, 40, { log: true });
    expect(Array.from(p.counts)).toEqual(h.log10Price40.counts);
    p.edges.forEach((e, i) => close(Math.log10(e), h.log10Price40.edges[i]!, 1e-12));
    expect(p.skippedNonPositive).toBe(u.numberFacts.UnitPrice.zeros + u.numberFacts.UnitPrice.negatives);

    // Customer monetary (Σ quantity × price per customer id, at least a cent), as in the reference.
    const sums = new Float64Array(tx.customers.length);
    for (let i = 0; i < tx.rowCount; i++) {
      const c = tx.customer[i]!;
      if (c >= 0) sums[c]! += tx.quantity![i]! * tx.price![i]!;
    }
    const mon = sums.filter((v) => v > 0.005); // at least a cent, as the reference
    const a = histogram(mon, 'auto', { maxBins: Infinity });
    expect(Array.from(a.counts)).toEqual(h.monetaryAuto.counts);
    const al = histogram(mon, 'auto', { log: true, maxBins: Infinity });
    expect(Array.from(al.counts)).toEqual(h.log10MonetaryAuto.counts);
    expect(histogram(mon, 'auto').counts.length).toBe(200);
  });
});

describe('CDNOW purchase log (whitespace-separated, 69,659 rows)', () => {
  let prof: ColumnProfile[];
  beforeAll(() => {
    prof = profileColumns(loadRaw('fixtures/cdnow-master.txt'));
  });
  const c = ref.cdnow;

  it('sees zero-padded ids, YYYYMMDD dates and numbers', () => {
    expect(prof.map((p) => [p.name, p.type])).toEqual([
      ['customer_id', 'id-like'],
      ['date', 'date'],
      ['number_of_cds', 'integer'],
      ['dollar_value', 'number'],
    ]);
    for (const p of prof) {
      expect(p.rows).toBe(c.rows);
      expect(p.missing).toBe(c.columns[p.name as keyof typeof c.columns].missing);
      expect(p.distinct).toBe(c.columns[p.name as keyof typeof c.columns].distinct);
    }
    const d = prof[1]!.dates!;
    expect(d.order).toBe('YMD_COMPACT');
    expect(d.earliestText).toBe('1997-01-01');
    expect(d.latestText).toBe('1998-06-30');
    expect(prof[0]!.top[0]!.count).toBe(217);
  });

  it('describes the numbers exactly as pandas describe()', () => {
    sameDescribe(prof[2]!.numeric, c.describe.number_of_cds);
    sameDescribe(prof[3]!.numeric, c.describe.dollar_value);
  });
});
