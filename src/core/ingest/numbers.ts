/**
 * Number reading, tolerant of how spreadsheets write money: currency symbols and codes (£ $ € ¥ ₹,
 * GBP USD EUR…), spaces, thousands separators, decimal commas, accounting negatives "(12.50)", a
 * trailing minus, and exponents. The separators are decided per column from its distinct values.
 */

export interface NumberFormat {
  /** The decimal mark of the column. */
  readonly decimal: '.' | ',';
}

const PLAIN_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const CURRENCY_RE = /[£$€¥₹₩₽¢]|\b(?:GBP|USD|EUR|JPY|CHF|AUD|CAD|INR|kr|zł|R\$)\b/gi;

/**
 * Decides the decimal mark from a column's distinct values: a value with both marks has the decimal
 * mark last; a value like "12,5" or "1,25" (comma followed by 1, 2 or ≥ 4 digits, no dot) shows a
 * decimal comma; "1.234,5" too. Values like "1,234" are thousands with a decimal point (the default).
 */
export function detectNumberFormat(distinct: readonly string[]): NumberFormat {
  let commaDecimal = 0;
  let dotDecimal = 0;
  for (const raw of distinct) {
    const s = raw.replace(CURRENCY_RE, '').replace(/[\s\u00a0']/g, '');
    if (s === '' || (PLAIN_RE.test(s) && !s.includes(','))) {
      if (/\.\d{1,2}$|\.\d{4,}$/.test(s)) dotDecimal++;
      continue;
    }
    const lc = s.lastIndexOf(',');
    const ld = s.lastIndexOf('.');
    if (lc >= 0 && ld >= 0) {
      if (lc > ld) commaDecimal++;
      else dotDecimal++;
    } else if (lc >= 0) {
      const after = s.length - lc - 1;
      const commas = s.split(',').length - 1;
      if (commas === 1 && after !== 3 && after > 0) commaDecimal++;
    }
  }
  return { decimal: commaDecimal > dotDecimal ? ',' : '.' };
}

/** Reads one number with a column's format; NaN when it is not a number. '' → NaN. */
export function parseNumber(text: string, fmt: NumberFormat = { decimal: '.' }): number {
  if (fmt.decimal === '.' && PLAIN_RE.test(text)) return Number(text);
  let s = text.trim();
  if (s === '') return NaN;
  let negative = false;
  if (s.startsWith('(') && s.endsWith(')')) {
    negative = true;
    s = s.slice(1, -1);
  }
  s = s.replace(CURRENCY_RE, '').replace(/[\s\u00a0']/g, '');
  if (s.endsWith('-') && !s.startsWith('-')) {
    negative = !negative;
    s = s.slice(0, -1);
  }
  // a currency sign between the sign and digits ("-£5") leaves "-5"
  if (fmt.decimal === ',') {
    s = s.replace(/\./g, '').replace(',', '.');
  } else {
    if (/^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?$/.test(s)) s = s.replace(/,/g, '');
  }
  if (!PLAIN_RE.test(s)) return NaN;
  const v = Number(s);
  return negative ? -v : v;
}

/**
 * Share of the non-empty values among `distinct` that `read` reads (a number, not NaN): how well a
 * column's values fit a type (numbers, dates in an order). 0 when there is no non-empty value.
 */
export function readableShare(distinct: readonly string[], read: (text: string) => number): number {
  let n = 0;
  let ok = 0;
  for (const s of distinct) {
    if (s.trim() === '') continue;
    n++;
    if (!Number.isNaN(read(s))) ok++;
  }
  return n === 0 ? 0 : ok / n;
}
