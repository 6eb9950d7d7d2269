import { expect, test, type Page } from '@playwright/test';
import { cell, drawThe3dView } from './helpers';

/**
 * "The data never leaves the browser": every request the page and its workers make during a whole
 * journey (sample → RFM → k-means → plots → a changed k → every export) and after it must go to the
 * app's own origin, the production build must carry a Content-Security-Policy that forbids other
 * origins (a fetch to another origin is refused, not merely unobserved), and the console stays free
 * of errors and policy violations throughout.
 */

declare global {
  interface Window {
    __cspViolations?: string[];
  }
}

async function downloadAll(page: Page): Promise<string[]> {
  const names: string[] = [];
  const buttons = page.locator('button[data-testid^="export-"]');
  const ids = await buttons.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid') ?? ''));
  expect(ids).toEqual(
    expect.arrayContaining(['export-customers', 'export-segments', 'export-profiles', 'export-model']),
  );
  for (const id of ids) {
    const [dl] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.getByTestId(id).click(),
    ]);
    names.push(dl.suggestedFilename());
    expect(await dl.failure()).toBeNull();
  }
  return names;
}

test('no request leaves the app origin during a full journey', async ({ page, baseURL }) => {
  test.setTimeout(300_000);
  const origin = new URL(baseURL ?? 'http://127.0.0.1:4173').origin;
  const requests: string[] = [];
  const consoleErrors: string[] = [];
  // Context-level: includes the workers' requests (wasm, module chunks).
  page.context().on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations!.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });

  await page.goto('/');
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("connect-src 'self'");
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).toContain("form-action 'none'");
  expect(csp).not.toContain("'unsafe-eval' "); // only 'wasm-unsafe-eval' is allowed
  // No third-party script or stylesheet in the page (the app's own service worker is same-origin).
  const external = await page.evaluate(() =>
    [...document.querySelectorAll('script[src], link[href], img[src], iframe')]
      .map((e) => (e as HTMLScriptElement).src || (e as HTMLLinkElement).href || '')
      .filter((u) => u !== '' && new URL(u).origin !== location.origin),
  );
  expect(external).toEqual([]);

  await page.getByRole('button', { name: /try the sample data/i }).click();
  await expect(cell(page, 'segments')).toHaveAttribute('data-status', 'ready', { timeout: 240_000 });
  await expect(page.locator('.plot[data-plot-state="drawn"]').first()).toBeVisible({ timeout: 60_000 });

  // Hover the 3D plot and the elbow chart (plotly hover labels), change k, export everything.
  const plot3d = await drawThe3dView(page);
  const box = await plot3d.boundingBox();
  if (box) {
    for (let i = 1; i < 6; i++) await page.mouse.move(box.x + (box.width * i) / 6, box.y + box.height / 2);
  }
  const slider = page.getByLabel('Number of segments (k)');
  const k1 = Number(await slider.inputValue());
  await slider.focus();
  await page.keyboard.press(k1 < 10 ? 'ArrowRight' : 'ArrowLeft');
  await expect(page.getByTestId('k-value')).toHaveText(`k = ${k1 < 10 ? k1 + 1 : k1 - 1}`);
  const files = await downloadAll(page);
  expect(files.length).toBeGreaterThanOrEqual(4);

  // A fetch to another origin is refused by the policy, not just unobserved; so is a beacon and an image.
  const blocked = await page.evaluate(async () => {
    const out: string[] = [];
    try {
      await fetch('https://example.com/collect', { method: 'POST', body: 'x' });
      out.push('fetch sent');
    } catch {
      out.push('fetch blocked');
    }
    try {
      out.push(navigator.sendBeacon('https://example.com/beacon', 'x') ? 'beacon queued' : 'beacon refused');
    } catch {
      out.push('beacon refused');
    }
    return out;
  });
  expect(blocked[0]).toBe('fetch blocked');

  await page.waitForTimeout(3000); // let any late beacon show itself
  const foreign = requests.filter(
    (u) => !u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:'),
  );
  // The probes above are the only foreign URLs the page tried; the policy blocked them before they left.
  expect(foreign.filter((u) => !u.startsWith('https://example.com/'))).toEqual([]);
  expect(requests.length).toBeGreaterThan(0);
  const violations = await page.evaluate(() => window.__cspViolations ?? []);
  expect(violations.filter((v) => !v.includes('example.com'))).toEqual([]);
  expect(consoleErrors.filter((e) => !e.includes('example.com'))).toEqual([]);
});
