/**
 * The generated SQL run for real: DuckDB, SQLite and PostgreSQL 15 reproduce the browser's RFM and
 * segments for every customer of the UCI Online Retail file and of the CDNOW log. The "browser" side
 * is the app's own core pipeline (__fixtures__/browser-side.ts); each engine reads the file's rows
 * as an all-text table named by the file's headers.
 */
import { join } from 'node:path';
import type { RawTable } from '../ingest/types';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateSql } from './generate';
import { browserModel, writeTextCsv, type BrowserModel } from './__fixtures__/browser-side';
import { sqlEngines, type SqlRow } from './__fixtures__/engines';
import { parseRepoFile } from '../rfm/test-data';
import { guessMapping } from '../ingest/roles';
import { buildTransactions } from '../ingest/transactions';
import { cancellationEvidence } from '../clean/cancellations';

const FILES = [
  { name: 'UCI Online Retail', file: 'public/sample/online-retail.csv.gz', k: 4, customers: 4316 },
  { name: 'CDNOW', file: 'fixtures/cdnow-master.txt', k: 4, customers: 23502 },
] as const;

const engines = sqlEngines('sn-sql-');
const dir = engines.dir;
const models = new Map<string, { browser: BrowserModel; csv: string }>();

beforeAll(() => {
  for (const f of FILES) {
    const browser = browserModel(f.file, f.k);
    const csv = join(dir, `${f.name.replace(/\W+/g, '-')}.csv`);
    writeTextCsv(browser.raw, csv);
    models.set(f.name, { browser, csv });
  }
});

/** Every browser customer once, R and F exact, M to 1e-9 relative, the same cluster and name. */
function expectSame(rows: readonly SqlRow[], b: BrowserModel): void {
  const { rfm, clusterIds, names } = b;
  const n = rfm.customerIds.length;
  expect(rows.length).toBe(n);
  const byId = new Map(rows.map((r) => [r.customerId, r]));
  expect(byId.size).toBe(n);
  let rfmDiffer = 0;
  let segmentsDiffer = 0;
  const examples: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = rfm.customerIds[i]!;
    const r = byId.get(id);
    const m = rfm.monetary[i]!;
    if (
      !r ||
      r.recency !== rfm.recency[i] ||
      r.frequency !== rfm.frequency[i] ||
      !(Math.abs(r.monetary - m) <= 1e-9 * Math.abs(m))
    ) {
      rfmDiffer++;
      if (examples.length < 3)
        examples.push(`${id}: sql ${JSON.stringify(r)} browser ${rfm.recency[i]} ${rfm.frequency[i]} ${m}`);
      continue;
    }
    if (r.clusterId !== clusterIds[i] || r.segmentName !== names[clusterIds[i]! - 1]) {
      segmentsDiffer++;
      if (examples.length < 3) examples.push(`${id}: cluster ${r.clusterId} vs ${clusterIds[i]}`);
    }
  }
  expect({ rfmDiffer, segmentsDiffer, examples }).toEqual({ rfmDiffer: 0, segmentsDiffer: 0, examples: [] });
}

/** On DuckDB, SQLite and PostgreSQL: the script of the browser's model over its CSV gives its customers. */
function itOnEveryEngine(title: string, what: string, get: () => { browser: BrowserModel; csv: string }) {
  it.each(['duckdb', 'sqlite', 'postgres'] as const)(title, async (dialect) => {
    const reason = engines.skipReason(dialect);
    if (reason !== null) {
      console.log(`skipped ${what} on ${dialect}: ${reason}`);
      return;
    }
    const { browser, csv } = get();
    expectSame(await engines.run(dialect, csv, generateSql(browser.model, { dialect })), browser);
  });
}

describe.each(FILES)('$name', ({ name, customers }) => {
  it('the browser side models the expected customers', () => {
    expect(models.get(name)!.browser.rfm.customerIds.length).toBe(customers);
  });
  itOnEveryEngine('%s reproduces RFM and segments for every customer', name, () => models.get(name)!);
});

describe('a two-feature model (UCI, monetary left out)', () => {
  let browser: BrowserModel;
  let csv = '';
  beforeAll(() => {
    browser = browserModel(FILES[0].file, 4, undefined, ['recency', 'frequency']);
    csv = models.get(FILES[0].name)!.csv;
  });
  it('the model JSON lists the two features', () => {
    expect((browser.model as { features: string[] }).features).toEqual(['recency', 'frequency']);
  });
  itOnEveryEngine('%s reproduces its segments for every customer', 'the two-feature model', () => ({
    browser,
    csv,
  }));
});

/**
 * Cancellations as the browser decides them from the values (src/core/clean/cancellations.ts), not by
 * a "C" prefix alone. From the first 30,000 UCI lines: (1) without the cancelled lines and with
 * order ids written as Superstore's ("CA-536365", "US-536366"), where "CA-" orders are ordinary
 * (basis 'none'); (2) with the "C" dropped from the cancelled orders' ids, so that their negative
 * quantities are what marks them (basis 'negative').
 */
function uciAs(kind: 'none' | 'negative'): RawTable {
  const raw = parseRepoFile('public/sample/online-retail.csv.gz').table;
  const col = (name: string) => raw.columns.find((c) => c.name === name)!;
  const qty = col('Quantity');
  const rows: number[] = [];
  for (let i = 0; i < 30_000; i++)
    if (kind === 'negative' || !qty.dict[qty.codes[i]!]!.startsWith('-')) rows.push(i);
  const columns = raw.columns.map((c) => {
    const dict =
      c.name !== 'InvoiceNo'
        ? c.dict
        : c.dict.map((v) =>
            kind === 'negative'
              ? v.replace(/^C/, '')
              : `${Number(v.replace(/^C/, '')) % 3 === 0 ? 'CA' : 'US'}-${v}`,
          );
    return { ...c, dict, codes: Int32Array.from(rows, (i) => c.codes[i]!) };
  });
  return { ...raw, rowCount: rows.length, columns };
}

describe.each([
  { name: 'UCI with Superstore-style order ids (CA- orders are ordinary)', kind: 'none' as const },
  { name: 'UCI with cancellations marked only by negative quantities', kind: 'negative' as const },
])('$name', ({ name, kind }) => {
  let browser: BrowserModel;
  let csv = '';
  beforeAll(() => {
    browser = browserModel({ raw: uciAs(kind), name }, 4);
    csv = join(dir, `${name.replace(/\W+/g, '-')}.csv`);
    writeTextCsv(browser.raw, csv);
  });
  it(`the browser decides '${kind}'`, () => {
    const raw = browser.raw;
    const g = guessMapping(raw);
    const tx = buildTransactions(raw, g.mapping, g.dateOrder?.order ?? null);
    expect(cancellationEvidence(tx).basis).toBe(kind);
  });
  itOnEveryEngine('%s reproduces RFM and segments for every customer', name, () => ({ browser, csv }));
});
