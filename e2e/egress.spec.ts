import { expect, test, type Page } from '@playwright/test';
import { cell, drawThe3dView } from './helpers';

/**
 * No route off the machine: on a fully computed notebook, every mode-bar control of every chart and
 * every button, summary and link of the page is clicked, and nothing may leave localhost — no request,
 * no pop-up window, no navigation of the page. The mode bars carry only allow-listed buttons, and the
 * page's own guard (src/app/egress-guard.ts) refuses window.open and links to other origins even if a
 * third-party widget offered one (checked directly at the end).
 */

/** The titles plotly gives the allow-listed buttons (src/components/plot/mode-bar.ts). */
const ALLOWED_TITLES = new Set([
  'Download plot as a PNG',
  'Zoom',
  'Pan',
  'Zoom in',
  'Zoom out',
  'Autoscale',
  'Reset axes',
  'Orbital rotation',
  'Turntable rotation',
  'Reset camera to default',
]);

async function clickAll(page: Page, selector: string, skip: RegExp): Promise<number> {
  let clicked = 0;
  const count = await page.locator(selector).count();
  for (let i = 0; i < count; i++) {
    const el = page.locator(selector).nth(i);
    try {
      // One round trip to decide (visible, enabled, not skipped), then a real click.
      const wanted = await el.evaluate(
        (e, pattern) => {
          const r = e.getBoundingClientRect();
          const visible = r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden';
          const label = `${e.getAttribute('aria-label') ?? ''} ${e.textContent ?? ''}`;
          return visible && !(e as HTMLButtonElement).disabled && !new RegExp(pattern, 'i').test(label);
        },
        skip.source,
        { timeout: 2000 },
      );
      if (!wanted) continue;
      await el.click({ timeout: 2000 });
      clicked++;
    } catch {
      // The control went away (a cell re-rendered) or is covered: the next one.
    }
  }
  return clicked;
}

test('no click on a computed notebook opens, loads or navigates to another origin', async ({
  page,
  baseURL,
}) => {
  // Hundreds of controls, some of which recompute (k, engine, score settings): slow on a loaded machine.
  test.setTimeout(600_000);
  const origin = new URL(baseURL ?? 'http://127.0.0.1:4173').origin;
  const context = page.context();
  const requests: string[] = [];
  const popups: string[] = [];
  const navigations: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  context.on('page', (p) => {
    popups.push(p.url());
    p.on('framenavigated', (f) => popups.push(f.url()));
  });
  page.on('framenavigated', (f) => {
    if (f === page.mainFrame()) navigations.push(f.url());
  });
  page.on('dialog', (d) => void d.dismiss());
  page.on('filechooser', () => undefined); // intercepted: no native dialog
  page.on('download', () => undefined);

  await page.goto('/');
  const headers = (await page.request.get('/')).headers();
  expect(headers['cross-origin-opener-policy']).toBe('same-origin');
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['content-security-policy']).toContain("frame-src 'none'");

  await page.getByRole('button', { name: /try the sample data/i }).click();
  await expect(cell(page, 'segments')).toHaveAttribute('data-status', 'ready', { timeout: 240_000 });
  await drawThe3dView(page);
  await expect
    .poll(() => page.locator('.plot[data-plot-state="loading"]').count(), { timeout: 120_000 })
    .toBe(0);

  // Every mode-bar button is an allow-listed one; the share button of this plotly build is nowhere.
  const titles = await page
    .locator('.modebar-btn')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-title') ?? ''));
  expect(titles.length).toBeGreaterThan(0);
  expect(titles.filter((t) => !ALLOWED_TITLES.has(t))).toEqual([]);
  expect(await page.locator('.modebar a[href]').count()).toBe(0); // no logo link

  // Click every mode-bar control of every chart (hovering shows the bar), then every summary (to open
  // folded details), every button and every link; destructive ones last.
  const plots = page.locator('.plot');
  const nPlots = await plots.count();
  let modebarClicks = 0;
  for (let p = 0; p < nPlots; p++) {
    const plot = plots.nth(p);
    if (!(await plot.isVisible())) continue;
    await plot.scrollIntoViewIfNeeded();
    await plot.hover({ timeout: 3000 }).catch(() => undefined);
    const btns = plot.locator('.modebar-btn');
    const n = await btns.count();
    for (let b = 0; b < n; b++) {
      await plot.hover({ timeout: 3000 }).catch(() => undefined);
      await btns
        .nth(b)
        .click({ timeout: 3000, force: true })
        .then(() => modebarClicks++)
        .catch(() => undefined);
    }
  }
  expect(modebarClicks).toBeGreaterThan(10);
  await clickAll(page, 'summary', /^$/);
  const destructive = /clear all local data|start over|try the sample data/i;
  const buttonClicks = await clickAll(page, 'button:not(.modebar-btn)', destructive);
  expect(buttonClicks).toBeGreaterThan(5);
  await clickAll(page, 'a[href]', /^$/);
  await clickAll(page, 'button', /^$/); // now the destructive ones too
  await page.waitForTimeout(2000);

  // The page's own guard refuses a window or a link to another origin even if a widget offered one.
  const refused = await page.evaluate(() => {
    const w = window.open('https://example.com/share', '_blank');
    const a = document.createElement('a');
    a.href = 'https://example.com/link';
    a.target = '_blank';
    a.textContent = 'x';
    document.body.append(a);
    a.click();
    a.remove();
    return { opened: w !== null, refused: window.__egressRefused ?? [] };
  });
  expect(refused.opened).toBe(false);
  expect(refused.refused).toEqual(['https://example.com/share', 'https://example.com/link']);
  await page.waitForTimeout(1000);

  const local = (u: string) =>
    u.startsWith(origin) || u.startsWith('blob:') || u.startsWith('data:') || u === 'about:blank';
  expect(requests.filter((u) => !local(u))).toEqual([]);
  expect(popups.filter((u) => !local(u))).toEqual([]);
  expect(navigations.filter((u) => !local(u))).toEqual([]);
});
