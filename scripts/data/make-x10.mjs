#!/usr/bin/env node
// Makes the "Online Retail ×10" benchmark input: the shipped UCI file (public/sample/online-retail.csv.gz,
// 541,909 rows) written ten times over into the git-ignored bench-data/ folder, 5,419,090 data rows.
//
// Copy c (0..9) keeps every value of the original except two, so that each copy is a distinct set of
// customers and invoices with the same distributions (same dates, so the same analysis date):
//   CustomerID  → CustomerID + c × 100000 (UCI ids are 12346..18287, so ids never collide);
//                 an empty CustomerID stays empty.
//   InvoiceNo   → InvoiceNo + "-" + c for c > 0 (a leading 'C' of a cancellation stays first).
// Copy 0 is the original file byte for byte (after the header). Cleaning therefore removes exactly
// 10× the rows of the original, and the RFM table has exactly 10× the customers.
//
// Output (streamed, the source is re-read once per copy, memory stays a few MB):
//   bench-data/online-retail-x10.csv.gz   gzip level 6 (what the browser benchmark drops: the same
//                                          format as the built-in sample)
//   bench-data/online-retail-x10.csv      only with --csv (≈ 525 MB)
//   bench-data/online-retail-x10.json     manifest: rows, bytes (uncompressed), gzBytes, source
//
// Usage: node scripts/data/make-x10.mjs [--csv] [--force] [--copies N]
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  writeFileSync,
  readFileSync,
} from 'node:fs';
import { createGunzip, createGzip } from 'node:zlib';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { once } from 'node:events';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SOURCE = path.join(ROOT, 'public', 'sample', 'online-retail.csv.gz');
const OUT_DIR = path.join(ROOT, 'bench-data');

const args = process.argv.slice(2);
const writeCsv = args.includes('--csv');
const force = args.includes('--force');
const copiesArg = args.indexOf('--copies');
const COPIES = copiesArg >= 0 ? Number(args[copiesArg + 1]) : 10;
if (!Number.isInteger(COPIES) || COPIES < 1 || COPIES > 10) {
  console.error('--copies must be an integer 1..10');
  process.exit(2);
}
const base = COPIES === 10 ? 'online-retail-x10' : `online-retail-x${COPIES}`;
const GZ = path.join(OUT_DIR, `${base}.csv.gz`);
const CSV = path.join(OUT_DIR, `${base}.csv`);
const MANIFEST = path.join(OUT_DIR, `${base}.json`);

/**
 * Splits one CSV line into its raw fields (quotes kept as written), honouring double quotes
 * (a comma inside quotes does not split; "" is an escaped quote). The file has no quoted newlines
 * (541,910 physical lines = header + 541,909 rows).
 */
export function splitRaw(line) {
  const out = [];
  let start = 0;
  let inQuotes = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line.charCodeAt(i);
    if (ch === 34 /* " */) inQuotes = !inQuotes;
    else if (ch === 44 /* , */ && !inQuotes) {
      out.push(line.slice(start, i));
      start = i + 1;
    }
  }
  out.push(line.slice(start));
  return out;
}

const unquote = (s) => (s.length >= 2 && s.startsWith('"') && s.endsWith('"') ? s.slice(1, -1) : s);
const requote = (raw, value) => (raw.startsWith('"') ? `"${value}"` : value);

async function main() {
  if (!force && existsSync(MANIFEST) && existsSync(GZ) && (!writeCsv || existsSync(CSV))) {
    const m = JSON.parse(readFileSync(MANIFEST, 'utf8'));
    console.error(`${path.relative(ROOT, GZ)} exists (${m.rows} rows); --force to rebuild`);
    return;
  }
  mkdirSync(OUT_DIR, { recursive: true });
  const t0 = Date.now();
  const gzip = createGzip({ level: 6 });
  const gzOut = createWriteStream(GZ);
  gzip.pipe(gzOut);
  const csvOut = writeCsv ? createWriteStream(CSV) : null;

  let bytes = 0;
  let rows = 0;
  let pending = [];
  let pendingLen = 0;
  const flush = async () => {
    if (pending.length === 0) return;
    const chunk = pending.join('');
    pending = [];
    pendingLen = 0;
    bytes += Buffer.byteLength(chunk);
    const okGz = gzip.write(chunk);
    const okCsv = csvOut ? csvOut.write(chunk) : true;
    if (!okGz) await once(gzip, 'drain');
    if (!okCsv) await once(csvOut, 'drain');
  };
  const push = async (s) => {
    pending.push(s);
    pendingLen += s.length;
    if (pendingLen > 1 << 20) await flush();
  };

  let iInvoice = -1;
  let iCustomer = -1;
  for (let c = 0; c < COPIES; c++) {
    const rl = createInterface({ input: createReadStream(SOURCE).pipe(createGunzip()), crlfDelay: Infinity });
    let first = true;
    for await (const line of rl) {
      if (first) {
        first = false;
        if (c === 0) {
          const header = splitRaw(line).map(unquote);
          iInvoice = header.indexOf('InvoiceNo');
          iCustomer = header.indexOf('CustomerID');
          if (iInvoice < 0 || iCustomer < 0) throw new Error(`unexpected header: ${line}`);
          await push(line + '\n');
        }
        continue;
      }
      if (line === '') continue;
      rows++;
      if (c === 0) {
        await push(line + '\n');
        continue;
      }
      const f = splitRaw(line);
      const inv = unquote(f[iInvoice]);
      f[iInvoice] = requote(f[iInvoice], `${inv}-${c}`);
      const cust = unquote(f[iCustomer]).trim();
      if (cust !== '') {
        const id = Number(cust);
        if (!Number.isFinite(id)) throw new Error(`non-numeric CustomerID ${cust}`);
        f[iCustomer] = requote(f[iCustomer], String(id + c * 100000));
      }
      await push(f.join(',') + '\n');
    }
    console.error(
      `copy ${c + 1}/${COPIES} written (${rows.toLocaleString('en')} rows, ${((Date.now() - t0) / 1000).toFixed(1)} s)`,
    );
  }
  await flush();
  gzip.end();
  await once(gzOut, 'finish');
  if (csvOut) {
    csvOut.end();
    await once(csvOut, 'finish');
  }
  const { statSync } = await import('node:fs');
  const manifest = {
    file: path.relative(ROOT, GZ),
    csv: writeCsv ? path.relative(ROOT, CSV) : null,
    source: path.relative(ROOT, SOURCE),
    copies: COPIES,
    rows,
    bytes,
    gzBytes: statSync(GZ).size,
    idRule: 'CustomerID + copy*100000; InvoiceNo + "-" + copy for copy > 0',
    createdMs: Date.now() - t0,
  };
  writeFileSync(MANIFEST, JSON.stringify(manifest, null, 2) + '\n');
  console.error(
    `wrote ${manifest.file}: ${rows.toLocaleString('en')} rows, ${(bytes / 1e6).toFixed(1)} MB csv, ${(manifest.gzBytes / 1e6).toFixed(1)} MB gz`,
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
