/**
 * Two-feature models end to end (production build): leaving monetary out on the built-in sample with
 * the keyboard gives a 2D segments plot and exports without a monetary centre, and that model applied
 * to the sample shows drift for its two features only; a real file without
 * money columns (the CDNOW log with its money columns removed) goes on as an R+F model and reaches
 * segments; a file without a date is refused with a sentence naming what is missing.
 */
import { expect, test, type Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { CDNOW, UCI_GZ, cell, chooseFile, drawThe3dView, expectStatus, parseCsv } from './helpers';

async function download(page: Page, testId: string): Promise<string> {
  const [dl] = await Promise.all([
    page.waitForEvent('download', { timeout: 30_000 }),
    page.getByTestId(testId).click(),
  ]);
  return readFileSync(await dl.path()).toString('utf8');
}

async function upload(page: Page, name: string, text: string): Promise<void> {
  await page.getByLabel('Choose a data file').setInputFiles({
    name,
    mimeType: 'text/csv',
    buffer: Buffer.from(text, 'utf8'),
  });
}

/** The real CDNOW log with only some of its columns (0 = customer_id, 1 = date, 2, 3 = money). */
function cdnowColumns(keep: readonly number[]): string {
  return readFileSync(CDNOW, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const f = l.trim().split(/\s+/);
      return keep.map((j) => f[j]).join(',');
    })
    .join('\n');
}

test('leaving monetary out (keyboard) gives a 2D segments plot and exports without a monetary centre', async ({
  page,
}, info) => {
  test.setTimeout(290_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/');
  await page.getByRole('button', { name: 'Try the sample data' }).click();
  for (const id of ['rfm', 'transform', 'choose-k', 'segments', 'export'])
    await expectStatus(page, id, 'ready');
  await drawThe3dView(page);
  await expect(page.getByTestId('transform-table').getByRole('row')).toHaveCount(4);

  // The control, by keyboard: the checked radio, then the arrow key to the next option.
  const choice = page.getByRole('group', { name: 'Features in the model' });
  const all = choice.getByRole('radio', { name: 'Recency, frequency and monetary' });
  await expect(all).toBeChecked();
  await all.focus();
  await page.keyboard.press('ArrowDown');
  const rf = choice.getByRole('radio', { name: 'Recency and frequency (leave monetary out)' });
  await expect(rf).toBeChecked();

  await expect(page.getByTestId('segments-2d')).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('segments-3d')).toHaveCount(0);
  await expect(page.getByTestId('segments-3d-gate')).toHaveCount(0);
  for (const id of ['transform', 'choose-k', 'segments', 'export']) await expectStatus(page, id, 'ready');
  await expect(page.locator('.segments-plots .plot[data-plot-state="drawn"]')).toHaveCount(1);
  await expect(page.getByTestId('transform-table').getByRole('row')).toHaveCount(3);
  await expect(page.getByTestId('transform-table')).not.toContainText('Monetary');
  // Every cell still works with a two-feature model (a cell that throws shows a "(failed)" region).
  await expect(page.getByTestId('rfm-crosstab')).toBeVisible();
  await expect(page.getByRole('region', { name: /\(failed\)/ })).toHaveCount(0);

  const modelText = await download(page, 'export-model');
  const model = JSON.parse(modelText) as {
    features: string[];
    transform: { lambdas: number[] };
    clusters: { description: string; centroidStandardised: Record<string, number> }[];
  };
  expect(model.features).toEqual(['recency', 'frequency']);
  expect(model.transform.lambdas).toHaveLength(2);
  for (const c of model.clusters) {
    expect(Object.keys(c.centroidStandardised)).toEqual(['recency', 'frequency']);
    expect(c.description).not.toMatch(/spend/);
  }
  const profiles = parseCsv(await download(page, 'export-profiles'));
  const header = profiles[0]!;
  expect(header).toContain('centroid_recency');
  expect(header).not.toContain('centroid_monetary');
  expect(header).not.toContain('standardised_monetary');

  // The R+F model applied to the same file: drift for recency and frequency only (PSI 0), no monetary.
  const modelPath = info.outputPath('rf-model.json');
  writeFileSync(modelPath, modelText);
  await page.reload();
  await page.getByTestId('apply-model-input').setInputFiles(modelPath);
  await chooseFile(page, UCI_GZ);
  await expectStatus(page, 'apply', 'ready');
  for (const f of ['recency', 'frequency'])
    await expect(page.getByTestId(`apply-drift-${f}`)).toHaveAttribute('data-psi', '0');
  await expect(page.getByTestId('apply-drift-monetary')).toHaveCount(0);
  await expect(page.getByTestId('apply-drift-table')).not.toContainText('Monetary');
  await expect(page.getByTestId('apply-drift').getByLabel('Distribution of').locator('option')).toHaveText([
    'Recency (days)',
    'Frequency',
  ]);
  await expect(page.locator('[data-testid="apply-drift-chart"]')).toBeVisible();
  expect(errors).toEqual([]);
});

test('a real file without money columns goes on as an R+F model and reaches segments', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto('/');
  await upload(page, 'cdnow-no-money.csv', cdnowColumns([0, 1]));
  await expect(cell(page, 'columns').getByTestId('no-money')).toContainText('no money column');
  for (const id of ['columns', 'cleaning', 'rfm', 'transform', 'choose-k', 'segments', 'export'])
    await expectStatus(page, id, 'ready');
  await expect(page.getByTestId('no-money-note')).toContainText('recency and frequency only');
  await expect(page.getByRole('radio', { name: 'Recency and frequency (leave monetary out)' })).toBeChecked();
  await expect(page.getByRole('radio', { name: 'Recency, frequency and monetary' })).toBeDisabled();
  await expect(page.getByTestId('segments-2d')).toBeVisible();
  const descriptions = await page.getByTestId('profiles-table').innerText();
  expect(descriptions).not.toMatch(/spend/);
  // The RFM scores say that M carries nothing here, and the default (R×F) segments still name everyone.
  await expect(page.getByTestId('rfm-scores-no-money')).toContainText('read R and F only');
  await expect(cell(page, 'rfm-scores')).toContainText('on R and F (no money column)');
  await expect(page.getByTestId('rfm-crosstab')).toBeVisible();
  await expect(page.getByRole('region', { name: /\(failed\)/ })).toHaveCount(0);
});

test('a file without a date column is refused, naming what is missing and what to do', async ({ page }) => {
  await page.goto('/');
  await upload(page, 'cdnow-no-date.csv', cdnowColumns([0, 2, 3]));
  const error = page.getByTestId('mapping-error');
  await expect(error).toContainText('No date column was found');
  await expect(error).toContainText("Choose the column that holds each order's date");
  await expect(cell(page, 'rfm')).not.toHaveAttribute('data-status', 'ready');
});
