import { describe, expect, it } from 'vitest';
import type { DictColumn, RawTable } from '../ingest/types';
import { parseText } from '../ingest/parse-text';
import { isIdHeader, profileColumn, profileColumns } from './columns';
import { quantileSorted } from '../numeric/quantiles';
import { weightedDescribe } from './stats';

function table(csv: string): RawTable {
  return parseText(csv, { fileName: 't.csv', byteLength: csv.length, encoding: 'utf-8' }).table;
}

/** Independent reference: expand, sort, two-pass mean/variance, numpy 'linear' quantiles. */
function naiveDescribe(xs: number[]): Record<string, number> {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  const mean = s.reduce((a, b) => a + b, 0) / n;
  const v = s.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
  const q = (p: number): number => {
    const h = (n - 1) * p;
    const lo = Math.floor(h);
    return lo + 1 < n ? s[lo]! + (s[lo + 1]! - s[lo]!) * (h - lo) : s[lo]!;
  };
  return {
    count: n,
    mean,
    std: Math.sqrt(v),
    min: s[0]!,
    q25: q(0.25),
    median: q(0.5),
    q75: q(0.75),
    max: s[n - 1]!,
  };
}

describe('weightedDescribe', () => {
  it('equals describe() of the expanded column', () => {
    let seed = 7;
    const rnd = (): number => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let trial = 0; trial < 20; trial++) {
      const k = 1 + Math.floor(rnd() * 30);
      const vals = Array.from({ length: k }, () => Math.round((rnd() - 0.3) * 1000) / 10);
      const ws = Array.from({ length: k }, () => 1 + Math.floor(rnd() * 5));
      const expanded = vals.flatMap((v, i) => Array<number>(ws[i]!).fill(v));
      const got = weightedDescribe(Float64Array.from(vals), Float64Array.from(ws));
      const want = naiveDescribe(expanded);
      expect(got.count).toBe(want['count']);
      for (const key of ['mean', 'min', 'q25', 'median', 'q75', 'max'] as const) {
        expect(got[key]).toBeCloseTo(want[key]!, 10);
      }
      if (expanded.length > 1) expect(got.std).toBeCloseTo(want['std']!, 10);
      else expect(got.std).toBeNaN();
      expect(got.negatives).toBe(expanded.filter((x) => x < 0).length);
      expect(got.zeros).toBe(expanded.filter((x) => x === 0).length);
    }
  });

  it('gives NaN statistics for no values', () => {
    const d = weightedDescribe(new Float64Array(0), new Float64Array(0));
    expect(d.count).toBe(0);
    expect(d.mean).toBeNaN();
    expect(d.median).toBeNaN();
  });

  it('interpolates quantiles as numpy (linear)', () => {
    expect(quantileSorted([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([5], 0.9)).toBe(5);
    expect(quantileSorted([], 0.5)).toBeNaN();
  });
});

describe('profileColumns', () => {
  // 30 data rows: spreadsheet rows 2..31.
  const header = 'Order ID,Amount,When,Note,Bin,Customer,Blank,Euro';
  const lines: string[] = [header];
  for (let i = 0; i < 30; i++) {
    const amount = i === 4 ? 'n/a' : i === 9 ? '12.5x' : i === 20 ? '' : `${(i * 1.5).toFixed(2)}`;
    const day = String((i % 28) + 1).padStart(2, '0');
    const when = i === 11 ? 'soon' : `${day}/03/2024 ${String(i % 24).padStart(2, '0')}:15`;
    const note = i % 3 === 0 ? 'red' : i % 3 === 1 ? 'blue' : i < 15 ? 'green' : '';
    const code = String(i % 7).padStart(4, '0');
    const euro = `"${i},${i % 2 === 0 ? '5' : '25'}"`;
    lines.push(`A${100 + i},${amount},${when},${note},${code},${1000 + (i % 4)},,${euro}`);
  }
  const raw = table(lines.join('\n'));
  const prof = profileColumns(raw);
  const byName = Object.fromEntries(prof.map((p) => [p.name, p]));

  it('detects the type of each column', () => {
    expect(prof.map((p) => p.type)).toEqual([
      'id-like',
      'number',
      'date',
      'text',
      'id-like',
      'id-like',
      'empty',
      'number',
    ]);
    expect(prof.every((p) => p.rows === 30)).toBe(true);
  });

  it('counts unparseable numbers with spreadsheet rows and values, apart from empty cells', () => {
    const a = byName['Amount']!;
    expect(a.missing).toBe(1);
    expect(a.naLike).toBe(1);
    expect(a.unparseable).toEqual({ count: 2, exampleRows: [6, 11], exampleValues: ['n/a', '12.5x'] });
    const good = Array.from({ length: 30 }, (_, i) => i)
      .filter((i) => i !== 4 && i !== 9 && i !== 20)
      .map((i) => Number((i * 1.5).toFixed(2)));
    const want = naiveDescribe(good);
    const n = a.numeric!;
    expect(n.count).toBe(27);
    expect(n.mean).toBeCloseTo(want['mean']!, 12);
    expect(n.std).toBeCloseTo(want['std']!, 12);
    expect([n.min, n.q25, n.median, n.q75, n.max]).toEqual([
      want['min'],
      want['q25'],
      want['median'],
      want['q75'],
      want['max'],
    ]);
  });

  it('reads day-first dates, their range and the cell that is not a date', () => {
    const d = byName['When']!;
    expect(d.dates!.order).toBe('DMY');
    expect(d.dates!.orderAmbiguous).toBe(false);
    expect(d.dates!.count).toBe(29);
    expect(d.dates!.earliest).toBe(Date.UTC(2024, 2, 1, 0, 15));
    expect(d.dates!.latestText).toBe('2024-03-28 03:15');
    expect(d.unparseable).toEqual({ count: 1, exampleRows: [13], exampleValues: ['soon'] });
  });

  it('lists top text values with counts, ties in order of first appearance', () => {
    const t = byName['Note']!;
    expect(t.missing).toBe(5);
    expect(t.distinct).toBe(3);
    expect(t.top).toEqual([
      { value: 'red', count: 10 },
      { value: 'blue', count: 10 },
      { value: 'green', count: 5 },
    ]);
  });

  it('treats zero-padded numbers and id headers as codes, and reads decimal commas', () => {
    expect(byName['Bin']!.typeReason).toMatch(/leading zeros/);
    expect(byName['Amount']!.typeReason).toBe('93.1% of the filled cells read as numbers.');
    expect(byName['Bin']!.numeric).toBeNull();
    expect(byName['Bin']!.top[0]).toEqual({ value: '0000', count: 5 });
    expect(byName['Customer']!.typeReason).toMatch(/identifier/);
    expect(byName['Order ID']!.distinct).toBe(30);
    expect(byName['Blank']!.missing).toBe(30);
    const e = byName['Euro']!.numeric!;
    expect(e.min).toBe(0.5);
    expect(e.max).toBe(29.25);
    expect(byName['Euro']!.typeReason).toMatch(/decimal comma/);
  });

  it('counts blank dictionary entries as missing and flags ambiguous day/month order', () => {
    const col: DictColumn = {
      name: 'Date',
      codes: Int32Array.from([0, 1, 2, -1, 3, 0]),
      dict: ['01/02/2024', '03/04/2024', '   ', '12/11/2023'],
    };
    const p = profileColumn(col, 0);
    expect(p.missing).toBe(2);
    expect(p.distinct).toBe(3);
    expect(p.type).toBe('date');
    expect(p.dates!.orderAmbiguous).toBe(true);
    expect(p.dates!.order).toBe('MDY');
    expect(p.dates!.earliest).toBe(Date.UTC(2023, 11, 11));
    expect(p.dates!.latest).toBe(Date.UTC(2024, 2, 4));
  });

  it('does not take plain integers for dates unless the header says so', () => {
    const vals = ['20240101', '20240315', '20231231', '20240229'];
    const codes = Int32Array.from([0, 1, 2, 3, 0, 1]);
    expect(profileColumn({ name: 'Weight', codes, dict: vals }, 0).type).toBe('integer');
    const d = profileColumn({ name: 'Order Date', codes, dict: vals }, 0);
    expect(d.type).toBe('date');
    expect(d.dates!.latestText).toBe('2024-03-15');
  });
});

describe('isIdHeader', () => {
  it('recognises identifier headers by their last word, not by a trailing "id" inside a word', () => {
    const yes = [
      'CustomerID',
      'customer_id',
      'InvoiceNo',
      'StockCode',
      'Order Number',
      'CUSTOMERID',
      'invoiceno',
      'Customer',
      'SKU',
      'Ref',
    ];
    const no = [
      'Paid',
      'Valid',
      'Quantity',
      'UnitPrice',
      'number_of_cds',
      'Recency(Days)',
      'Country',
      'Description',
      'dollar_value',
    ];
    expect(yes.filter((h) => !isIdHeader(h))).toEqual([]);
    expect(no.filter((h) => isIdHeader(h))).toEqual([]);
  });
});

describe('the share of numbers in a text column', () => {
  it('says a share under 0.1% as a count, never "Only 0%"', () => {
    const words = Array.from({ length: 2999 }, (_, i) => `word ${i % 7}`);
    const csv = ['Note', ...words.slice(0, 1500), '42', ...words.slice(1500)].join('\n');
    const p = profileColumns(table(csv))[0]!;
    expect(p.type).toBe('text');
    expect(p.typeReason).toBe('Only 1 of the 3,000 filled cells read as numbers.');
  });

  it('keeps the percentage from 0.1% up', () => {
    const words = Array.from({ length: 990 }, (_, i) => `word ${i % 7}`);
    const csv = ['Note', ...words, ...Array.from({ length: 10 }, (_, i) => String(i + 1))].join('\n');
    expect(profileColumns(table(csv))[0]!.typeReason).toBe('Only 1% of the filled cells read as numbers.');
  });
});
