import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import {
  CDNOW,
  cell,
  chooseFile,
  expectPipelineReady,
  expectStatus,
  fmt,
  readFixture,
  rfmRow,
} from './helpers';

const cdnow = readFixture('cdnow-default');
const cdnowCount = `${fmt(Object.keys(cdnow.rfm).length)} customers modelled`;

let dir = '';
test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'segment-bad-input-'));
});
test.afterAll(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

function write(name: string, content: string | Uint8Array): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

/** A few bytes of a real .xlsx (a zip: "PK\x03\x04" + binary) renamed .csv. */
function fakeWorkbook(): Uint8Array {
  const bytes = new Uint8Array(4096);
  bytes.set([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00]);
  let x = 12345;
  for (let i = 14; i < bytes.length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    bytes[i] = x >>> 24;
  }
  return bytes;
}

test('bad files give a clear message; the CDNOW results stay and the app stays usable', async ({ page }) => {
  await page.goto('/');
  await chooseFile(page, CDNOW);
  await expectPipelineReady(page);
  await expect(page.getByTestId('rfm-customers')).toHaveText(cdnowCount);

  const cases: { name: string; content: string | Uint8Array; says: RegExp }[] = [
    { name: 'empty.csv', content: '', says: /"empty\.csv" is empty/ },
    {
      name: 'header-only.csv',
      content: 'CustomerID,InvoiceDate,Quantity,UnitPrice\n',
      says: /"header-only\.csv" has a header row but no data rows/,
    },
    {
      name: 'workbook.csv',
      content: fakeWorkbook(),
      says: /"workbook\.csv" (is not a text file|contains NUL bytes)/,
    },
  ];
  const loadError = page.getByTestId('load-error');
  for (const c of cases) {
    await chooseFile(page, write(c.name, c.content));
    await expect(loadError).toContainText(c.says);
    await expect(loadError).toHaveAttribute('role', 'alert');
    await expect(loadError).toContainText(
      'The previous file, cdnow-master.txt, and its results are still loaded.',
    );
    await expectStatus(page, 'data', 'error');
    // Everything downstream is as it was.
    await expect(page.getByTestId('fact-rows')).toHaveText('69,659');
    await expect(page.getByTestId('columns-customers')).toHaveText('23,570 customer ids');
    await expectStatus(page, 'rfm', 'ready');
    await expect(page.getByTestId('rfm-customers')).toHaveText(cdnowCount);
  }
  // The table still works.
  expect(await rfmRow(page, '00001')).toEqual({
    r: cdnow.rfm['00001']![0],
    f: cdnow.rfm['00001']![1],
    m: cdnow.rfm['00001']![2],
  });

  // A readable file with none of the needed columns: the Columns step names what is missing;
  // the RFM table of CDNOW stays and says whose it is.
  await chooseFile(
    page,
    write('colours.csv', 'colour,size,shape\nred,10,round\nblue,12,square\ngreen,9,oval\n'),
  );
  await expectStatus(page, 'columns', 'error');
  const mappingError = page.getByTestId('mapping-error');
  await expect(mappingError).toContainText('Choose a column for customer id and date');
  await expect(mappingError).toContainText('No date column was found (and no money column)');
  await expect(page.getByTestId('rfm-customers')).toHaveText(cdnowCount);
  await expect(cell(page, 'rfm')).toContainText('Showing the results of cdnow-master.txt');

  // Mapping the columns by hand clears the message (the values are then checked).
  const columns = cell(page, 'columns');
  await columns.getByRole('combobox', { name: /^Customer id/ }).selectOption({ label: 'colour' });
  await expect(mappingError).toContainText('Choose a column for date below');

  // The app is still usable: load CDNOW again and get the same table.
  await chooseFile(page, CDNOW);
  await expectPipelineReady(page);
  await expect(page.getByTestId('rfm-customers')).toHaveText(cdnowCount);
  await expect(page.getByTestId('load-error')).toHaveCount(0);
});

test('unreadable dates and numbers are counted with example rows, and removed by a named rule', async ({
  page,
}) => {
  const csv = [
    'InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID,Country',
    '1001,A1,2,2011-03-01 10:00,1.50,501,France', // row 2
    '1002,A2,1,not a date,2.00,502,France', // row 3: bad date
    '1003,A3,three,2011-03-02 11:00,4.00,503,France', // row 4: bad quantity
    '1004,A4,5,2011-03-03 12:00,1.00,501,France', // row 5
    '1005,A5,1,2011-13-45 09:00,3.00,504,France', // row 6: bad date
    '1006,A6,4,2011-03-05 08:00,??,505,France', // row 7: bad price
    '1007,A7,3,2011-03-06 09:30,2.50,502,France', // row 8
  ].join('\n');
  await page.goto('/');
  await chooseFile(page, write('problems.csv', `${csv}\n`));
  await expectPipelineReady(page);
  const problems = page.getByTestId('mapping-problems');
  await expect(problems).toContainText(/2\s+values in column\s+InvoiceDate/);
  await expect(problems).toContainText('row 3: "not a date"');
  await expect(problems).toContainText('row 6: "2011-13-45 09:00"');
  await expect(problems).toContainText(/1\s+value in column\s+Quantity/);
  await expect(problems).toContainText('row 4: "three"');
  await expect(problems).toContainText(/1\s+value in column\s+UnitPrice/);
  await expect(problems).toContainText('row 7: "??"');
  // The four rows are removed by "Unreadable rows", which says so.
  await expect(page.getByTestId('removed-rows-invalidRows')).toHaveText('4');
  // RFM from the three good rows: customers 501 (rows 2, 5) and 502 (row 8).
  await expect(page.getByTestId('rfm-customers')).toHaveText('2 customers modelled');
  expect(await rfmRow(page, '501')).toEqual({ r: 3, f: 2, m: 8 });
  expect(await rfmRow(page, '502')).toEqual({ r: 0, f: 1, m: 7.5 });
});

test('dates that read both ways: the app asks day/month or month/day, and the answer changes RFM', async ({
  page,
}) => {
  const csv = [
    'InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID,Country',
    '1,A,1,01/02/2011 10:00,2.00,7001,France',
    '2,A,1,03/08/2011 10:00,3.00,7002,France',
    '3,A,1,05/06/2011 10:00,4.00,7001,France',
  ].join('\n');
  await page.goto('/');
  await chooseFile(page, write('ambiguous.csv', `${csv}\n`));
  await expectPipelineReady(page);
  const columns = cell(page, 'columns');
  await expect(columns.getByText('Which comes first in the dates, the day or the month?')).toBeVisible();
  const group = columns.getByRole('group', { name: 'Dates are written as' });
  const mdy = group.getByRole('radio', { name: /Month \/ day \/ year/ });
  const dmy = group.getByRole('radio', { name: /Day \/ month \/ year/ });
  await expect(mdy).toBeChecked();
  // Month first: Jan 2, Mar 8, May 6 → analysis May 7; 7001 bought May 6, 7002 on Mar 8.
  await expect(columns).toContainText('2011-01-02 10:00 to 2011-05-06 10:00');
  expect(await rfmRow(page, '7001')).toEqual({ r: 0, f: 2, m: 6 });
  expect(await rfmRow(page, '7002')).toEqual({ r: 59, f: 1, m: 3 });

  await dmy.check();
  // Day first: Feb 1, Aug 3, Jun 5 → analysis Aug 4.
  await expect(cell(page, 'columns')).toContainText('2011-02-01 10:00 to 2011-08-03 10:00');
  await expectPipelineReady(page);
  await expect(cell(page, 'rfm')).toContainText('analysis time 2011-08-04');
  expect(await rfmRow(page, '7001')).toEqual({ r: 59, f: 2, m: 6 });
  expect(await rfmRow(page, '7002')).toEqual({ r: 0, f: 1, m: 3 });
});

test('a report title above the header: the Data step names the header line and reads the file from it', async ({
  page,
}) => {
  const cdnowText = readFileSync(join(process.cwd(), 'fixtures/cdnow-master.txt'), 'utf8').trim().split('\n');
  // CDNOW as a comma file under a two-line title
  const rows = cdnowText.map((l) => l.trim().split(/\s+/).join(','));
  await page.goto('/');
  await chooseFile(
    page,
    write('report.csv', `CD sales 1997-1998\nExported 1998-07-01,,,\n${rows.join('\n')}\n`),
  );
  const note = page.getByTestId('title-lines');
  await expect(note).toContainText('The header looks like line 3, not line 1');
  await expect(note).toContainText(
    'Lines 1–2 (“CD sales 1997-1998”, “Exported 1998-07-01”) look like a title',
  );
  await expect(note).toContainText(
    'line 3 (“customer_id, date, number_of_cds, dollar_value”) names the columns',
  );
  await note.getByRole('button', { name: 'Read line 3 as the header' }).click();
  const skipped = page.getByTestId('skipped-lines');
  await expect(skipped).toContainText('Lines 1–2 were skipped as a title: the header is line 3');
  await expectPipelineReady(page);
  await expect(page.getByTestId('fact-rows')).toHaveText(fmt(rows.length - 1));
  await expect(page.getByTestId('rfm-customers')).toHaveText(cdnowCount);
  // and back: line 1 as the header again
  await skipped.getByRole('button', { name: 'Read line 1 as the header' }).click();
  await expect(page.getByTestId('title-lines')).toBeVisible();
});

test('a status column marking cancelled orders: the Cleaning step says they count as purchases', async ({
  page,
}) => {
  const lines = readFileSync(join(process.cwd(), 'fixtures/real/superstore-2019-head.csv'), 'utf8')
    .trim()
    .split(/\r?\n/);
  const marked = lines.map(
    (l, i) => `${l},${i === 0 ? 'Order Status' : i % 10 === 0 ? 'Cancelled' : 'Completed'}`,
  );
  const cancelled = lines.slice(1).filter((_, i) => (i + 1) % 10 === 0).length;
  await page.goto('/');
  await chooseFile(page, write('orders-status.csv', `${marked.join('\n')}\n`));
  await expectPipelineReady(page);
  const warning = page.getByTestId('status-warning');
  await expect(warning).toContainText(
    `The column “Order Status” marks ${cancelled} lines (${((100 * cancelled) / (lines.length - 1)).toFixed(1)}%) as “Cancelled” (${cancelled})`,
  );
  await expect(warning).toContainText('No rule reads that column, so they count as purchases');
});
