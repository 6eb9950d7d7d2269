import { expect, test, type Page } from '@playwright/test';
import { cell } from './helpers';

/**
 * Small screens: on a computed notebook nothing is wider than the screen (no horizontal scroll) at
 * 390 × 844 (a phone) and 1280 × 720, the radio buttons, checkboxes and buttons are at least 24 px
 * (WCAG 2.5.8) and the charts fit the width and follow a change of it.
 */

async function overflow(page: Page): Promise<{ scroll: number; client: number; wide: string[] }> {
  return page.evaluate(() => {
    const client = document.documentElement.clientWidth;
    const wide: string[] = [];
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('body *'))) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.right <= client + 1) continue;
      // Folded content (a closed details element) is not laid out on the page.
      const folded = el.closest('details:not([open])');
      if (folded && !el.closest('summary')) continue;
      // Inside a scrolling box (a wide table) is fine; only what makes the page scroll counts.
      let p = el.parentElement;
      let clipped = false;
      while (p && p !== document.body) {
        const o = getComputedStyle(p).overflowX;
        if (o === 'auto' || o === 'scroll' || o === 'hidden' || o === 'clip') {
          clipped = true;
          break;
        }
        p = p.parentElement;
      }
      if (!clipped) wide.push(`${el.tagName.toLowerCase()}.${el.className} ${Math.round(r.right)}`);
    }
    return { scroll: document.documentElement.scrollWidth, client, wide: wide.slice(0, 10) };
  });
}

async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(
      document.querySelectorAll<HTMLElement>('input[type="radio"], input[type="checkbox"], button, select'),
    )
      .filter((el) => {
        const r = el.getBoundingClientRect();
        if (r.width === 0 && r.height === 0) return false; // not rendered
        if (el.closest('.modebar')) return false; // plotly's icons, reachable as one toolbar
        if (el.classList.contains('visually-hidden')) return false;
        return r.width < 24 || r.height < 24;
      })
      .map((el) => `${el.tagName.toLowerCase()} "${el.getAttribute('aria-label') ?? el.textContent ?? ''}"`),
  );
}

for (const size of [
  { width: 390, height: 844 },
  { width: 1280, height: 720 },
]) {
  test(`no horizontal scroll, 24 px targets and fitting charts at ${size.width}×${size.height}`, async ({
    page,
  }) => {
    test.setTimeout(400_000);
    await page.setViewportSize(size);
    await page.goto('/');
    expect((await overflow(page)).wide).toEqual([]);
    await page.getByRole('button', { name: /try the sample data/i }).click();
    await expect(cell(page, 'segments')).toHaveAttribute('data-status', 'ready', { timeout: 240_000 });
    await expect
      .poll(() => page.locator('.plot[data-plot-state="loading"]').count(), { timeout: 120_000 })
      .toBe(0);
    const o = await overflow(page);
    expect(o.wide).toEqual([]);
    expect(o.scroll).toBeLessThanOrEqual(o.client);
    expect(await smallTargets(page)).toEqual([]);
    // Every drawn chart fits the screen.
    const widths = await page
      .locator('.plot .main-svg')
      .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().right));
    expect(widths.length).toBeGreaterThan(0);
    expect(Math.max(...widths)).toBeLessThanOrEqual(size.width + 1);
    if (size.width > 500) {
      // Narrower window: the charts follow.
      await page.setViewportSize({ width: 700, height: size.height });
      // The charts whose right edge is past the window, by their closest test id (none once they follow).
      await expect
        .poll(async () =>
          page
            .locator('.plot .main-svg')
            .evaluateAll((els) =>
              els
                .filter((e) => e.getBoundingClientRect().right > 701)
                .map(
                  (e) =>
                    `${e.closest('[data-testid]')?.getAttribute('data-testid') ?? '?'} ${Math.round(e.getBoundingClientRect().right)}`,
                ),
            ),
        )
        .toEqual([]);
      expect((await overflow(page)).wide).toEqual([]);
    }
  });
}
