/**
 * The model steps end to end on the built-in sample (production build, strict CSP): Transform →
 * Choose k → Segments → Export. Checks the downloads against what the page shows, that changing k
 * changes them, that the 3D plot really drew, and that nothing broke the Content-Security-Policy.
 */
import { expect, test, type Download, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { cell, chooseEngine, drawThe3dView, expectStatus, parseCsv } from './helpers';

declare global {
  interface Window {
    __cspViolations?: string[];
  }
}

async function download(page: Page, testId: string): Promise<{ name: string; bytes: Buffer; dl: Download }> {
  const failed = page.getByRole('alert').filter({ hasText: 'could not be written' });
  const [dl] = await Promise.all([
    page.waitForEvent('download', { timeout: 30_000 }),
    page.getByTestId(testId).click(),
  ]).catch(async (e: unknown) => {
    if (await failed.count()) throw new Error(`export ${testId} failed: ${await failed.innerText()}`);
    throw e;
  });
  const path = await dl.path();
  return { name: dl.suggestedFilename(), bytes: readFileSync(path), dl };
}

const num = (s: string) => Number(s.replace(/[^0-9.-]/g, ''));

/** Sizes shown in the profiles table, by segment id. */
async function profileSizes(page: Page): Promise<number[]> {
  const cells = page.getByTestId('profiles-table').locator('[data-testid^="profile-size-"]');
  return (await cells.allInnerTexts()).map(num);
}

/** Counts pixels of a PNG that are not (near) white, decoded in the page. */
async function nonWhitePixels(
  page: Page,
  png: Buffer,
): Promise<{ total: number; nonWhite: number; colours: number }> {
  return page.evaluate(async (b64) => {
    const bin = atob(b64);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    const bmp = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const canvas = new OffscreenCanvas(bmp.width, bmp.height);
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(bmp, 0, 0);
    const { data } = ctx.getImageData(0, 0, bmp.width, bmp.height);
    let nonWhite = 0;
    const colours = new Set<number>();
    for (let i = 0; i < data.length; i += 4) {
      const r = data[i]!;
      const g = data[i + 1]!;
      const b = data[i + 2]!;
      if (r < 235 || g < 235 || b < 235) {
        nonWhite++;
        colours.add(((r >> 4) << 8) | ((g >> 4) << 4) | (b >> 4));
      }
    }
    return { total: data.length / 4, nonWhite, colours: colours.size };
  }, png.toString('base64'));
}

test('segments: model on the sample, downloads match the page, k changes them, 3D drawn, CSP clean', async ({
  page,
}, testInfo) => {
  test.setTimeout(240_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(m.text());
  });
  await page.addInitScript(() => {
    (window as unknown as { __longTasks: number[] }).__longTasks = [];
    new PerformanceObserver((l) => {
      for (const e of l.getEntries())
        (window as unknown as { __longTasks: number[] }).__longTasks.push(Math.round(e.duration));
    }).observe({ type: 'longtask', buffered: true });
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations!.push(
        `${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`,
      );
    });
  });

  await page.goto('/');
  const t0 = Date.now();
  await page.getByRole('button', { name: 'Try the sample data' }).click();
  // The data steps must reach a ready RFM table (their errors are reported as such).
  await expect
    .poll(
      async () => {
        const alert = cell(page, 'data').getByRole('alert');
        if ((await alert.count()) > 0) return `data step error: ${await alert.first().innerText()}`;
        return cell(page, 'rfm').getAttribute('data-status');
      },
      { timeout: 120_000 },
    )
    .toBe('ready');
  const tRfm = Date.now();
  const modelled = num(await page.getByTestId('rfm-customers').innerText());
  expect(modelled).toBeGreaterThan(4000);

  for (const id of ['transform', 'choose-k', 'segments', 'export']) {
    await expectStatus(page, id, 'ready');
    console.log(`${id} ready ${Date.now() - tRfm} ms after RFM (RFM took ${tRfm - t0} ms)`);
  }
  console.log(await page.getByTestId('engine-info').innerText());
  const tDraw = Date.now();
  // The three projections, and the 3D view unless this browser draws WebGL in software (then it waits
  // for its button, pressed below).
  const gated = await page.getByTestId('segments-3d-gate').isVisible();
  await expect(page.locator('.segments-plots .plot[data-plot-state="drawn"]')).toHaveCount(gated ? 3 : 4);
  console.log(`segment charts drawn ${Date.now() - tDraw} ms after the cells were ready`);

  // Transform: λ for the three features, skewness reduced.
  const transform = page.getByTestId('transform-table');
  await expect(transform.getByRole('row')).toHaveCount(4);
  // Choose k: a suggestion and the k control.
  await expect(page.getByTestId('knee')).toContainText(
    /Recommended: \d+ segments — the gain in fit flattens after \d+/,
  );
  const slider = page.getByLabel('Number of segments (k)');
  const k1 = Number(await slider.inputValue());
  expect(k1).toBeGreaterThanOrEqual(2);
  await expect(page.getByTestId('engine-info')).toContainText('Engine:');

  // Segments: profile sizes sum to the modelled customers.
  await expect(page.getByTestId('profiles-table').locator('[data-testid^="profile-size-"]')).toHaveCount(k1);
  const sizes1 = await profileSizes(page);
  expect(sizes1.reduce((a, b) => a + b, 0)).toBe(modelled);
  // The recommended k is the one set, and the summary at the top of Segments says the real numbers:
  // the segment with the largest revenue share (segment 1, the highest spend), its share of customers.
  await expect(page.getByTestId('knee')).toHaveAttribute('data-recommended-k', String(k1));
  const top = Math.round((sizes1[0]! / modelled) * 100);
  await expect(page.getByTestId('results-ready')).toContainText(
    new RegExp(
      `${k1} segments of ${modelled.toLocaleString('en-US')} customers · .+ ${top} % of customers, \\d+ % of revenue`,
    ),
  );

  // The 3D plot drew customers (non-background pixels in several colours).
  const plot3d = await drawThe3dView(page);
  await expect(plot3d.locator('canvas').first()).toBeAttached();
  await expect(page.locator('.plot[data-plot-state="drawn"]').filter({ has: plot3d })).toHaveCount(1);
  const shot = await plot3d.screenshot({ path: testInfo.outputPath('segments-3d.png') });
  await testInfo.attach('segments-3d.png', {
    path: testInfo.outputPath('segments-3d.png'),
    contentType: 'image/png',
  });
  const px = await nonWhitePixels(page, shot);
  expect(px.nonWhite / px.total, `non-white share ${px.nonWhite}/${px.total}`).toBeGreaterThan(0.03);
  expect(px.colours).toBeGreaterThan(k1);

  // Downloads: all customers.
  const customers = await download(page, 'export-customers');
  expect(customers.name).toMatch(new RegExp(`^online-retail-k${k1}-\\d{4}-\\d{2}-\\d{2}-customers\\.csv$`));
  const rows = parseCsv(customers.bytes.toString('utf8'));
  // (then the RFM scores and named segment, docs/rfm-scores.md; checked in rfm-scores.spec.ts)
  expect(rows[0]).toEqual([
    'customer_id',
    'recency',
    'frequency',
    'monetary',
    'cluster_id',
    'cluster_name',
    'r_score',
    'f_score',
    'm_score',
    'rfm_score',
    'rfm_sum',
    'rfm_segment',
  ]);
  const body = rows.slice(1);
  expect(body).toHaveLength(modelled);
  expect(new Set(body.map((r) => r[0])).size).toBe(modelled);
  const csvSizes = new Array<number>(k1).fill(0);
  for (const r of body) csvSizes[Number(r[4]) - 1]!++;
  expect(csvSizes).toEqual(sizes1);
  for (const r of body.slice(0, 50)) {
    expect(
      Number.isFinite(Number(r[1])) && Number.isFinite(Number(r[2])) && Number.isFinite(Number(r[3])),
    ).toBe(true);
    expect(r[5]!.length).toBeGreaterThan(0);
  }

  // One CSV per segment in a zip: k files whose rows add up.
  const zip = await download(page, 'export-segments');
  expect(zip.name).toMatch(/-segments\.zip$/);
  const files = unzipSync(new Uint8Array(zip.bytes));
  const names = Object.keys(files).sort();
  expect(names).toHaveLength(k1);
  const zipSizes = names.map((n) => parseCsv(strFromU8(files[n]!)).length - 1);
  expect(zipSizes).toEqual(sizes1);
  for (const n of names) expect(parseCsv(strFromU8(files[n]!))[0]).toEqual(rows[0]);

  // Profiles CSV and model JSON agree with the page.
  const profiles = await download(page, 'export-profiles');
  const prow = parseCsv(profiles.bytes.toString('utf8'));
  expect(prow.slice(1).map((r) => Number(r[3]))).toEqual(sizes1);
  const model = await download(page, 'export-model');
  const json = JSON.parse(model.bytes.toString('utf8'));
  expect(json.kmeans.k).toBe(k1);
  expect(json.kmeans.seed).toBe(42);
  expect(json.transform.lambdas).toHaveLength(3);
  expect(json.clusters.map((c: { size: number }) => c.size)).toEqual(sizes1);
  expect(json.dataset.customers).toBe(modelled);

  // A chart as PNG.
  const png = await download(page, 'export-png-segments-3d');
  expect(png.name).toMatch(/-segments-3d\.png$/);
  expect(png.bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  const pngPx = await nonWhitePixels(page, png.bytes);
  expect(pngPx.nonWhite / pngPx.total).toBeGreaterThan(0.02);

  // Rotate the 3D view by dragging; the camera must survive the k change below.
  const camera = () =>
    page.evaluate(() => {
      const gd = document.querySelector('[data-testid="segments-3d"]') as unknown as {
        _fullLayout?: { scene?: { _scene?: { getCamera(): { eye: Record<string, number> } } } };
      };
      const eye = gd._fullLayout?.scene?._scene?.getCamera().eye;
      return eye ? JSON.stringify([eye.x, eye.y, eye.z].map((v) => Number(v!.toFixed(4)))) : null;
    });
  await plot3d.scrollIntoViewIfNeeded();
  const eye0 = await camera();
  const box = (await plot3d.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.55, box.y + box.height * 0.6);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.55 + 140, box.y + box.height * 0.6 + 30, { steps: 10 });
  await page.mouse.up();
  await expect.poll(camera).not.toBe(eye0);
  const eyeDragged = await camera();

  // Change k with the keyboard: everything below follows without a new sweep.
  const lt = () => page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks.slice());
  const ltBefore = (await lt()).length;
  await slider.focus();
  const k2 = k1 < 10 ? k1 + 1 : k1 - 1;
  await page.keyboard.press(k1 < 10 ? 'ArrowRight' : 'ArrowLeft');
  await expect(page.getByTestId('k-value')).toHaveText(`k = ${k2}`);
  await expect(page.getByTestId('profiles-table').locator('[data-testid^="profile-size-"]')).toHaveCount(k2);
  await expectStatus(page, 'choose-k', 'ready');
  const sizes2 = await profileSizes(page);
  await expect(page.locator('.segments-plots .plot[data-plot-state="drawn"]')).toHaveCount(4);
  console.log('long tasks after a k change (ms):', (await lt()).slice(ltBefore).join(' '));
  await expect(page.locator('.plot[data-plot-state="drawn"]').filter({ has: plot3d })).toHaveCount(1);
  expect(await camera(), 'camera kept after changing k').toBe(eyeDragged);
  const customers2 = await download(page, 'export-customers');
  expect(customers2.name).toContain(`-k${k2}-`);
  const body2 = parseCsv(customers2.bytes.toString('utf8')).slice(1);
  expect(body2).toHaveLength(modelled);
  expect(new Set(body2.map((r) => r[4])).size).toBe(k2);
  const csvSizes2 = new Array<number>(k2).fill(0);
  for (const r of body2) csvSizes2[Number(r[4]) - 1]!++;
  expect(csvSizes2).toEqual(sizes2);

  // A typed name is used in the export.
  await page.getByLabel('Name of segment 1').fill('=Top <b>buyers</b>');
  const customers3 = await download(page, 'export-customers');
  const body3 = parseCsv(customers3.bytes.toString('utf8')).slice(1);
  expect(body3.find((r) => r[4] === '1')![5]).toBe("'=Top <b>buyers</b>");

  // The model space (original units on log axes are the default): the 3D plot redraws.
  await cell(page, 'segments').getByLabel('Model space (transformed, standardised)').check();
  await expect(page.locator('.plot[data-plot-state="drawn"]').filter({ has: plot3d })).toHaveCount(1);
  const logShot = await plot3d.screenshot({ path: testInfo.outputPath('segments-3d-original.png') });
  expect((await nonWhitePixels(page, logShot)).nonWhite).toBeGreaterThan(px.total * 0.03);

  // Screenshots of each model cell, kept with the report.
  for (const id of ['transform', 'choose-k', 'segments', 'export']) {
    const path = testInfo.outputPath(`cell-${id}.png`);
    await cell(page, id).screenshot({ path });
    await testInfo.attach(`cell-${id}.png`, { path, contentType: 'image/png' });
  }

  // Cancel a running sweep: older results stay, marked out of date. Forcing the WebGL engine (a software
  // renderer here: seconds of shader compilation and slow iterations) gives a sweep long enough to cancel.
  const chooseK = cell(page, 'choose-k');
  await chooseEngine(page, 'tfjs-webgl');
  await expect(chooseK.getByRole('progressbar')).toBeVisible();
  await chooseK.getByRole('button', { name: 'Cancel' }).click({ timeout: 10_000 });
  await expectStatus(page, 'choose-k', 'stale');
  await expect(chooseK.getByText('Cancelled', { exact: true })).toBeVisible();
  await expect(page.getByTestId('profiles-table').locator('[data-testid^="profile-size-"]')).toHaveCount(k2);
  // Back to automatic: the sweep runs again and k is kept.
  await chooseEngine(page, 'auto');
  await expectStatus(page, 'choose-k', 'ready');
  await expect(page.getByTestId('k-value')).toHaveText(`k = ${k2}`);

  console.log(
    'long tasks (ms):',
    (await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks)).join(' '),
  );
  const csp = await page.evaluate(() => window.__cspViolations ?? []);
  expect(csp, `CSP violations: ${csp.join('\n')}`).toEqual([]);
  expect(pageErrors.filter((e) => /eval|Refused|violat/i.test(e))).toEqual([]);
});
