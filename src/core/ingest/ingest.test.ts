import { describe, expect, it } from 'vitest';
import { detectEncoding, isGzip } from './encoding';
import {
  crRows,
  decideNewline,
  lastRowBoundary,
  parseDelimited,
  sniffDelimiter,
  splitWhitespace,
} from './delimited';
import { DictColumnBuilder, uniqueHeaders } from './dict-column';
import { RawTableBuilder } from './table-builder';
import { guessDateOrder, parseDate } from './dates';
import { detectNumberFormat, parseNumber } from './numbers';
import { guessMapping } from './roles';
import { buildTransactions, duplicateGroups } from './transactions';
import { parseText } from './parse-text';

const utc = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0): number =>
  Date.UTC(y, mo - 1, d, h, mi, s);

function table(text: string) {
  return parseText(text, { fileName: 't.csv', byteLength: text.length, encoding: 'utf-8' }).table;
}

describe('encoding', () => {
  const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
  it('reads BOMs', () => {
    expect(detectEncoding(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]))).toMatchObject({
      encoding: 'utf-8',
      bomLength: 3,
    });
    expect(detectEncoding(new Uint8Array([0xff, 0xfe, 0x41, 0]))).toMatchObject({
      encoding: 'utf-16le',
      bomLength: 2,
    });
    expect(detectEncoding(new Uint8Array([0xfe, 0xff, 0, 0x41]))).toMatchObject({
      encoding: 'utf-16be',
      bomLength: 2,
    });
  });
  it('tells UTF-8 from windows-1252 by validity and keeps £', () => {
    expect(detectEncoding(enc('Price,£2.55\n')).encoding).toBe('utf-8');
    const cp1252 = new Uint8Array([0x50, 0x2c, 0xa3, 0x32, 0x0a]); // "P,£2\n" in windows-1252
    const g = detectEncoding(cp1252, true);
    expect(g.encoding).toBe('windows-1252');
    expect(new TextDecoder(g.encoding).decode(cp1252)).toBe('P,£2\n');
    expect(detectEncoding(enc('a,b\n1,2\n'))).toMatchObject({ asciiOnly: true, binary: false });
  });
  it('allows a UTF-8 character cut by the end of a sample, not of a whole file', () => {
    const b = enc('x,£').subarray(0, 3); // first byte of £ only
    expect(detectEncoding(b, false).encoding).toBe('utf-8');
    expect(detectEncoding(b, true).encoding).toBe('windows-1252');
  });
  it('flags binary files', () => {
    expect(detectEncoding(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2])).binary).toBe(true);
    expect(detectEncoding(new Uint8Array([0x41, 0, 0, 0, 0x42, 0x13, 0, 0])).binary).toBe(true);
    expect(isGzip(new Uint8Array([0x1f, 0x8b, 8]))).toBe(true);
  });
});

describe('delimiters and splitting', () => {
  it('sniffs , ; tab | and whitespace', () => {
    expect(sniffDelimiter('a,b,c\n1,2,3\n')).toBe(',');
    expect(sniffDelimiter('a;b;c\n"1,5";2;3\n4,5;6;7\n')).toBe(';');
    expect(sniffDelimiter('a\tb\n1\t2\n')).toBe('\t');
    expect(sniffDelimiter('a|b|c\n1|2|3\n')).toBe('|');
    expect(
      sniffDelimiter(' customer_id  date number_of_cds  dollar_value\n 00001 19970101  1   11.77\n'),
    ).toBe('whitespace');
    expect(sniffDelimiter('\uFEFFx,y\r\n1,2\r\n')).toBe(',');
  });
  it('tells CR rows (old Mac) from the evidence of the first characters, whatever the first LF', () => {
    const rows = (end: (i: number) => string) =>
      Array.from({ length: 30 }, (_, i) => `${i},x${end(i)}`).join('');
    const decide = (t: string) => {
      const nl = t.indexOf('\n');
      return decideNewline(t.slice(0, 65_536), nl, nl > 0 && t.charCodeAt(nl - 1) === 13);
    };
    expect(decide(rows(() => '\r'))).toBe('\r');
    expect(decide(rows((i) => (i === 3 ? '\r\n' : '\r')))).toBe('\r'); // the first LF follows a CR
    expect(decide(rows((i) => (i === 3 ? '\n' : '\r')))).toBe('\r');
    expect(decide(rows(() => '\r\n'))).toBe('\r\n');
    expect(decide(rows(() => '\n'))).toBe('\n');
    // CRs inside the values of LF or CR LF rows are not row ends
    expect(decide(rows((i) => (i % 3 === 0 ? '\r\n' : '\n')))).toBe('\r\n');
    expect(decide(rows((i) => (i % 2 === 0 ? 'a\rb\n' : '\n')))).toBe('\n');
    // as many CR LF as lone CR: not CR rows
    expect(crRows(rows((i) => (i % 2 === 0 ? '\r\n' : '\r')))).toBe(false);
    expect(decide('a,b')).toBeNull();
    // the evidence is the sample: CRs beyond it do not count
    const lfFirst = rows(() => '\n').repeat(1000);
    expect(lfFirst.length).toBeGreaterThan(65_536);
    expect(decide(lfFirst + rows(() => '\r').repeat(3000))).toBe('\n');
  });
  it('cuts CR rows at CR', () => {
    expect(lastRowBoundary('a,b\r1,"2\r3"\r4,', false, '\r')).toEqual({ cut: 12, inQuotesAtEnd: false });
  });
  it('splits whitespace-aligned lines, keeping leading zeros', () => {
    expect(splitWhitespace(' 00001 19970101  1   11.77')).toEqual(['00001', '19970101', '1', '11.77']);
    expect(splitWhitespace('"a b"  c')).toEqual(['a b', 'c']);
  });
  it('parses quotes, escaped quotes, embedded delimiters and newlines, CRLF', () => {
    const rows: string[][] = [];
    parseDelimited('h1,h2\r\n"a,1","say ""hi"""\r\n"two\nlines",x\r\n\r\nlast,\n', ',', (r) => rows.push(r));
    expect(rows).toEqual([
      ['h1', 'h2'],
      ['a,1', 'say "hi"'],
      ['two\nlines', 'x'],
      ['last', ''],
    ]);
  });
  it('cuts streamed text only at row ends outside quotes', () => {
    expect(lastRowBoundary('a,b\n1,2\n3,', false)).toEqual({ cut: 8, inQuotesAtEnd: false });
    expect(lastRowBoundary('a,"x\ny\n', false)).toEqual({ cut: 0 + -1, inQuotesAtEnd: true });
    const t = 'a,"x\ny"\n1,"p\nq';
    const r = lastRowBoundary(t, false);
    expect(t.slice(0, r.cut)).toBe('a,"x\ny"\n');
    expect(r.inQuotesAtEnd).toBe(true);
    expect(lastRowBoundary('y"\nz\n', true).cut).toBe(5);
    // parsing the pieces cut this way equals parsing the whole text
    const whole = 'h,d\n1,"multi\nline, with comma"\n2,"x""y"\n3,z\n';
    const all: string[][] = [];
    parseDelimited(whole, ',', (row) => all.push(row));
    for (let size = 3; size < whole.length; size += 4) {
      const got: string[][] = [];
      let pending = '';
      for (let o = 0; o < whole.length; o += size) {
        pending += whole.slice(o, o + size);
        const { cut } = lastRowBoundary(pending, false);
        if (cut > 0) {
          parseDelimited(pending.slice(0, cut), ',', (row) => got.push(row));
          pending = pending.slice(cut);
        }
      }
      parseDelimited(pending, ',', (row) => got.push(row));
      expect(got).toEqual(all);
    }
  });
});

describe('table building', () => {
  it('makes blank and duplicate headers unique', () => {
    expect(uniqueHeaders(['id', '', 'id', ' Amount ', 'ID'])).toEqual([
      'id',
      'Column 2',
      'id (2)',
      'Amount',
      'ID (3)',
    ]);
  });
  it('dictionary-encodes columns and reports ragged rows', () => {
    const b = new RawTableBuilder();
    for (const r of [['a', 'b'], ['x', '1'], ['x', ''], ['y', '1', 'extra'], ['z']]) b.pushRow(r);
    const t = b.build({ fileName: 'f', byteLength: 0, delimiter: ',', encoding: 'utf-8' });
    expect(t.rowCount).toBe(4);
    expect(Array.from(t.columns[0]!.codes)).toEqual([0, 0, 1, 2]);
    expect(t.columns[0]!.dict).toEqual(['x', 'y', 'z']);
    expect(Array.from(t.columns[1]!.codes)).toEqual([0, -1, 0, -1]);
    expect(t.columns[2]!.name).toBe('Column 3');
    expect(Array.from(t.columns[2]!.codes)).toEqual([-1, -1, 0, -1]);
    expect(t.ragged).toEqual({ count: 2, exampleRows: [4, 5] });
  });
  it('dictionary codes read back as the values pushed, in order of first appearance', () => {
    // many near-identical values (same length, one character apart) force hash probing and rehashing
    const values: (string | undefined)[] = [];
    let seed = 7;
    const rand = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296;
    for (let i = 0; i < 60000; i++) {
      const r = rand();
      values.push(
        r < 0.05
          ? undefined
          : r < 0.1
            ? ''
            : r < 0.4
              ? values[values.length - 1]
              : `v${Math.floor(rand() * 20000)}x${'é'.repeat(Math.floor(rand() * 3))}`,
      );
    }
    const b = new DictColumnBuilder(16);
    for (const v of values) b.push(v);
    const col = b.build('c');
    const want = new Map<string, number>();
    values.forEach((v, i) => {
      if (v === undefined || v === '') {
        expect(col.codes[i]).toBe(-1);
        return;
      }
      if (!want.has(v)) want.set(v, want.size);
      expect(col.codes[i]).toBe(want.get(v));
    });
    expect(col.dict).toEqual([...want.keys()]);
    // pushRange reads the same value out of a longer text
    const c2 = new DictColumnBuilder();
    c2.push('abcdefghijklmnop');
    c2.pushRange('xxabcdefghijklmnopxx', 2, 18);
    c2.pushRange('xxabcdefghijklmnoqxx', 2, 18);
    c2.pushRange('abcdefghijklmnop', 0, 16);
    expect(Array.from(c2.build('c').codes)).toEqual([0, 0, 1, 0]);
    expect(c2.dict).toEqual(['abcdefghijklmnop', 'abcdefghijklmnoq']);
  });
  it('groups exact duplicate rows', () => {
    const t = table('a,b\n1,2\n1,3\n1,2\n,2\n,2\n');
    expect(Array.from(duplicateGroups(t))).toEqual([0, 1, 0, 3, 3]);
  });
});

describe('dates', () => {
  it('reads ISO, with T, seconds, fractions, zones ignored', () => {
    expect(parseDate('2011-12-09 12:50:00', 'ISO')).toBe(utc(2011, 12, 9, 12, 50));
    expect(parseDate('2011-12-09T12:50', 'ISO')).toBe(utc(2011, 12, 9, 12, 50));
    expect(parseDate('2011-12-09T12:50:30.5+02:00', 'ISO')).toBe(utc(2011, 12, 9, 12, 50, 30) + 500);
    expect(parseDate('2011-12-09', 'ISO')).toBe(utc(2011, 12, 9));
    expect(parseDate('2011-02-30', 'ISO')).toBeNaN();
  });
  it('knows month lengths and leap years', () => {
    expect(parseDate('2000-02-29', 'ISO')).toBe(utc(2000, 2, 29));
    expect(parseDate('2012-02-29', 'ISO')).toBe(utc(2012, 2, 29));
    expect(parseDate('1900-02-29', 'ISO')).toBeNaN();
    expect(parseDate('2011-02-29', 'ISO')).toBeNaN();
    expect(parseDate('2011-04-31', 'ISO')).toBeNaN();
    expect(parseDate('2011-12-31', 'ISO')).toBe(utc(2011, 12, 31));
    expect(parseDate('29/02/00', 'DMY')).toBe(utc(2000, 2, 29));
    expect(parseDate('02/29/1900', 'MDY')).toBeNaN();
  });
  it('reads M/D and D/M with 2-digit years and AM/PM', () => {
    expect(parseDate('12/1/2010 8:26', 'MDY')).toBe(utc(2010, 12, 1, 8, 26));
    expect(parseDate('12/1/2010 8:26', 'DMY')).toBe(utc(2010, 1, 12, 8, 26));
    expect(parseDate('31.12.11', 'DMY')).toBe(utc(2011, 12, 31));
    expect(parseDate('1/2/70', 'DMY')).toBe(utc(1970, 2, 1));
    expect(parseDate('3/4/2010 12:05 PM', 'MDY')).toBe(utc(2010, 3, 4, 12, 5));
    expect(parseDate('3/4/2010 12:05 AM', 'MDY')).toBe(utc(2010, 3, 4, 0, 5));
    expect(parseDate('13/1/2010', 'MDY')).toBeNaN();
  });
  it('reads YYYYMMDD and Excel serials', () => {
    expect(parseDate('19970101', 'YMD_COMPACT')).toBe(utc(1997, 1, 1));
    expect(parseDate('40513.35138888889', 'EXCEL_SERIAL')).toBe(utc(2010, 12, 1, 8, 26));
    expect(parseDate('25569', 'EXCEL_SERIAL')).toBe(0);
  });
  it('decides D/M vs M/D from the data and says when it cannot', () => {
    expect(guessDateOrder(['12/1/2010 8:26', '12/13/2010 9:00'])).toMatchObject({
      order: 'MDY',
      ambiguous: false,
    });
    expect(guessDateOrder(['13/1/2010', '1/2/2010'])).toMatchObject({ order: 'DMY', ambiguous: false });
    expect(guessDateOrder(['1/2/2010', '3/4/2010'])).toMatchObject({
      ambiguous: true,
      candidates: ['MDY', 'DMY'],
    });
    expect(guessDateOrder(['1.2.2010', '3.4.2010'])).toMatchObject({ order: 'DMY', ambiguous: true });
    expect(guessDateOrder(['2010-12-01 08:26:00'])).toMatchObject({ order: 'ISO' });
    expect(guessDateOrder(['19970101', '19980630'])).toMatchObject({ order: 'YMD_COMPACT' });
    expect(guessDateOrder(['40513.35', '40600'])).toMatchObject({ order: 'EXCEL_SERIAL' });
    expect(guessDateOrder(['hello', '12'])).toMatchObject({ order: null });
  });
});

describe('numbers', () => {
  it('reads plain, negative, exponent values', () => {
    expect(parseNumber('2.55')).toBe(2.55);
    expect(parseNumber('-80995')).toBe(-80995);
    expect(parseNumber('1e3')).toBe(1000);
    expect(parseNumber('')).toBeNaN();
    expect(parseNumber('abc')).toBeNaN();
  });
  it('tolerates currency, thousands and accounting negatives', () => {
    expect(parseNumber('£1,234.50')).toBe(1234.5);
    expect(parseNumber('$ 12')).toBe(12);
    expect(parseNumber('(12.50)')).toBe(-12.5);
    expect(parseNumber('12.50 EUR')).toBe(12.5);
    expect(parseNumber('-£5')).toBe(-5);
  });
  it('detects decimal commas per column', () => {
    const fmt = detectNumberFormat(['1,25', '3,5', '1.234,50 €', '7']);
    expect(fmt.decimal).toBe(',');
    expect(parseNumber('1.234,50 €', fmt)).toBe(1234.5);
    expect(parseNumber('3,5', fmt)).toBe(3.5);
    expect(detectNumberFormat(['1,234', '2.5']).decimal).toBe('.');
  });
});

describe('roles', () => {
  /** Online Retail's column order (no description role): the layout both exports below share. */
  const UCI_LAYOUT = { invoice: 0, product: 1, quantity: 3, date: 4, price: 5, customer: 6, country: 7 };
  it('maps Online Retail II headers', () => {
    const t = table(
      'Invoice,StockCode,Description,Quantity,InvoiceDate,Price,Customer ID,Country\n489434,85048,X,12,2009-12-01 07:45:00,6.95,13085,United Kingdom\n',
    );
    const g = guessMapping(t);
    expect(g.mapping).toEqual(UCI_LAYOUT);
    expect(g.missing).toEqual([]);
  });
  it('maps German and Portuguese exports, product column included', () => {
    const de = guessMapping(
      table(
        'Rechnungsnummer,Artikelnummer,Beschreibung,Menge,Rechnungsdatum,Einzelpreis,Kundennummer,Land\n536365,85123A,X,6,2010-12-01 08:26:00,2.55,17850,DE\n',
      ),
    );
    expect(de.mapping).toEqual(UCI_LAYOUT);
    const pt = guessMapping(
      table(
        'CodigoCompra,CodigoProduto,Quantidade,DataCompra,PrecoUnitario,CodigoCliente\n1,P-7,2,2020-01-02,3.5,9\n',
      ),
    );
    expect(pt.mapping).toMatchObject({ invoice: 0, product: 1, quantity: 2, date: 3, price: 4, customer: 5 });
  });
  it('maps a grocery log with household, basket, sales value and timestamp', () => {
    const t = table(
      '"household_id","store_id","basket_id","product_id","quantity","sales_value","retail_disc","week","transaction_timestamp"\n"2261","309","31625220889","940996",1,3.86,0.43,5,"2017-01-28 14:06:53"\n',
    );
    const g = guessMapping(t);
    expect(g.mapping).toMatchObject({ customer: 0, invoice: 2, product: 3, quantity: 4, amount: 5, date: 8 });
    expect(g.kind).toBe('transactions');
    expect(g.missing).toEqual([]);
  });
  it('says what is missing, and confirms roles by values', () => {
    const g = guessMapping(table('cust,date\n1,2006-01-01\n2,2006-01-03\n'));
    expect(g.mapping).toEqual({ customer: 0, date: 1 });
    // no money column: an R+F model, nothing missing
    expect(g.missing).toEqual([]);
    const h = guessMapping(table('customer,date,amount\n1,yesterday,abc\n'));
    expect(h.mapping).toEqual({ customer: 0 });
  });
  it('detects pre-aggregated RFM tables', () => {
    const g = guessMapping(table('CustomerID,Recency,Frequency,Monetary,Cluster\n12347,2,7,4310.0,1\n'));
    expect(g).toMatchObject({
      kind: 'rfm',
      mapping: { customer: 0, recency: 1, frequency: 2, monetary: 3 },
      missing: [],
    });
  });
});

describe('buildTransactions', () => {
  it('types columns, keeps id text, reports unreadable values with spreadsheet rows', () => {
    const t = table(
      'InvoiceNo,InvoiceDate,Quantity,UnitPrice,CustomerID\nC1,13/1/2011 10:00,2,"1,5",007\nA2,bad,x,"2,25",17850.0\nA3,1/2/2011 10:00,-1,"3,0",\n',
    );
    const g = guessMapping(t);
    const tx = buildTransactions(t, g.mapping, g.dateOrder?.order ?? null);
    expect(g.dateOrder?.order).toBe('DMY');
    expect(Array.from(tx.time)).toEqual([utc(2011, 1, 13, 10), NaN, utc(2011, 2, 1, 10)]);
    expect(Array.from(tx.price!)).toEqual([1.5, 2.25, 3]);
    expect(tx.customers).toEqual(['007', '17850.0']);
    expect(Array.from(tx.customer)).toEqual([0, 1, -1]);
    expect(tx.problems).toEqual([
      { role: 'date', column: 'InvoiceDate', count: 1, exampleRows: [3], exampleValues: ['bad'] },
      { role: 'quantity', column: 'Quantity', count: 1, exampleRows: [3], exampleValues: ['x'] },
    ]);
  });
  it('drops the ".0" of ids all written as whole floats', () => {
    const t = table('CustomerID,InvoiceDate,Amount\n17850.0,2011-01-01,1\n12346.0,2011-01-02,2\n');
    const tx = buildTransactions(t, guessMapping(t).mapping, 'ISO');
    expect(tx.customers).toEqual(['17850', '12346']);
  });
});
