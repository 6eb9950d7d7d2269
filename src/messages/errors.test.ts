import { describe, expect, it } from 'vitest';
import { UserFacingError, type ErrorCode, type ErrorOf } from '../core/errors';
import { MESSAGE_CODES, errorMessage, errorText } from './errors';

/**
 * One example of every code. The mapped type makes a new code without an example a compile error
 * here, as the message table's type does in errors.ts.
 */
const EXAMPLES: { readonly [C in ErrorCode]: ErrorOf<C> } = {
  'empty-file': { code: 'empty-file', fileName: 'b.csv', why: 'zero-bytes' },
  'bad-gzip': { code: 'bad-gzip', fileName: 'a.csv.gz', why: 'truncated' },
  'binary-file': { code: 'binary-file', fileName: 'a.csv', why: 'nul' },
  'bad-encoding': { code: 'bad-encoding', fileName: 'a.csv', encoding: 'x-klingon' },
  'header-only': { code: 'header-only', fileName: 'a.csv' },
  'no-usable-columns': { code: 'no-usable-columns', fileName: 'a.csv', column: 'id;amount' },
  'xlsx-old-format': { code: 'xlsx-old-format', fileName: 'old.xls' },
  'xlsx-not-workbook': { code: 'xlsx-not-workbook', why: 'no-workbook-xml' },
  'xlsx-encrypted': { code: 'xlsx-encrypted' },
  'xlsx-binary': { code: 'xlsx-binary' },
  'xlsx-ods': { code: 'xlsx-ods' },
  'xlsx-corrupt': {
    code: 'xlsx-corrupt',
    why: 'zip-structure',
    detail: 'no end record',
    fileName: 'cut.xlsx',
  },
  'xlsx-no-sheet': { code: 'xlsx-no-sheet', want: '2012', sheets: ['2010', '2011'], fileName: 'multi.xlsx' },
  'xlsx-empty-sheet': { code: 'xlsx-empty-sheet', sheet: 'Empty', sheets: ['Empty', 'Data'] },
  'no-data': { code: 'no-data' },
  'bad-mapping': { code: 'bad-mapping', fileName: 'a.csv', column: 7 },
  'missing-roles': { code: 'missing-roles', need: 'roles', roles: ['customer', 'date'], fileName: 'a.csv' },
  'no-mapping': { code: 'no-mapping' },
  'nothing-kept': { code: 'nothing-kept', fileName: 'a.csv' },
  'no-customers': { code: 'no-customers', fileName: 'a.csv' },
  'rfm-table-no-dates': { code: 'rfm-table-no-dates' },
  'before-day-invalid': { code: 'before-day-invalid', detail: 'no kept line is dated before 2010-01-01' },
  'not-transactions': { code: 'not-transactions', fileName: 'rfm.csv', wanted: 'outliers' },
  'worker-crashed': { code: 'worker-crashed', detail: 'out of memory' },
  'power-non-finite': { code: 'power-non-finite', column: 'recency', customer: 2, value: 'NaN' },
  'power-overflow': { code: 'power-overflow', why: 'value', column: 'monetary', customer: 3, value: 1e308 },
  'power-too-few-rows': { code: 'power-too-few-rows', n: 1 },
  'power-constant-column': { code: 'power-constant-column', why: 'same', column: 'frequency', value: 3 },
  'power-inverse-domain': { code: 'power-inverse-domain', row: 2, column: 'recency', value: 2.5 },
  'kmeans-bad-k': { code: 'kmeans-bad-k', k: 0 },
  'kmeans-k-too-large': { code: 'kmeans-k-too-large', k: 9, n: 4 },
  'kmeans-non-finite': { code: 'kmeans-non-finite', row: 5 },
  'sweep-bad-range': { code: 'sweep-bad-range', kMin: 2, kMax: 12, n: 5 },
  'engine-crashed': { code: 'engine-crashed', detail: 'Uncaught RangeError: out of memory' },
  'transform-failed': { code: 'transform-failed', detail: 'x' },
  'sweep-failed': { code: 'sweep-failed', detail: 'x' },
  'profile-failed': { code: 'profile-failed', detail: 'x' },
  'glance-failed': { code: 'glance-failed', detail: 'x' },
  'missing-columns': { code: 'missing-columns', roles: ['recency', 'monetary'] },
  'no-date': { code: 'no-date', roles: ['customer', 'date'], noMoney: true },
  'mapping-unusable': { code: 'mapping-unusable' },
  'needs-confirmation': { code: 'needs-confirmation' },
  'too-few-customers': { code: 'too-few-customers', n: 1 },
  'rfm-value-unusable': {
    code: 'rfm-value-unusable',
    feature: 'monetary',
    customer: '12346',
    notANumber: false,
  },
  cancelled: { code: 'cancelled' },
  'run-file-not-open': { code: 'run-file-not-open', fileName: 'sales.csv' },
  'run-other-file': { code: 'run-other-file', fileName: 'sales.csv' },
  'sample-fetch': { code: 'sample-fetch', status: 404 },
  'storage-full': { code: 'storage-full', what: 'a copy of the file', bytes: 312.5e6 },
  'storage-failed': { code: 'storage-failed', detail: 'denied' },
  'storage-unavailable': { code: 'storage-unavailable' },
  'runs-storage': { code: 'runs-storage', detail: 'blocked' },
  internal: { code: 'internal', detail: 'boom' },
};

describe('error messages (src/messages/errors.ts)', () => {
  it('every code has a sentence: a full sentence with its facts, nothing undefined', () => {
    expect([...MESSAGE_CODES].sort()).toEqual(Object.keys(EXAMPLES).sort());
    for (const example of Object.values(EXAMPLES)) {
      const text = errorMessage(example);
      expect(text, example.code).not.toBe('');
      // before-day-invalid is the model core's detail, set inside the apply step's sentence
      if (example.code === 'before-day-invalid') continue;
      expect(text, example.code).toMatch(/^[A-Z"]/);
      expect(text, example.code).toMatch(/[.)]$/);
      expect(text, example.code).not.toMatch(/undefined|\[object|NaN\b(?!,)/);
    }
  });

  it('writes the sentences the UI and the CLI always showed', () => {
    expect(errorMessage(EXAMPLES['empty-file'])).toBe(
      '"b.csv" is empty (0 bytes). Choose the file again or export it anew from your spreadsheet.',
    );
    expect(errorMessage(EXAMPLES['power-overflow'])).toBe(
      "The monetary value of customer 3 is 1.000e+308, too large to be real (more than 10^15); check the column's units or remove that row.",
    );
    expect(errorMessage(EXAMPLES['kmeans-k-too-large'])).toBe(
      'Cannot make 9 segments from 4 customers; choose at most 4 segments.',
    );
    expect(errorMessage(EXAMPLES['xlsx-no-sheet'])).toBe(
      '"multi.xlsx": The workbook has no sheet named "2012". Its sheets are: "2010", "2011".',
    );
    expect(
      errorMessage({ code: 'header-only', fileName: 'm.xlsx', sheet: 'Header only', otherSheets: ['2010'] }),
    ).toBe(
      'The sheet "Header only" of "m.xlsx" has a header row but no data rows. Add the data below the header and save it again. Or choose another sheet: "2010".',
    );
    expect(errorMessage({ ...EXAMPLES['xlsx-corrupt'], fileName: 'export.csv', notText: true })).toBe(
      '"export.csv" is not a text file but a ZIP archive or spreadsheet workbook. This workbook could not be opened: its ZIP structure is damaged (no end record). Open it in Excel or LibreOffice and save it again, or export the sheet as CSV.',
    );
    expect(errorMessage(EXAMPLES['engine-crashed'])).toBe(
      'The compute engine stopped unexpectedly twice on this step (Uncaught RangeError: out of memory). Press "Run again"; if it keeps failing, choose the "plain" engine or fewer customers.',
    );
    expect(errorMessage(EXAMPLES['storage-full'])).toContain('keep a copy of the file (312.5 MB)');
    // the store's own checks (src/store: the Columns and Transform steps)
    expect(errorMessage(EXAMPLES['no-date'])).toBe(
      "Choose a column for customer id and date below: the RFM table cannot be computed without them. No date column was found (and no money column): without the date of each purchase there is no recency, so this file cannot be segmented. Choose the column that holds each order's date if it has another name, or export the file again with the order date (a customer summary needs a last-purchase date or a recency in days).",
    );
    expect(errorMessage({ code: 'missing-columns', roles: ['date'] })).toBe(
      'Choose a column for date below: the RFM table cannot be computed without it.',
    );
    expect(errorMessage(EXAMPLES['too-few-customers'])).toBe(
      'The RFM table has 1 customer; segmentation needs at least 2. Loosen the cleaning rules or choose another file.',
    );
    expect(errorMessage(EXAMPLES['rfm-value-unusable'])).toBe(
      'The monetary value of customer "12346" is too large to compute with (beyond 10^15). Check the quantity and price of that customer\'s lines (a value such as 1e308 overflows), fix or remove them, and the model runs again.',
    );
    expect(errorMessage(EXAMPLES.internal)).toBe(
      'Something unexpected went wrong (boom). Your earlier results are kept; try again or reload the page.',
    );
  });

  it('errorText reads a thrown UserFacingError (or a rebuilt one) and nothing else', () => {
    const e = new UserFacingError({ code: 'no-data' });
    expect(e.message).toBe('no-data'); // no sentence in the error itself
    expect(errorText(e)).toBe('No file is loaded yet. Drop a file or open the sample first.');
    expect(errorText({ code: 'no-data', facts: { code: 'no-data' } })).toBe(errorText(e));
    expect(errorText(new Error('plain'))).toBeNull();
    expect(errorText({ code: 'model-format', message: 'x' })).toBeNull();
  });
});
