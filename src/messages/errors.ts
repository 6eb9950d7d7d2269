/**
 * The one place error codes become sentences (src/core/errors.ts has the codes and their facts).
 * The store's step errors, the features and the command line all show these sentences, so the UI
 * and the CLI say the same thing. The table is typed over every code: a code without a sentence
 * does not compile.
 */
import type { AppErrorData, ErrorCode, ErrorOf } from '../core/errors';
import type { Role } from '../core/ingest/types';
import { errorFacts } from '../core/errors';
import { listRoles } from './roles';

const quoted = (names: readonly string[]) => names.map((n) => `"${n}"`).join(', ');
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** A workbook's sentence with the file named in front, as the loaders always did. */
function workbook(f: { fileName?: string; notText?: boolean }, base: string): string {
  if (f.fileName === undefined || f.fileName === '') return base;
  if (f.notText)
    return `"${f.fileName}" is not a text file but a ZIP archive or spreadsheet workbook. ${base}`;
  return `"${f.fileName}": ${base}`;
}

/** Where a loaded table came from (a workbook's sheet or the file), and the other sheets to choose. */
function where(f: { fileName: string; sheet?: string; otherSheets?: readonly string[] }) {
  const choose =
    f.otherSheets !== undefined && f.otherSheets.length > 0
      ? ` Or choose another sheet: ${quoted(f.otherSheets)}.`
      : '';
  return { where: `the sheet "${f.sheet}" of "${f.fileName}"`, choose };
}

const MESSAGES: { readonly [C in ErrorCode]: (f: ErrorOf<C>) => string } = {
  'empty-file': (f) =>
    f.why === 'zero-bytes'
      ? `"${f.fileName}" is empty (0 bytes). Choose the file again or export it anew from your spreadsheet.`
      : f.why === 'after-gunzip'
        ? `"${f.fileName}" is empty after decompression. Choose the file again.`
        : `"${f.fileName}" has no text in it. Choose the file again or export it anew.`,
  'bad-gzip': (f) =>
    f.why === 'not-gzip'
      ? `"${f.fileName}" looks gzip-compressed but could not be decompressed. Check the file is complete, or unzip it and load the .csv.`
      : `"${f.fileName}" could not be read to the end (the compressed data is damaged or the file was truncated). Download or export it again.`,
  'binary-file': (f) =>
    f.why === 'binary'
      ? `"${f.fileName}" is not a text file (it looks like a spreadsheet workbook or other binary file). Open it in your spreadsheet program and save it as CSV, then load the CSV.`
      : `"${f.fileName}" contains NUL bytes, so it is not a text CSV (perhaps a workbook renamed .csv). Save it as CSV from your spreadsheet program and load that.`,
  'bad-encoding': (f) =>
    `The text encoding "${f.encoding}" is not supported by this browser. Choose another encoding for "${f.fileName}".`,
  'header-only': (f) => {
    if (f.sheet === undefined)
      return `"${f.fileName}" has a header row but no data rows. Export the sheet again with its data.`;
    const w = where(f);
    return `${cap(w.where)} has a header row but no data rows. Add the data below the header and save it again.${w.choose}`;
  },
  'no-usable-columns': (f) => {
    if (f.sheet === undefined)
      return `"${f.fileName}" was read as a single column ("${f.column}"), so the columns could not be told apart. Save it as CSV with commas, semicolons or tabs between columns.`;
    const w = where(f);
    return `${cap(w.where)} has a single column ("${f.column}"); a transactions or RFM table needs at least a customer and a value column side by side.${w.choose}`;
  },
  'xlsx-old-format': (f) =>
    workbook(
      f,
      'This file is an Excel 97–2003 workbook (.xls) or a password-protected workbook, which cannot be read here. Open it in Excel or LibreOffice, remove any password, and save it as .xlsx or CSV.',
    ),
  'xlsx-not-workbook': (f) =>
    workbook(
      f,
      f.why === 'not-xlsx'
        ? 'This file is not an Excel .xlsx workbook. Save the sheet as .xlsx or CSV and load that file.'
        : 'This ZIP file is not an Excel workbook (it has no xl/workbook.xml). Load an .xlsx or CSV file.',
    ),
  'xlsx-encrypted': (f) =>
    workbook(
      f,
      'This workbook is encrypted. Open it in Excel, remove the password, save it, and load it again.',
    ),
  'xlsx-binary': (f) =>
    workbook(
      f,
      'This is an Excel binary workbook (.xlsb), which cannot be read here. Open it in Excel and save it as .xlsx or CSV.',
    ),
  'xlsx-ods': (f) =>
    workbook(
      f,
      'This is an OpenDocument spreadsheet (.ods). Open it in LibreOffice and save it as .xlsx or CSV.',
    ),
  'xlsx-corrupt': (f) => {
    switch (f.why) {
      case 'zip-method':
        return workbook(
          f,
          `This workbook uses a ZIP compression method (${f.method}) that cannot be read here. Open it in Excel or LibreOffice and save it again as .xlsx.`,
        );
      case 'zip-structure':
        return workbook(
          f,
          `This workbook could not be opened: its ZIP structure is damaged (${f.detail}). Open it in Excel or LibreOffice and save it again, or export the sheet as CSV.`,
        );
      case 'damaged-part':
        return workbook(
          f,
          `This workbook could not be opened: the part "${f.part}" is damaged (${f.detail}). Open it in Excel or LibreOffice and save it again, or export the sheet as CSV.`,
        );
      case 'missing-sheet':
        return workbook(
          f,
          `The sheet "${f.sheet}" is missing from the workbook file (${f.part}). Open it in Excel and save it again.`,
        );
      case 'damaged-sheet':
        return workbook(
          f,
          `The sheet "${f.sheet}" could not be read: its data is damaged near byte ${f.offset} of ${f.length} (${f.detail}). Open the workbook in Excel or LibreOffice and save it again, or export the sheet as CSV.`,
        );
    }
  },
  'xlsx-no-sheet': (f) =>
    workbook(
      f,
      f.want === undefined
        ? 'This workbook has no worksheets with cells (only charts or nothing). Load a workbook whose data is on a worksheet.'
        : `The workbook has no sheet named "${f.want}". Its sheets are: ${quoted(f.sheets ?? [])}.`,
    ),
  'xlsx-empty-sheet': (f) =>
    workbook(
      f,
      `The sheet "${f.sheet}" has no cells with values.${f.sheets.length > 1 ? ` Choose another sheet: ${quoted(f.sheets)}.` : ''}`,
    ),
  'no-data': () => 'No file is loaded yet. Drop a file or open the sample first.',
  'bad-mapping': (f) =>
    `Column ${String(f.column)} does not exist in "${f.fileName}". Choose the columns again.`,
  'missing-roles': (f) =>
    f.need === 'roles'
      ? `Choose a column for: ${f.roles.join(', ')} (in "${f.fileName}").`
      : f.need === 'money'
        ? 'There is no money column: choose the quantity and unit price columns, or an amount column.'
        : 'Choose the recency, frequency and monetary columns.',
  'no-mapping': () => 'Confirm the columns first (Columns step).',
  'nothing-kept': (f) =>
    `The cleaning rules removed every row of "${f.fileName}". Turn some rules off or widen the date window.`,
  'no-customers': (f) =>
    `No customer in "${f.fileName}" has a purchase with positive monetary value after cleaning. Check the column mapping and cleaning rules.`,
  'rfm-table-no-dates': () => 'An RFM table has no transaction dates, so it has no second analysis date.',
  'before-day-invalid': (f) => f.detail,
  'not-transactions': (f) =>
    `"${f.fileName}" is mapped as a ready RFM table (one row per customer), so there are no transaction lines for ${f.wanted === 'overview' ? 'an overview' : 'an outlier check'}.`,
  'worker-crashed': (f) =>
    f.detail === undefined
      ? 'The data worker stopped unexpectedly. Load the file again.'
      : `The data worker stopped unexpectedly (${f.detail}) and could not be restarted with your file. Reload the page (your session is kept) and try again; very large files may need more memory.`,
  'power-non-finite': (f) =>
    `The ${f.column} value of customer ${f.customer} is ${f.value}, not a number; fix or remove that row before transforming.`,
  'power-overflow': (f) =>
    f.why === 'value'
      ? `The ${f.column} value of customer ${f.customer} is ${f.value.toExponential(3)}, too large to be real (more than 10^15); check the column's units or remove that row.`
      : f.why === 'lambda'
        ? `The ${f.column} values are too large to transform (λ = ${f.lambda.toFixed(4)} overflows); check the column's units.`
        : `The ${f.column} value of customer ${f.customer} (${f.value}) cannot be transformed (the result is not a finite number); check that value.`,
  'power-too-few-rows': (f) => `At least 2 customers are needed to fit the transform; there are ${f.n}.`,
  'power-constant-column': (f) =>
    f.why === 'same'
      ? `Every customer has the same ${f.column} (${f.value}), so it cannot separate segments; leave ${f.column} out or check the data.`
      : `The ${f.column} values are almost all the same (their spread is ${f.scale.toExponential(2)} against values near ${f.mean.toPrecision(4)}), so ${f.column} cannot separate segments; leave it out or check the data.`,
  'power-inverse-domain': (f) =>
    `Row ${f.row} has a transformed ${f.column} (${f.value}) outside the range the transform can produce, so it has no value in original units; use points inside the data's range.`,
  'kmeans-bad-k': (f) => `The number of segments must be a whole number of at least 1 (got ${f.k}).`,
  'kmeans-k-too-large': (f) =>
    `Cannot make ${f.k} segments from ${f.n} customers; choose at most ${f.n} segments.`,
  'kmeans-non-finite': (f) =>
    `Row ${f.row} of the model input is not a finite number; transform the data before clustering.`,
  'sweep-bad-range': (f) =>
    `Cannot try k from ${f.kMin} to ${f.kMax} with ${f.n} customers; choose a range within 1 to ${f.n}.`,
  'engine-crashed': (f) =>
    `The compute engine stopped unexpectedly twice on this step (${f.detail}). Press "Run again"; if it keeps failing, choose the "plain" engine or fewer customers.`,
  'transform-failed': (f) => modelFailed('transform', f.detail),
  'sweep-failed': (f) => modelFailed('sweep', f.detail),
  'profile-failed': (f) => profileFailed('column profile', f.detail),
  'glance-failed': (f) => profileFailed('overview of the transactions', f.detail),
  'missing-columns': (f) => chooseColumns(f.roles),
  'no-date': (f) =>
    `${chooseColumns(f.roles)} No date column was found${f.noMoney ? ' (and no money column)' : ''}: without the date of each purchase there is no recency, so this file cannot be segmented. Choose the column that holds each order's date if it has another name, or export the file again with the order date (a customer summary needs a last-purchase date or a recency in days).`,
  'mapping-unusable': () =>
    'The mapping cannot be used as it is: see the evidence below and change the format or the column.',
  'needs-confirmation': () =>
    'Please check the columns below: the values do not look like their role. Confirm or change them.',
  'too-few-customers': (f) =>
    `The RFM table has ${f.n} customer${f.n === 1 ? '' : 's'}; segmentation needs at least 2. Loosen the cleaning rules or choose another file.`,
  'rfm-value-unusable': (f) =>
    `The ${f.feature === 'monetary' ? 'monetary value' : f.feature} of customer ${JSON.stringify(f.customer)} is ${f.notANumber ? 'not a number' : 'too large to compute with (beyond 10^15)'}. Check the quantity and price of that customer's lines (a value such as 1e308 overflows), fix or remove them, and the model runs again.`,
  cancelled: () => 'Cancelled. The results shown are out of date; press "Run again" to compute them.',
  'run-file-not-open': (f) =>
    `Open "${f.fileName}" first: the run is re-opened on the file it was made from.`,
  'run-other-file': (f) =>
    `This run was made on "${f.fileName}" (another file than the one open, by its SHA-256). Open that file first.`,
  'sample-fetch': (f) =>
    f.status === undefined
      ? 'The sample data could not be fetched. Check that the app is still being served and try again.'
      : `The sample data could not be fetched (HTTP ${f.status}). Try again, or load your own file.`,
  'storage-full': (f) => {
    if (f.what === 'run')
      return 'The browser storage is full: the run was not kept. Delete old runs or export them.';
    const bytes = 'bytes' in f ? f.bytes : undefined;
    const size = bytes !== undefined ? ` (${(bytes / 1e6).toFixed(1)} MB)` : '';
    return `This browser has no room left to keep ${f.what}${size}, so your session will not be restored after a reload. Your work on this page continues. Free disk space, or press "Clear all local data" and try again.`;
  },
  'storage-failed': (f) =>
    `Your session could not be saved in this browser (${f.detail}). Your work on this page continues, but it will not be restored after a reload.`,
  'storage-unavailable': (f) =>
    f.session
      ? 'This browser does not let the app keep data, so your session will not be restored after a reload.'
      : 'This browser does not allow the app to keep data (IndexedDB is off).',
  'runs-storage': (f) => `The run history could not be used (${f.detail}).`,
  internal: (f) =>
    f.reading
      ? `Something went wrong while reading the data: ${f.detail}`
      : `Something unexpected went wrong (${f.detail}). Your earlier results are kept; try again or reload the page.`,
};

function chooseColumns(roles: readonly Role[]): string {
  return `Choose a column for ${listRoles(roles)} below: the RFM table cannot be computed without ${roles.length === 1 ? 'it' : 'them'}.`;
}

function modelFailed(step: string, detail: string): string {
  return `The ${step} could not be computed (${detail}). Press "Run again"; if it keeps failing, choose the "plain" engine.`;
}

function profileFailed(what: string, detail: string): string {
  return `The ${what} could not be computed (${detail}). The rest of the notebook is not affected; reload the file to try again.`;
}

/** The sentence for a code and its facts. */
export function errorMessage(e: AppErrorData): string {
  const write = MESSAGES[e.code] as ((f: AppErrorData) => string) | undefined;
  return write ? write(e) : `Something unexpected went wrong (${e.code}).`;
}

/** The sentence for a thrown value that carries a code and facts; null for anything else. */
export function errorText(e: unknown): string | null {
  const facts = errorFacts(e);
  return facts === null ? null : errorMessage(facts);
}

/** The codes that have a sentence (every code; the test checks one example of each). */
export const MESSAGE_CODES = Object.keys(MESSAGES) as ErrorCode[];
