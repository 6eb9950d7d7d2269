/**
 * Real files as analysts have them (fixtures/real, provenance in fixtures/SOURCES.md): each journey
 * either reaches segments with the defaults or stops at the Columns step with the evidence shown and
 * a control to act on it; never green on a wrong mapping.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { ROOT, cell, chooseFile, expectPipelineReady, expectStatus, rfmRow } from './helpers';

const REAL = join(ROOT, 'fixtures', 'real');
const SUPERSTORE = join(REAL, 'superstore-2019-head.csv');
const GROCERIES = join(REAL, 'groceries-head.csv');
const FLO = join(REAL, 'flo-customers-head.csv');

test('Superstore: "CA-" order ids are orders, not cancellations; correct RFM with the defaults; no sideways scroll at 1280 px', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/');
  await chooseFile(page, SUPERSTORE);
  await expectPipelineReady(page);
  await expect(page.getByTestId('cancellation-evidence')).toContainText(
    'No invoice with a “C” prefix has a negative quantity (1 such invoices, e.g. CA-2019-115238): not treated as cancellations.',
  );
  await expect(page.getByTestId('removed-rows-cancellations')).toHaveText('0');
  await expect(page.getByTestId('rfm-customers')).toHaveText('28 customers modelled');
  await expect(page.getByTestId('rfm-excluded')).toContainText('0 excluded');
  // Jane Waco's Canadian order: bought 21/01/19, last line of the file 26/01/19 → 6 days; 1 order.
  expect(await rfmRow(page, 'JW-15220')).toEqual({ r: 6, f: 1, m: 281.16 });
  // In these first 69 lines (three weeks) every customer placed one order: frequency cannot separate
  // segments, the Transform step says so and points to the control that leaves it out.
  await expectStatus(page, 'transform', 'error');
  await expect(cell(page, 'transform')).toContainText('Every customer has the same frequency (1)');
  await expect(cell(page, 'transform')).toContainText('under “Features in the model” above');
  await page.getByRole('radio', { name: 'Recency and monetary (leave frequency out)' }).check();
  for (const id of ['transform', 'choose-k', 'segments']) await expectStatus(page, id, 'ready');
  await expect(page.getByTestId('segments-2d')).toBeVisible();
  await expect(page.getByTestId('profiles-table')).not.toContainText('frequent');
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
});

test('Groceries: no money column is said plainly, the notebook goes on as an R+F model', async ({ page }) => {
  await page.goto('/');
  await chooseFile(page, GROCERIES);
  await expect(page.getByTestId('no-money')).toContainText('This file has no money column');
  await expectPipelineReady(page);
  await expect(page.getByTestId('no-money-note')).toContainText('recency and frequency only');
  await expect(page.getByRole('radio', { name: 'Recency and frequency (leave monetary out)' })).toBeChecked();
  await expect(page.getByRole('radio', { name: 'Recency, frequency and monetary' })).toBeDisabled();
  const err = page.getByTestId('mapping-error');
  // Choosing the weekday column as the date: whole numbers 0–6 are not dates.
  await cell(page, 'columns').getByRole('combobox', { name: /^Date/ }).selectOption({ label: 'day_of_week' });
  await expect(page.getByTestId('mapping-checks').or(err).first()).toBeVisible();
});

test('FLO customer summary: last-order dates and online + offline columns reach segments; a money column as id is never green', async ({
  page,
}) => {
  await page.goto('/');
  await chooseFile(page, FLO);
  await expectPipelineReady(page);
  await expect(page.getByTestId('rfm-customers')).toHaveText('40 customers modelled');
  // Last order 2021-02-26, analysis day 2021-05-31 (after the latest last order); 4 + 1 orders.
  const r = await rfmRow(page, 'cc294636-19f0-11eb-8d74-000d3a38a36f');
  expect(r).toEqual({ r: 94, f: 5, m: 939.37 });
  for (const id of ['transform', 'choose-k', 'segments']) await expectStatus(page, id, 'ready');

  // The mapping the issue saw: a money column as the customer id. Shown with its evidence, not ready.
  const columns = cell(page, 'columns');
  await columns.getByRole('radio', { name: /^Transactions/ }).check();
  await columns
    .getByRole('combobox', { name: /^Customer id/ })
    .selectOption({ label: 'customer_value_total_ever_offline' });
  await columns.getByRole('combobox', { name: /^Date/ }).selectOption({ label: 'first_order_date' });
  await columns
    .getByRole('combobox', { name: /^Amount/ })
    .selectOption({ label: 'order_num_total_ever_online' });
  await expectStatus(page, 'columns', 'error');
  const checks = page.getByTestId('mapping-checks');
  await expect(checks.locator('[data-check="id-decimals"]')).toContainText(
    'distinct values of “customer_value_total_ever_offline”, chosen as customer id, are numbers with decimals',
  );
  await expect(checks.locator('[data-check="amount-small-counts"]')).toContainText(
    '“order_num_total_ever_online”, chosen as amount (line total), holds only 7 different whole numbers from 1 to 23',
  );
  for (const id of ['cleaning', 'rfm'])
    await expect(cell(page, id)).not.toHaveAttribute('data-status', 'ready');
});

test('month-name dates (11-Feb-17) are read; a date column that cannot be read is never ready', async ({
  page,
}) => {
  // A small written file (not a published one): the shape of the Tableau exports with dd-Mon-yy dates.
  const dir = mkdtempSync(join(tmpdir(), 'h19-'));
  const file = join(dir, 'month-names.csv');
  const lines = ['Order ID,Customer,Order Date,Sales'];
  const days = ['03-Jan-17', '11-Feb-17', '28-Feb-17', '15-Mar-17', '02-Apr-17', '30-Apr-17'];
  for (let i = 0; i < 60; i++)
    lines.push(`O-${1000 + i},C${i % 12},${days[i % days.length]},${(10 + i * 1.25).toFixed(2)}`);
  writeFileSync(file, lines.join('\n') + '\n');
  await page.goto('/');
  await chooseFile(page, file);
  await expectPipelineReady(page);
  await expect(cell(page, 'columns')).toContainText('2017-01-03 to 2017-04-30');
  // Forcing day/month/year: every date fails, the cell says how many and stays not ready.
  await cell(page, 'columns')
    .getByRole('radio', { name: /^Day \/ month \/ year/ })
    .check();
  await expectStatus(page, 'columns', 'error');
  await expect(page.getByTestId('mapping-checks')).toContainText(
    '60 of 60 filled cells of “Order Date” cannot be read as dates in the chosen format',
  );
  await cell(page, 'columns')
    .getByRole('radio', { name: /^With month names/ })
    .check();
  await expectPipelineReady(page);
});
