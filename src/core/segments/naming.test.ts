import { describe, expect, it } from 'vitest';
import { exportFileName, isoDay, sanitiseFileStem } from './naming';

describe('sanitiseFileStem', () => {
  it.each([
    ['online-retail.csv.gz', 'online-retail'],
    ['Online Retail (2011).xlsx', 'Online-Retail-2011'],
    ['C:\\data\\my file.csv', 'my-file'],
    ['../../etc/passwd', 'passwd'],
    ['données clients.csv', 'données-clients'],
    ['<script>.csv', 'script'],
    ['', 'segments'],
    ['....csv', 'segments'],
  ])('%j → %j', (input, expected) => {
    expect(sanitiseFileStem(input)).toBe(expected);
  });
  it('handles null and caps the length', () => {
    expect(sanitiseFileStem(null)).toBe('segments');
    expect(sanitiseFileStem('x'.repeat(200)).length).toBe(60);
  });
});

describe('exportFileName', () => {
  it('builds <dataset>-k<k>-<day>-<what>', () => {
    const date = new Date(2026, 10, 26, 23, 59);
    expect(isoDay(date)).toBe('2026-11-26');
    expect(exportFileName('online-retail.csv.gz', 4, date, 'customers.csv')).toBe(
      'online-retail-k4-2026-11-26-customers.csv',
    );
  });
});
