import { describe, expect, it } from 'vitest';
import type { RawTable, Transactions } from '../ingest/types';
import { parseRepoFile } from '../rfm/test-data';
import { parseText } from '../ingest/parse-text';
import { guessMapping } from '../ingest/roles';
import { buildTransactions } from '../ingest/transactions';
import { cleanTransactions, DEFAULT_CLEANING } from './clean';
import { duplicateEvidence } from './duplicates';

function transactions(raw: RawTable): Transactions {
  const g = guessMapping(raw);
  return buildTransactions(raw, g.mapping, g.dateOrder?.order ?? null);
}

const rowText = (raw: RawTable, i: number): string =>
  raw.columns.map((c) => (c.codes[i]! < 0 ? '' : c.dict[c.codes[i]!]!)).join('\u0001');

/** Counted from the rows' text, apart from the hashing of `duplicateGroups`. */
function identicalLines(raw: RawTable): number {
  const seen = new Set<string>();
  let n = 0;
  for (let i = 0; i < raw.rowCount; i++) {
    const key = rowText(raw, i);
    if (seen.has(key)) n++;
    else seen.add(key);
  }
  return n;
}

function multiLineOrders(raw: RawTable, orderColumn: string): number {
  const col = raw.columns.findIndex((c) => c.name === orderColumn);
  const rows = new Map<string, Set<string>>();
  for (let i = 0; i < raw.rowCount; i++) {
    const c = raw.columns[col]!.codes[i]!;
    if (c < 0) continue;
    const o = raw.columns[col]!.dict[c]!;
    if (!rows.has(o)) rows.set(o, new Set());
    rows.get(o)!.add(rowText(raw, i));
  }
  return [...rows.values()].filter((s) => s.size > 1).length;
}

const uci = parseRepoFile('public/sample/online-retail.csv.gz').table;
const col = (name: string) => uci.columns.find((c) => c.name === name)!;
const text = (name: string, i: number) => {
  const c = col(name);
  return c.codes[i]! < 0 ? '' : c.dict[c.codes[i]!]!;
};

/** The UCI lines without their product: order, customer, time, line total (a payments-style export). */
function withoutProduct(rows: readonly number[]): RawTable {
  const lines = ['order_ref,client,created_at,total'];
  for (const i of rows)
    lines.push(
      [
        text('InvoiceNo', i),
        text('CustomerID', i),
        text('InvoiceDate', i),
        String(Number(text('Quantity', i)) * Number(text('UnitPrice', i))),
      ].join(','),
    );
  return parseText(lines.join('\n') + '\n', { fileName: 'orders.csv', byteLength: 0, encoding: 'utf-8' })
    .table;
}

/** The evidence `duplicateEvidence` should give, its counts taken from the rows' text. */
const expected = (raw: RawTable, basis: string, orderColumn: boolean, multi = 0) => ({
  basis,
  identicalLines: identicalLines(raw),
  lines: raw.rowCount,
  orderColumn,
  multiLineOrders: multi,
});

describe('identical lines, from evidence', () => {
  it('UCI Online Retail: a product column tells items apart, so identical lines are copies', () => {
    const e = duplicateEvidence(transactions(uci))!;
    expect(e).toEqual(expected(uci, 'product', true));
    expect(e.identicalLines).toBeGreaterThan(5000); // pandas: df.duplicated().sum() = 5,268
  });

  it('the same lines without their product: unsure (an order holds several lines at one price)', () => {
    const raw = withoutProduct(Array.from({ length: 60_000 }, (_, i) => i));
    const tx = transactions(raw);
    expect(tx.product).toBeNull();
    expect(tx.invoice).not.toBeNull();
    const e = duplicateEvidence(tx)!;
    expect(e).toEqual(expected(raw, 'unsure', true, multiLineOrders(raw, 'order_ref')));
    expect(e.lines).toBe(60_000);
    // far more than UCI's copies: lines of one order at the same total, told apart only by the product
    expect(e.identicalLines / e.lines).toBeGreaterThan(0.2);
    const { report } = cleanTransactions(tx, DEFAULT_CLEANING);
    expect(report.duplicates).toEqual(e);
  });

  it('one row per order: an identical row repeats an order', () => {
    const firstOfOrder: number[] = [];
    const seen = new Set<string>();
    for (let i = 0; i < 60_000; i++) {
      const o = text('InvoiceNo', i);
      if (!seen.has(o)) firstOfOrder.push(i);
      seen.add(o);
    }
    const raw = withoutProduct([...firstOfOrder, ...firstOfOrder.slice(0, 7)]);
    const e = duplicateEvidence(transactions(raw))!;
    expect(e).toMatchObject({ basis: 'orders', identicalLines: 7, orderColumn: true, multiLineOrders: 0 });
    expect(identicalLines(raw)).toBe(7);
  });

  it('CDNOW (customer, day, CDs, dollars; no order, no product): unsure', () => {
    const raw = parseRepoFile('fixtures/cdnow-master.txt').table;
    const e = duplicateEvidence(transactions(raw))!;
    // pandas: read_csv(sep=r'\s+').duplicated().sum() = 255
    expect(e).toEqual(expected(raw, 'unsure', false));
    expect(e.identicalLines).toBe(255);
  });
});
