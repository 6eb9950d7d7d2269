/**
 * Turning stored cell values into the text the CSV pipeline reads: Excel date serials into
 * 'YYYY-MM-DD HH:MM:SS' (no time-zone shift: the wall-clock time written in the workbook), numbers
 * into shortest round-trip decimals, and number formats into "is this a date?".
 */
import { civilFromDays } from '../numeric/civil-date';

/** How a cell style displays numbers. */
export const FMT_PLAIN = 0;
/** A date format without a time part (e.g. 'm/d/yyyy', built-in 14). */
export const FMT_DATE = 1;
/** A date and time format (e.g. 'm/d/yyyy h:mm', built-in 22). */
export const FMT_DATETIME = 2;
/** A time-only format (e.g. 'h:mm:ss', built-ins 18–21, 45–47). */
export const FMT_TIME = 3;
export type FormatKind = typeof FMT_PLAIN | typeof FMT_DATE | typeof FMT_DATETIME | typeof FMT_TIME;

/**
 * Kinds of the built-in number formats that display dates (ECMA-376 Part 1, §18.8.30): 14–17 dates,
 * 18–21 times, 22 date-time, 45–47 times (mm:ss, [h]:mm:ss, mmss.0). 27–36 and 50–58 are the
 * East-Asian locale built-ins (dates, with 32–35 times); a workbook from a ja/zh/ko Excel uses them.
 */
export function builtinFormatKind(id: number): FormatKind {
  if (id >= 14 && id <= 17) return FMT_DATE;
  if (id >= 18 && id <= 21) return FMT_TIME;
  if (id === 22) return FMT_DATETIME;
  if (id >= 45 && id <= 47) return FMT_TIME;
  if ((id >= 27 && id <= 31) || id === 36 || (id >= 50 && id <= 58)) return FMT_DATE;
  if (id >= 32 && id <= 35) return FMT_TIME;
  return FMT_PLAIN;
}

/**
 * Classifies a custom number format code. Literal parts are removed first: "quoted text",
 * backslash-escaped characters, [bracketed] colours/conditions/locales/elapsed units, and the
 * `_x` (space as wide as x) and `*x` (fill with x) directives. What is left is a date format if it
 * has d or y (or m without h/s: a month), a time format if it has h or s; both → date-time.
 * 'General', '0.00', '#,##0 "days"', '0.0E+00' are plain.
 */
export function customFormatKind(code: string): FormatKind {
  let s = '';
  for (let i = 0; i < code.length; i++) {
    const c = code[i]!;
    if (c === '"') {
      const e = code.indexOf('"', i + 1);
      i = e < 0 ? code.length : e;
    } else if (c === '\\' || c === '_' || c === '*') {
      i++;
    } else if (c === '[') {
      const e = code.indexOf(']', i + 1);
      i = e < 0 ? code.length : e;
    } else s += c;
  }
  s = s.toLowerCase();
  if (s === 'general') return FMT_PLAIN;
  const dy = /[dy]/.test(s);
  const hs = /[hs]/.test(s);
  const m = s.includes('m');
  // 'e' appears in 'General'-like words only; exponent formats have no d/y/h/s/m.
  if (hs) return dy ? FMT_DATETIME : FMT_TIME;
  if (dy || m) return FMT_DATE;
  return FMT_PLAIN;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function pad4(n: number): string {
  return n < 10 ? `000${n}` : n < 100 ? `00${n}` : n < 1000 ? `0${n}` : String(n);
}

/** Largest serial Excel displays as a date: 9999-12-31 (1900 system); the 1904 system ends 1462 earlier. */
const MAX_SERIAL_1900 = 2958465;

/**
 * The text of an Excel date serial, or null when it is not a date (negative in the 1900 system, beyond
 * 9999-12-31, before year 1, not finite). Negative serials of the 1904 system are read as days before
 * 1904-01-01 (openpyxl writes 1900s dates so; Excel shows ####).
 *
 * 1900 date system: serial 1 = 1900-01-01. Excel keeps Lotus 1-2-3's bug that 1900 was a leap year,
 * so serial 60 is the non-existent 1900-02-29 and every serial ≥ 61 is one day later than a plain
 * count from 1899-12-31: serial 59 = 1900-02-28, 61 = 1900-03-01, 25569 = 1970-01-01. Serial 60 is
 * returned as the text '1900-02-29', as Excel shows it (the date reader will then flag it as invalid
 * rather than silently move it). Serial 0 gives '1899-12-31' (Excel shows "1900-01-00").
 * 1904 date system (Mac workbooks, `<workbookPr date1904="1"/>`): serial 0 = 1904-01-01, no bug.
 *
 * The fraction is the time of day, rounded to the nearest second (so 0.99999999 rolls into the next
 * day). `kind` FMT_DATE omits the time when it is exactly 00:00:00; FMT_DATETIME always writes it;
 * FMT_TIME writes only 'HH:MM:SS' for serials in [0, 1) and a full date-time otherwise.
 */
export function serialToText(serial: number, date1904: boolean, kind: FormatKind): string | null {
  if (!Number.isFinite(serial) || (serial < 0 && !date1904)) return null;
  if (serial > (date1904 ? MAX_SERIAL_1900 - 1462 : MAX_SERIAL_1900) + 0.999994) return null;
  const totalSeconds = Math.round(serial * 86400);
  const days = Math.floor(totalSeconds / 86400);
  const secs = totalSeconds - days * 86400;
  const hh = Math.floor(secs / 3600);
  const mi = Math.floor((secs - hh * 3600) / 60);
  const ss = secs - hh * 3600 - mi * 60;
  const time = `${pad2(hh)}:${pad2(mi)}:${pad2(ss)}`;
  if (kind === FMT_TIME && days === 0) return time;
  let day: string;
  if (!date1904 && days === 60) day = '1900-02-29';
  else {
    // days since 1970-01-01: 1904 system 1904-01-01 = −24107; 1900 system 25569 = 1970-01-01 (≥ 61)
    const unixDays = date1904 ? days - 24107 : days >= 61 ? days - 25569 : days - 25568;
    const [y, m, d] = civilFromDays(unixDays);
    if (y < 1) return null;
    day = `${pad4(y)}-${pad2(m)}-${pad2(d)}`;
  }
  if (kind === FMT_DATE && secs === 0) return day;
  return `${day} ${time}`;
}

/**
 * A number as the shortest decimal text that reads back to the same double (ECMAScript Number
 * to-string), always positional: 1e-7 → '0.0000001', 1e21 → '1000000000000000000000'; −0 → '0'.
 * Excel stores 2.55 as '2.5499999999999998'; this gives '2.55'.
 */
export function numberToText(v: number): string {
  if (v === 0) return '0';
  const s = String(v);
  const e = s.indexOf('e');
  if (e < 0) return s;
  const neg = s.charCodeAt(0) === 45;
  const mant = s.slice(neg ? 1 : 0, e);
  const exp = Number(s.slice(e + 1));
  const dot = mant.indexOf('.');
  const digits = dot < 0 ? mant : mant.slice(0, dot) + mant.slice(dot + 1);
  const intLen = (dot < 0 ? mant.length : dot) + exp;
  let out: string;
  if (intLen <= 0) out = `0.${'0'.repeat(-intLen)}${digits}`;
  else if (intLen >= digits.length) out = digits + '0'.repeat(intLen - digits.length);
  else out = `${digits.slice(0, intLen)}.${digits.slice(intLen)}`;
  return neg ? `-${out}` : out;
}

/**
 * Converts an ISO 8601 value of a `t="d"` cell ('2011-12-09T12:50:00', optional fraction and zone)
 * to 'YYYY-MM-DD HH:MM:SS' (the zone is dropped: no shift), or 'YYYY-MM-DD' when there is no time.
 */
export function isoCellToText(v: string, kind: FormatKind): string {
  const m = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/.exec(
    v.trim(),
  );
  if (!m) return v;
  if (m[2] === undefined) return m[1]!;
  const time = `${m[2]}:${m[3]}:${m[4] ?? '00'}`;
  if (kind === FMT_DATE && time === '00:00:00') return m[1]!;
  return `${m[1]} ${time}`;
}
