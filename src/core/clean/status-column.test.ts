import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RawTable } from '../ingest/types';
import { parseRepoFile } from '../rfm/test-data';
import { parseText } from '../ingest/parse-text';
import { guessMapping } from '../ingest/roles';
import { statusEvidence } from './status-column';

const evidence = (raw: RawTable) => statusEvidence(raw, guessMapping(raw).mapping);
const uci = parseRepoFile('public/sample/online-retail.csv.gz').table;

describe('a status column marking refunds and cancellations', () => {
  it('none in the shipped real files', () => {
    expect(evidence(uci)).toBeNull();
    expect(evidence(parseRepoFile('fixtures/cdnow-master.txt').table)).toBeNull();
    for (const f of readdirSync('fixtures/real'))
      expect(evidence(parseRepoFile(`fixtures/real/${f}`).table), f).toBeNull();
  });

  it('a shop export whose cancelled UCI orders say "refunded" in "Financial Status"', () => {
    const col = (name: string) => uci.columns.find((c) => c.name === name)!;
    const text = (name: string, i: number) => {
      const c = col(name);
      return c.codes[i]! < 0 ? '' : c.dict[c.codes[i]!]!;
    };
    const lines = ['Name,Email,Financial Status,Created at,Lineitem quantity,Lineitem price,Lineitem sku'];
    let refunded = 0;
    for (let i = 0; i < 50_000; i++) {
      const inv = text('InvoiceNo', i);
      const status = inv.startsWith('C') ? 'refunded' : i % 97 === 0 ? 'partially_refunded' : 'paid';
      if (status !== 'paid') refunded++;
      const qty = Math.abs(Number(text('Quantity', i)));
      lines.push(
        [`#${inv.replace(/^C/, '')}`, `${text('CustomerID', i)}@example.com`, status, text('InvoiceDate', i)]
          .concat([String(qty), text('UnitPrice', i), text('StockCode', i)])
          .join(','),
      );
    }
    const raw = parseText(`${lines.join('\n')}\n`, {
      fileName: 'orders.csv',
      byteLength: 0,
      encoding: 'utf-8',
    }).table;
    const e = evidence(raw)!;
    expect(e.column).toBe('Financial Status');
    expect(e.lines).toBe(refunded);
    expect(e.rows).toBe(50_000);
    expect(e.values.map((v) => v.value).sort()).toEqual(['partially_refunded', 'refunded']);
    expect(e.values.reduce((s, v) => s + v.lines, 0)).toBe(refunded);
  });
});
