import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { msToSerial, writeXlsx, type WriterRow } from '../../../scripts/data/xlsx-writer.mjs';
import type { RawTable } from '../../core/ingest/types';
import { UserFacingError } from '../../core/errors';
import { loadFile } from './load-file';
import { isWorkbookFile, loadWorkbook, looksLikeWorkbook, type LoadWorkbookOptions } from './load-workbook';
import type { LoadProgress } from './protocol';

/**
 * The workbook path must give exactly the RawTable the CSV path gives for the same rows: real UCI
 * Online Retail lines (the first 3,000, the 32 lines whose Description holds '£', and a run of lines
 * without a customer id), written as a workbook the way Excel stores them (text cells, numbers,
 * customer ids as numbers, dates as serials with a date style), against the same lines as CSV.
 */

const UCI = gunzipSync(
  readFileSync(new URL('../../../public/sample/online-retail.csv.gz', import.meta.url)),
).toString('utf8');
const LINES = UCI.split('\n').filter((l) => l !== '');
const HEADER_LINE = LINES[0]!;
const PICK = new Set<number>();
for (let i = 1; i <= 3000; i++) PICK.add(i);
LINES.forEach((l, i) => {
  if (i > 0 && l.includes('£')) PICK.add(i);
});
for (let i = 38_240; i < 38_260; i++) PICK.add(i);
const PICKED = [...PICK].sort((a, b) => a - b).map((i) => LINES[i]!);

/** The UCI file's own quoting: "text" fields, bare numbers, empty fields (no embedded quotes or commas in values used here). */
function fields(line: string): string[] {
  const out: string[] = [];
  const re = /("((?:[^"]|"")*)"|[^,]*)(,|$)/g;
  for (;;) {
    const m = re.exec(line)!;
    out.push(m[2] !== undefined ? m[2].replace(/""/g, '"') : m[1]!);
    if (m[3] === '') break;
  }
  return out;
}

/** A Blob of bytes (the writer's arrays are over plain ArrayBuffers). */
const blobOf = (b: Uint8Array): Blob => new Blob([b as Uint8Array<ArrayBuffer>]);

const opts = (extra: Partial<LoadWorkbookOptions> = {}): LoadWorkbookOptions => ({
  onProgress: () => undefined,
  isCancelled: () => false,
  ...extra,
});

function dump(t: RawTable): unknown {
  return {
    rows: t.rowCount,
    ragged: t.ragged,
    columns: t.columns.map((c) => ({ name: c.name, dict: c.dict, codes: Array.from(c.codes) })),
  };
}

function uciWorkbookRows(lines: readonly string[]): WriterRow[] {
  const rows: WriterRow[] = [fields(HEADER_LINE)];
  for (const line of lines) {
    const [inv, code, desc, qty, date, price, cust, country] = fields(line) as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const [y, mo, d, h, mi, s] = date.match(/\d+/g)!.map(Number) as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    rows.push([
      { t: 's', v: inv },
      { t: 's', v: code },
      desc === '' ? null : { t: 's', v: desc },
      { t: 'n', v: qty },
      { t: 'n', v: msToSerial(Date.UTC(y, mo - 1, d, h, mi, s)), s: 1 },
      { t: 'n', v: price },
      cust === '' ? null : { t: 'n', v: cust },
      { t: 's', v: country },
    ]);
  }
  return rows;
}

/** The code, name and facts (the sentence is src/messages' job, tested there) of a rejection. */
async function rejection(
  p: Promise<unknown>,
): Promise<{ code: string; name: string; facts: Record<string, unknown> }> {
  try {
    await p;
  } catch (e) {
    const err = e as Error;
    const facts = e instanceof UserFacingError ? { ...e.facts } : {};
    return { code: e instanceof UserFacingError ? e.code : '', name: err.name, facts };
  }
  return { code: 'resolved', name: '', facts: {} };
}

describe('loadWorkbook', () => {
  const book = writeXlsx({
    sheets: [{ name: 'Online Retail', rows: uciWorkbookRows(PICKED) }],
    numFmts: [{ id: 164, code: 'm/d/yyyy h:mm' }],
    cellXfs: [0, 164],
  });

  it('gives the RawTable and preview of the same UCI lines read as CSV', async () => {
    expect(PICKED.filter((l) => l.includes('£'))).toHaveLength(32);
    const csv = new Blob([[HEADER_LINE, ...PICKED].join('\n') + '\n']);
    const fromCsv = await loadFile(csv, 'retail.csv', opts());
    const progress: LoadProgress[] = [];
    const fromXlsx = await loadWorkbook(
      blobOf(book),
      'retail.xlsx',
      opts({ onProgress: (p) => progress.push(p) }),
    );
    expect(fromXlsx.table.rowCount).toBe(PICKED.length);
    expect(dump(fromXlsx.table)).toEqual(dump(fromCsv.table));
    expect(fromXlsx.preview).toEqual(fromCsv.preview);
    expect(fromXlsx.table.delimiter).toBe('xlsx');
    expect(fromXlsx.table.encoding).toBe('xlsx');
    expect(fromXlsx.table.byteLength).toBe(book.length);
    expect(fromXlsx.sheets).toEqual(['Online Retail']);
    expect(fromXlsx.sheet).toBe('Online Retail');
    // '£' is kept and the customer ids stored as numbers read as the CSV's text.
    const desc = fromXlsx.table.columns[2]!;
    expect(desc.dict.filter((s) => s.includes('£'))).toContain('Dotcomgiftshop Gift Voucher £40.00');
    expect(fromXlsx.table.columns[6]!.dict[0]).toBe('17850');
    // Progress: starts at 0 bytes, never goes back, ends with all rows at the typing stage.
    expect(progress[0]).toEqual({ stage: 'reading', bytesDone: 0, bytesTotal: book.length, rows: 0 });
    for (let i = 1; i < progress.length; i++)
      expect(progress[i]!.bytesDone).toBeGreaterThanOrEqual(progress[i - 1]!.bytesDone);
    expect(progress.at(-1)).toEqual({
      stage: 'typing',
      bytesDone: book.length,
      bytesTotal: book.length,
      rows: PICKED.length,
    });
  });

  it('stops with an AbortError when cancelled mid-sheet', async () => {
    let polls = 0;
    const e = await rejection(
      loadWorkbook(blobOf(book), 'retail.xlsx', opts({ isCancelled: () => ++polls > 500 })),
    );
    expect(e.name).toBe('AbortError');
    expect(polls).toBeGreaterThan(500);
    expect(polls).toBeLessThan(PICKED.length);
  });

  describe('sheets', () => {
    const rows2010 = uciWorkbookRows(PICKED.slice(0, 10));
    const rows2011 = uciWorkbookRows(PICKED.slice(10, 25));
    const multi = writeXlsx({
      sheets: [
        { name: 'Notes', rows: [['Exported from the shop system'], ['Amounts in £']] },
        { name: '2010', rows: rows2010 },
        {
          name: 'Hidden',
          rows: [
            ['a', 'b'],
            ['1', '2'],
          ],
          hidden: true,
        },
        { name: '2011', rows: rows2011 },
        { name: 'Empty', rows: [] },
        { name: 'Header only', rows: [['a', 'b']] },
      ],
      numFmts: [{ id: 164, code: 'm/d/yyyy h:mm' }],
      cellXfs: [0, 164],
    });
    const blob = blobOf(multi);

    it('skips a one-column cover sheet by default and lists every worksheet', async () => {
      const r = await loadWorkbook(blob, 'multi.xlsx', opts());
      expect(r.sheets).toEqual(['Notes', '2010', 'Hidden', '2011', 'Empty', 'Header only']);
      expect(r.sheet).toBe('2010');
      expect(r.table.rowCount).toBe(10);
    });

    it('reads the sheet asked for (case-insensitive), with the rows of that sheet', async () => {
      const r = await loadWorkbook(blob, 'multi.xlsx', opts({ sheet: '2011' }));
      expect(r.sheet).toBe('2011');
      expect(r.table.rowCount).toBe(15);
      expect(r.preview.rows[0]).toEqual(fields(PICKED[10]!).map((f) => f.trim()));
      const h = await loadWorkbook(blob, 'multi.xlsx', opts({ sheet: 'hidden' }));
      expect(h.sheet).toBe('Hidden');
      expect(h.table.columns.map((c) => c.dict)).toEqual([['1'], ['2']]);
    });

    it('explains a sheet that holds no table, naming the file, the sheet and the other sheets', async () => {
      const notes = await rejection(loadWorkbook(blob, 'multi.xlsx', opts({ sheet: 'Notes' })));
      expect(notes.code).toBe('no-usable-columns');
      expect(notes.facts).toMatchObject({ sheet: 'Notes', fileName: 'multi.xlsx' });
      expect(notes.facts['otherSheets']).toContain('2010');
      const header = await rejection(loadWorkbook(blob, 'multi.xlsx', opts({ sheet: 'Header only' })));
      expect(header.code).toBe('header-only');
      const empty = await rejection(loadWorkbook(blob, 'multi.xlsx', opts({ sheet: 'Empty' })));
      expect(empty.code).toBe('xlsx-empty-sheet');
      const missing = await rejection(loadWorkbook(blob, 'multi.xlsx', opts({ sheet: '2012' })));
      expect(missing.code).toBe('xlsx-no-sheet');
      expect(missing.facts).toMatchObject({ fileName: 'multi.xlsx', want: '2012' });
    });

    it('reports the first sheet’s problem when no sheet holds a table', async () => {
      const none = writeXlsx({
        sheets: [
          { name: 'A', rows: [['only'], ['x']] },
          { name: 'B', rows: [] },
        ],
      });
      const e = await rejection(loadWorkbook(blobOf(none), 'none.xlsx', opts()));
      expect(e.code).toBe('no-usable-columns');
      expect(e.facts).toMatchObject({ sheet: 'A' });
    });
  });

  it('routes workbooks by their first bytes, not by name; .xls gets the save-as message', async () => {
    const ole2 = new Uint8Array(512);
    ole2.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(looksLikeWorkbook(ole2)).toBe(true);
    expect(looksLikeWorkbook(book)).toBe(true);
    expect(await isWorkbookFile(blobOf(book))).toBe(true);
    // A CSV whose header starts with "PK" is text.
    expect(await isWorkbookFile(new Blob(['PKey,Name\n1,a\n']))).toBe(false);
    expect(await isWorkbookFile(new Blob(['PK']))).toBe(false);
    const xls = await rejection(loadWorkbook(new Blob([ole2]), 'old.xls', opts()));
    expect(xls.code).toBe('xlsx-old-format');
    expect(xls.facts).toEqual({ code: 'xlsx-old-format', fileName: 'old.xls' });
    const zip = await rejection(
      loadWorkbook(
        blobOf(writeXlsx({ sheets: [{ name: 'S', rows: [['a', 'b']] }] }).subarray(0, 30)),
        'cut.xlsx',
        opts(),
      ),
    );
    expect(zip.code).toMatch(/^xlsx-/);
    expect(zip.facts).toMatchObject({ fileName: 'cut.xlsx' });
    expect(zip.facts['notText']).toBeUndefined();
    // The same bytes named like text: said to be no text file first.
    const renamed = await rejection(
      loadWorkbook(
        blobOf(writeXlsx({ sheets: [{ name: 'S', rows: [['a', 'b']] }] }).subarray(0, 30)),
        'export.csv',
        opts(),
      ),
    );
    expect(renamed.code).toBe(zip.code);
    expect(renamed.facts).toMatchObject({ fileName: 'export.csv', notText: true });
  });
});

describe('loadFile dispatch', () => {
  it('sends a workbook (by its first bytes, whatever its name) down the workbook path', async () => {
    const book = writeXlsx({
      sheets: [
        { name: 'Cover', rows: [['Notes'], ['none']] },
        { name: 'Lines', rows: uciWorkbookRows(PICKED.slice(0, 50)) },
      ],
      numFmts: [{ id: 164, code: 'm/d/yyyy h:mm' }],
      cellXfs: [0, 164],
    });
    const viaLoader = await loadFile(blobOf(book), 'export.csv', opts());
    expect(viaLoader.sheets).toEqual(['Cover', 'Lines']);
    expect(viaLoader.sheet).toBe('Lines');
    expect(viaLoader.table.delimiter).toBe('xlsx');
    const csv = await loadFile(
      new Blob([[HEADER_LINE, ...PICKED.slice(0, 50)].join('\n')]),
      'lines.csv',
      opts(),
    );
    expect(dump(viaLoader.table)).toEqual(dump(csv.table));
    expect(csv.sheets).toBeUndefined();
    const cover = loadFile(blobOf(book), 'export.xlsx', { ...opts(), sheet: 'Cover' });
    expect((await rejection(cover)).code).toBe('no-usable-columns');
  });
});
