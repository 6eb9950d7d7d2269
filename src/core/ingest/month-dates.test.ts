import { describe, expect, it } from 'vitest';
import { guessDateOrder, parseDate, YEAR_PIVOT } from './dates';
import { monthOf } from './month-names';

const utc = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0): number =>
  Date.UTC(y, mo - 1, d, h, mi, s);

describe('month-name dates', () => {
  it('reads dd-Mon-yy, Mon dd, yyyy and long names', () => {
    expect(parseDate('11-Feb-17', 'MONTH_NAME')).toBe(utc(2017, 2, 11));
    expect(parseDate('Feb 11, 2017', 'MONTH_NAME')).toBe(utc(2017, 2, 11));
    expect(parseDate('February 11, 2017 3:05 PM', 'MONTH_NAME')).toBe(utc(2017, 2, 11, 15, 5));
    expect(parseDate('11 February 2017 10:30:15', 'MONTH_NAME')).toBe(utc(2017, 2, 11, 10, 30, 15));
    expect(parseDate('Mon, 13 Feb 2017', 'MONTH_NAME')).toBe(utc(2017, 2, 13));
    expect(parseDate('2017-Feb-11', 'MONTH_NAME')).toBe(utc(2017, 2, 11));
    expect(parseDate('1st Mar 2019', 'MONTH_NAME')).toBe(utc(2019, 3, 1));
  });
  it('reads French, German, Spanish, Portuguese, Italian and Dutch months', () => {
    expect(parseDate('11 févr. 2017', 'MONTH_NAME')).toBe(utc(2017, 2, 11));
    expect(parseDate('1er août 2018', 'MONTH_NAME')).toBe(utc(2018, 8, 1));
    expect(parseDate('3. März 2019', 'MONTH_NAME')).toBe(utc(2019, 3, 3));
    expect(parseDate('24 Dez 2019', 'MONTH_NAME')).toBe(utc(2019, 12, 24));
    expect(parseDate('11 de febrero de 2017', 'MONTH_NAME')).toBe(utc(2017, 2, 11));
    expect(parseDate('05-ene-2020', 'MONTH_NAME')).toBe(utc(2020, 1, 5));
    expect(parseDate('7 de março de 2021', 'MONTH_NAME')).toBe(utc(2021, 3, 7));
    expect(parseDate('12-out-21', 'MONTH_NAME')).toBe(utc(2021, 10, 12));
    expect(parseDate('9 giugno 2016', 'MONTH_NAME')).toBe(utc(2016, 6, 9));
    expect(parseDate('9-mag-16', 'MONTH_NAME')).toBe(utc(2016, 5, 9));
    expect(parseDate('15 mei 2020', 'MONTH_NAME')).toBe(utc(2020, 5, 15));
    expect(parseDate('15-mrt-2020', 'MONTH_NAME')).toBe(utc(2020, 3, 15));
    expect(monthOf('Décembre')).toBe(12);
    expect(monthOf('sept.')).toBe(9);
  });
  it('states the two-digit-year pivot and applies it', () => {
    expect(YEAR_PIVOT).toBe(69);
    expect(parseDate('11-Feb-68', 'MONTH_NAME')).toBe(utc(2068, 2, 11));
    expect(parseDate('11-Feb-69', 'MONTH_NAME')).toBe(utc(1969, 2, 11));
    expect(guessDateOrder(['11-Feb-17', '12-Mar-17']).reason).toMatch(/00–68 → 20xx, 69–99 → 19xx/);
  });
  it('rejects what is not a date', () => {
    expect(parseDate('31-Feb-17', 'MONTH_NAME')).toBeNaN();
    expect(parseDate('Feb 2017', 'MONTH_NAME')).toBeNaN();
    expect(parseDate('Bookcases 11 2017', 'MONTH_NAME')).toBeNaN();
    expect(parseDate('11-Feb-17', 'DMY')).toBeNaN();
    expect(guessDateOrder(['Furniture', 'Office Supplies', 'Technology']).order).toBeNull();
  });
  it('guesses MONTH_NAME from the values', () => {
    const g = guessDateOrder(['11-Feb-17', '13-Feb-17', '01-Mar-17', 'n/a']);
    expect(g.order).toBe('MONTH_NAME');
    expect(g.ambiguous).toBe(false);
  });
});

describe('epoch seconds and milliseconds', () => {
  it('reads both in the 1990–2100 range only', () => {
    expect(parseDate('1325289600', 'EPOCH_S')).toBe(utc(2011, 12, 31));
    expect(parseDate('1325289600000', 'EPOCH_MS')).toBe(utc(2011, 12, 31));
    expect(parseDate('123456789', 'EPOCH_S')).toBeNaN(); // 1973
    expect(parseDate('1325289600000', 'EPOCH_S')).toBeNaN();
    expect(guessDateOrder(['1325289600', '1325376000']).order).toBe('EPOCH_S');
    expect(guessDateOrder(['1325289600123', '1325376000456']).order).toBe('EPOCH_MS');
  });
});
