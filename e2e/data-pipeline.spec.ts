import { expect, test } from '@playwright/test';
import {
  CDNOW,
  RFM_2011H2,
  UCI_GZ,
  cell,
  chooseFile,
  dropFile,
  expectCustomersMatch,
  expectPipelineReady,
  expectStatus,
  fmt,
  readFixture,
  rfmRow,
  sampleIds,
} from './helpers';

const uciDefault = readFixture('online-retail-default');
const uciReference = readFixture('online-retail-reference');
const cdnow = readFixture('cdnow-default');

test.describe('data pipeline: real files in, reference RFM out', () => {
  test('Online Retail through the file picker: counts, cleaning, default RFM, reference preset', async ({
    page,
  }) => {
    await page.goto('/');
    await expect(page.getByText('Your data never leaves this browser')).toBeVisible();
    await chooseFile(page, UCI_GZ);
    await expectPipelineReady(page);

    // Data: the whole file was read.
    await expect(page.getByTestId('fact-rows')).toHaveText('541,909');
    const facts = page.getByRole('definition').filter({ hasText: 'comma' });
    await expect(facts).toHaveCount(1);
    // Columns: customer ids before cleaning and the guessed roles.
    await expect(page.getByTestId('columns-customers')).toHaveText('4,372 customer ids');
    const columns = cell(page, 'columns');
    await expect(columns.getByLabel('Customer id')).toHaveValue(/\d+/);
    await expect(columns.getByLabel('Customer id').locator('option:checked')).toHaveText('CustomerID');
    await expect(columns.getByRole('combobox', { name: /^Date/ }).locator('option:checked')).toHaveText(
      'InvoiceDate',
    );
    await expect(columns.getByLabel('Unit price').locator('option:checked')).toHaveText('UnitPrice');

    // Cleaning: each rule's rows and customers removed, as the pandas reference.
    for (const s of uciDefault.steps ?? []) {
      await expect(page.getByTestId(`removed-rows-${s.rule}`), s.rule).toHaveText(fmt(s.rowsRemoved));
      await expect(page.getByTestId(`removed-customers-${s.rule}`), s.rule).toHaveText(
        fmt(s.customersRemoved),
      );
    }
    // A product column tells UCI's repeated lines apart from repeated items: nothing to ask.
    await expect(page.getByTestId('duplicates-warning')).toHaveCount(0);

    // RFM: customer count, exclusions and several customers against the reference.
    const n = Object.keys(uciDefault.rfm).length;
    await expect(page.getByTestId('rfm-customers')).toHaveText(`${fmt(n)} customers modelled`);
    await expect(page.getByTestId('rfm-excluded')).toHaveText(
      `${fmt(uciDefault.excludedNonPositive ?? -1)} excluded with monetary ≤ 0`,
    );
    await expectCustomersMatch(page, uciDefault.rfm, [
      '12347',
      '12348',
      '12349',
      ...sampleIds(uciDefault.rfm),
    ]);

    // Sorting: Monetary descending puts the biggest spender first.
    const top = Object.entries(uciDefault.rfm).sort((a, b) => b[1][2] - a[1][2])[0]!;
    const table = cell(page, 'rfm').getByRole('table', { name: 'RFM per customer' });
    await table.getByRole('button', { name: /Monetary/ }).click();
    await expect(table.getByRole('columnheader', { name: /Monetary/ })).toHaveAttribute(
      'aria-sort',
      'descending',
    );
    await expect(table.getByRole('row').nth(1).locator('[data-col="customer"]')).toHaveText(top[0]);

    // The reference notebook's preset: 3,169 customers, as the pandas reference.
    await cell(page, 'cleaning').getByRole('button', { name: 'Reference notebook preset' }).click();
    await expect(page.getByTestId('rfm-customers')).toHaveText('3,169 customers modelled');
    await expectPipelineReady(page);
    expect(Object.keys(uciReference.rfm)).toHaveLength(3169);
    await expectCustomersMatch(page, uciReference.rfm, sampleIds(uciReference.rfm));

    // Defaults bring the default table back.
    await cell(page, 'cleaning').getByRole('button', { name: 'Defaults' }).click();
    await expect(page.getByTestId('rfm-customers')).toHaveText(`${fmt(n)} customers modelled`);
  });

  test('the sample: ?sample=online-retail starts it (cancel keeps the page as it was), the button loads it, then a drop', async ({
    page,
  }, testInfo) => {
    await page.goto('/?sample=online-retail');
    // The start URL begins loading by itself; Cancel stops it and nothing is left half-done.
    const data = cell(page, 'data');
    await expect(data.getByRole('progressbar')).toBeVisible();
    await data.getByRole('button', { name: 'Cancel' }).click();
    await expectStatus(page, 'data', 'waiting');
    await expect(page.getByTestId('file-facts')).toHaveCount(0);
    await expect(data.getByRole('progressbar')).toHaveCount(0);
    await expect(data.getByTestId('load-cancelled')).toContainText('was cancelled. Nothing was loaded');

    await page.getByRole('button', { name: 'Try the sample data' }).click();
    await expectPipelineReady(page);
    await expect(page.getByTestId('fact-rows')).toHaveText('541,909');
    await expect(page.getByTestId('file-facts')).toContainText('online-retail.csv.gz (sample)');
    await expect(
      page.getByText(
        /UCI Online Retail \(Dr Daqing Chen, UCI Machine Learning Repository\), CC0 copy from the CRAN package onlineretail/,
      ),
    ).toBeVisible();
    const n = Object.keys(uciDefault.rfm).length;
    await expect(page.getByTestId('columns-customers')).toHaveText('4,372 customer ids');
    await expect(page.getByTestId('rfm-customers')).toHaveText(`${fmt(n)} customers modelled`);
    await expectCustomersMatch(page, uciDefault.rfm, ['12347', '18287']);
    await page.screenshot({ path: testInfo.outputPath('sample-loaded.png'), fullPage: true });

    // The same file dropped on the drop zone (a real DataTransfer) gives the same table.
    await dropFile(page, UCI_GZ, 'online-retail.csv.gz', 'application/gzip');
    await expect(page.getByTestId('file-facts')).not.toContainText('(sample)');
    await expectPipelineReady(page);
    await expect(page.getByTestId('fact-rows')).toHaveText('541,909');
    await expect(page.getByTestId('columns-customers')).toHaveText('4,372 customer ids');
    await expect(page.getByTestId('rfm-customers')).toHaveText(`${fmt(n)} customers modelled`);
    await expectCustomersMatch(page, uciDefault.rfm, ['12347', '17850']);
  });

  test('CDNOW: whitespace-separated, YYYYMMDD dates, leading zeros kept', async ({ page }) => {
    await page.goto('/');
    await chooseFile(page, CDNOW);
    await expectPipelineReady(page);
    await expect(page.getByTestId('fact-rows')).toHaveText('69,659');
    await expect(page.getByTestId('columns-customers')).toHaveText('23,570 customer ids');
    const n = Object.keys(cdnow.rfm).length;
    await expect(page.getByTestId('rfm-customers')).toHaveText(`${fmt(n)} customers modelled`);
    await expect(page.getByTestId('rfm-excluded')).toHaveText(
      `${fmt(cdnow.excludedNonPositive ?? -1)} excluded with monetary ≤ 0`,
    );
    // Leading zeros stay: "00001" is a customer, not 1.
    expect(await rfmRow(page, '00001')).toEqual({
      r: cdnow.rfm['00001']![0],
      f: cdnow.rfm['00001']![1],
      m: cdnow.rfm['00001']![2],
    });
    await expectCustomersMatch(page, cdnow.rfm, sampleIds(cdnow.rfm));

    // No order and no product column: the identical lines may be separate purchases, so the Cleaning
    // step asks, with the count its rule removes; keeping them turns the rule off.
    const dupRemoved = (await page.getByTestId('removed-rows-duplicates').textContent())!;
    expect(Number(dupRemoved.replace(/,/g, ''))).toBeGreaterThan(0);
    const warning = page.getByTestId('duplicates-warning');
    await expect(warning).toContainText(
      `${dupRemoved} lines are identical in every column to an earlier one`,
    );
    await expect(warning).toContainText('No column was recognised as the product or the order');
    await warning.getByRole('button', { name: 'Keep identical lines' }).click();
    await expect(warning).toHaveCount(0);
    await expect(page.getByRole('checkbox', { name: 'Exact duplicate lines' })).not.toBeChecked();
    await expect(page.getByTestId('removed-rows-duplicates')).toHaveText('0');
    await expect(page.getByTestId('duplicates-evidence')).toContainText(`${dupRemoved} lines are identical`);
  });

  test('a ready RFM table: detected as pre-aggregated, 3,014 customers, cleaning skipped', async ({
    page,
  }) => {
    await page.goto('/');
    await chooseFile(page, RFM_2011H2);
    await expectPipelineReady(page);
    await expect(cell(page, 'columns').getByRole('radio', { name: /A ready RFM table/ })).toBeChecked();
    // 3,014 rows; 9 have monetary ≤ 0 and are left out by default, kept when asked.
    await expect(page.getByTestId('rfm-customers')).toHaveText('3,005 customers modelled');
    await expect(page.getByTestId('rfm-excluded')).toHaveText('9 excluded with monetary ≤ 0');
    await expect(cell(page, 'cleaning')).toContainText('Not needed');
    await cell(page, 'rfm')
      .getByRole('checkbox', { name: /Leave out customers whose monetary/ })
      .uncheck();
    await expect(page.getByTestId('rfm-customers')).toHaveText('3,014 customers modelled');
    await expectStatus(page, 'rfm', 'ready');
    // Row 2 of the file: 30,100,2537.9100000000003 → customer "row 2".
    expect(await rfmRow(page, 'row 2')).toEqual({ r: 30, f: 100, m: 2537.91 });
    expect(await rfmRow(page, 'row 5')).toEqual({ r: 63, f: 30, m: 512.5 });
  });
});
