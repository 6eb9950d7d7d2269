import { describe, expect, it } from 'vitest';
import {
  builtinFormatKind,
  customFormatKind,
  FMT_DATE,
  FMT_DATETIME,
  FMT_PLAIN,
  FMT_TIME,
  isoCellToText,
  numberToText,
  serialToText,
} from './cell-text';
import { createRng } from '../numeric/random';

const DAY = 86_400_000;

/** Independent reference: Date arithmetic from the epoch of each system (valid past the leap bug). */
function viaDate(serial: number, date1904: boolean): string {
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  const ms = epoch + Math.round(serial * 86400) * 1000;
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

const rng = createRng;

describe('serialToText', () => {
  it('handles the 1900 leap-year bug at serials 59, 60, 61', () => {
    expect(serialToText(1, false, FMT_DATE)).toBe('1900-01-01');
    expect(serialToText(59, false, FMT_DATE)).toBe('1900-02-28');
    expect(serialToText(60, false, FMT_DATE)).toBe('1900-02-29');
    expect(serialToText(61, false, FMT_DATE)).toBe('1900-03-01');
    expect(serialToText(59.5, false, FMT_DATE)).toBe('1900-02-28 12:00:00');
    expect(serialToText(61.25, false, FMT_DATETIME)).toBe('1900-03-01 06:00:00');
  });

  it('matches Date arithmetic for random serials in both date systems', () => {
    const r = rng(42);
    for (let k = 0; k < 5000; k++) {
      const serial = 61 + r() * 2_900_000;
      expect(serialToText(serial, false, FMT_DATETIME)).toBe(viaDate(serial, false));
      const s1904 = r() * 2_900_000;
      expect(serialToText(s1904, true, FMT_DATETIME)).toBe(viaDate(s1904, true));
    }
  });

  it('reads the Online Retail times without any time-zone shift', () => {
    // 2010-12-01 08:26 and 2011-12-09 12:50 as Excel stores them
    const a = Date.UTC(2010, 11, 1, 8, 26) / DAY + 25569;
    const b = Date.UTC(2011, 11, 9, 12, 50) / DAY + 25569;
    expect(serialToText(a, false, FMT_DATETIME)).toBe('2010-12-01 08:26:00');
    expect(serialToText(b, false, FMT_DATETIME)).toBe('2011-12-09 12:50:00');
    expect(serialToText(40886.534722222219, false, FMT_DATETIME)).toBe('2011-12-09 12:50:00');
    expect(serialToText(25569, false, FMT_DATE)).toBe('1970-01-01');
  });

  it('puts the same serial 1,462 days apart in the 1900 and 1904 systems', () => {
    expect(serialToText(0, true, FMT_DATE)).toBe('1904-01-01');
    expect(serialToText(39000, false, FMT_DATE)).toBe('2006-10-10'); // Python: date(1899,12,30) + 39000 days
    expect(serialToText(39000 - 1462, true, FMT_DATE)).toBe('2006-10-10');
    expect(serialToText(39000, true, FMT_DATE)).toBe('2010-10-11'); // Python: date(1904,1,1) + 39000 days
  });

  it('omits the time only for date formats at midnight, rounds to the second', () => {
    expect(serialToText(40000, false, FMT_DATE)).toBe('2009-07-06');
    expect(serialToText(40000, false, FMT_DATETIME)).toBe('2009-07-06 00:00:00');
    expect(serialToText(40000.75, false, FMT_DATE)).toBe('2009-07-06 18:00:00');
    expect(serialToText(40000.999999999, false, FMT_DATE)).toBe('2009-07-07');
    expect(serialToText(40000 + 1.4 / 86400, false, FMT_DATETIME)).toBe('2009-07-06 00:00:01');
  });

  it('writes time-only values as HH:MM:SS', () => {
    expect(serialToText(0.5, false, FMT_TIME)).toBe('12:00:00');
    expect(serialToText(0.35138888888888886, false, FMT_TIME)).toBe('08:26:00');
    expect(serialToText(1.5, false, FMT_TIME)).toBe('1900-01-01 12:00:00');
  });

  it('refuses values Excel cannot show as dates', () => {
    expect(serialToText(-1, false, FMT_DATE)).toBeNull();
    expect(serialToText(2958466, false, FMT_DATE)).toBeNull();
    expect(serialToText(2958465, false, FMT_DATE)).toBe('9999-12-31');
    expect(serialToText(Number.NaN, false, FMT_DATE)).toBeNull();
    // 1904 system: days before 1904-01-01 (Python: date(1904,1,1) - 1401 days = 1900-03-01)
    expect(serialToText(-1401, true, FMT_DATE)).toBe('1900-03-01');
    expect(serialToText(-1402, true, FMT_DATE)).toBe('1900-02-28');
    expect(serialToText(-1e9, true, FMT_DATE)).toBeNull();
  });
});

describe('number formats', () => {
  it('knows the built-in date formats', () => {
    const kinds = Array.from({ length: 60 }, (_, i) => builtinFormatKind(i));
    expect(kinds.slice(0, 14).every((k) => k === FMT_PLAIN)).toBe(true);
    expect(kinds.slice(14, 18)).toEqual([FMT_DATE, FMT_DATE, FMT_DATE, FMT_DATE]);
    expect(kinds.slice(18, 22)).toEqual([FMT_TIME, FMT_TIME, FMT_TIME, FMT_TIME]);
    expect(kinds[22]).toBe(FMT_DATETIME);
    expect(kinds.slice(37, 45).every((k) => k === FMT_PLAIN)).toBe(true);
    expect(kinds.slice(45, 48)).toEqual([FMT_TIME, FMT_TIME, FMT_TIME]);
    expect(kinds[48]).toBe(FMT_PLAIN);
    expect(kinds[49]).toBe(FMT_PLAIN);
  });

  it.each([
    ['General', FMT_PLAIN],
    ['0.00', FMT_PLAIN],
    ['#,##0.00 "days"', FMT_PLAIN],
    ['0.0E+00', FMT_PLAIN],
    ['[Red]#,##0;[Blue]-#,##0', FMT_PLAIN],
    ['_-* #,##0.00_-;-* #,##0.00_-;_-* "-"??_-;_-@_-', FMT_PLAIN],
    ['0\\ \\h', FMT_PLAIN],
    ['[$€-2] #,##0.00', FMT_PLAIN],
    ['yyyy-mm-dd', FMT_DATE],
    ['mmm-yy', FMT_DATE],
    ['[$-409]mmmm d, yyyy;@', FMT_DATE],
    ['dd/mm/yyyy hh:mm', FMT_DATETIME],
    ['m/d/yyyy h:mm', FMT_DATETIME],
    ['h:mm AM/PM', FMT_TIME],
    ['[h]:mm:ss', FMT_TIME],
    ['"Day "d', FMT_DATE],
  ])('classifies %s', (code, kind) => {
    expect(customFormatKind(code)).toBe(kind);
  });
});

describe('numberToText', () => {
  it('gives the shortest round-trip text without exponents', () => {
    expect(numberToText(Number('2.5499999999999998'))).toBe('2.55');
    expect(numberToText(-0)).toBe('0');
    expect(numberToText(1e-7)).toBe('0.0000001');
    expect(numberToText(-1.5e-10)).toBe('-0.00000000015');
    expect(numberToText(1e21)).toBe('1000000000000000000000');
    expect(numberToText(1.2345e22)).toBe('12345000000000000000000');
    expect(numberToText(80995)).toBe('80995');
  });

  it('reads back to the same double for random values of every magnitude', () => {
    const r = rng(7);
    for (let k = 0; k < 20000; k++) {
      const v = (r() - 0.5) * 10 ** Math.floor(r() * 60 - 30);
      const s = numberToText(v);
      expect(s).not.toMatch(/e/i);
      expect(Number(s)).toBe(v === 0 ? 0 : v);
    }
  });
});

describe('isoCellToText', () => {
  it('drops zones and fractions without shifting', () => {
    expect(isoCellToText('2011-12-09T12:50:00Z', FMT_DATETIME)).toBe('2011-12-09 12:50:00');
    expect(isoCellToText('2011-12-09T12:50:00.000+05:00', FMT_DATETIME)).toBe('2011-12-09 12:50:00');
    expect(isoCellToText('2011-12-09T00:00:00', FMT_DATE)).toBe('2011-12-09');
    expect(isoCellToText('2011-12-09', FMT_PLAIN)).toBe('2011-12-09');
    expect(isoCellToText('not a date', FMT_PLAIN)).toBe('not a date');
  });
});
