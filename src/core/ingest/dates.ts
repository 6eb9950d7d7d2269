import type { DateOrder, DateOrderGuess } from './types';
import { monthNameFields } from './month-names';
import { readableShare } from './numbers';

/**
 * Date reading. Every date becomes the wall-clock time written in the file read as UTC milliseconds
 * (Date.UTC of the fields; a trailing zone offset or 'Z' is ignored: no time-zone shift ever).
 *
 * Forms: ISO `YYYY-MM-DD[ or T HH:MM[:SS[.fff]]]` (also with '/'), `M/D/YYYY H:MM` and `D/M/YYYY`
 * (also '.', '-' separators, 2-digit years, optional seconds and AM/PM), compact `YYYYMMDD`, and Excel
 * serial day numbers (1900 date system, 25569 = 1970-01-01; fraction = time of day), month names in
 * seven languages (`11-Feb-17`, `Feb 11, 2017`, `11 février 2017`: see month-names.ts), and Unix
 * epoch seconds or milliseconds (UTC).
 * Two-digit years follow POSIX strptime: 69–99 → 19xx, 00–68 → 20xx (the pivot is YEAR_PIVOT).
 *
 * Coded forms (Excel serials, epoch numbers, YYYYMMDD) look like plain numbers: callers accept them
 * only with evidence from the header (a date-named column), never from the values alone.
 */

/** Two-digit years below this are 20xx, the others 19xx. */
export const YEAR_PIVOT = 69;

const DAY_MS = 86_400_000;
const ISO_RE =
  /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*([AaPp][Mm])?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?)?$/;
const PARTS_RE =
  /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})(?:[T ]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*([AaPp][Mm])?)?$/;
const COMPACT_RE = /^(\d{4})(\d{2})(\d{2})$/;
const SERIAL_RE = /^\d{1,6}(?:\.\d+)?$/;
const EPOCH_RE = /^\d{9,13}(?:\.\d+)?$/;
/** Epoch seconds accepted: 1990-01-01 .. 2100-01-01 (9–10 digits); milliseconds: the same × 1000. */
const EPOCH_MIN_S = 631_152_000;
const EPOCH_MAX_S = 4_102_444_800;

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in month `m` (1–12) of year `y`; years 0–99 as Date.UTC reads them (1900–1999). */
function daysInMonth(y: number, m: number): number {
  if (m !== 2) return MONTH_DAYS[m - 1]!;
  const yy = y >= 0 && y < 100 ? 1900 + y : y;
  return (yy % 4 === 0 && yy % 100 !== 0) || yy % 400 === 0 ? 29 : 28;
}

function make(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, frac = '', ampm = ''): number {
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return NaN;
  if (ampm !== '') {
    if (h < 1 || h > 12) return NaN;
    const pm = ampm.toLowerCase() === 'pm';
    h = (h % 12) + (pm ? 12 : 0);
  }
  if (h > 23 || mi > 59 || s > 59) return NaN;
  const ms = frac === '' ? 0 : Math.round(Number(`0.${frac}`) * 1000);
  const t = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  // Date.UTC maps years 0–99 to 1900+; our years are always 4-digit here.
  return t;
}

function year2(y: string): number {
  if (y.length === 4) return Number(y);
  const n = Number(y);
  return n >= YEAR_PIVOT ? 1900 + n : 2000 + n;
}

function num(s: string | undefined): number {
  return s === undefined ? 0 : Number(s);
}

/** Reads one date in a given order; NaN when it cannot be read so. */
export function parseDate(text: string, order: DateOrder): number {
  const s = text.trim();
  if (s === '') return NaN;
  switch (order) {
    case 'ISO': {
      const m = ISO_RE.exec(s);
      if (m)
        return make(
          Number(m[1]),
          Number(m[2]),
          Number(m[3]),
          num(m[4]),
          num(m[5]),
          num(m[6]),
          m[7] ?? '',
          m[8] ?? '',
        );
      const c = COMPACT_RE.exec(s);
      if (c) return make(Number(c[1]), Number(c[2]), Number(c[3]));
      return NaN;
    }
    case 'YMD_COMPACT': {
      const c = COMPACT_RE.exec(s);
      if (c) return make(Number(c[1]), Number(c[2]), Number(c[3]));
      return parseDate(s, 'ISO');
    }
    case 'MDY':
    case 'DMY': {
      const m = PARTS_RE.exec(s);
      if (!m) {
        const iso = ISO_RE.exec(s);
        return iso ? parseDate(s, 'ISO') : NaN;
      }
      const a = Number(m[1]);
      const b = Number(m[3]);
      const [mo, d] = order === 'MDY' ? [a, b] : [b, a];
      return make(year2(m[4]!), mo, d, num(m[5]), num(m[6]), num(m[7]), m[8] ?? '', m[9] ?? '');
    }
    case 'MONTH_NAME': {
      const f = monthNameFields(s);
      if (!f) return NaN;
      return make(year2(f.year), f.month, f.day, f.h, f.mi, f.s, f.frac, f.ampm);
    }
    case 'EPOCH_S':
    case 'EPOCH_MS': {
      if (!EPOCH_RE.test(s)) return NaN;
      const v = Number(s);
      const sec = order === 'EPOCH_S' ? v : v / 1000;
      if (!(sec >= EPOCH_MIN_S && sec < EPOCH_MAX_S)) return NaN;
      return Math.round(sec * 1000);
    }
    case 'EXCEL_SERIAL': {
      if (!SERIAL_RE.test(s)) return NaN;
      const v = Number(s);
      if (!(v >= 1 && v < 2958466)) return NaN;
      // Excel's 1900 system counts the non-existent 1900-02-29 (serial 60); 25569 = 1970-01-01.
      const days = v < 61 ? v + 1 : v;
      return Math.round((days - 25569) * DAY_MS);
    }
  }
}

/** A guess with one possible order. */
function unambiguous(order: DateOrder, reason: string): DateOrderGuess {
  return { order, candidates: [order], ambiguous: false, reason };
}

/**
 * Decides a date column's order from its distinct values.
 * - Mostly (≥ half of the distinct non-empty values) ISO-shaped → 'ISO'; 8-digit YYYYMMDD → 'YMD_COMPACT'.
 * - D/M vs M/D: a first part > 12 proves day-first, a second part > 12 proves month-first. When the
 *   data shows neither, `ambiguous` is true and the order is only a convention ('/' → MDY, '.' → DMY).
 * - All numbers in a plausible serial range (1950–2100) → 'EXCEL_SERIAL'.
 * - Otherwise `order` is null (not a date column).
 */
export function guessDateOrder(distinct: readonly string[]): DateOrderGuess {
  let n = 0;
  let iso = 0;
  let compact = 0;
  let parts = 0;
  let serial = 0;
  let named = 0;
  let epochS = 0;
  let epochMs = 0;
  let firstBig = 0;
  let secondBig = 0;
  let dots = 0;
  let slashes = 0;
  let mdyOk = 0;
  let dmyOk = 0;
  for (const raw of distinct) {
    const s = raw.trim();
    if (s === '') continue;
    n++;
    if (ISO_RE.test(s)) {
      if (!Number.isNaN(parseDate(s, 'ISO'))) iso++;
      continue;
    }
    const c = COMPACT_RE.exec(s);
    if (c) {
      if (
        !Number.isNaN(make(Number(c[1]), Number(c[2]), Number(c[3]))) &&
        Number(c[1]) >= 1900 &&
        Number(c[1]) <= 2100
      )
        compact++;
      continue;
    }
    const m = PARTS_RE.exec(s);
    if (m) {
      parts++;
      if (m[2] === '.') dots++;
      else slashes++;
      if (Number(m[1]) > 12) firstBig++;
      if (Number(m[3]) > 12) secondBig++;
      if (!Number.isNaN(parseDate(s, 'MDY'))) mdyOk++;
      if (!Number.isNaN(parseDate(s, 'DMY'))) dmyOk++;
      continue;
    }
    if (SERIAL_RE.test(s)) {
      const v = Number(s);
      if (v >= 18264 && v <= 73051) serial++;
      continue;
    }
    if (EPOCH_RE.test(s)) {
      if (!Number.isNaN(parseDate(s, 'EPOCH_S'))) epochS++;
      else if (!Number.isNaN(parseDate(s, 'EPOCH_MS'))) epochMs++;
      continue;
    }
    if (!Number.isNaN(parseDate(s, 'MONTH_NAME'))) named++;
  }
  const none: DateOrderGuess = {
    order: null,
    candidates: [],
    ambiguous: false,
    reason: 'No values look like dates.',
  };
  if (n === 0) return none;
  const need = 0.5 * n;
  if (iso >= need) return unambiguous('ISO', 'Dates are written year-month-day (ISO).');
  if (compact >= need) return unambiguous('YMD_COMPACT', 'Dates are written YYYYMMDD.');
  if (parts + iso >= need && parts > 0) {
    if (firstBig > 0 && secondBig === 0) {
      return unambiguous(
        'DMY',
        `${firstBig} date(s) have a first part above 12, so the first part is the day.`,
      );
    }
    if (secondBig > 0 && firstBig === 0) {
      return unambiguous(
        'MDY',
        `${secondBig} date(s) have a second part above 12, so the first part is the month.`,
      );
    }
    if (firstBig > 0 && secondBig > 0) {
      const order: DateOrder = mdyOk >= dmyOk ? 'MDY' : 'DMY';
      return {
        order,
        candidates: ['MDY', 'DMY'],
        ambiguous: true,
        reason: `The dates disagree: ${firstBig} have a first part above 12 and ${secondBig} a second part above 12; check the column.`,
      };
    }
    const order: DateOrder = dots > slashes ? 'DMY' : 'MDY';
    return {
      order,
      candidates: ['MDY', 'DMY'],
      ambiguous: true,
      reason: 'No day in these dates is above 12, so day-first and month-first both fit: choose the order.',
    };
  }
  if (named >= need)
    return unambiguous(
      'MONTH_NAME',
      `Dates are written with month names (${named} of ${n} distinct values read so); two-digit years: 00–${YEAR_PIVOT - 1} → 20xx, ${YEAR_PIVOT}–99 → 19xx.`,
    );
  if (epochS >= need)
    return unambiguous('EPOCH_S', 'Numbers in the range of Unix times in seconds (1990–2100).');
  if (epochMs >= need)
    return unambiguous('EPOCH_MS', 'Numbers in the range of Unix times in milliseconds (1990–2100).');
  if (serial >= need)
    return unambiguous('EXCEL_SERIAL', 'Numbers in the range of Excel date serials (1950–2100).');
  return none;
}

/** Forms that look like plain numbers: accepted only with a date-named header. */
export function isCodedDateOrder(order: DateOrder | null): boolean {
  return order === 'EXCEL_SERIAL' || order === 'YMD_COMPACT' || order === 'EPOCH_S' || order === 'EPOCH_MS';
}

/** Fraction of distinct non-empty values readable as dates in the guessed order (0 when none). */
export function dateShare(distinct: readonly string[], order: DateOrder): number {
  return readableShare(distinct, (s) => parseDate(s, order));
}

/** 'YYYY-MM-DD HH:MM:SS' of a UTC-read wall-clock time (seconds and time omitted when zero). */
export function formatTime(ms: number): string {
  if (!Number.isFinite(ms)) return '';
  const iso = new Date(ms).toISOString();
  const day = iso.slice(0, 10);
  const time = iso.slice(11, 19);
  if (time === '00:00:00') return day;
  return `${day} ${time.endsWith(':00') ? time.slice(0, 5) : time}`;
}

/** Midnight (UTC-read) of a 'YYYY-MM-DD' day, NaN when invalid. */
export function dayStart(day: string): number {
  return parseDate(day, 'ISO');
}

export { DAY_MS };
