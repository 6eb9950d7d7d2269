/**
 * "The production build works offline after the first load": one online visit with the sample
 * (?sample=online-retail) installs the service worker, which precaches the app and keeps the sample;
 * then, with the network cut, the same address opens the app from the cache, and it loads the sample
 * and computes RFM (same customer count as online) and the Transform step (tfjs engine, wasm files
 * from the cache). No request leaves the app's origin and the console stays free of errors.
 */
import { expect, test } from '@playwright/test';
import { expectPipelineReady, expectStatus } from './helpers';

test('after one online visit with the sample, the app opens and computes it offline', async ({
  page,
  context,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const origin = new URL(baseURL ?? 'http://127.0.0.1:4173').origin;
  const requests: string[] = [];
  const consoleErrors: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));

  // First visit, online: the sample is fetched before any service worker exists.
  const first = await page.goto('/?sample=online-retail');
  expect(first?.fromServiceWorker()).toBe(false);
  await expectPipelineReady(page);
  const customers = await page.getByTestId('rfm-customers').innerText();
  expect(customers).toMatch(/^[1-9][\d,]* customers modelled$/);
  await expectStatus(page, 'transform', 'ready');

  // The worker installs in the background (precache), takes control of this page and keeps the sample.
  await expect
    .poll(
      () =>
        page.evaluate(async () => {
          await navigator.serviceWorker.ready;
          const sample = await caches.match(new URL('sample/online-retail.csv.gz', location.href).href);
          return navigator.serviceWorker.controller !== null && sample !== undefined;
        }),
      { timeout: 60_000 },
    )
    .toBe(true);

  await context.setOffline(true);
  const offline = await page.reload();
  expect(offline?.fromServiceWorker()).toBe(true);
  await expectPipelineReady(page);
  await expect(page.getByTestId('fact-rows')).toHaveText('541,909');
  await expect(page.getByTestId('rfm-customers')).toHaveText(customers);
  await expectStatus(page, 'transform', 'ready');

  const foreign = requests.filter(
    (u) => !u.startsWith(`${origin}/`) && !u.startsWith('blob:') && !u.startsWith('data:'),
  );
  expect(foreign).toEqual([]);
  expect(consoleErrors).toEqual([]);

  // The network really is gone (for the page and for its worker): a file never cached cannot be had.
  const probe = await page.evaluate(() =>
    fetch('never-cached.txt').then(
      () => 'reached the server',
      () => 'failed',
    ),
  );
  expect(probe).toBe('failed');
});
