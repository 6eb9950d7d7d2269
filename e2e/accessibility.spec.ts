import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { cell, parseCsv } from './helpers';

/**
 * Accessibility: axe-core (WCAG 2 A/AA, 2.1 AA and best practices) finds nothing on the start screen
 * and on a fully computed notebook, and an analyst with the keyboard alone can take the sample to a
 * downloaded customer file — load the sample, change k, rename a segment, download the CSV — with axe
 * clean at every stop and focus never lost to the page body or hidden under the sticky header.
 */

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice'];

async function expectAxeClean(page: Page, where: string): Promise<void> {
  const t0 = Date.now();
  // plotly's own SVG layers are left out: each chart is a labelled figure with its data as a table
  // beside it, and its toolbar (checked) is outside these layers.
  const result = await new AxeBuilder({ page })
    .withTags(TAGS)
    .exclude('.js-plotly-plot .svg-container > .main-svg')
    .exclude('.js-plotly-plot .gl-container')
    .analyze();
  console.log(`axe ${where}: ${Date.now() - t0} ms`);
  const found = result.violations.map(
    (v) => `${v.id} (${v.impact ?? '?'}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`,
  );
  expect(found, `axe violations ${where}`).toEqual([]);
}

/** Presses Tab (or Shift+Tab) until `target` has the focus; fails after `max` presses. */
async function tabTo(page: Page, target: Locator, max = 120): Promise<void> {
  // Backwards when the target comes before the focused element in the document.
  const back = await target.evaluate((el) => {
    const a = document.activeElement;
    return (
      a !== null &&
      a !== document.body &&
      (el.compareDocumentPosition(a) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0
    );
  });
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`${String(target)} not reached with ${max} presses of Tab`);
}

/** The focused element is not the body and is not covered by the sticky header. */
async function expectFocusVisible(page: Page, what: string): Promise<void> {
  const info = await page.evaluate(() => {
    const el = document.activeElement;
    const header = document.querySelector('.app-header');
    if (!el || el === document.body) return { onBody: true, top: 0, headerBottom: 0 };
    return {
      onBody: false,
      top: el.getBoundingClientRect().top,
      headerBottom: header ? header.getBoundingClientRect().bottom : 0,
    };
  });
  expect(info.onBody, `focus is on the page body ${what}`).toBe(false);
  expect(info.top, `focused element under the sticky header ${what}`).toBeGreaterThanOrEqual(
    info.headerBottom - 1,
  );
}

async function waitComputed(page: Page): Promise<void> {
  await expect(cell(page, 'segments')).toHaveAttribute('data-status', 'ready', { timeout: 240_000 });
  await expect(cell(page, 'export')).toHaveAttribute('data-status', 'ready', { timeout: 120_000 });
  await expect
    .poll(() => page.locator('.plot[data-plot-state="loading"]').count(), { timeout: 120_000 })
    .toBe(0);
}

test('axe finds nothing on the start screen and on a computed notebook', async ({ page }) => {
  test.setTimeout(900_000);
  await page.goto('/');
  await expect(page.getByRole('button', { name: /try the sample data/i })).toBeVisible();
  await expectAxeClean(page, 'on the start screen');

  await page.getByRole('button', { name: /try the sample data/i }).click();
  await waitComputed(page);
  await expectAxeClean(page, 'on the computed notebook');
  // Every chart has a data alternative: a table behind a disclosure next to it.
  const plots = page.locator('.plot');
  const n = await plots.count();
  expect(n).toBeGreaterThan(5);
  for (let i = 0; i < n; i++) {
    await expect(plots.nth(i).locator('details.plot__data'), `data table of chart ${i}`).toHaveCount(1);
  }
  // Opened, the first one holds a table with rows of numbers.
  const first = page.locator('details.plot__data').first();
  await first.locator('summary').click();
  await expect(first.locator('table tbody tr').first()).toBeVisible();
  await expectAxeClean(page, 'with a chart data table open');
  // Each chart toolbar is one tab stop (a toolbar with arrow keys inside).
  const stops = await page
    .locator('.modebar')
    .evaluateAll((bars) =>
      bars.map(
        (b) =>
          Array.from(b.querySelectorAll<HTMLElement>('.modebar-btn')).filter((e) => e.tabIndex >= 0).length,
      ),
    );
  expect(stops.length).toBeGreaterThan(0);
  expect(stops.every((s) => s <= 1)).toBe(true);
});

test('keyboard only: sample → change k → rename a segment → download the customers CSV', async ({ page }) => {
  test.setTimeout(900_000);
  await page.goto('/');
  await expectAxeClean(page, 'on the start screen');

  // 1. The sample, from the keyboard. The button disables itself: focus must go somewhere sensible.
  const sample = page.getByRole('button', { name: /try the sample data/i });
  await tabTo(page, sample);
  await page.keyboard.press('Enter');
  await expect(cell(page, 'data')).toHaveAttribute('data-status', 'running', { timeout: 30_000 });
  await expectFocusVisible(page, 'while the sample loads');
  // Status and progress are announced.
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: /loading|downloading|reading|parsing/i })
      .first(),
  ).toBeAttached({ timeout: 30_000 });
  await waitComputed(page);
  await expectFocusVisible(page, 'once the notebook is computed');
  // The notebook says where to look next, with the real numbers.
  const next = page.getByTestId('results-ready');
  await expect(next).toContainText(/\d segments of [\d,]+ customers/);
  await expectAxeClean(page, 'after the first results');

  // 2. Change k with the arrow keys on the slider.
  const slider = page.getByRole('slider', { name: 'Number of segments (k)' });
  const before = Number(await slider.inputValue());
  await tabTo(page, slider);
  await expectFocusVisible(page, 'on the k slider');
  await page.keyboard.press('ArrowRight');
  await expect(slider).toHaveValue(String(before + 1));
  await expect(cell(page, 'segments')).toContainText(`${before + 1} segments of`);
  await waitComputed(page);
  await expectAxeClean(page, 'after changing k');

  // 3. Rename the first segment (Tab to its field, select what is there, type).
  const nameField = page.getByRole('textbox', { name: 'Name of segment 1' });
  await tabTo(page, nameField, 200);
  await expectFocusVisible(page, 'on the name field');
  await expect(nameField).not.toHaveValue(''); // the suggestion is a real value
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('Keyboard heroes');
  await page.keyboard.press('Enter');
  await expect(nameField).toHaveValue('Keyboard heroes');
  // Segment 1 has the highest spend: the summary names it with the new name.
  await expect(next).toContainText('Keyboard heroes');
  await expectAxeClean(page, 'after renaming a segment');

  // 4. Download every customer with their segment, from the keyboard.
  const button = page.getByTestId('export-customers');
  await tabTo(page, button, 200);
  await expectFocusVisible(page, 'on the download button');
  const [dl] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  const rows = parseCsv(
    await (await dl.createReadStream()).toArray().then((b) => Buffer.concat(b).toString()),
  );
  const header = rows[0]!;
  const segCol = header.findIndex((h) => /segment name|name/i.test(h));
  expect(segCol).toBeGreaterThanOrEqual(0);
  expect(rows.slice(1).some((r) => r[segCol] === 'Keyboard heroes')).toBe(true);
  await expectAxeClean(page, 'after the download');

  // Shift+Tab back up: the focused control is never under the sticky header.
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press('Shift+Tab');
    await expectFocusVisible(page, `after Shift+Tab ${i + 1}`);
  }
});

test('Cancel from the keyboard: focus stays in the Data cell and the cancel is announced', async ({
  page,
}) => {
  await page.goto('/');
  const sample = page.getByRole('button', { name: /try the sample data/i });
  await tabTo(page, sample);
  await page.keyboard.press('Enter');
  const cancel = cell(page, 'data').getByRole('button', { name: 'Cancel' });
  await expect(cancel).toBeVisible({ timeout: 30_000 });
  await tabTo(page, cancel, 20);
  await page.keyboard.press('Enter');
  await expect(
    cell(page, 'data')
      .getByRole('status')
      .filter({ hasText: /cancelled/i }),
  ).toBeVisible();
  await expectFocusVisible(page, 'after Cancel');
  expect(
    await page.evaluate(() => document.activeElement?.closest('[data-testid="cell-data"]') !== null),
  ).toBe(true);
  await expectAxeClean(page, 'after Cancel');
});
