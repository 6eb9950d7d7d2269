/**
 * The Export cell's "SQL for your warehouse", end to end: the sample is modelled in the page, the DuckDB
 * script and the customers CSV are downloaded, and the script is run on the real engine
 * (@duckdb/node-api) over the sample file loaded as text. Every customer's R, F, M and segment must be
 * the browser's.
 */
import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import { expect, test, type Page } from '@playwright/test';
import { cell, parseCsv, UCI_GZ } from './helpers';

async function download(page: Page, testId: string): Promise<{ name: string; text: string }> {
  const [dl] = await Promise.all([
    page.waitForEvent('download', { timeout: 30_000 }),
    page.getByTestId(testId).click(),
  ]);
  return { name: dl.suggestedFilename(), text: readFileSync(await dl.path(), 'utf8') };
}

test('the DuckDB SQL of the sample model gives the browser’s segments for every customer', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await page.goto('/');
  await page.getByRole('button', { name: /try the sample data/i }).click();
  await expect(cell(page, 'segments')).toHaveAttribute('data-status', 'ready', { timeout: 240_000 });

  const exportCell = cell(page, 'export');
  await exportCell.scrollIntoViewIfNeeded();
  await expect(page.getByTestId('sql-verification')).toContainText('Verified');
  await page.getByTestId('sql-dialect').selectOption('duckdb');
  const sql = await download(page, 'export-sql-download');
  expect(sql.name).toMatch(/duckdb\.sql$/);
  const customers = parseCsv((await download(page, 'export-customers')).text);
  const header = customers[0]!;
  const col = (name: string) => header.indexOf(name);
  const browser = new Map(customers.slice(1).map((r) => [r[0]!, r]));
  expect(browser.size).toBe(4316);

  // A warehouse user: the file loaded as text with its own header names, then the script.
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  let rows: Record<string, unknown>[];
  try {
    await con.run(`SET memory_limit = '3GB'; SET threads = 2; SET temp_directory = ''`);
    await con.run(
      `CREATE TABLE transactions AS SELECT * FROM read_csv('${UCI_GZ}', all_varchar = true, header = true)`,
    );
    rows = (await con.runAndReadAll(sql.text)).getRowObjects();
  } finally {
    con.closeSync();
    db.closeSync();
  }

  expect(rows.length).toBe(browser.size);
  let differ = 0;
  for (const r of rows) {
    const b = browser.get(String(r.customer_id));
    const m = Number(b?.[col('monetary')]);
    if (
      !b ||
      Number(r.recency) !== Number(b[col('recency')]) ||
      Number(r.frequency) !== Number(b[col('frequency')]) ||
      !(Math.abs(Number(r.monetary) - m) <= 1e-9 * Math.abs(m)) ||
      Number(r.cluster_id) !== Number(b[col('cluster_id')]) ||
      String(r.segment_name) !== b[col('cluster_name')]
    )
      differ++;
  }
  expect(differ).toBe(0);
});
