import { beforeAll, describe, expect, it } from 'vitest';
import type { RawTable, Transactions } from '../ingest/types';
import type { RfmTable } from './types';
import { buildTransactions } from '../ingest/transactions';
import { guessMapping } from '../ingest/roles';
import { DEFAULT_CLEANING, cleanTransactions } from '../clean/clean';
import { DEFAULT_RFM, REFERENCE_PRESET, computeRfm, rfmFromTable } from './rfm';
import { fixture, parseRepoFile, UCI_HEADERS } from './test-data';

type Rfm = Record<string, [number, number, number]>;
interface StepRef {
  rule: string;
  rowsRemoved: number;
  customersRemoved: number;
}
interface DefaultRef {
  facts: {
    rows: number;
    customers: number;
    invoices: number;
    stockCodes: number;
    countries: number;
    firstTime: string;
    lastTime: string;
    sumQuantity: number;
    sumValue: number;
  };
  rowsIn: number;
  customersIn: number;
  rowsKept: number;
  customersKept: number;
  steps: StepRef[];
  analysisTime: string;
  excludedNonPositive: number;
  rfm: Rfm;
}

function expectSameRfm(table: RfmTable, ref: Rfm): void {
  const ids = Object.keys(ref);
  expect(table.customerIds.length).toBe(ids.length);
  let mismatches = 0;
  const examples: string[] = [];
  table.customerIds.forEach((id, j) => {
    const r = ref[id];
    const m = table.monetary[j]!;
    const ok =
      r !== undefined &&
      table.recency[j] === r[0] &&
      table.frequency[j] === r[1] &&
      Math.abs(m - r[2]) <= 1e-6 * Math.max(1, Math.abs(r[2]));
    if (!ok) {
      mismatches++;
      if (examples.length < 5)
        examples.push(`${id}: got ${table.recency[j]},${table.frequency[j]},${m} want ${JSON.stringify(r)}`);
    }
  });
  expect(examples).toEqual([]);
  expect(mismatches).toBe(0);
}

describe('Online Retail (full UCI file)', () => {
  let raw: RawTable;
  let tx: Transactions;
  const ref = fixture<DefaultRef>('online-retail-default.json');

  beforeAll(() => {
    raw = parseRepoFile('public/sample/online-retail.csv.gz').table;
    const guess = guessMapping(raw);
    tx = buildTransactions(raw, guess.mapping, guess.dateOrder?.order ?? null);
  });

  it('parses every row and detects the roles', () => {
    expect(raw.rowCount).toBe(ref.facts.rows);
    expect(raw.delimiter).toBe(',');
    expect(raw.ragged.count).toBe(0);
    const g = guessMapping(raw);
    expect(g.kind).toBe('transactions');
    const names = Object.fromEntries(
      Object.entries(g.mapping).map(([role, j]) => [role, raw.columns[j]!.name]),
    );
    expect(names).toEqual(UCI_HEADERS);
    expect(g.dateOrder?.order).toBe('ISO');
    expect(g.missing).toEqual([]);
  });

  it('types the columns with the facts of SOURCES.md', () => {
    expect(tx.customers.length).toBe(ref.facts.customers);
    expect(tx.invoices.length).toBe(ref.facts.invoices);
    expect(tx.products.length).toBe(ref.facts.stockCodes);
    expect(tx.countries.length).toBe(ref.facts.countries);
    expect(tx.problems).toEqual([]);
    let sq = 0;
    let sv = 0;
    let tmin = Infinity;
    let tmax = -Infinity;
    for (let i = 0; i < tx.rowCount; i++) {
      sq += tx.quantity![i]!;
      sv += tx.quantity![i]! * tx.price![i]!;
      tmin = Math.min(tmin, tx.time[i]!);
      tmax = Math.max(tmax, tx.time[i]!);
    }
    expect(sq).toBe(ref.facts.sumQuantity);
    expect(sv).toBeCloseTo(ref.facts.sumValue, 3);
    expect(new Date(tmin).toISOString().slice(0, 19)).toBe(ref.facts.firstTime);
    expect(new Date(tmax).toISOString().slice(0, 19)).toBe(ref.facts.lastTime);
  });

  it('default cleaning removes what pandas removes, rule by rule', () => {
    const { report } = cleanTransactions(tx, DEFAULT_CLEANING);
    expect(report.rowsIn).toBe(ref.rowsIn);
    expect(report.customersIn).toBe(ref.customersIn);
    expect(report.rowsKept).toBe(ref.rowsKept);
    expect(report.customersKept).toBe(ref.customersKept);
    const got = report.steps
      .filter((s) => ref.steps.some((r) => r.rule === s.rule))
      .map(({ rule, rowsRemoved, customersRemoved }) => ({ rule, rowsRemoved, customersRemoved }));
    expect(got).toEqual(ref.steps);
    const off = report.steps.filter((s) => !ref.steps.some((r) => r.rule === s.rule));
    expect(off.map((s) => [s.rule, s.rowsRemoved])).toEqual([
      ['outliers', 0],
      ['dateWindow', 0],
      ['negativeNetCustomers', 0],
    ]);
  });

  it('default RFM matches pandas for every customer', () => {
    const { keep } = cleanTransactions(tx, DEFAULT_CLEANING);
    const rfm = computeRfm(tx, keep, DEFAULT_RFM);
    expect(new Date(rfm.analysisTime).toISOString().slice(0, 19)).toBe(ref.analysisTime);
    expect(rfm.excludedNonPositive).toBe(ref.excludedNonPositive);
    expectSameRfm(rfm, ref.rfm);
  });

  it('the reference-notebook preset gives its 3,169 customers, matching pandas', () => {
    const pre = fixture<{ analysisTime: string; rowsKept: number; rfm: Rfm }>('online-retail-reference.json');
    const { keep, report } = cleanTransactions(tx, REFERENCE_PRESET.cleaning);
    expect(report.rowsKept).toBe(pre.rowsKept);
    const rfm = computeRfm(tx, keep, REFERENCE_PRESET.rfm);
    expect(rfm.customerIds.length).toBe(3169);
    expect(new Date(rfm.analysisTime).toISOString().slice(0, 19)).toBe(pre.analysisTime);
    expectSameRfm(rfm, pre.rfm);
  });

  it("'drop' cancellations removes the 'C' invoices left after missing customers", () => {
    const { report } = cleanTransactions(tx, { ...DEFAULT_CLEANING, cancellations: 'drop' });
    const step = report.steps.find((s) => s.rule === 'cancellations')!;
    // 9,288 'C' rows in the file, of which those with a customer id (pandas: 8,905)
    let n = 0;
    for (let i = 0; i < tx.rowCount; i++)
      if (tx.customer[i]! >= 0 && tx.invoices[tx.invoice![i]!]!.startsWith('C')) n++;
    expect(step.rowsRemoved).toBe(n);
    expect(n).toBe(8905);
  });
});

describe('CDNOW (whitespace log, no invoice, no price)', () => {
  it('parses, maps and matches pandas for every customer', () => {
    const ref = fixture<{
      rowsIn: number;
      duplicateRows: number;
      customersIn: number;
      analysisTime: string;
      excludedNonPositive: number;
      rfm: Rfm;
    }>('cdnow-default.json');
    const raw = parseRepoFile('fixtures/cdnow-master.txt').table;
    expect(raw.delimiter).toBe('whitespace');
    expect(raw.rowCount).toBe(ref.rowsIn);
    const g = guessMapping(raw);
    expect(g.kind).toBe('transactions');
    expect(g.missing).toEqual([]);
    expect(g.dateOrder?.order).toBe('YMD_COMPACT');
    const tx = buildTransactions(raw, g.mapping, g.dateOrder!.order);
    expect(tx.customers.length).toBe(ref.customersIn);
    expect(tx.customers[0]).toBe('00001');
    const { keep, report } = cleanTransactions(tx, DEFAULT_CLEANING);
    expect(report.steps.find((s) => s.rule === 'duplicates')!.rowsRemoved).toBe(ref.duplicateRows);
    const rfm = computeRfm(tx, keep, DEFAULT_RFM);
    expect(new Date(rfm.analysisTime).toISOString().slice(0, 19)).toBe(ref.analysisTime);
    expect(rfm.excludedNonPositive).toBe(ref.excludedNonPositive);
    expectSameRfm(rfm, ref.rfm);
  });
});

describe('pre-aggregated RFM table', () => {
  it('reads online-retail-rfm-2011h2.csv as kind rfm with generated row ids', () => {
    const { table } = parseRepoFile('fixtures/online-retail-rfm-2011h2.csv');
    expect(table.encoding).toBe('utf-8');
    expect(table.columns.map((c) => c.name)).toEqual(['Recency(Days)', 'Frequency', 'Monetary(£)']);
    const g = guessMapping(table);
    expect(g.kind).toBe('rfm');
    expect(g.mapping).toEqual({ recency: 0, frequency: 1, monetary: 2 });
    const rfm = rfmFromTable(table, g.mapping);
    expect(rfm.preAggregated).toBe(true);
    expect(rfm.customerIds.length + rfm.excludedNonPositive).toBe(3014);
    expect(rfm.customerIds[0]).toBe('row 2');
    expect([rfm.recency[0], rfm.frequency[0], rfm.monetary[0]]).toEqual([30, 100, 2537.9100000000003]);
  });
});
