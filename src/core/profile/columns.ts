import type { DateOrder, DictColumn, RawTable } from '../ingest/types';
import { formatTime, guessDateOrder, isCodedDateOrder, parseDate } from '../ingest/dates';
import { detectNumberFormat, parseNumber } from '../ingest/numbers';
import { normaliseHeader } from '../ingest/roles';
import type {
  ColumnProfile,
  ColumnType,
  DateSummary,
  NumericSummary,
  Unparseable,
  ValueCount,
} from './profile-types';
import { weightedDescribe } from './stats';

/**
 * The data profile an analyst checks before modelling: per column its type, missing and distinct
 * counts, pandas-style describe() for numbers, earliest/latest for dates, top values for text, and the
 * cells of a number/date column that do not read as such (with spreadsheet rows).
 *
 * Everything works on the dictionary: each distinct string is read once and weighted by how many rows
 * hold it, so the cost is one pass over the Int32 codes per column plus the distinct strings (the UCI
 * file: 541,909 rows, ≤ 25,900 distinct values per column).
 *
 * Type rules (shares are of non-empty cells, weighted by rows):
 * - 'empty': no non-empty cell.
 * - 'date': the values have a date shape (ISO, D/M/Y or M/D/Y; see src/core/ingest/dates.ts) and
 *   ≥ 90% read as dates in the column's order. Compact YYYYMMDD and Excel serial numbers count as dates
 *   only when the header says so (contains "date" or "time", or ends in "day").
 * - 'id-like': the header names an identifier (see isIdHeader: "Customer ID", "InvoiceNo", "StockCode",
 *   "Order Number", "customer"…), or the numbers are written with leading zeros ("00001"), or text
 *   without spaces whose values are mostly distinct (≥ 50% distinct, ≥ 50 cells).
 * - 'integer' / 'number': ≥ 90% read as numbers (the column's decimal mark is detected); integer when
 *   every readable value is whole.
 * - 'text': anything else.
 */

const TYPE_SHARE = 0.9;
const MAX_EXAMPLES = 5;
const TOP = 5;
const GUESS_SAMPLE = 20_000;
const QUICK_SAMPLE = 2_000;
const NA_RE = /^(?:na|n\/a|#n\/a|null|nan|none|nil|missing|-{1,2}|\?)$/i;
/** Last words of a header that make it an identifier ("Customer ID", "InvoiceNo", "StockCode"). */
const ID_WORDS = new Set(['id', 'no', 'nr', 'num', 'number', 'code', 'key', 'sku', 'ref', 'uuid', 'guid']);
/** Whole headers (normalised) that name an identifier. */
const ID_NAMES = new Set([
  'invoice',
  'customer',
  'client',
  'order',
  'sku',
  'user',
  'member',
  'account',
  'transaction',
  'receipt',
  'basket',
  'ticket',
  'email',
]);
/** Normalised endings of headers written without word breaks ("CUSTOMERID", "invoiceno"). */
const ID_ENDINGS_RE =
  /(?:customerid|custid|clientid|userid|orderid|invoiceid|invoiceno|productid|itemid|transactionid|memberid|accountid|stockcode|productcode|itemcode)$/;
const DATE_HINT_RE = /date|time|day$/;

interface Counts {
  /** rows per dictionary code */
  readonly weight: Int32Array;
  /** 1 when the dictionary entry is blank (only spaces) */
  readonly blank: Uint8Array;
  readonly missing: number;
  readonly naLike: number;
  readonly distinct: number;
  /** distinct non-blank strings that occur, in dictionary order */
  readonly present: string[];
  readonly presentCodes: Int32Array;
}

function countCodes(col: DictColumn): Counts {
  const k = col.dict.length;
  const weight = new Int32Array(k);
  const codes = col.codes;
  let missing = 0;
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i]!;
    if (c < 0) missing++;
    else weight[c]!++;
  }
  const blank = new Uint8Array(k);
  let naLike = 0;
  const present: string[] = [];
  const presentCodes: number[] = [];
  for (let c = 0; c < k; c++) {
    const w = weight[c]!;
    if (w === 0) continue;
    const s = col.dict[c]!;
    if (s.trim() === '') {
      blank[c] = 1;
      missing += w;
      continue;
    }
    if (NA_RE.test(s.trim())) naLike += w;
    present.push(s);
    presentCodes.push(c);
  }
  return {
    weight,
    blank,
    missing,
    naLike,
    distinct: present.length,
    present,
    presentCodes: Int32Array.from(presentCodes),
  };
}

/** Reads every present distinct string with `read`; returns per-code values and the weighted ok count. */
function readAll(
  col: DictColumn,
  cnt: Counts,
  read: (s: string) => number,
): { lut: Float64Array; ok: number } {
  const lut = new Float64Array(col.dict.length).fill(NaN);
  let ok = 0;
  const pc = cnt.presentCodes;
  for (let j = 0; j < pc.length; j++) {
    const c = pc[j]!;
    const v = read(col.dict[c]!);
    lut[c] = v;
    if (v === v) ok += cnt.weight[c]!;
  }
  return { lut, ok };
}

/** Cells whose present, non-blank code reads as NaN: count, first rows and values. */
function unparseable(col: DictColumn, cnt: Counts, lut: Float64Array, firstRow: number): Unparseable | null {
  const pc = cnt.presentCodes;
  const bad = new Uint8Array(col.dict.length);
  let count = 0;
  for (let j = 0; j < pc.length; j++) {
    const c = pc[j]!;
    if (lut[c] !== lut[c]) {
      bad[c] = 1;
      count += cnt.weight[c]!;
    }
  }
  if (count === 0) return null;
  const rows: number[] = [];
  const values: string[] = [];
  const codes = col.codes;
  for (let i = 0; i < codes.length && rows.length < MAX_EXAMPLES; i++) {
    const c = codes[i]!;
    if (c >= 0 && bad[c] === 1) {
      rows.push(i + firstRow);
      values.push(col.dict[c]!);
    }
  }
  return { count, exampleRows: rows, exampleValues: values };
}

/** The `n` most frequent present values, ties in first-appearance (dictionary) order. */
function topValues(col: DictColumn, cnt: Counts, n: number): ValueCount[] {
  const best: { c: number; w: number }[] = [];
  const pc = cnt.presentCodes;
  for (let j = 0; j < pc.length; j++) {
    const c = pc[j]!;
    const w = cnt.weight[c]!;
    if (best.length === n && w <= best[n - 1]!.w) continue;
    let p = best.length;
    while (p > 0 && best[p - 1]!.w < w) p--;
    best.splice(p, 0, { c, w });
    if (best.length > n) best.pop();
  }
  return best.map(({ c, w }) => ({ value: col.dict[c]!, count: w }));
}

function numericSummary(cnt: Counts, lut: Float64Array): NumericSummary {
  const pc = cnt.presentCodes;
  const vals: number[] = [];
  const ws: number[] = [];
  for (let j = 0; j < pc.length; j++) {
    const c = pc[j]!;
    const v = lut[c]!;
    if (v === v) {
      vals.push(v);
      ws.push(cnt.weight[c]!);
    }
  }
  return weightedDescribe(Float64Array.from(vals), Float64Array.from(ws));
}

function dateSummary(cnt: Counts, lut: Float64Array, order: DateOrder, ambiguous: boolean): DateSummary {
  let lo = Infinity;
  let hi = -Infinity;
  let count = 0;
  const pc = cnt.presentCodes;
  for (let j = 0; j < pc.length; j++) {
    const c = pc[j]!;
    const v = lut[c]!;
    if (v !== v) continue;
    count += cnt.weight[c]!;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return {
    count,
    earliest: lo,
    latest: hi,
    earliestText: formatTime(lo),
    latestText: formatTime(hi),
    order,
    orderAmbiguous: ambiguous,
  };
}

/** True when the header names an identifier: its last word (camelCase and punctuation split) is one of
 * ID_WORDS, or the whole header is one of ID_NAMES, or it ends like ID_ENDINGS_RE. "Paid" is not. */
export function isIdHeader(header: string): boolean {
  const norm = normaliseHeader(header);
  const words = header
    .replace(/\(.*?\)/g, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== '');
  const last = words.length > 0 ? words[words.length - 1]!.toLowerCase() : '';
  return ID_WORDS.has(last) || ID_NAMES.has(norm) || ID_ENDINGS_RE.test(norm);
}

/** Share as a percentage with one decimal, rounded down (99.96% shows as 99.9%, never as 100%). */
const pct = (x: number): string => `${(Math.floor(x * 1000 + 1e-9) / 10).toString()}%`;

/** Profiles one column of a RawTable (see the module comment for the rules). */
/** `firstRow`: the spreadsheet row of row 0 (RawTable.firstRow). */
export function profileColumn(col: DictColumn, index: number, firstRow = 2): ColumnProfile {
  const rows = col.codes.length;
  const cnt = countCodes(col);
  const nonEmpty = rows - cnt.missing;
  const base = {
    index,
    name: col.name,
    rows,
    missing: cnt.missing,
    naLike: cnt.naLike,
    distinct: cnt.distinct,
  };
  const none = { numeric: null, dates: null, top: [] as ValueCount[], unparseable: null };
  if (nonEmpty === 0) return { ...base, ...none, type: 'empty', typeReason: 'Every cell is empty.' };

  const norm = normaliseHeader(col.name);
  const idHeader = isIdHeader(col.name);
  const sample = cnt.present.length <= GUESS_SAMPLE ? cnt.present : cnt.present.slice(0, GUESS_SAMPLE);

  // Dates: guess from the first 2,000 distinct values; look further only when that is ambiguous.
  let guess = guessDateOrder(sample.length <= QUICK_SAMPLE ? sample : sample.slice(0, QUICK_SAMPLE));
  if (guess.ambiguous && sample.length > QUICK_SAMPLE) guess = guessDateOrder(sample);
  const order = guess.order;
  const codedDate = isCodedDateOrder(order);
  if (order !== null && (!codedDate || DATE_HINT_RE.test(norm))) {
    const { lut, ok } = readAll(col, cnt, (s) => parseDate(s, order));
    if (ok >= TYPE_SHARE * nonEmpty) {
      return {
        ...base,
        type: 'date',
        typeReason: `${pct(ok / nonEmpty)} of the filled cells read as dates. ${guess.reason}`,
        numeric: null,
        dates: dateSummary(cnt, lut, order, guess.ambiguous),
        top: [],
        unparseable: unparseable(col, cnt, lut, firstRow),
      };
    }
  }

  if (idHeader) {
    return {
      ...base,
      ...none,
      type: 'id-like',
      typeReason: `The header "${col.name}" names an identifier, so its values are codes, not quantities.`,
      top: topValues(col, cnt, TOP),
    };
  }

  // Numbers
  const fmt = detectNumberFormat(sample);
  const { lut, ok } = readAll(col, cnt, (s) => parseNumber(s, fmt));
  const numericShare = ok / nonEmpty;
  let leadingZeros = 0;
  let allWhole = true;
  for (let j = 0; j < cnt.presentCodes.length; j++) {
    const c = cnt.presentCodes[j]!;
    const v = lut[c]!;
    if (v !== v) continue;
    if (!Number.isInteger(v)) allWhole = false;
    const s = col.dict[c]!.trim();
    if (s.length > 1 && s.charCodeAt(0) === 48 && s.charCodeAt(1) >= 48 && s.charCodeAt(1) <= 57)
      leadingZeros++;
  }
  if (numericShare >= TYPE_SHARE) {
    if (leadingZeros > 0 && allWhole && leadingZeros >= 0.1 * cnt.distinct) {
      return {
        ...base,
        ...none,
        type: 'id-like',
        typeReason: `${leadingZeros.toLocaleString('en-US')} distinct values are written with leading zeros, as codes are.`,
        top: topValues(col, cnt, TOP),
      };
    }
    const type: ColumnType = allWhole ? 'integer' : 'number';
    return {
      ...base,
      type,
      typeReason: `${pct(numericShare)} of the filled cells read as ${allWhole ? 'whole numbers' : 'numbers'}${fmt.decimal === ',' ? ' (decimal comma)' : ''}.`,
      numeric: numericSummary(cnt, lut),
      dates: null,
      top: [],
      unparseable: unparseable(col, cnt, lut, firstRow),
    };
  }

  // Text
  let spaced = 0;
  for (const s of cnt.present) if (/\s/.test(s.trim())) spaced++;
  if (nonEmpty >= 50 && cnt.distinct >= 0.5 * nonEmpty && spaced <= 0.05 * cnt.distinct) {
    return {
      ...base,
      ...none,
      type: 'id-like',
      typeReason: `${pct(cnt.distinct / nonEmpty)} of the filled cells are distinct words without spaces, as codes are.`,
      top: topValues(col, cnt, TOP),
    };
  }
  return {
    ...base,
    ...none,
    type: 'text',
    typeReason:
      numericShare > 0
        ? // A share that rounds to 0% is said as a count ("Only 0%" would read as none).
          numericShare < 0.001
          ? `Only ${ok.toLocaleString('en-US')} of the ${nonEmpty.toLocaleString('en-US')} filled cells read as numbers.`
          : `Only ${pct(numericShare)} of the filled cells read as numbers.`
        : 'The values are words.',
    top: topValues(col, cnt, TOP),
  };
}

/** Profiles every column of a RawTable, in column order. */
export function profileColumns(raw: RawTable): ColumnProfile[] {
  return raw.columns.map((c, j) => profileColumn(c, j, raw.firstRow ?? 2));
}
