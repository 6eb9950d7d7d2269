/**
 * Spreadsheets as analysts actually have them: the whole UCI Online Retail data as an Excel workbook,
 * as a Windows-1252 CSV with M/D/YYYY H:MM dates, and as a ';'-separated decimal-comma CSV with
 * D/M/YYYY H:MM dates (all written from public/sample/online-retail.csv.gz by
 * scripts/data/make-variants.mjs) must each give the RFM table the plain UTF-8 CSV gives: the pandas
 * reference of src/core/rfm/__fixtures__/online-retail-default.json, which data-pipeline.spec.ts
 * checks the plain CSV against (cleaning counts, customer count, several customers' R/F/M).
 *
 * The variants are generated once per content of the inputs (the .gz, the script and the xlsx
 * writer) into the OS temp folder and reused by later runs: about 40 s of Node under load.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { msToSerial, writeXlsx, type WriterRow } from '../scripts/data/xlsx-writer.mjs';
import {
  ROOT,
  UCI_GZ,
  cell,
  chooseFile,
  expectCustomersMatch,
  expectPipelineReady,
  expectStatus,
  fmt,
  readFixture,
  sampleIds,
} from './helpers';

const SCRIPT = join(ROOT, 'scripts', 'data', 'make-variants.mjs');
const WRITER = join(ROOT, 'scripts', 'data', 'xlsx-writer.mjs');
const XLSX = 'online-retail.xlsx';
const WIN1252 = 'online-retail-win1252-mdy.csv';
const SEMICOLON = 'online-retail-semicolon-dmy.csv';
const POUND = 'Dotcomgiftshop Gift Voucher £40.00';

const uci = readFixture('online-retail-default');
const IDS = ['12347', '12348', '12349', '17850', '18287', ...sampleIds(uci.rfm)];

/** Runs make-variants.mjs with `args` into a temp folder named by the inputs' hash, unless already there. */
function variants(args: readonly string[]): string {
  const hash = createHash('sha1');
  for (const f of [UCI_GZ, SCRIPT, WRITER]) hash.update(readFileSync(f));
  hash.update(args.join(' '));
  const dir = join(tmpdir(), 'segment-notebook-formats', hash.digest('hex').slice(0, 16));
  const done = join(dir, 'done');
  if (!existsSync(done)) {
    const t = Date.now();
    execFileSync(process.execPath, [SCRIPT, '--out', dir, '--no-verify', ...args], {
      cwd: ROOT,
      stdio: 'inherit',
    });
    writeFileSync(done, `${Date.now() - t} ms\n`);
  }
  return dir;
}

let full = '';
let window = '';
let small = '';

test.describe.configure({ mode: 'serial' });

test.beforeAll(() => {
  // Every row, so (a) is the whole UCI data; deflate level 1 halves the writing time.
  full = variants(['--level', '1']);
  // Data rows 38,241–38,260: the first '£' line (spreadsheet row 38,250) is preview row 9.
  window = variants(['--skip', '38240', '--rows', '20']);
  small = join(tmpdir(), 'segment-notebook-formats', 'small');
  mkdirSync(small, { recursive: true });
  writeSmallWorkbooks(small);
});

/**
 * The first `count` UCI lines of a month as workbook rows the way Excel stores them (quantities,
 * prices and customer ids as numbers, dates as serials with a date style).
 */
function uciRows(lines: readonly string[], year: number, month: number, count: number): WriterRow[] {
  const out: WriterRow[] = [lines[0]!.split(',')];
  for (const line of lines.slice(1)) {
    if (out.length > count) break;
    const f = line.split(',');
    if (f.length !== 8) continue; // (lines whose description holds a comma are not needed here)
    const [inv, code, desc, qty, date, price, cust, country] = f as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const [mo, d, y, h, mi] = date.match(/\d+/g)!.map(Number) as [number, number, number, number, number];
    if (y !== year || mo !== month) continue;
    out.push([
      inv,
      code,
      desc,
      Number(qty),
      { t: 'n', v: msToSerial(Date.UTC(y, mo - 1, d, h, mi)), s: 1 },
      Number(price),
      cust === '' ? null : Number(cust),
      country,
    ]);
  }
  return out;
}

/** 'shop-export.xlsx': a cover sheet, then one sheet per month; 'old.xls': an Excel 97–2003 file header. */
function writeSmallWorkbooks(dir: string): void {
  // The M/D/YYYY variant: plain ',' lines, the month first.
  const lines = readFileSync(join(full, WIN1252), 'latin1').split('\r\n');
  const book = writeXlsx({
    sheets: [
      { name: 'Read me', rows: [['Exported from the shop system'], ['Amounts in £']] },
      { name: 'December', rows: uciRows(lines, 2010, 12, 300) },
      { name: 'January', rows: uciRows(lines, 2011, 1, 200) },
    ],
    numFmts: [{ id: 164, code: 'dd/mm/yyyy hh:mm' }],
    cellXfs: [0, 164],
  });
  writeFileSync(join(dir, 'shop-export.xlsx'), book);
  const ole2 = new Uint8Array(1024);
  ole2.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  writeFileSync(join(dir, 'old.xls'), ole2);
}

/** The data, columns, cleaning and RFM cells agree with the plain CSV's reference. */
async function expectSameRfmAsCsv(page: Page): Promise<void> {
  await expectPipelineReady(page);
  await expect(page.getByTestId('fact-rows')).toHaveText('541,909');
  await expect(page.getByTestId('columns-customers')).toHaveText('4,372 customer ids');
  for (const s of uci.steps ?? []) {
    await expect(page.getByTestId(`removed-rows-${s.rule}`), s.rule).toHaveText(fmt(s.rowsRemoved));
    await expect(page.getByTestId(`removed-customers-${s.rule}`), s.rule).toHaveText(fmt(s.customersRemoved));
  }
  await expect(page.getByTestId('rfm-customers')).toHaveText(
    `${fmt(Object.keys(uci.rfm).length)} customers modelled`,
  );
  await expect(page.getByTestId('rfm-excluded')).toHaveText(
    `${fmt(uci.excludedNonPositive ?? -1)} excluded with monetary ≤ 0`,
  );
  await expectCustomersMatch(page, uci.rfm, IDS);
}

/** Picks a file and waits for the Data cell; returns the wall time until it was ready (ms). */
async function load(page: Page, path: string): Promise<number> {
  const t = Date.now();
  await chooseFile(page, path);
  await expectStatus(page, 'data', 'ready');
  return Date.now() - t;
}

const dateOrder = (page: Page, name: RegExp) => cell(page, 'columns').getByRole('radio', { name });

test('(a) the whole UCI workbook: progress, Cancel, the same RFM as the CSV; its second sheet loads', async ({
  page,
}, testInfo) => {
  await page.goto('/');
  const data = cell(page, 'data');
  // Cancel while the workbook is being read leaves the page as it was.
  await chooseFile(page, join(full, XLSX));
  const bar = data.getByRole('progressbar');
  await expect(bar).toHaveAttribute('aria-valuetext', /of [\d.]+ MB · [\d,]+ rows/);
  await data.getByRole('button', { name: 'Cancel' }).click();
  await expectStatus(page, 'data', 'waiting');
  await expect(page.getByTestId('file-facts')).toHaveCount(0);
  await expect(bar).toHaveCount(0);

  const ms = await load(page, join(full, XLSX));
  const parse = await page
    .getByTestId('file-facts')
    .locator('div', { hasText: 'Parse time' })
    .locator('dd')
    .innerText();
  testInfo.annotations.push({
    type: 'timing',
    description: `workbook (541,909 rows): ready ${ms} ms after the file was chosen; parse time shown: ${parse}`,
  });
  console.log(`[formats] workbook load: ${ms} ms to ready, parse time shown ${parse}`);
  await expectSameRfmAsCsv(page);
  await expect(dateOrder(page, /^Year-month-day/)).toBeChecked();
  await expect(cell(page, 'columns')).toContainText('WHITE HANGING HEART T-LIGHT HOLDER');

  // Two sheets: the select shows both; choosing "About" loads that sheet.
  const sheet = data.getByLabel('Sheet');
  await expect(sheet).toHaveValue('Online Retail');
  await expect(sheet.locator('option')).toHaveText(['Online Retail', 'About']);
  await sheet.selectOption('About');
  await expectStatus(page, 'data', 'ready');
  await expect(data.getByLabel('Sheet')).toHaveValue('About');
  await expect(cell(page, 'columns')).toContainText('541909');
  await expect(page.getByTestId('fact-rows')).not.toHaveText('541,909');
});

test('(b) Windows-1252 CSV with M/D/YYYY H:MM dates: the same RFM as the CSV', async ({ page }, testInfo) => {
  await page.goto('/');
  const ms = await load(page, join(full, WIN1252));
  testInfo.annotations.push({
    type: 'timing',
    description: `windows-1252 CSV: ready ${ms} ms after the file was chosen`,
  });
  console.log(`[formats] windows-1252 CSV load: ${ms} ms to ready`);
  await expect(page.getByTestId('fact-encoding')).toHaveText('windows-1252');
  await expectSameRfmAsCsv(page);
  await expect(dateOrder(page, /^Month \/ day \/ year/)).toBeChecked();
});

test('(c) ; separated, decimal commas, D/M/YYYY H:MM: the same RFM as the CSV', async ({
  page,
}, testInfo) => {
  await page.goto('/');
  const ms = await load(page, join(full, SEMICOLON));
  testInfo.annotations.push({
    type: 'timing',
    description: `semicolon CSV: ready ${ms} ms after the file was chosen`,
  });
  console.log(`[formats] semicolon CSV load: ${ms} ms to ready`);
  await expect(page.getByTestId('file-facts')).toContainText('semicolon');
  await expectSameRfmAsCsv(page);
  await expect(dateOrder(page, /^Day \/ month \/ year/)).toBeChecked();
});

test("'£' survives in every format; a forced encoding rereads the file", async ({ page }) => {
  await page.goto('/');
  const columns = cell(page, 'columns');
  for (const [name, order] of [
    [XLSX, /^Year-month-day/],
    [SEMICOLON, /^Day \/ month \/ year/],
    [WIN1252, /^Month \/ day \/ year/],
  ] as const) {
    await load(page, join(window, name));
    await expect(page.getByTestId('fact-rows'), name).toHaveText('20');
    await expect(columns, name).toContainText(POUND);
    // 20 December 2010: the day decides the order.
    await expect(dateOrder(page, order), name).toBeChecked();
  }
  // The last one is the Windows-1252 file: read as UTF-8 the '£' byte is not a character…
  const enc = cell(page, 'data').getByLabel('Text encoding');
  await expect(enc).toHaveValue('');
  await expect(enc.locator('option:checked')).toHaveText('Auto');
  await expect(page.getByTestId('fact-encoding')).toHaveText('windows-1252');
  await enc.selectOption('utf-8');
  await expectStatus(page, 'data', 'ready');
  await expect(page.getByTestId('fact-encoding')).toHaveText('utf-8');
  await expect(enc.locator('option:checked')).toHaveText('UTF-8');
  await expect(columns).toContainText('Dotcomgiftshop Gift Voucher \uFFFD40.00');
  await expect(columns).not.toContainText(POUND);
  // …and back to detection gives it back.
  await enc.selectOption('');
  await expectStatus(page, 'data', 'ready');
  await expect(columns).toContainText(POUND);
  await expect(page.getByTestId('fact-encoding')).toHaveText('windows-1252');
  await expect(enc.locator('option:checked')).toHaveText('Auto');
});

test('a workbook with a cover sheet and a sheet per month: the first table is read, the select switches', async ({
  page,
}) => {
  await page.goto('/');
  await load(page, join(small, 'shop-export.xlsx'));
  const data = cell(page, 'data');
  const sheet = data.getByLabel('Sheet');
  await expect(sheet).toHaveValue('December');
  await expect(sheet.locator('option')).toHaveText(['Read me', 'December', 'January']);
  const december = await page.getByTestId('fact-rows').innerText();
  expect(Number(december.replace(/,/g, ''))).toBeGreaterThan(250);
  await expect(cell(page, 'columns')).toContainText('2010-12-01');
  await sheet.selectOption('January');
  await expectStatus(page, 'data', 'ready');
  await expect(data.getByLabel('Sheet')).toHaveValue('January');
  await expect(page.getByTestId('fact-rows')).not.toHaveText(december);
  await expect(cell(page, 'columns')).toContainText('2011-01-');
  await expectPipelineReady(page);
  // The cover sheet holds no table: asked for, it is explained, and January stays loaded.
  await data.getByLabel('Sheet').selectOption('Read me');
  await expect(page.getByTestId('load-error')).toContainText(
    '"Read me" of "shop-export.xlsx" has a single column',
  );
  await expect(page.getByTestId('load-error')).toContainText('The previous file, shop-export.xlsx');
});

test('an Excel 97–2003 .xls is refused with what to do', async ({ page }) => {
  await page.goto('/');
  await chooseFile(page, join(small, 'old.xls'));
  await expect(page.getByTestId('load-error')).toContainText('save it as .xlsx or CSV');
  await expect(page.getByTestId('file-facts')).toHaveCount(0);
});
