import { describe, expect, it } from 'vitest';
import { guessDateOrder, parseDate, YEAR_PIVOT } from './dates';
import { monthOf } from './month-names';

const utc = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0): number =>
  Date.UTC(y, mo - 1, d, h, mi, s);

describe('month-name dates', () => {
  it.each([
    ['English', '11-Feb-17', utc(2017, 2, 11)],
    ['English', 'Feb 11, 2017', utc(2017, 2, 11)],
    ['English', 'February 11, 2017 3:05 PM', utc(2017, 2, 11, 15, 5)],
    ['English', '11 February 2017 10:30:15', utc(2017, 2, 11, 10, 30, 15)],
    ['English', 'Mon, 13 Feb 2017', utc(2017, 2, 13)],
    ['English', '2017-Feb-11', utc(2017, 2, 11)],
    ['English', '1st Mar 2019', utc(2019, 3, 1)],
    ['French', '11 févr. 2017', utc(2017, 2, 11)],
    ['French', '1er août 2018', utc(2018, 8, 1)],
    ['German', '3. März 2019', utc(2019, 3, 3)],
    ['German', '24 Dez 2019', utc(2019, 12, 24)],
    ['Spanish', '11 de febrero de 2017', utc(2017, 2, 11)],
    ['Spanish', '05-ene-2020', utc(2020, 1, 5)],
    ['Portuguese', '7 de março de 2021', utc(2021, 3, 7)],
    ['Portuguese', '12-out-21', utc(2021, 10, 12)],
    ['Italian', '9 giugno 2016', utc(2016, 6, 9)],
    ['Italian', '9-mag-16', utc(2016, 5, 9)],
    ['Dutch', '15 mei 2020', utc(2020, 5, 15)],
    ['Dutch', '15-mrt-2020', utc(2020, 3, 15)],
  ])('reads %s month names: %s', (_language, text, expected) => {
    expect(parseDate(text, 'MONTH_NAME')).toBe(expected);
  });
  it('knows full and abbreviated month names with accents and dots', () => {
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
