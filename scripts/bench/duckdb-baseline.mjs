// DuckDB as a second baseline (`npm run bench`): what an analyst who outgrew pandas would run — DuckDB
// reading the same CSV and computing the app's default cleaning + RFM (docs/rfm-definition.md) — timed per
// stage in this process, through @duckdb/node-api (the package ships its native binary).
//
// Stages, each timed on its own: read (read_csv into a table, typed as the app reads the file), clean (the
// default rules 2–7: missing customer, non-product codes, price ≤ 0, 'Unspecified' country, exact
// duplicates; cancellations netted), rfm (recency, frequency, monetary per customer; monetary ≤ 1e-6 left
// out as in the app). The customers counted are printed next to the app's so that a different definition
// shows. Runs on transactions inputs only; `node scripts/bench/duckdb-baseline.mjs FILE [RUNS]` runs it alone.
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The app's default non-product codes (src/core/clean/non-product-codes.json; a trailing * is a prefix). */
const CODES = JSON.parse(
  readFileSync(
    fileURLToPath(new URL('../../src/core/clean/non-product-codes.json', import.meta.url)),
    'utf8',
  ),
).map((c) => c.trim().toUpperCase());
const NON_PRODUCT = CODES.filter((c) => !c.endsWith('*'));
const NON_PRODUCT_PREFIXES = CODES.filter((c) => c.endsWith('*')).map((c) => c.slice(0, -1));

const sqlString = (s) => `'${String(s).replace(/'/g, "''")}'`;

/** The three stages' SQL for the UCI layout (the benchmark's transactions inputs all have it). */
export function baselineSql(file) {
  const codes = NON_PRODUCT.map(sqlString).join(', ');
  const prefixes = NON_PRODUCT_PREFIXES.map((p) => `upper(trim(StockCode)) LIKE ${sqlString(`${p}%`)}`).join(
    ' OR ',
  );
  return {
    read: `CREATE OR REPLACE TABLE raw AS SELECT * FROM read_csv(${sqlString(file)}, header = true,
      timestampformat = '%m/%d/%Y %H:%M',
      types = {'InvoiceNo': 'VARCHAR', 'StockCode': 'VARCHAR', 'CustomerID': 'VARCHAR'})`,
    clean: `CREATE OR REPLACE TABLE kept AS SELECT DISTINCT * FROM raw
      WHERE CustomerID IS NOT NULL AND trim(CustomerID) <> ''
        AND NOT (upper(trim(StockCode)) IN (${codes}) OR ${prefixes})
        AND UnitPrice > 0
        AND Country <> 'Unspecified'`,
    rfm: `CREATE OR REPLACE TABLE rfm AS
      WITH lines AS (
        SELECT CustomerID AS customer, InvoiceNo AS invoice, InvoiceDate AS ts, Quantity * UnitPrice AS amount,
               upper(InvoiceNo) LIKE 'C%' AS cancellation
        FROM kept),
      analysis AS (SELECT date_trunc('day', max(ts)) + INTERVAL 1 DAY AS t FROM lines),
      per AS (
        SELECT customer,
               max(ts) FILTER (WHERE NOT cancellation) AS last_purchase,
               count(DISTINCT invoice) FILTER (WHERE NOT cancellation) AS frequency,
               sum(amount) AS monetary
        FROM lines GROUP BY customer)
      SELECT customer,
             floor((epoch(analysis.t) - epoch(last_purchase)) / 86400) AS recency,
             frequency, monetary
      FROM per, analysis
      WHERE last_purchase IS NOT NULL AND monetary > 1e-6`,
  };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return null;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * Runs the baseline `runs` times on `file`, a fresh in-memory database each run, with DuckDB's default
 * of one thread per core (its best here). Returns medians per stage (ms), the customer counts and each
 * run's numbers.
 */
export async function duckdbBaseline(file, runs = 3, { threads = os.cpus().length } = {}) {
  const sql = baselineSql(path.resolve(file));
  const all = [];
  let customers = null;
  let modelled = null;
  for (let i = 0; i < runs; i++) {
    const instance = await DuckDBInstance.create(':memory:', { threads: String(threads) });
    const db = await instance.connect();
    const t = {};
    for (const stage of ['read', 'clean', 'rfm']) {
      const t0 = performance.now();
      await db.run(sql[stage]);
      t[stage] = performance.now() - t0;
    }
    t.total = t.read + t.clean + t.rfm;
    all.push(t);
    const counts = await db.runAndReadAll(
      'SELECT (SELECT count(DISTINCT CustomerID) FROM kept) AS customers, (SELECT count(*) FROM rfm) AS modelled',
    );
    const [row] = counts.getRowObjects();
    customers = Number(row.customers);
    modelled = Number(row.modelled);
    db.closeSync?.();
    instance.closeSync?.();
  }
  const pick = (k) => median(all.map((r) => r[k]));
  return {
    engine: 'duckdb (@duckdb/node-api)',
    threads,
    runs,
    readMs: pick('read'),
    cleanMs: pick('clean'),
    rfmMs: pick('rfm'),
    dropToRfmMs: pick('total'),
    customersKept: customers,
    customersModelled: modelled,
    all,
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [file = 'public/sample/online-retail.csv.gz', runs = '3'] = process.argv.slice(2);
  duckdbBaseline(file, Number(runs)).then(
    (r) => process.stdout.write(`${JSON.stringify(r, null, 2)}\n`),
    (e) => {
      process.stderr.write(`${e.stack ?? e}\n`);
      process.exitCode = 1;
    },
  );
}
