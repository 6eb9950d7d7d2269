/**
 * A file with a title above its header, read as it is (the Data step then names the line that looks
 * like the header) and read from that line (`skipLines`): the same table as the file without the
 * title, on both reading paths, with every row number counted from the file's first line.
 */
import { describe, expect, it } from 'vitest';
import { repoFile } from '../../core/rfm/test-data';
import { guessMapping } from '../../core/ingest/roles';
import { buildTransactions } from '../../core/ingest/transactions';
import { profileColumns } from '../../core/profile/columns';
import { writeXlsx } from '../../../scripts/data/xlsx-writer.mjs';
import { parseText } from '../../core/ingest/parse-text';
import { rawRows } from '../../core/ingest/table-parts';
import { DataService } from './data-service';
import { loadFile } from './load-file';

const uciLines = new TextDecoder()
  .decode(repoFile('public/sample/online-retail.csv.gz').subarray(0, 120_000))
  .split('\n')
  .slice(0, 1001);
// data row 7 (0-based) gets an unreadable date, data row 12 an extra field (ragged)
const body = uciLines.map((l, i) =>
  i === 8 ? l.replace(/"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d"/, 'not a date') : i === 13 ? `${l},extra` : l,
);
const TITLE = ['Online Retail: all lines', 'Exported 2011-12-10,,,,,,,'];
const utf8 = (s: string) => new TextEncoder().encode(s);
const plain = new Blob([utf8(`${body.join('\n')}\n`)]);
const titled = new Blob([utf8(`${[...TITLE, ...body].join('\n')}\n`)]);

const read = (file: Blob, byteScan: boolean, skipLines?: number) =>
  loadFile(file, 'report.csv', {
    onProgress: () => undefined,
    isCancelled: () => false,
    pieceParsers: null,
    byteScan,
    ...(skipLines === undefined ? {} : { skipLines }),
  });

describe('title lines above the header', () => {
  it('the Data step sees two title lines; reading from line 3 skips them', async () => {
    const s = new DataService();
    const asIs = await s.load(titled, 'report.csv');
    expect(asIs).toMatchObject({ titleLines: 2, skippedLines: 0 });
    expect(asIs.headers[0]).toBe('Online Retail: all lines');
    const skipped = await s.load(titled, 'report.csv', { skipLines: 2 });
    expect(skipped).toMatchObject({ titleLines: 0, skippedLines: 2, rowCount: 1000 });
    expect(skipped.headers).toEqual((await new DataService().load(plain, 'plain.csv')).headers);
  });

  it.each([true, false])(
    'byte scan %s: the same table, rows numbered from the file’s first line',
    async (byteScan) => {
      const ref = (await read(plain, byteScan)).table;
      const t = (await read(titled, byteScan, 2)).table;
      expect(t.columns).toEqual(ref.columns);
      expect(t.rowCount).toBe(1000);
      expect(ref.firstRow).toBeUndefined();
      expect(t.firstRow).toBe(4);
      // the extra field: data row 12 is line 14 of the plain file, line 16 of the titled one
      expect(ref.ragged).toEqual({ count: 1, exampleRows: [14] });
      expect(t.ragged).toEqual({ count: 1, exampleRows: [16] });
      // the unreadable date: data row 7
      const g = guessMapping(t);
      const date = (tx: ReturnType<typeof buildTransactions>) => tx.problems.find((p) => p.role === 'date')!;
      expect(date(buildTransactions(ref, g.mapping, null)).exampleRows).toEqual([9]);
      expect(date(buildTransactions(t, g.mapping, null)).exampleRows).toEqual([11]);
      const dateProfile = profileColumns(t).find((c) => c.name === 'InvoiceDate')!;
      expect(dateProfile.unparseable?.exampleRows).toEqual([11]);
    },
  );
});

describe('a workbook sheet with a title above its header', () => {
  const t = parseText(`${uciLines.slice(0, 201).join('\n')}\n`, {
    fileName: 'x.csv',
    byteLength: 0,
    encoding: 'utf-8',
  }).table;
  const rows = rawRows(
    t,
    Array.from({ length: t.rowCount }, (_, i) => i),
  );
  const book = (title: string[][]) =>
    new Blob([
      writeXlsx({
        sheets: [{ name: 'Report', rows: [...title, rows.headers, ...rows.rows] }],
      }) as Uint8Array<ArrayBuffer>,
    ]);

  it('row 1 a title, row 2 empty: one title row (blank rows are not counted), read from below it on request', async () => {
    const blob = book([['Online Retail: lines of December 2010'], []]);
    const s = new DataService();
    const asIs = await s.load(blob, 'report.xlsx');
    expect(asIs).toMatchObject({ sheet: 'Report', titleLines: 1, skippedLines: 0 });
    const skipped = await s.load(blob, 'report.xlsx', { skipLines: 1, sheet: 'Report' });
    expect(skipped).toMatchObject({ titleLines: 0, skippedLines: 1, rowCount: 200 });
    expect(skipped.headers).toEqual(rows.headers);
    expect(skipped.guess.missing).toEqual([]);
  });
});
