/**
 * Never lose work: the session is saved in IndexedDB as the user works, offered back after a reload
 * and restored exactly (same RFM, same sweep numbers, same k, same names, same seed), by replaying
 * the pipeline on the saved file. "Clear all local data" removes the database and empties the
 * notebook. A full quota is reported to the user.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { CDNOW, cell, chooseFile, expectStatus } from './helpers';

async function segmentsReady(page: Page): Promise<void> {
  await expect(cell(page, 'segments')).toHaveAttribute('data-status', 'ready', { timeout: 240_000 });
  await expect(page.getByTestId('profiles-table')).toBeVisible();
}

/** Everything the user reads as results: the sweep table, k, profile table and RFM count. */
async function snapshot(page: Page) {
  return {
    customers: await page.getByTestId('rfm-customers').innerText(),
    sweep: await cell(page, 'choose-k').locator('table tbody').first().innerText(),
    k: await page.getByTestId('k-value').innerText(),
    seed: await page.getByTestId('seed-input').inputValue(),
    profiles: await page.getByTestId('profiles-table').innerText(),
    names: await page
      .getByTestId('profiles-table')
      .locator('input')
      .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value)),
  };
}

async function dbNames(page: Page): Promise<string[]> {
  return page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? ''));
}

test('a session on a picked file is restored exactly after a reload; Clear all local data removes it', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));

  await page.goto('/');
  // A fresh profile: nothing to offer.
  await expect(page.getByTestId('session-bar')).toBeVisible();
  await expect(page.getByTestId('restore-offer')).toHaveCount(0);

  await chooseFile(page, CDNOW);
  await segmentsReady(page);

  // The user works: another seed, another k, a name with markup in it.
  await page.getByTestId('seed-input').fill('7');
  await page.getByTestId('seed-input').press('Enter');
  await expect(cell(page, 'choose-k')).toHaveAttribute('data-status', 'ready', { timeout: 240_000 });
  await segmentsReady(page);
  const slider = page.getByLabel('Number of segments (k)');
  const k0 = Number(await slider.inputValue());
  const k1 = k0 === 5 ? 6 : 5;
  await slider.focus();
  for (let i = 0; i < Math.abs(k1 - k0); i++) await page.keyboard.press(k1 > k0 ? 'ArrowRight' : 'ArrowLeft');
  await expect(page.getByTestId('k-value')).toHaveText(`k = ${k1}`);
  await page.getByLabel('Name of segment 2').fill('Loyal <b>regulars</b>');
  await page.getByLabel('Name of segment 2').press('Tab');
  await expect(page.getByLabel('Name of segment 2')).toHaveValue('Loyal <b>regulars</b>');
  const before = await snapshot(page);
  expect(before.seed).toBe('7');
  expect(before.names).toContain('Loyal <b>regulars</b>');

  // Saved after the debounce (the bar says when).
  await expect(page.getByTestId('session-saved')).toContainText('saved', { timeout: 10_000 });
  await page.waitForTimeout(1500);

  await page.reload();
  const offer = page.getByTestId('restore-offer');
  await expect(offer).toContainText('Restore your previous session (cdnow-master.txt,');
  // Nothing is recomputed before the user says so.
  await expect(cell(page, 'rfm')).toHaveAttribute('data-status', 'waiting');
  await offer.getByRole('button', { name: 'Restore' }).click();
  await expect(page.getByTestId('session-notice')).toContainText('Session restored', { timeout: 240_000 });
  await expect(page.getByTestId('session-notice')).toContainText('every k gives the same inertia as before');
  await segmentsReady(page);
  const after = await snapshot(page);
  expect(after).toEqual(before);

  // A second reload offers it again (the restored session is still the saved one).
  await page.reload();
  await expect(page.getByTestId('restore-offer')).toBeVisible();
  await page.getByRole('button', { name: 'Not now' }).click();
  await expect(page.getByTestId('restore-offer')).toHaveCount(0);
  expect(await dbNames(page)).toContain('segment-notebook');

  // Clear all local data: asks first, then the database is gone and the notebook is empty.
  await page.getByRole('button', { name: 'Clear all local data' }).click();
  await page.getByRole('button', { name: 'Yes, clear everything' }).click();
  await expect(page.getByTestId('session-notice')).toContainText('All local data was removed');
  expect(await dbNames(page)).not.toContain('segment-notebook');
  await page.reload();
  await expect(page.getByTestId('session-bar')).toBeVisible();
  await page.waitForTimeout(500);
  await expect(page.getByTestId('restore-offer')).toHaveCount(0);
  await expectStatus(page, 'data', 'waiting');
  expect(errors).toEqual([]);
});

test('clearing after a journey empties every cell in the open page', async ({ page }) => {
  await page.goto('/');
  await chooseFile(page, CDNOW);
  await expectStatus(page, 'rfm', 'ready');
  await page.getByRole('button', { name: 'Clear all local data' }).click();
  await page.getByRole('button', { name: 'Yes, clear everything' }).click();
  await expect(page.getByTestId('session-notice')).toContainText('All local data was removed');
  for (const id of ['data', 'columns', 'cleaning', 'rfm', 'transform', 'choose-k', 'segments', 'export'])
    await expect(cell(page, id)).toHaveAttribute('data-status', 'waiting');
  await page.waitForTimeout(1000);
  expect(await dbNames(page)).not.toContain('segment-notebook');
});

test('a full quota is told to the user, and the app goes on working', async ({ page, baseURL }) => {
  await page.goto('/');
  const cdp = await page.context().newCDPSession(page);
  const origin = new URL(baseURL ?? 'http://127.0.0.1:4173').origin;
  // 200 kB for this origin: the 1.95 MB CDNOW file cannot be kept.
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 200_000 });
  await chooseFile(page, CDNOW);
  const warn = page.getByTestId('session-save-error');
  await expect(warn).toContainText('no room left', { timeout: 30_000 });
  await expect(warn).toContainText('(2.0 MB)');
  await expectStatus(page, 'rfm', 'ready');
  await page.reload();
  await page.waitForTimeout(1000);
  // Nothing half-saved is offered.
  await expect(page.getByTestId('restore-offer')).toHaveCount(0);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin });
});

test('a forced text encoding is part of the session: the restore reads the file the same way', async ({
  page,
}) => {
  test.setTimeout(300_000);
  // A Windows-1252 file (the '£' is byte A3): detected as windows-1252, then forced to UTF-8.
  const lines = ['InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country'];
  for (let i = 0; i < 40; i++)
    for (let t = 0; t <= i % 4; t++)
      lines.push(
        `${500000 + i * 5 + t},A${i},Gift voucher \u00a3${10 + t}.00,${1 + (i % 6)},2011-0${1 + t}-${10 + (i % 18)} 10:00,${(1 + i / 7).toFixed(2)},${13000 + i},United Kingdom`,
      );
  const path = join(mkdtempSync(join(tmpdir(), 'enc-')), 'vouchers-1252.csv');
  writeFileSync(path, Buffer.from(lines.join('\r\n') + '\r\n', 'latin1'));
  await page.goto('/');
  await chooseFile(page, path);
  await expect(page.getByTestId('fact-encoding')).toHaveText('windows-1252');
  await cell(page, 'data').getByLabel('Text encoding').selectOption('utf-8');
  await expect(page.getByTestId('fact-encoding')).toHaveText('utf-8');
  await segmentsReady(page);
  await expect(cell(page, 'columns')).toContainText('Gift voucher \uFFFD10.00');
  await expect(page.getByTestId('session-saved')).toContainText('saved', { timeout: 10_000 });
  await page.waitForTimeout(1500);

  await page.reload();
  await page.getByTestId('restore-offer').getByRole('button', { name: 'Restore' }).click();
  await expect(page.getByTestId('session-notice')).toContainText('Session restored', { timeout: 240_000 });
  await expect(page.getByTestId('fact-encoding')).toHaveText('utf-8');
  await expect(cell(page, 'data').getByLabel('Text encoding')).toHaveValue('utf-8');
  await expect(cell(page, 'columns')).toContainText('Gift voucher \uFFFD10.00');
});
