import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  msToSerial,
  writeXlsx,
  type WriterRow,
  type WriterSpec,
} from '../../../scripts/data/xlsx-writer.mjs';
import { parseDelimited } from '../../core/ingest/delimited';
import { UserFacingError } from '../../core/errors';
import { listSheets, readWorkbook, type ReadWorkbookOptions } from './read-workbook';

async function readAll(
  bytes: Uint8Array,
  options: Partial<ReadWorkbookOptions> = {},
): Promise<{ rows: string[][]; numbers: number[]; result: Awaited<ReturnType<typeof readWorkbook>> }> {
  const rows: string[][] = [];
  const numbers: number[] = [];
  const result = await readWorkbook(bytes, {
    ...options,
    onRow: (cells, n) => {
      rows.push(cells);
      numbers.push(n);
    },
  });
  return { rows, numbers, result };
}

async function rejectionCode(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(UserFacingError);
    return (e as UserFacingError).code;
  }
  return 'resolved';
}

const serial = (y: number, mo: number, d: number, h = 0, mi = 0): number =>
  msToSerial(Date.UTC(y, mo - 1, d, h, mi));

describe('readWorkbook cell types', () => {
  const rows: WriterRow[] = [
    ['Id', 'When', 'Amount', 'Flag', 'Note'],
    [
      { t: 's', v: '007' },
      { t: 'n', v: serial(2011, 12, 9, 12, 50), s: 1 },
      { t: 'n', v: '2.5499999999999998' },
      true,
      { t: 'e', v: '#DIV/0!' },
    ],
    [
      { t: 's', v: '1.50' },
      { t: 'n', v: serial(2010, 12, 1), s: 2 },
      -80995,
      false,
      { t: 'str', v: 'A & B < C', f: 'A1&B1' },
    ],
    [
      { t: 'inlineStr', v: '  padded  ' },
      { t: 'n', v: 40886.5 },
      1e-7,
      { t: 'b', v: true },
      'line1\r\nline2 _x0041_',
    ],
  ];
  const spec = (extra: Partial<WriterSpec>): WriterSpec => ({
    sheets: [{ name: 'Data', rows }],
    numFmts: [{ id: 164, code: 'dd/mm/yyyy hh:mm' }],
    cellXfs: [0, 164, 14],
    ...extra,
  });
  const expected = [
    ['Id', 'When', 'Amount', 'Flag', 'Note'],
    ['007', '2011-12-09 12:50:00', '2.55', 'TRUE', '#DIV/0!'],
    ['1.50', '2010-12-01', '-80995', 'FALSE', 'A & B < C'],
    ['  padded  ', '40886.5', '0.0000001', 'TRUE', 'line1\r\nline2 _x0041_'],
  ];

  it('reads shared strings, numbers as text, dates by style, booleans, errors, formulas', async () => {
    const { rows: got, result } = await readAll(writeXlsx(spec({})));
    expect(got).toEqual(expected);
    expect(result).toEqual({
      sheets: ['Data'],
      sheet: 'Data',
      rows: 3,
      headerRow: 1,
      stopped: false,
      date1904: false,
    });
  });

  it('reads inline strings, stored (uncompressed) entries and cells without references the same way', async () => {
    for (const extra of [{ inlineStrings: true }, { level: 0 }, { omitRefs: true }] as const) {
      expect((await readAll(writeXlsx(spec(extra)))).rows).toEqual(expected);
    }
  });

  it('applies the 1904 date system', async () => {
    // the same stored serial is 1,462 days later in the 1904 system (Python: date(1904,1,1) + 39000 days)
    const book = (date1904: boolean): Uint8Array =>
      writeXlsx({
        sheets: [{ name: 'S', rows: [['d'], [{ t: 'n', v: 39000, s: 1 }]] }],
        cellXfs: [0, 14],
        date1904,
      });
    expect((await readAll(book(false))).rows[1]).toEqual(['2006-10-10']);
    const r1904 = await readAll(book(true));
    expect(r1904.rows[1]).toEqual(['2010-10-11']);
    expect(r1904.result.date1904).toBe(true);
  });

  it('keeps the 1900 leap-year bug at serials 59, 60, 61', async () => {
    const bytes = writeXlsx({
      sheets: [{ name: 'S', rows: [['d'], ...[59, 60, 61].map((v) => [{ t: 'n' as const, v, s: 1 }])] }],
      cellXfs: [0, 14],
    });
    expect((await readAll(bytes)).rows.slice(1)).toEqual([['1900-02-28'], ['1900-02-29'], ['1900-03-01']]);
  });

  it('places sparse cells in their columns and reports sheet row numbers', async () => {
    const bytes = writeXlsx({
      sheets: [
        {
          name: 'S',
          rows: [
            { r: 2, cells: [null, 'B', 'C', null, 'E'] },
            { r: 3, cells: [null, 1] },
            { r: 5, cells: [null, null, null, null, 'x'] },
            { r: 6, cells: [] },
            { r: 9, cells: ['far', null, null, null, null, null, 'G9'] },
          ],
        },
      ],
    });
    const { rows: got, numbers, result } = await readAll(bytes);
    expect(got).toEqual([
      ['', 'B', 'C', '', 'E'],
      ['', '1', '', '', ''],
      ['', '', '', '', 'x'],
      ['far', '', '', '', '', '', 'G9'],
    ]);
    expect(numbers).toEqual([2, 3, 5, 9]);
    expect(result.headerRow).toBe(2);
    expect(result.rows).toBe(3);
  });

  it('decodes entities and character references, rich-text runs and phonetic guides', async () => {
    const sst =
      '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      '<si><t>Fish &amp; Chips &lt;&#163;5&gt; &#xA3;</t></si>' +
      '<si><r><rPr><b/></rPr><t>Bold</t></r><r><t xml:space="preserve"> and plain</t></r></si>' +
      '<si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh></si></sst>';
    const sheet =
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="inlineStr"><is><t>&quot;q&quot; &#8364;</t></is></c></row>' +
      '</sheetData></worksheet>';
    const bytes = writeXlsx({ sheets: [{ name: 'S', xml: sheet }], parts: { 'xl/sharedStrings.xml': sst } });
    expect((await readAll(bytes)).rows).toEqual([['Fish & Chips <£5> £', 'Bold and plain', '東京', '"q" €']]);
  });
});

describe('sheets', () => {
  const bytes = writeXlsx({
    sheets: [
      { name: 'Hidden notes', hidden: true, rows: [['secret']] },
      {
        name: 'Sales',
        rows: [
          ['a', 'b'],
          [1, 2],
        ],
      },
      { name: 'Summary & Totals', rows: [['total'], [3]] },
    ],
  });

  it('lists worksheets, picks the first visible by default and others by name', async () => {
    expect(listSheets(bytes)).toEqual(['Hidden notes', 'Sales', 'Summary & Totals']);
    expect((await readAll(bytes)).result.sheet).toBe('Sales');
    const s = await readAll(bytes, { sheet: 'summary & totals' });
    expect(s.rows).toEqual([['total'], ['3']]);
    expect(s.result.sheet).toBe('Summary & Totals');
    expect((await readAll(bytes, { sheet: 'Hidden notes' })).rows).toEqual([['secret']]);
  });

  it('rejects unknown sheets, empty sheets and files that are not workbooks', async () => {
    expect(await rejectionCode(readAll(bytes, { sheet: 'Nope' }))).toBe('xlsx-no-sheet');
    // code + facts; the sentence ('"orders.xlsx": The workbook has no sheet named "Nope". …') is src/messages'
    await expect(readAll(bytes, { sheet: 'Nope', fileName: 'orders.xlsx' })).rejects.toMatchObject({
      facts: {
        code: 'xlsx-no-sheet',
        want: 'Nope',
        sheets: ['Hidden notes', 'Sales', 'Summary & Totals'],
        fileName: 'orders.xlsx',
      },
    });
    const empty = writeXlsx({ sheets: [{ name: 'Empty', rows: [[], [null, '']] }] });
    expect(await rejectionCode(readAll(empty))).toBe('xlsx-empty-sheet');
    const ole = new Uint8Array(512);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(await rejectionCode(readAll(ole))).toBe('xlsx-old-format');
    expect(await rejectionCode(readAll(new TextEncoder().encode('a,b\n1,2\n')))).toBe('xlsx-not-workbook');
    expect(await rejectionCode(readAll(bytes.slice(0, bytes.length - 40)))).toBe('xlsx-corrupt');
  });

  it('stops early and reports progress by bytes', async () => {
    const big = writeXlsx({
      sheets: [{ name: 'S', rows: Array.from({ length: 30000 }, (_, i) => [`row ${i}`, i, i * 0.5]) }],
    });
    const seen: number[] = [];
    const done: number[] = [];
    const result = await readWorkbook(big, {
      onRow: (cells) => seen.push(cells.length),
      shouldStop: () => seen.length >= 100,
      onProgress: (d, total) => {
        done.push(d);
        expect(total).toBe(big.length);
      },
    });
    expect(seen.length).toBe(100);
    expect(result.stopped).toBe(true);
    expect(result.rows).toBe(99);
    const full: number[] = [];
    await readWorkbook(big, { onRow: () => undefined, onProgress: (d) => full.push(d) });
    expect(full.length).toBeGreaterThan(2);
    expect(full.every((d, i) => i === 0 || d >= full[i - 1]!)).toBe(true);
    expect(full[full.length - 1]).toBe(big.length);
  });
});

describe('real data: the first 20,000 rows of UCI Online Retail', () => {
  it('reads back a workbook made from the CSV cell for cell', async () => {
    const csv = gunzipSync(
      readFileSync(new URL('../../../public/sample/online-retail.csv.gz', import.meta.url)),
    ).toString('utf8');
    const table: string[][] = [];
    const head = csv.slice(0, csv.indexOf('\n', 3_000_000) + 1); // well over 20,001 lines
    parseDelimited(head, ',', (r) => {
      if (table.length <= 20000) table.push(r);
    });
    expect(table.length).toBe(20001);
    const header = table[0]!;
    expect(header).toEqual([
      'InvoiceNo',
      'StockCode',
      'Description',
      'Quantity',
      'InvoiceDate',
      'UnitPrice',
      'CustomerID',
      'Country',
    ]);
    // Excel writes doubles with 17 significant digits; the reader must give back the CSV's short text.
    const excelNumber = (t: string): string =>
      Number.isInteger(Number(t)) ? t : Number(t).toPrecision(17).replace(/0+$/, '');
    const sheetRows: WriterRow[] = [
      header,
      ...table.slice(1).map((r): WriterRow => {
        const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(r[4]!)!;
        const ms = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
        const text = (v: string) => (v === '' ? null : { t: 's' as const, v });
        return [
          text(r[0]!),
          text(r[1]!),
          text(r[2]!),
          { t: 'n', v: excelNumber(r[3]!) },
          { t: 'n', v: msToSerial(ms), s: 1 },
          { t: 'n', v: excelNumber(r[5]!) },
          text(r[6]!),
          text(r[7]!),
        ];
      }),
    ];
    const bytes = writeXlsx({
      sheets: [
        { name: 'Online Retail', rows: sheetRows },
        { name: 'About', rows: [['note']] },
      ],
      numFmts: [{ id: 164, code: 'm/d/yyyy h:mm' }],
      cellXfs: [0, 164],
    });
    const { rows, result } = await readAll(bytes);
    expect(result.sheet).toBe('Online Retail');
    expect(result.rows).toBe(20000);
    expect(rows.length).toBe(table.length);
    let mismatches = 0;
    rows.forEach((r, i) => {
      if (JSON.stringify(r) !== JSON.stringify(table[i])) mismatches++;
    });
    expect(mismatches).toBe(0);
    expect(rows[1]).toEqual([
      '536365',
      '85123A',
      'WHITE HANGING HEART T-LIGHT HOLDER',
      '6',
      '2010-12-01 08:26:00',
      '2.55',
      '17850',
      'United Kingdom',
    ]);
    // rows without CustomerID keep an empty cell in that column
    expect(rows.some((r) => r[6] === '' && r[7] !== '')).toBe(true);
  });
});

describe('workbooks written by openpyxl (an independent writer; scripts/data/openpyxl-fixture.py)', () => {
  const expected = JSON.parse(
    readFileSync(new URL('./__fixtures__/openpyxl-expected.json', import.meta.url), 'utf8'),
  ) as Record<string, string[][]>;
  it.each(['1900', '1904'])(
    'reads the %s date system workbook as Python formats the values',
    async (system) => {
      const bytes = new Uint8Array(
        readFileSync(new URL(`./__fixtures__/openpyxl-${system}.xlsx`, import.meta.url)),
      );
      expect(listSheets(bytes)).toEqual(['Transactions', 'Second sheet']);
      const { rows, result } = await readAll(bytes);
      const want = expected[system]!;
      const width = want[0]!.length;
      expect(rows).toEqual(want.map((r) => [...r, ...Array<string>(width - r.length).fill('')]));
      expect(result.date1904).toBe(system === '1904');
      expect((await readAll(bytes, { sheet: 'Second sheet' })).rows).toEqual([
        ['only', 'here'],
        ['1.5', 'x'],
      ]);
    },
  );
});
