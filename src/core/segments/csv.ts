/**
 * CSV writing (RFC 4180, comma-separated, CRLF line ends) that is safe to open in a spreadsheet.
 *
 * - Text cells that start with = + - @ TAB or CR are neutralised with a leading single quote, so a
 *   spreadsheet shows them as text instead of evaluating a formula ("CSV injection"). Only TEXT is
 *   neutralised: numbers are written as numbers, so −5 stays `-5`.
 * - A cell containing a comma, a double quote, CR or LF is quoted, inner quotes doubled.
 * - Numbers are written with at most 15 significant digits (which removes binary noise such as
 *   2537.9100000000003 → 2537.91 while keeping every digit a float64 sum can be trusted for); NaN,
 *   ±Infinity, null and undefined are written as empty cells.
 * - A UTF-8 byte-order mark is written first by default so Excel reads non-ASCII text correctly
 *   (pandas, R and LibreOffice ignore it).
 */

export type CsvValue = string | number | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** Prefixes a single quote when the text would start a spreadsheet formula. */
export function neutraliseText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** A number as CSV text: ≤ 15 significant digits, empty for non-finite. */
export function formatCsvNumber(value: number): string {
  if (!Number.isFinite(value)) return '';
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value);
  return String(Number(value.toPrecision(15)));
}

/** One CSV field. */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return formatCsvNumber(value);
  const text = neutraliseText(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export interface CsvOptions {
  /** Write a UTF-8 BOM first (default true). */
  readonly bom?: boolean;
}

/** Builds a CSV document from a header and rows. */
export function buildCsv(
  header: readonly string[],
  rows: Iterable<readonly CsvValue[]>,
  options: CsvOptions = {},
): string {
  const lines: string[] = [header.map(csvField).join(',')];
  for (const row of rows) lines.push(row.map(csvField).join(','));
  return `${options.bom === false ? '' : '\uFEFF'}${lines.join('\r\n')}\r\n`;
}
