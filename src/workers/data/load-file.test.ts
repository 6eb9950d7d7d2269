import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { parseText } from '../../core/ingest/parse-text';
import { decideNewline, type Newline } from '../../core/ingest/delimited';
import { RawTableBuilder } from '../../core/ingest/table-builder';
import { rawRows } from '../../core/ingest/table-parts';
import type { RawTable } from '../../core/ingest/types';
import { loadFile } from './load-file';
import { createRng } from '../../core/numeric/random';
import { CSV_TOKENS, generatedCsv } from '../../core/ingest/test-texts';

/**
 * The builder's scanner (`pushDelimitedText`) must give exactly the table that papaparse's rows give
 * (`header: false`, `skipEmptyLines: true`, as the worker called it before), on real files and on
 * generated text full of quotes, escapes, blanks, CR/LF mixtures and ragged rows.
 */

const META = { fileName: 'f.csv', byteLength: 0, delimiter: ',', encoding: 'utf-8' };

/** The row end as the loader decides it (CR rows from the evidence, else the first LF). */
function newlineOf(text: string): Newline | null {
  const nl = text.indexOf('\n');
  return decideNewline(text.slice(0, 65_536), nl, nl > 0 && text.charCodeAt(nl - 1) === 13);
}

/** Reference: papaparse over the whole text, rows into a RawTableBuilder. */
function viaPapa(text: string, delimiter: string, newline: Newline, previewRows = 20): RawTableBuilder {
  const b = new RawTableBuilder(previewRows);
  Papa.parse<string[]>(text, {
    delimiter,
    newline,
    header: false,
    dynamicTyping: false,
    skipEmptyLines: true,
    step: (r) => b.pushRow(r.data),
  });
  return b;
}

/** The scanner fed in pieces cut at `cuts` (as the worker feeds it), the rest to papaparse if it stops. */
function viaScanner(
  text: string,
  delimiter: string,
  newline: Newline,
  cuts: readonly number[],
  previewRows: number,
): { b: RawTableBuilder; regular: boolean; rowsBeforeStop: number } {
  // rows in the preview are read through strings: previewRows 0 puts every row but the header on the fast path
  const b = new RawTableBuilder(previewRows);
  let pending = '';
  let from = 0;
  for (const cut of [...cuts, text.length]) {
    pending += text.slice(from, cut);
    from = cut;
    const final = cut === text.length;
    const r = b.pushDelimitedText(pending, delimiter, newline, final);
    pending = pending.slice(r.consumed);
    if (!r.regular) {
      const rowsBeforeStop = b.rowCount;
      pending += text.slice(from);
      Papa.parse<string[]>(pending, {
        delimiter,
        newline,
        header: false,
        skipEmptyLines: true,
        step: (x) => b.pushRow(x.data),
      });
      return { b, regular: false, rowsBeforeStop };
    }
  }
  expect(pending).toBe('');
  return { b, regular: true, rowsBeforeStop: b.rowCount };
}

/** Everything a table holds, in comparable form (codes as the number of rows that differ from `ref`). */
function dump(t: RawTable, ref?: RawTable): unknown {
  return {
    rows: t.rowCount,
    ragged: t.ragged,
    columns: t.columns.map((c, j) => {
      const other = (ref ?? t).columns[j]?.codes;
      let differ = other === undefined || other.length !== c.codes.length ? -1 : 0;
      if (other !== undefined && differ === 0)
        for (let i = 0; i < c.codes.length; i++) if (c.codes[i] !== other[i]) differ++;
      return { name: c.name, dict: c.dict, size: c.codes.length, differ };
    }),
  };
}

const rng = createRng;

describe('pushDelimitedText reads like papaparse', () => {
  it('on hand-made tricky text', () => {
    const cases: [string, string][] = [
      ['h1,h2\r\n"a,1","say ""hi"""\r\n"two\r\nlines",x\r\n\r\nlast,\r\n', ','],
      ['a,b\n"""",""\n" x ", y \n\t1\t,2\n,\n', ','],
      ['a,b\n5" tall,x\n"q"\n', ','], // quote inside an unquoted field is text
      ['a,b\r\n1\r2,3\n4\r\n', ','], // lone CR and LF inside CRLF rows are text
      ['a,b\n1,2\r\n3,4\n', ','], // CR before LF in LF rows is text
      ['a;b\n"1;5";2\n3;"x"', ';'], // no final newline, quoted last field
      ['a,b,c\n1,2\n1,2,3,4\n1,2,3,\n', ','], // ragged rows, a trailing delimiter
      ['a,b\n"x" ,y\n1,2\n', ','], // blank after a closing quote: papaparse's own reading
      ['a,b\n"x"y,z\n1,2\n', ','], // text after a closing quote: papaparse's own reading
      ['a,b\n1,"unterminated\n2,3\n', ','],
      ['\ufeffid|name\n1|"A|B"\n', '|'],
      ['a\tb\n"1\t2"\t3\n', '\t'],
      ['only\n1\n\n2\n', ','],
      // CR rows (old Mac): an LF, quoted or not, is text
      ['a,b\r1,2\r"x\ny",3\r4,5\r6, 7 \r8,9\n10\r\r', ','],
      ['a;b\r"1\r5";2\r3;"x"\r4;5\r6;7', ';'],
    ];
    for (const [text, d] of cases) {
      const nl = newlineOf(text) ?? '\n';
      const ref = viaPapa(text, d, nl).build(META);
      const want = dump(ref);
      for (let cut = 1; cut < text.length; cut++) {
        expect(
          dump(viaScanner(text, d, nl, [cut], cut % 2 === 0 ? 0 : 20).b.build(META), ref),
          JSON.stringify(text) + ' cut at ' + cut,
        ).toEqual(want);
      }
    }
  });

  it('on 3,000 generated texts cut at random places', () => {
    const rand = rng(20261126);
    const tokens = CSV_TOKENS;
    let irregular = 0;
    for (let k = 0; k < 3000; k++) {
      const text = generatedCsv(rand, tokens);
      const nl = newlineOf(text) ?? '\n';
      const cuts = [Math.floor(rand() * text.length), Math.floor(rand() * text.length)].sort((x, y) => x - y);
      const ref = viaPapa(text, ',', nl).build(META);
      const got = viaScanner(text, ',', nl, cuts, k % 4 === 0 ? 20 : 0);
      // independently of the dictionary code: each cell reads back as papaparse's field, trimmed
      const fieldRows: string[][] = [];
      Papa.parse<string[]>(text, {
        delimiter: ',',
        newline: nl,
        header: false,
        skipEmptyLines: true,
        step: (r) => void fieldRows.push(r.data),
      });
      const kept = fieldRows.filter((r) => !(r.length <= 1 && (r[0] ?? '').trim() === ''));
      const headerWidth = kept[0]?.length ?? 0;
      const dataRows = kept.slice(1);
      const back = rawRows(
        got.b.build(META),
        dataRows.map((_, i) => i),
      ).rows;
      const asRead = (f: string): string => (/^[ \t]|[ \t]$/.test(f) ? f.trim() : f);
      // (rows as wide as the header: a ragged row's extra fields may have no column yet)
      if (got.regular)
        dataRows.forEach(
          (r, i) =>
            r.length === headerWidth &&
            r.forEach((f, j) => expect(back[i]![j], JSON.stringify(text)).toBe(asRead(f))),
        );
      // ragged: a field count other than the header's (a trailing empty field aside), counted from
      // papaparse's rows
      const ragged = dataRows.filter(
        (r) => r.length !== headerWidth && !(r.length === headerWidth + 1 && r[headerWidth]!.trim() === ''),
      ).length;
      if (got.regular) {
        expect(got.b.build(META).ragged.count, JSON.stringify(text)).toBe(ragged);
        expect(dump(got.b.build(META), ref), JSON.stringify(text)).toEqual(dump(ref));
      } else {
        irregular++;
        // the rows read before the scanner stopped are papaparse's first rows
        const idx = Array.from({ length: got.rowsBeforeStop }, (_, i) => i);
        const t = got.b.build(META);
        expect(rawRows(t, idx), JSON.stringify(text)).toEqual(rawRows(ref, idx));
      }
    }
    // both branches were exercised
    expect(irregular).toBeGreaterThan(50);
    expect(irregular).toBeLessThan(2900);
  });
});

describe('loadFile', () => {
  it('gives papaparse’s table for the full UCI file (gzip, 541,909 rows) and the RFM fixture', async () => {
    const gz = readFileSync('public/sample/online-retail.csv.gz');
    const text = new TextDecoder().decode(gunzipSync(gz));
    const opts = { onProgress: () => undefined, isCancelled: () => false };
    const got = await loadFile(new Blob([gz]), 'online-retail.csv.gz', opts);
    const ref = viaPapa(text, ',', '\n');
    expect(got.table.rowCount).toBe(541909);
    const refTable = ref.build({ ...META, fileName: 'online-retail.csv.gz', byteLength: gz.byteLength });
    expect(dump(got.table, refTable)).toEqual(dump(refTable));
    expect(got.preview).toEqual(ref.tablePreview());

    const rfmText = readFileSync('fixtures/online-retail-rfm-2011h2.csv', 'utf8');
    const rfm = await loadFile(new Blob([rfmText]), 'rfm.csv', opts);
    const rfmRef = viaPapa(rfmText, ',', newlineOf(rfmText) ?? '\n').build({
      ...META,
      fileName: 'rfm.csv',
      byteLength: rfmText.length,
    });
    expect(dump(rfm.table, rfmRef)).toEqual(dump(rfmRef));
  });

  it('reads the space-aligned CDNOW log like the core splitter does', async () => {
    const text = readFileSync('fixtures/cdnow-master.txt', 'utf8');
    const got = await loadFile(new Blob([text]), 'cdnow-master.txt', {
      onProgress: () => undefined,
      isCancelled: () => false,
    });
    const ref = parseText(text, {
      fileName: 'cdnow-master.txt',
      byteLength: text.length,
      encoding: 'utf-8',
    }).table;
    expect(got.table.delimiter).toBe('whitespace');
    expect(got.table.rowCount).toBe(69659);
    expect(dump(got.table, ref)).toEqual(dump(ref));
  });

  it('hands the rest of a file to papaparse after a malformed quote, across pieces', async () => {
    const lines = ['id,note,amount'];
    for (let i = 0; i < 60000; i++) lines.push(`${i},"line one, ""q""\nline two",${i}.5`);
    lines.splice(10000, 0, '7,"bad" quote,1'); // papaparse reads this its own way
    const text = lines.join('\n') + '\n';
    const got = await loadFile(new Blob([text]), 'q.csv', {
      onProgress: () => undefined,
      isCancelled: () => false,
    });
    // papaparse reads on past the malformed closing quote to the next quote followed by a delimiter,
    // so the bad row swallows the next one
    expect(got.table.rowCount).toBe(60000);
    const ref = viaPapa(text, ',', '\n').build({ ...META, fileName: 'q.csv', byteLength: text.length });
    expect(dump(got.table, ref)).toEqual(dump(ref));
    expect(rawRows(got.table, [9999]).rows[0]).toEqual([
      '7',
      'bad" quote,1\n9999,"line one, "q"\nline two',
      '9999.5',
    ]);
    expect(rawRows(got.table, [59999]).rows[0]).toEqual(['59999', 'line one, "q"\nline two', '59999.5']);
  });
});
