#!/usr/bin/env node
// Makes the pre-aggregated RFM benchmark inputs: tables of 100,000 and 1,000,000 customers drawn from
// the real RFM distribution of the UCI Online Retail file, into the git-ignored bench-data/ folder.
//
// 1. The real table is computed here, directly from public/sample/online-retail.csv.gz, with the
//    DEFAULT definition of docs/rfm-definition.md (not from fixtures/online-retail-rfm-2011h2.csv,
//    which is the reference notebook's 2011-H2 preset):
//      drop rows with an empty CustomerID; cancellations ('C' invoices) 'net' (kept for monetary, not
//      purchases); drop the non-product StockCodes (case-insensitive after trim, 'gift_0001_*' a prefix);
//      drop UnitPrice ≤ 0; drop Country 'Unspecified'; drop exact duplicate lines after the first;
//      analysis time = midnight after the last kept transaction day (2011-12-10 00:00);
//      recency = floor(days from the customer's latest purchase to it), frequency = distinct purchase
//      invoices, monetary = Σ quantity × price over all kept lines; customers with monetary ≤ 0 or no
//      purchase line left out. Monetary is summed with compensation and rounded to 1e-6 before the
//      > 0 test: 12 UCI customers cancel out exactly, and a plain float sum leaves some at ±1e-14
//      (pandas keeps 5 of them). Result: 4,316 customers; scripts/bench/python_baseline.py computes
//      the same table with pandas (same rounding) and prints its size and sums to compare.
// 2. Seeded bootstrap (mulberry32, seed 20111209 + size): each output row copies a uniformly drawn real
//    customer and jitters it a little, so the table is not made of exact duplicates:
//      recency'   = clamp(recency + round(1.5 z₁), 0, max recency)           (whole days)
//      frequency' = max(1, round(frequency × exp(0.05 z₂)))                  (whole invoices)
//      monetary'  = max(0.01, round₂(monetary × exp(0.05 z₃)))              (2 decimals, > 0)
//    with z standard normal (Box-Muller). CustomerID = 1000001, 1000002, …
// Output: bench-data/rfm-100k.csv and bench-data/rfm-1m.csv with header CustomerID,Recency,Frequency,Monetary
// and bench-data/rfm-sample.json (the real table's summary).
//
// Usage: node scripts/data/sample-rfm.mjs [--force] [--sizes 100000,1000000]
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { createGunzip } from 'node:zlib';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { once } from 'node:events';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SOURCE = path.join(ROOT, 'public', 'sample', 'online-retail.csv.gz');
const OUT_DIR = path.join(ROOT, 'bench-data');

/** The app's default non-product codes (a trailing * is a prefix). */
const NON_PRODUCT = JSON.parse(
  readFileSync(path.join(ROOT, 'src', 'core', 'clean', 'non-product-codes.json'), 'utf8'),
);
const DAY_MS = 86_400_000;

/** Splits a CSV line into unquoted field values ("" inside quotes is a quote). */
function splitCsv(line) {
  const out = [];
  let cur = '';
  let inQuotes = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (inQuotes) {
      if (ch === '"') {
        if (line[i + 1] === '"') {
          cur += '"';
          i++;
        } else inQuotes = false;
      } else cur += ch;
    } else if (ch === '"') inQuotes = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/** 'YYYY-MM-DD HH:MM[:SS]' read as UTC ms, NaN if unreadable. */
function parseTime(s) {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?/.exec(s.trim());
  if (!m) return NaN;
  return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], m[6] ? +m[6] : 0);
}

/** The real RFM table with the default definition (see the header). */
export async function realRfm(file = SOURCE) {
  const exact = new Set();
  const prefixes = [];
  for (const e of NON_PRODUCT) {
    const v = e.trim().toLowerCase();
    if (v.endsWith('*')) prefixes.push(v.slice(0, -1));
    else exact.add(v);
  }
  const seen = new Set();
  const cust = new Map(); // id → { monetary, last, invoices:Set }
  let header = null;
  let idx = null;
  let lastTime = -Infinity;
  let rowsIn = 0;
  let rowsKept = 0;
  const rl = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  for await (const line of rl) {
    if (header === null) {
      header = splitCsv(line);
      const at = (n) => {
        const i = header.indexOf(n);
        if (i < 0) throw new Error(`column ${n} missing`);
        return i;
      };
      idx = {
        inv: at('InvoiceNo'),
        code: at('StockCode'),
        qty: at('Quantity'),
        date: at('InvoiceDate'),
        price: at('UnitPrice'),
        cust: at('CustomerID'),
        country: at('Country'),
      };
      continue;
    }
    if (line === '') continue;
    rowsIn++;
    const f = splitCsv(line);
    const qty = Number(f[idx.qty]);
    const price = Number(f[idx.price]);
    const time = parseTime(f[idx.date]);
    if (
      !Number.isFinite(qty) ||
      !Number.isFinite(price) ||
      !Number.isFinite(time) ||
      f[idx.qty].trim() === '' ||
      f[idx.price].trim() === ''
    )
      continue; // 1 invalid rows
    const id = f[idx.cust].trim();
    if (id === '') continue; // 2 missing customer
    const cancel = f[idx.inv].trim().toUpperCase().startsWith('C'); // 3 'net'
    const code = f[idx.code].trim().toLowerCase();
    if (exact.has(code) || prefixes.some((p) => code.startsWith(p))) continue; // 4
    if (!(price > 0)) continue; // 5
    if (f[idx.country] === 'Unspecified') continue; // 6
    if (seen.has(line)) continue; // 7 exact duplicate line after the first
    seen.add(line);
    rowsKept++;
    if (time > lastTime) lastTime = time;
    let c = cust.get(id);
    if (!c) {
      c = { monetary: 0, comp: 0, last: -Infinity, invoices: new Set() };
      cust.set(id, c);
    }
    // Neumaier-compensated sum: a fully cancelled customer nets to exactly 0, not ±1e-14.
    const v = qty * price;
    const t = c.monetary + v;
    c.comp += Math.abs(c.monetary) >= Math.abs(v) ? c.monetary - t + v : v - t + c.monetary;
    c.monetary = t;
    if (!cancel) {
      if (time > c.last) c.last = time;
      c.invoices.add(f[idx.inv].trim());
    }
  }
  const analysis = Math.floor(lastTime / DAY_MS) * DAY_MS + DAY_MS;
  const ids = [...cust.keys()].sort();
  const rec = [];
  const freq = [];
  const mon = [];
  let excluded = 0;
  for (const id of ids) {
    const c = cust.get(id);
    // Money is in pence at most to 3 decimals of a pound: round away float noise before the > 0 test.
    c.monetary = Math.round((c.monetary + c.comp) * 1e6) / 1e6;
    if (!(c.monetary > 0) || c.invoices.size === 0) {
      excluded++;
      continue;
    }
    rec.push(Math.floor((analysis - c.last) / DAY_MS));
    freq.push(c.invoices.size);
    mon.push(c.monetary);
  }
  return { rowsIn, rowsKept, analysis, excluded, recency: rec, frequency: freq, monetary: mon };
}

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussian(rng) {
  let u = 0;
  while (u === 0) u = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

async function writeSample(real, size, file) {
  const rng = mulberry32(20111209 + size);
  const n = real.recency.length;
  const maxR = Math.max(...real.recency);
  const out = createWriteStream(file);
  let buf = 'CustomerID,Recency,Frequency,Monetary\n';
  for (let i = 0; i < size; i++) {
    const j = Math.min(n - 1, Math.floor(rng() * n));
    const r = Math.min(maxR, Math.max(0, Math.round(real.recency[j] + 1.5 * gaussian(rng))));
    const fq = Math.max(1, Math.round(real.frequency[j] * Math.exp(0.05 * gaussian(rng))));
    const m = Math.max(0.01, Math.round(real.monetary[j] * Math.exp(0.05 * gaussian(rng)) * 100) / 100);
    buf += `${1000001 + i},${r},${fq},${m.toFixed(2)}\n`;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.write(buf);
  out.end();
  await once(out, 'finish');
}

const sum = (a) => a.reduce((s, v) => s + v, 0);

async function main() {
  const args = process.argv.slice(2);
  const force = args.includes('--force');
  const si = args.indexOf('--sizes');
  const sizes = si >= 0 ? args[si + 1].split(',').map(Number) : [100_000, 1_000_000];
  const name = (s) =>
    s % 1_000_000 === 0
      ? `rfm-${s / 1_000_000}m.csv`
      : s % 1000 === 0
        ? `rfm-${s / 1000}k.csv`
        : `rfm-${s}.csv`;
  const todo = sizes.filter((s) => force || !existsSync(path.join(OUT_DIR, name(s))));
  if (todo.length === 0) {
    console.error(`${sizes.map(name).join(', ')} exist in bench-data/; --force to rebuild`);
    return;
  }
  mkdirSync(OUT_DIR, { recursive: true });
  const t0 = Date.now();
  const real = await realRfm();
  const summary = {
    source: path.relative(ROOT, SOURCE),
    definition: 'default (docs/rfm-definition.md)',
    rowsIn: real.rowsIn,
    rowsKept: real.rowsKept,
    analysisTime: new Date(real.analysis).toISOString(),
    customers: real.recency.length,
    excludedNonPositive: real.excluded,
    sums: { recency: sum(real.recency), frequency: sum(real.frequency), monetary: sum(real.monetary) },
    jitter:
      'recency + round(1.5 z) clamped; frequency × exp(0.05 z) rounded, ≥ 1; monetary × exp(0.05 z) to cents, ≥ 0.01',
    seed: '20111209 + size',
    files: sizes.map(name),
  };
  console.error(
    `real RFM: ${summary.customers} customers (${summary.rowsKept} rows kept), analysis ${summary.analysisTime}, ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );
  for (const s of todo) {
    const file = path.join(OUT_DIR, name(s));
    await writeSample(real, s, file);
    console.error(`wrote bench-data/${name(s)} (${s.toLocaleString('en')} customers)`);
  }
  writeFileSync(path.join(OUT_DIR, 'rfm-sample.json'), JSON.stringify(summary, null, 2) + '\n');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
