import { describe, expect, it } from 'vitest';
import type { Mapping, RawTable } from './types';
import { parseRepoFile } from '../rfm/test-data';
import { checkMapping } from './plausibility';
import { guessMapping } from './roles';
import { parseText } from './parse-text';

const superstore = parseRepoFile('fixtures/real/superstore-2019-head.csv').table;
const col = (raw: RawTable, name: string): number => raw.columns.findIndex((c) => c.name === name);

describe('plausibility of a mapping (real Superstore extract)', () => {
  it('the detected mapping is plausible', () => {
    const g = guessMapping(superstore);
    expect(g.dateOrder?.order).toBe('DMY');
    expect(checkMapping(superstore, g.kind, g.mapping, g.dateOrder!.order)).toEqual([]);
  });
  it('a money column as customer id, a count as amount, a row number as customer', () => {
    const g = guessMapping(superstore);
    const wrong: Mapping = {
      ...g.mapping,
      customer: col(superstore, 'Sales'),
      amount: col(superstore, 'Quantity'),
    };
    delete (wrong as Record<string, number>).quantity;
    const checks = checkMapping(superstore, 'transactions', wrong, 'DMY');
    const ids = checks.find((c) => c.kind === 'id-decimals')!;
    expect(ids).toMatchObject({ role: 'customer', column: 'Sales', blocking: false });
    expect(ids.count).toBeGreaterThanOrEqual(ids.total / 2);
    const counts = checks.find((c) => c.kind === 'amount-small-counts')!;
    expect(counts).toMatchObject({ role: 'amount', column: 'Quantity', min: 1, max: 10 });
    const rows = checkMapping(
      superstore,
      'transactions',
      { ...g.mapping, customer: col(superstore, 'Row ID') },
      'DMY',
    );
    expect(rows.map((c) => c.kind)).toEqual(['customer-unique']);
    expect(rows[0]!.total).toBe(69);
  });
  it('a date column read in the wrong format is blocking, with the count of failures', () => {
    const g = guessMapping(superstore);
    const checks = checkMapping(superstore, 'transactions', g.mapping, 'ISO');
    expect(checks[0]).toMatchObject({ kind: 'date-unreadable', blocking: true, total: 69, count: 69 });
    expect(checks[0]!.examples[0]).toBe('03/01/19');
  });
  it('a weekday column is not a date', () => {
    const text =
      'customer,weekday,amount\n' +
      Array.from({ length: 30 }, (_, i) => `c${i % 7},${i % 7},${(i * 3.7).toFixed(2)}`).join('\n');
    const raw = parseText(text, { fileName: 'w.csv', byteLength: text.length, encoding: 'utf-8' }).table;
    const checks = checkMapping(raw, 'transactions', { customer: 0, date: 1, amount: 2 }, 'EXCEL_SERIAL');
    expect(checks.map((c) => [c.kind, c.min, c.max])).toEqual([['date-small-integers', 0, 6]]);
  });
});

describe('the files the app already reads stay plausible', () => {
  it('UCI Online Retail and CDNOW raise no check', () => {
    for (const rel of ['public/sample/online-retail.csv.gz', 'fixtures/cdnow-master.txt']) {
      const raw = parseRepoFile(rel).table;
      const g = guessMapping(raw);
      expect(checkMapping(raw, g.kind, g.mapping, g.dateOrder?.order ?? null)).toEqual([]);
    }
  });
  it('the reference RFM table raises no check', () => {
    const raw = parseRepoFile('fixtures/online-retail-rfm-2011h2.csv').table;
    const g = guessMapping(raw);
    expect(g.kind).toBe('rfm');
    expect(checkMapping(raw, g.kind, g.mapping, null)).toEqual([]);
  });
});

describe('invoice column from values', () => {
  it('finds an order code that groups one customer and one date per order, not a row counter', () => {
    const rows = [
      'Row,Cliente,Data,CodigoX,Valor',
      '1,a,2020-01-02,9001,10.5',
      '2,a,2020-01-02,9001,3.25',
      '3,b,2020-01-03,9002,8',
      '4,a,2020-02-01,9003,1',
      '5,b,2020-02-04,9004,7',
      '6,c,2020-02-04,9005,2',
    ].join('\n');
    const raw = parseText(rows, { fileName: 'p.csv', byteLength: rows.length, encoding: 'utf-8' }).table;
    const g = guessMapping(raw);
    expect(g.mapping).toMatchObject({ customer: 1, date: 2, invoice: 3, amount: 4 });
  });
});

describe('real groceries extract (no money, a weekday column)', () => {
  const raw = parseRepoFile('fixtures/real/groceries-head.csv').table;
  it('finds customer, date and product, and no money column', () => {
    const g = guessMapping(raw);
    expect(g.kind).toBe('transactions');
    expect(g.mapping).toEqual({ customer: 0, date: 1, product: 2 });
    // no money column: nothing is missing, the file is an R+F model (src/core/ingest/roles.ts)
    expect(g.missing).toEqual([]);
  });
  it('the weekday column (0–6) as the date is refused or questioned, never accepted', () => {
    const dow = col(raw, 'day_of_week');
    const asIso = checkMapping(raw, 'transactions', { customer: 0, date: dow }, 'ISO');
    expect(asIso.map((c) => [c.kind, c.blocking, c.count, c.total])).toEqual([
      ['date-unreadable', true, 120, 120],
    ]);
    const asSerial = checkMapping(raw, 'transactions', { customer: 0, date: dow }, 'EXCEL_SERIAL');
    expect(asSerial.map((c) => [c.kind, c.min, c.max])).toEqual([['date-small-integers', 0, 6]]);
  });
});

it('whole-number unit prices are ordinary (no check on price)', () => {
  const text =
    'InvoiceNo,Quantity,InvoiceDate,UnitPrice,CustomerID\n1,1,2011-01-02,2.00,7001\n2,1,2011-03-08,3.00,7002\n3,1,2011-05-06,4.00,7001\n';
  const raw = parseText(text, { fileName: 'p.csv', byteLength: text.length, encoding: 'utf-8' }).table;
  const g = guessMapping(raw);
  expect(checkMapping(raw, g.kind, g.mapping, g.dateOrder!.order)).toEqual([]);
});
