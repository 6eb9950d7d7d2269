/**
 * The data service's profile requests (profile, glance, outliers) and the Cleaning 'outliers' rule
 * reusing the cached report, on a small file whose numbers are worked out by hand (and numpy for the
 * percentile, see src/core/clean/clean.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CLEANING } from '../../core/clean/clean';
import { DataService } from './data-service';

// 40 ordinary lines (quantity 1–7, price 1.5, customers c1–c5, June 2011), then 90,000 units for c9
// (row 42) and its cancellation (row 43), a code-M line priced 50,000 (row 44), 80,000 units without
// a customer (row 45), 200 units in August (row 46).
const lines = ['InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID,Country'];
for (let i = 0; i < 40; i++)
  lines.push(
    `${100 + i},P${i % 4},${(i % 7) + 1},2011-06-${String((i % 28) + 1).padStart(2, '0')} 10:00,1.5,c${(i % 5) + 1},${i % 10 === 0 ? 'France' : 'UK'}`,
  );
lines.push('900,BIG,90000,2011-07-01 10:00,2,c9,UK');
lines.push('C901,BIG,-90000,2011-07-01 11:00,2,c9,UK');
lines.push('902,M,1,2011-07-02 10:00,50000,c1,UK');
lines.push('903,BIG,80000,2011-07-03 10:00,2,,UK');
lines.push('904,P1,200,2011-08-04 10:00,1.5,c2,oops');
const CSV = `${lines.join('\n')}\n`;

async function loaded(): Promise<DataService> {
  const s = new DataService();
  const r = await s.load(
    new Blob([CSV]),
    'o.csv',
    undefined,
    () => undefined,
    () => false,
  );
  s.applyMapping(r.guess.mapping, r.guess.dateOrder?.order ?? null);
  return s;
}

describe('DataService profile requests', () => {
  it('profiles every column of the loaded file before any mapping', async () => {
    const s = new DataService();
    await s.load(
      new Blob([CSV]),
      'o.csv',
      undefined,
      () => undefined,
      () => false,
    );
    const p = s.profile();
    expect(p.map((c) => c.name)).toEqual([
      'InvoiceNo',
      'StockCode',
      'Quantity',
      'InvoiceDate',
      'UnitPrice',
      'CustomerID',
      'Country',
    ]);
    const byName = Object.fromEntries(p.map((c) => [c.name, c]));
    expect(byName['CustomerID']!.missing).toBe(1);
    expect(byName['CustomerID']!.distinct).toBe(6); // c1–c5, c9
    expect(byName['Country']!.distinct).toBe(3);
    expect(byName['Quantity']!.numeric!.max).toBe(90000);
    expect(byName['Quantity']!.numeric!.min).toBe(-90000);
    expect(byName['InvoiceDate']!.dates!.earliestText).toBe('2011-06-01 10:00');
    expect(s.profile()).toBe(p); // cached until the next load
    expect(() => s.glance()).toThrow(expect.objectContaining({ code: 'no-mapping' }));
  });

  it('glance and outliers follow the mapping; the cleaning rule removes the same flagged lines', async () => {
    const s = await loaded();
    const g = s.glance();
    expect(g.rows).toBe(45);
    expect(g.months.map((m) => [m.month, m.rows])).toEqual([
      ['2011-06', 40],
      ['2011-07', 4],
      ['2011-08', 1],
    ]);
    expect(g.missingCustomer).toBe(1);
    expect(g.cancellations).toBe(1);
    const o = s.outliers();
    expect(Array.from(o.rows, (r) => r + 2)).toEqual([42, 43, 44, 45]);
    expect(s.outliers()).toBe(o);
    const off = s.clean(DEFAULT_CLEANING);
    const on = s.clean({ ...DEFAULT_CLEANING, dropOutliers: true });
    const step = on.steps.find((x) => x.rule === 'outliers')!;
    // rows 44 (code M) and 45 (no customer) are already gone under the defaults
    expect([step.rowsRemoved, step.customersRemoved]).toEqual([2, 1]);
    expect(on.rowsKept).toBe(off.rowsKept - 2);
    // Mapping again (new transactions) drops the cached glance and outliers; a new load the profile.
    const p = s.profile();
    const mapping = (
      await new DataService().load(
        new Blob([CSV]),
        'o.csv',
        undefined,
        () => undefined,
        () => false,
      )
    ).guess.mapping;
    s.applyMapping(mapping, null);
    expect(s.outliers()).not.toBe(o);
    expect(s.glance()).not.toBe(g);
    expect(s.profile()).toBe(p);
  });
});
