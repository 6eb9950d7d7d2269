/**
 * The data profile cells on the real UCI Online Retail file: column profile (Data profile cell),
 * transactions at a glance with the extreme lines (Transactions at a glance cell), the R/F/M pair plots
 * (Pair plots cell), and the Cleaning step's "outliers" rule removing exactly the flagged lines.
 * Reference numbers: pandas 1.5.3 on public/sample/online-retail.csv.gz (541,909 rows, 135,080 without
 * CustomerID, 38 countries, 13 calendar months 2010-12 … 2011-12; the flagged lines are spreadsheet
 * rows 61621/61626 (±74,215), 222683 (unit price 38,970, code M) and 540423/540424 (±80,995)).
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { UCI_GZ, cell, chooseFile, expectPipelineReady, expectStatus } from './helpers';

const num = (s: string) => Number(s.replace(/[^\d.-]/g, ''));

/** The profile row of one column (by its row header). */
function profileRow(page: Page, column: string): Locator {
  const table = cell(page, 'profile').getByRole('table', { name: 'Column profile' });
  return table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: column, exact: true }) });
}

/** Pixels of a screenshot of `loc` that are not (near) white, counted in the page (canvas). */
async function inkPixels(page: Page, loc: Locator): Promise<number> {
  const png = (await loc.screenshot()).toString('base64');
  return page.evaluate(async (b64) => {
    const bin = atob(b64);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    const bmp = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const canvas = new OffscreenCanvas(bmp.width, bmp.height);
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(bmp, 0, 0);
    const d = ctx.getImageData(0, 0, bmp.width, bmp.height).data;
    let ink = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i]! < 200 || d[i + 1]! < 200 || d[i + 2]! < 200) ink++;
    return ink;
  }, png);
}

test('data profile, glance, extreme lines and pair plots on the UCI file', async ({ page }) => {
  const cspErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Refused to|unsafe-eval|EvalError/i.test(m.text())) cspErrors.push(m.text());
  });
  await page.goto('/');
  await chooseFile(page, UCI_GZ);
  await expectPipelineReady(page);
  await expectStatus(page, 'profile', 'ready');
  await expectStatus(page, 'glance', 'ready');

  // ── Data profile: read from the page by role ──
  const profile = cell(page, 'profile');
  await expect(profile.getByTestId('profile-rows')).toHaveText('541,909');
  await expect(profileRow(page, 'CustomerID').locator('[data-col="missing"]')).toContainText('135,080');
  await expect(profileRow(page, 'Country').locator('[data-col="distinct"]')).toHaveText('38');
  await expect(profileRow(page, 'InvoiceDate').locator('[data-col="type"]')).toContainText('date');
  await expect(profileRow(page, 'InvoiceDate').locator('[data-col="values"]')).toContainText(
    '2010-12-01 08:26',
  );
  await expect(profileRow(page, 'Quantity').locator('[data-col="values"]')).toContainText('80,995');
  await expect(profileRow(page, 'Quantity').locator('[data-col="type"]')).toContainText('whole number');

  // ── Glance: 13 calendar months, charts drawn ──
  const glance = cell(page, 'glance');
  await expect(glance.getByTestId('glance-months')).toHaveText('13');
  await expect(glance.getByTestId('glance-rows')).toHaveText('541,909');
  await expect(glance.getByTestId('glance-missing-customer')).toContainText('135,080');
  for (const name of ['Revenue and lines per month', 'Top countries by revenue', 'Top products by revenue']) {
    await expect(glance.locator('.plot', { has: page.getByRole('figure', { name }) })).toHaveAttribute(
      'data-plot-state',
      'drawn',
    );
  }
  await expect(glance.getByRole('figure', { name: 'Top countries by revenue' })).toContainText(
    'United Kingdom',
  );

  // ── Extreme lines: the 80,995 lines are listed and flagged, with their spreadsheet rows ──
  const byQuantity = glance.getByRole('table', { name: 'Largest |quantity|' });
  const big = byQuantity
    .getByRole('row')
    .filter({ has: page.locator('[data-col="value"]', { hasText: /^80,995$/ }) });
  await expect(big).toHaveCount(1);
  await expect(big).toHaveAttribute('data-flagged', 'true');
  await expect(big.locator('[data-col="row"]')).toHaveText('540,423');
  const cancelled = byQuantity
    .getByRole('row')
    .filter({ has: page.locator('[data-col="value"]', { hasText: /^-80,995$/ }) });
  await expect(cancelled.locator('[data-col="row"]')).toHaveText('540,424');
  await expect(byQuantity.locator('tr[data-flagged="true"]')).toHaveCount(4);
  const byPrice = glance.getByRole('table', { name: 'Largest unit prices' });
  await expect(byPrice.locator('tr[data-flagged="true"]')).toHaveCount(1);
  await expect(byPrice.locator('tr[data-flagged="true"] [data-col="row"]')).toHaveText('222,683');
  await expect(glance.getByTestId('outlier-advice')).toContainText('5 lines are flagged');
  await expect(glance.getByTestId('outlier-advice')).toContainText('Extreme lines');

  // ── Cleaning: the outliers toggle removes the flagged lines still there ──
  const cleaning = cell(page, 'cleaning');
  const outlierRule = cleaning.locator('tr[data-rule="outliers"]');
  const keptText = async () =>
    num((await cleaning.getByTestId('cleaning-summary').innerText()).split(' of ')[0]!);
  await expect(page.getByTestId('removed-rows-outliers')).toHaveText('0');
  const keptBefore = await keptText();
  await outlierRule.getByRole('checkbox').check();
  // Defaults: the code-M line (row 222,683) is already removed as a non-product code, so 4 lines go,
  // and customer 12346 (whose only 2 lines are ±74,215) with them (pandas reference).
  await expect(page.getByTestId('removed-rows-outliers')).toHaveText('4');
  await expect(page.getByTestId('removed-customers-outliers')).toHaveText('1');
  await expectPipelineReady(page);
  expect(await keptText()).toBe(keptBefore - 4);
  // With non-product codes kept, all 5 flagged lines are removed by the rule.
  await cleaning.locator('tr[data-rule="nonProductCodes"]').getByRole('checkbox').uncheck();
  await expect(page.getByTestId('removed-rows-outliers')).toHaveText('5');
  await expect(page.getByTestId('removed-customers-outliers')).toHaveText('1');
  await cleaning.getByRole('button', { name: 'Defaults' }).click();
  await expect(page.getByTestId('removed-rows-outliers')).toHaveText('0');
  await expectPipelineReady(page);

  // ── Pair plots: R, F, M before (and after, once the transform ran) draw pixels ──
  const pairs = cell(page, 'pair-plots');
  await expectStatus(page, 'pair-plots', 'ready');
  await expect(pairs.getByTestId('pair-sample')).toHaveText(/^all [\d,]+ customers$/);
  const before = pairs.locator('.plot', { has: page.getByTestId('pair-plot-before') });
  await expect(before).toHaveAttribute('data-plot-state', 'drawn');
  // 6 scatter panels painted as images (CSP-safe), plus the histograms and axes.
  await expect(
    page
      .getByTestId('pair-plot-before')
      .locator('.layer-above image, .layer-below image, g.imagelayer image'),
  ).toHaveCount(6);
  expect(await inkPixels(page, page.getByTestId('pair-plot-before'))).toBeGreaterThan(20_000);
  const after = pairs.locator('.plot', { has: page.getByTestId('pair-plot-after') });
  await expect(after).toHaveAttribute('data-plot-state', 'drawn', { timeout: 180_000 });
  await expect(
    page.getByTestId('pair-plot-after').locator('.layer-above image, .layer-below image, g.imagelayer image'),
  ).toHaveCount(6);
  expect(await inkPixels(page, page.getByTestId('pair-plot-after'))).toBeGreaterThan(20_000);
  // Linear axes redraw too.
  await pairs.getByRole('checkbox', { name: 'Log axes for the raw values' }).uncheck();
  await expect(before).toHaveAttribute('data-plot-state', 'drawn');

  expect(cspErrors).toEqual([]);
});
