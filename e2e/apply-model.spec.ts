/**
 * Apply a saved model end to end (production build): fit on the built-in sample, download the model
 * and the customers, reload, open the model with the file, and check that the scored customers CSV is
 * byte-identical to the fit's export, drift is shown (PSI 0 on the same file), transitions at a second
 * date appear, and the applied model and second date survive a reload. Then the scikit-learn reference
 * model (src/core/model/__fixtures__/scoring-reference.json, formatVersion 1) applied with the second
 * date 2011-06-01 must give the pandas transition matrix, cell for cell. Bad input keeps the work.
 */
import { expect, test, type Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { ROOT, UCI_GZ, cell, chooseFile, expectStatus } from './helpers';

interface Reference {
  model: unknown;
  cutoff: string;
  transitions: { matrix: number[][] };
  sizesAfter: number[];
}
const reference = JSON.parse(
  readFileSync(join(ROOT, 'src', 'core', 'model', '__fixtures__', 'scoring-reference.json'), 'utf8'),
) as Reference;

async function download(page: Page, testId: string): Promise<{ name: string; text: string; path: string }> {
  const [dl] = await Promise.all([
    page.waitForEvent('download', { timeout: 30_000 }),
    page.getByTestId(testId).click(),
  ]);
  const path = await dl.path();
  return { name: dl.suggestedFilename(), text: readFileSync(path, 'utf8'), path };
}

const num = (s: string) => Number(s.replace(/[^0-9.-]/g, ''));

async function matrix(page: Page): Promise<number[][]> {
  const rows = page.getByTestId('apply-transition-matrix').locator('tbody tr');
  const out: number[][] = [];
  for (let r = 0; r < (await rows.count()); r++)
    out.push((await rows.nth(r).locator('td').allInnerTexts()).map(num));
  return out;
}

test('apply a saved model: same labels as the fit, drift, transitions, persistence, bad input', async ({
  page,
}, info) => {
  test.setTimeout(290_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));

  // 1. Fit on the sample and download the model and the customers.
  await page.goto('/');
  await page.getByRole('button', { name: 'Try the sample data' }).click();
  await expectStatus(page, 'export', 'ready');
  const model = await download(page, 'export-model');
  const fitCustomers = await download(page, 'export-customers');
  const modelJson = JSON.parse(model.text) as { formatVersion: number; id: string; training: unknown };
  expect(modelJson.formatVersion).toBe(2);
  expect(modelJson.training).not.toBeNull();

  // 2. Reload, open the model, then the file: scored with the saved numbers, nothing refitted.
  await page.reload();
  await page.getByTestId('apply-model-input').setInputFiles(model.path);
  await expect(page.getByTestId('apply-mode-note')).toContainText('nothing is refitted');
  await chooseFile(page, UCI_GZ);
  await expectStatus(page, 'apply', 'ready');
  await expect(cell(page, 'apply')).toHaveAttribute('data-model-id', modelJson.id);
  await expect(cell(page, 'transform')).toHaveAttribute('data-status', 'waiting');
  const applied = await download(page, 'apply-export-customers');
  expect(applied.name).toContain(`model-${modelJson.id}-`);
  expect(applied.text).toBe(fitCustomers.text);

  // Drift on the very same file: PSI 0 for each feature, nobody outside the range.
  for (const f of ['recency', 'frequency', 'monetary']) {
    await expect(page.getByTestId(`apply-drift-${f}`)).toHaveAttribute('data-psi', '0');
  }
  await expect(page.locator('[data-testid="apply-drift-chart"]')).toBeVisible();

  // 3. A second analysis date: transitions, Sankey, moves export.
  await page.getByTestId('apply-before-day').fill(reference.cutoff);
  await page.getByTestId('apply-before-day-set').click();
  await expect(page.getByTestId('apply-transition-matrix')).toBeVisible();
  await expectStatus(page, 'apply', 'ready');
  await expect(page.getByTestId('apply-sankey')).toBeVisible();
  const moves = await download(page, 'apply-export-moves');
  expect(moves.text.split('\r\n')[0]).toContain('customer_id,move,before_cluster_id');

  // 4. Bad input: a model that is not one, a second date outside the data; nothing is lost.
  const bad = info.outputPath('not-a-model.json');
  writeFileSync(bad, JSON.stringify({ format: 'something-else' }));
  await page.getByTestId('apply-model-input').setInputFiles(bad);
  await expect(page.getByTestId('apply-open-error')).toContainText('not a Segment Notebook model');
  await expect(page.getByTestId('apply-transition-matrix')).toBeVisible();
  await page.getByTestId('apply-before-day').fill('2009-01-01');
  await page.getByTestId('apply-before-day-set').click();
  await expect(page.getByTestId('apply-error')).toContainText('second analysis date');
  await expect(page.getByTestId('apply-transition-matrix')).toBeVisible();

  // The request box: the notebook's example, and a ragged body named by row.
  await page.getByRole('button', { name: 'Use the example' }).click();
  await page.getByTestId('apply-request-score').click();
  await expect(page.getByTestId('apply-request-result').locator('tbody tr')).toHaveCount(2);
  await page
    .getByTestId('apply-request-body')
    .fill(
      '{"input_data": {"columns": ["Recency(Days)", "Frequency", "Monetary(Â£)"], "data": [[1, 2, 3], [4, 5]]}}',
    );
  await page.getByTestId('apply-request-score').click();
  await expect(page.getByTestId('apply-request-error')).toContainText('input_data.data[1]');

  // 5. The scikit-learn reference model with the second date 2011-06-01: the pandas matrix.
  const refPath = info.outputPath('reference-model.json');
  writeFileSync(refPath, JSON.stringify(reference.model));
  await page.getByTestId('apply-model-input').setInputFiles(refPath);
  await page.getByTestId('apply-before-day').fill(reference.cutoff);
  await page.getByTestId('apply-before-day-set').click();
  await expectStatus(page, 'apply', 'ready');
  await expect(page.getByTestId('apply-drift-unavailable')).toBeVisible();
  await expect.poll(() => matrix(page)).toEqual(reference.transitions.matrix);
  const sizes = await page.locator('[data-testid^="apply-segment-"] td:nth-child(3)').allInnerTexts();
  expect(sizes.map(num)).toEqual(reference.sizesAfter);

  // 6. Reload: the applied model and the second date are kept.
  await page.reload();
  await expect(page.getByTestId('apply-mode-note')).toBeVisible();
  await expect(page.getByTestId('apply-before-day')).toHaveValue(reference.cutoff);
  expect(pageErrors).toEqual([]);
});

test('apply a saved model to the same data under other headers: the user maps what the app cannot know, labels unchanged', async ({
  page,
}, info) => {
  test.setTimeout(290_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));

  // The same transactions as a German export: header names in another language, and two columns whose
  // names say nothing ("Kennung" the customer, "Nr" the stock code), which the app must not guess.
  const lines = gunzipSync(readFileSync(UCI_GZ)).toString('utf8').split('\n');
  expect(lines[0]).toContain('CustomerID');
  lines[0] = 'Rechnungsnummer,Nr,Beschreibung,Menge,Rechnungsdatum,Einzelpreis,Kennung,Land';
  const renamed = info.outputPath('rechnungen.csv.gz');
  writeFileSync(renamed, gzipSync(lines.join('\n')));

  await page.goto('/');
  await page.getByRole('button', { name: 'Try the sample data' }).click();
  await expectStatus(page, 'export', 'ready');
  const model = await download(page, 'export-model');
  const fitCustomers = await download(page, 'export-customers');

  await page.reload();
  await page.getByTestId('apply-model-input').setInputFiles(model.path);
  await chooseFile(page, renamed);
  const columns = cell(page, 'columns');
  const customer = columns.getByRole('combobox', { name: /^Customer id/ });
  await expect(customer).toBeVisible({ timeout: 120_000 });
  await expect(columns.getByLabel('Quantity').locator('option:checked')).toHaveText('Menge');
  await expect(cell(page, 'apply')).not.toHaveAttribute('data-status', 'ready');
  await customer.selectOption({ label: 'Kennung' });

  // The model cleaned non-product codes by the stock code: without that column the R, F, M would differ,
  // so nothing is scored and the apply cell names the column the training file had.
  await expectStatus(page, 'apply', 'error');
  await expect(page.getByTestId('apply-error')).toContainText(
    'uses the product column ("StockCode" in the training file)',
  );
  await columns.getByRole('combobox', { name: /^Product code/ }).selectOption({ label: 'Nr' });
  await expectStatus(page, 'apply', 'ready');
  const applied = await download(page, 'apply-export-customers');
  expect(applied.text).toBe(fitCustomers.text);
  expect(pageErrors).toEqual([]);
});
