import { expect, test } from '@playwright/test';

/**
 * "The data never leaves the browser": every request the page makes during a whole journey
 * (sample → RFM → k-means → plots → exports) and after it must go to the app's own origin, and the
 * production build must carry a Content-Security-Policy that forbids other origins.
 */
test('no request leaves the app origin during a full journey', async ({ page, baseURL }) => {
  const origin = new URL(baseURL ?? 'http://127.0.0.1:4173').origin;
  const requests: string[] = [];
  const consoleErrors: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));

  await page.goto('/');
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("connect-src 'self'");
  expect(csp).toContain("default-src 'self'");

  await page.getByRole('button', { name: /try the sample data/i }).click();
  await expect(page.getByTestId('cell-segments')).toHaveAttribute('data-status', 'ready', { timeout: 240_000 });

  // A fetch to another origin is refused by the policy, not just unobserved.
  const blocked = await page.evaluate(async () => {
    try {
      await fetch('https://example.com/collect', { method: 'POST', body: 'x' });
      return 'sent';
    } catch {
      return 'blocked';
    }
  });
  expect(blocked).toBe('blocked');

  await page.waitForTimeout(1000); // let any late beacon show itself
  const foreign = requests.filter((u) => !u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:'));
  // The probe above is the one foreign URL the page tried; the policy blocked it before it left.
  expect(foreign.filter((u) => u !== 'https://example.com/collect')).toEqual([]);
  expect(requests.length).toBeGreaterThan(0);
  expect(consoleErrors.filter((e) => !e.includes('example.com'))).toEqual([]);
});
