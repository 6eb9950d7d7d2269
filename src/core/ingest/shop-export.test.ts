/**
 * A shop's order export (Shopify's column names: "Name" = "#1001", "Email", "Paid at", "Lineitem …",
 * "Billing Country"), written from the real UCI lines: the columns are found from their values where
 * the headers say nothing (e-mail addresses identify customers, "#…" names group an order's lines).
 */
import { describe, expect, it } from 'vitest';
import type { RawTable } from './types';
import { parseRepoFile } from '../rfm/test-data';
import { parseText } from './parse-text';
import { guessMapping } from './roles';

const uci = parseRepoFile('public/sample/online-retail.csv.gz').table;
const text = (name: string, i: number): string => {
  const c = uci.columns.find((x) => x.name === name)!;
  return c.codes[i]! < 0 ? '' : c.dict[c.codes[i]!]!;
};
const csvField = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** The first `n` UCI lines as a shop export; `head` renames the headers. */
function shopExport(n: number, head = (h: string) => h): RawTable {
  const headers = ['Name', 'Email', 'Paid at', 'Lineitem quantity', 'Lineitem name', 'Lineitem price'];
  const lines = [[...headers, 'Billing Country'].map(head).join(',')];
  for (let i = 0; i < n; i++) {
    const id = text('CustomerID', i);
    lines.push(
      [
        `#${text('InvoiceNo', i)}`,
        id === '' ? '' : `customer${id}@example.com`,
        `${text('InvoiceDate', i)} +0000`, // "2010-12-01 08:26:00 +0000"
        text('Quantity', i),
        text('Description', i),
        text('UnitPrice', i),
        text('Country', i),
      ]
        .map(csvField)
        .join(','),
    );
  }
  return parseText(`${lines.join('\n')}\n`, {
    fileName: 'orders_export.csv',
    byteLength: 0,
    encoding: 'utf-8',
  }).table;
}

const names = (raw: RawTable, mapping: Record<string, number | undefined>) =>
  Object.fromEntries(Object.entries(mapping).map(([role, j]) => [role, raw.columns[j!]!.name]));

describe('a shop order export', () => {
  it('e-mail customers, "#…" orders (two of 2,740 span a minute), "Billing Country" a country', () => {
    const raw = shopExport(60_000);
    const g = guessMapping(raw);
    expect(g.kind).toBe('transactions');
    expect(names(raw, g.mapping)).toEqual({
      customer: 'Email',
      invoice: 'Name',
      date: 'Paid at',
      quantity: 'Lineitem quantity',
      price: 'Lineitem price',
      product: 'Lineitem name',
      country: 'Billing Country',
    });
    expect(g.missing).toEqual([]);
  });

  it('e-mails do not displace a customer id column named as such', () => {
    const raw = shopExport(2_000, (h) => (h === 'Name' ? 'Customer ID' : h));
    expect(names(raw, guessMapping(raw).mapping).customer).toBe('Customer ID');
  });
});
