#!/usr/bin/env node
// Writes the shapes in which users bring the Online Retail data, from public/sample/online-retail.csv.gz,
// into the git-ignored folder bench-data/:
//   online-retail.xlsx                  a real workbook: sheet "Online Retail" (InvoiceNo, StockCode,
//                                       CustomerID as text cells; Quantity, UnitPrice numbers; InvoiceDate
//                                       date serials with a 'm/d/yyyy h:mm' style), plus a small sheet "About"
//   online-retail-win1252-mdy.csv       Windows-1252 bytes ('£' = 0xA3), dates M/D/YYYY H:MM
//   online-retail-semicolon-dmy.csv     ';' separated, decimal commas, dates D/M/YYYY H:MM, UTF-8 with BOM
// Then (unless --no-verify) reads the workbook back with src/workers/xlsx/read-workbook.ts (through
// Vite's module runner) and compares every cell with the CSV, and times the read.
//
// Usage: node scripts/data/make-variants.mjs [--skip K] [--rows N] [--out DIR] [--no-verify] [--level 0-9]
//   --skip K --rows N: data rows K+1 … K+N of the UCI file only (e.g. --skip 38240 --rows 20 holds the
//   first '£' line, spreadsheet row 38,250, as preview row 9); default: every row.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { msToSerial, writeXlsx } from './xlsx-writer.mjs';
import { withSources } from '../lib/sources.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const maxRows = Number(opt('--rows', 'Infinity'));
const skipRows = Number(opt('--skip', '0'));
const outDir = resolve(root, opt('--out', 'bench-data'));
const verify = !args.includes('--no-verify');
const level = Number(opt('--level', '6'));
if (!(maxRows >= 0)) throw new Error('--rows needs a non-negative number');
if (!(skipRows >= 0)) throw new Error('--skip needs a non-negative number');

/** RFC 4180 parser for the UCI export (quoted text, "" escapes, LF/CRLF). */
export function parseCsv(text, onRow) {
  const n = text.length;
  let i = 0;
  let row = [];
  while (i < n) {
    let field;
    if (text.charCodeAt(i) === 34) {
      field = '';
      let s = i + 1;
      for (;;) {
        const q = text.indexOf('"', s);
        if (q < 0) throw new Error('unterminated quote');
        if (text.charCodeAt(q + 1) === 34) {
          field += text.slice(s, q + 1);
          s = q + 2;
        } else {
          field += text.slice(s, q);
          i = q + 1;
          break;
        }
      }
    } else {
      const s = i;
      while (i < n) {
        const c = text.charCodeAt(i);
        if (c === 44 || c === 10 || c === 13) break;
        i++;
      }
      field = text.slice(s, i);
    }
    row.push(field);
    const c = text.charCodeAt(i);
    if (c === 44) {
      i++;
      if (i >= n) row.push('');
      continue;
    }
    if (c === 13) i++;
    if (text.charCodeAt(i) === 10) i++;
    if (onRow(row) === false) return;
    row = [];
  }
}

const t0 = Date.now();
const csvText = gunzipSync(readFileSync(join(root, 'public/sample/online-retail.csv.gz'))).toString('utf8');
const rows = [];
let header = null;
let skipped = 0;
parseCsv(csvText, (r) => {
  if (header === null) header = r;
  else if (skipped < skipRows) skipped++;
  else {
    if (rows.length >= maxRows) return false;
    rows.push(r);
  }
  return true;
});
const expected = [
  'InvoiceNo',
  'StockCode',
  'Description',
  'Quantity',
  'InvoiceDate',
  'UnitPrice',
  'CustomerID',
  'Country',
];
if (header.join() !== expected.join()) throw new Error(`unexpected header ${header.join()}`);
console.log(
  `read ${rows.length.toLocaleString('en')} rows from public/sample/online-retail.csv.gz in ${Date.now() - t0} ms`,
);
mkdirSync(outDir, { recursive: true });

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
function dateParts(s) {
  const m = DATE_RE.exec(s);
  if (!m) throw new Error(`bad date ${s}`);
  return m.slice(1).map(Number);
}

/** Excel writes doubles with 17 significant digits ('2.5499999999999998'); so do we, to exercise readers. */
function excelNumber(text) {
  const v = Number(text);
  if (!Number.isFinite(v)) throw new Error(`bad number ${text}`);
  if (Number.isInteger(v)) return String(v);
  let s = v.toPrecision(17);
  if (s.includes('e')) return String(v);
  s = s.replace(/0+$/, '').replace(/\.$/, '');
  return s;
}

// ── (a) the workbook ──
const DATE_STYLE = 1;
function* sheetRows() {
  yield header;
  for (const r of rows) {
    const [inv, code, desc, qty, date, price, cust, country] = r;
    const [y, mo, d, h, mi, s] = dateParts(date);
    yield [
      { t: 's', v: inv },
      { t: 's', v: code },
      desc === '' ? null : { t: 's', v: desc },
      qty === '' ? null : { t: 'n', v: excelNumber(qty) },
      { t: 'n', v: String(msToSerial(Date.UTC(y, mo - 1, d, h, mi, s))), s: DATE_STYLE },
      price === '' ? null : { t: 'n', v: excelNumber(price) },
      cust === '' ? null : { t: 's', v: cust },
      country === '' ? null : { t: 's', v: country },
    ];
  }
}
const countries = new Map();
for (const r of rows) countries.set(r[7], (countries.get(r[7]) ?? 0) + 1);
const about = [
  [
    'Online Retail (UCI Machine Learning Repository), donor Dr Daqing Chen; CC0 copy from the CRAN package onlineretail',
  ],
  ['Rows', rows.length],
  [],
  ['Country', 'Rows'],
  ...[...countries].sort((a, b) => b[1] - a[1]).map(([c, n]) => [c, n]),
];
let t1 = Date.now();
const xlsx = writeXlsx({
  sheets: [
    { name: 'Online Retail', rows: sheetRows() },
    { name: 'About', rows: about },
  ],
  numFmts: [{ id: 164, code: 'm/d/yyyy h:mm' }],
  cellXfs: [0, 164],
  level,
});
const xlsxPath = join(outDir, 'online-retail.xlsx');
writeFileSync(xlsxPath, xlsx);
console.log(
  `wrote ${xlsxPath} (${(xlsx.length / 1e6).toFixed(1)} MB, ${rows.length.toLocaleString('en')} data rows + header; sheets "Online Retail", "About") in ${Date.now() - t1} ms`,
);

// ── (b) Windows-1252, M/D/YYYY H:MM ──
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
function encode1252(text) {
  const out = new Uint8Array(text.length);
  let unmappable = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80 || (c >= 0xa0 && c <= 0xff)) out[i] = c;
    else {
      const k = CP1252_HIGH.indexOf(text[i]);
      if (k >= 0) out[i] = 0x80 + k;
      else {
        out[i] = 0x3f;
        unmappable++;
      }
    }
  }
  return { bytes: out, unmappable };
}
function csvField(s, sep) {
  return s.includes(sep) || s.includes('"') || s.includes('\n') || s.includes('\r')
    ? `"${s.replace(/"/g, '""')}"`
    : s;
}
function hm(h, mi) {
  return `${h}:${String(mi).padStart(2, '0')}`;
}
t1 = Date.now();
{
  const lines = [header.join(',')];
  for (const r of rows) {
    const [y, mo, d, h, mi] = dateParts(r[4]);
    const f = r.slice();
    f[4] = `${mo}/${d}/${y} ${hm(h, mi)}`;
    lines.push(f.map((x) => csvField(x, ',')).join(','));
  }
  const { bytes, unmappable } = encode1252(`${lines.join('\r\n')}\r\n`);
  const p = join(outDir, 'online-retail-win1252-mdy.csv');
  writeFileSync(p, bytes);
  const pounds = bytes.reduce((n, b) => n + (b === 0xa3 ? 1 : 0), 0);
  console.log(
    `wrote ${p} (${(bytes.length / 1e6).toFixed(1)} MB, windows-1252, CRLF, ${pounds} '£' bytes 0xA3, ${unmappable} unmappable characters) in ${Date.now() - t1} ms`,
  );
}

// ── (c) ';' separated, decimal commas, D/M/YYYY H:MM, UTF-8 with BOM ──
t1 = Date.now();
{
  const lines = [header.join(';')];
  for (const r of rows) {
    const [y, mo, d, h, mi] = dateParts(r[4]);
    const f = r.slice();
    f[4] = `${d}/${mo}/${y} ${hm(h, mi)}`;
    f[5] = f[5].replace('.', ',');
    lines.push(f.map((x) => csvField(x, ';')).join(';'));
  }
  const body = Buffer.from(`${lines.join('\n')}\n`, 'utf8');
  const p = join(outDir, 'online-retail-semicolon-dmy.csv');
  writeFileSync(p, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]));
  console.log(
    `wrote ${p} (${((body.length + 3) / 1e6).toFixed(1)} MB, UTF-8 with BOM, ';' separated, decimal commas) in ${Date.now() - t1} ms`,
  );
}

// ── read the workbook back and compare every cell ──
if (verify) {
  await withSources(async (load) => {
    const { readWorkbook, listSheets } = await load('/src/workers/xlsx/read-workbook.ts');
    const bytes = new Uint8Array(readFileSync(xlsxPath));
    console.log(`sheets: ${JSON.stringify(listSheets(bytes))}`);
    let bad = 0;
    let n = -1;
    const expect = (got, want, where) => {
      if (got !== want && bad++ < 10)
        console.error(`MISMATCH ${where}: got ${JSON.stringify(got)}, CSV has ${JSON.stringify(want)}`);
    };
    {
      const t = performance.now();
      const res = await readWorkbook(bytes, {
        onRow: (cells) => {
          n++;
          const want = n === 0 ? header : rows[n - 1];
          if (want === undefined) return void bad++;
          if (cells.length !== want.length) expect(cells.length, want.length, `row ${n + 1} width`);
          for (let c = 0; c < want.length; c++) expect(cells[c], want[c], `row ${n + 1} ${header[c]}`);
        },
      });
      const ms = performance.now() - t;
      if (res.rows !== rows.length) bad++;
      console.log(
        `read back sheet "${res.sheet}": ${res.rows.toLocaleString('en')} data rows in ${(ms / 1000).toFixed(2)} s (with the cell comparison); mismatches: ${bad}`,
      );
    }
    for (let run = 1; run <= 2; run++) {
      const cpu0 = process.cpuUsage();
      const t = performance.now();
      let cells = 0;
      await readWorkbook(bytes, { onRow: (c) => void (cells += c.length) });
      const cpu = process.cpuUsage(cpu0);
      console.log(
        `read only, run ${run}: ${((performance.now() - t) / 1000).toFixed(2)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s CPU for ${(bytes.length / 1e6).toFixed(1)} MB (${cells.toLocaleString('en')} cells)`,
      );
    }
    const aboutRows = [];
    await readWorkbook(bytes, { sheet: 'About', onRow: (cells) => aboutRows.push(cells) });
    console.log(`sheet "About": ${aboutRows.length} rows, first: ${JSON.stringify(aboutRows[1])}`);
    if (bad) {
      console.error('VERIFY FAILED');
      process.exitCode = 1;
    } else console.log('verify: every cell of the workbook equals the CSV');
  });
}
