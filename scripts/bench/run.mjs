#!/usr/bin/env node
// `npm run bench`: Segment Notebook against the Python notebook (pandas + scikit-learn), in one run.
//
//   node scripts/bench/run.mjs [--runs N] [--runs-big N] [--quick] [--inputs uci,xlsx,x10,rfm-100k,rfm-1m]
//        [--python-runs N] [--reuse-python] [--no-python] [--no-browser] [--no-build] [--no-docs]
//        [--python-threads N|auto] [--merge] [--cold] [--stage-timeout S] [--no-duckdb] [--no-service]
// --no-duckdb: leave out the second baseline, DuckDB reading the same CSV and computing cleaning + RFM
// (scripts/bench/duckdb-baseline.mjs; transactions CSV inputs only).
// --runs-big: runs for the big inputs (x10, rfm-1m), default = --runs. --reuse-python: take the Python
// results of an input from bench-data/python-<input>.json (written by every Python run) when present.
// --merge: keep the inputs of the previous bench-data/bench-latest.json that this run did not measure.
// --cold: set the file as soon as the page has loaded (by default the page is first left alone until
// it has preloaded its chart library, as the Python side's clock starts after its imports).
//
// 1. Makes the inputs that are missing (scripts/data/make-x10.mjs, scripts/data/sample-rfm.mjs).
// 2. Python baseline (scripts/bench/python_baseline.py with /usr/bin/python3), one process per input.
// 3. Builds the app for production into bench-data/dist (so it never touches dist/, which e2e tests
//    serve), serves it with `vite preview` on 127.0.0.1:4174, and drives headless Chromium like a user:
//    a fresh browser context per run, the file set on the Data cell's file input, then waits on the
//    cells' data-status (src/components/cell.tsx) and on plotly's afterplot events (see page-probe.js).
// 4. Prints ONE JSON document on stdout (progress goes to stderr), writes it to
//    bench-data/bench-latest.json and regenerates the table in docs/benchmarks.md.
// A benchmark reports, it never fails: every error is recorded in the JSON and the exit code is 0.
// Functions named *Fn below run inside the page (page.evaluate), hence the browser globals.
/* global window, document, HTMLSelectElement, HTMLInputElement */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  alive,
  browserProcesses,
  countRows,
  findBrowserPid,
  killGroup,
  log,
  runCmd,
  stepKWithArrowKeys,
  summary,
  uncompressedBytes,
  withTimeout,
} from './lib.mjs';
import { COMPARE, renderDocs } from './docs.mjs';
import { duckdbBaseline } from './duckdb-baseline.mjs';
import { serviceBench } from './service.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BENCH_DIR = path.join(ROOT, 'bench-data');
const DIST = path.join(BENCH_DIR, 'dist');
const PORT = 4174;
const URL_BASE = `http://127.0.0.1:${PORT}/`;
const PYTHON = '/usr/bin/python3';
const PROBE = path.join(ROOT, 'scripts', 'bench', 'page-probe.js');
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--enable-unsafe-swiftshader',
];

/** Benchmark inputs. timeoutS bounds each browser stage wait and each Python run. */
const INPUTS = {
  uci: {
    file: 'public/sample/online-retail.csv.gz',
    kind: 'transactions',
    label: 'UCI Online Retail, 541,909 rows (.csv.gz)',
    timeoutS: 300,
  },
  xlsx: {
    file: 'bench-data/online-retail.xlsx',
    kind: 'transactions',
    label: 'UCI Online Retail as an Excel workbook, 541,909 rows (.xlsx)',
    make: ['scripts/data/make-variants.mjs'],
    rows: 541_909,
    timeoutS: 900,
  },
  x10: {
    file: 'bench-data/online-retail-x10.csv.gz',
    kind: 'transactions',
    label: 'UCI ×10, 5,419,090 rows (.csv.gz)',
    make: ['scripts/data/make-x10.mjs'],
    timeoutS: 1200,
    big: true,
  },
  'rfm-100k': {
    file: 'bench-data/rfm-100k.csv',
    kind: 'rfm',
    label: 'RFM table, 100,000 customers (.csv)',
    make: ['scripts/data/sample-rfm.mjs'],
    timeoutS: 900,
  },
  'rfm-1m': {
    file: 'bench-data/rfm-1m.csv',
    kind: 'rfm',
    label: 'RFM table, 1,000,000 customers (.csv)',
    make: ['scripts/data/sample-rfm.mjs'],
    timeoutS: 3600,
    big: true,
  },
};

/**
 * Data attributes read from the app when present (inner timings measured by the app itself, in ms,
 * excluding React rendering). Without them the benchmark falls back to wall-clock between cell states.
 */
const APP_ATTRIBUTES = {
  'cell-data': ['data-parse-ms', 'data-bytes', 'data-rows'],
  'cell-rfm': ['data-running-ms', 'data-customers'],
  'cell-transform': ['data-running-ms'],
  'cell-choose-k': [
    'data-running-ms',
    'data-engine',
    'data-engine-reason',
    'data-k',
    'data-inertias',
    'data-restart-sample',
  ],
  'cell-segments': ['data-k', 'data-running-ms'],
  '3D plot element': ['data-testid="segments-plot-3d"', 'data-plot-ready="true"', 'data-k'],
};

// ─────────────────────────── options ───────────────────────────

function parseArgs(argv) {
  const o = {
    runs: 5,
    pythonRuns: null,
    quick: false,
    inputs: null,
    python: true,
    duckdb: true,
    browser: true,
    build: true,
    docs: true,
    stageTimeoutS: null,
    runsBig: null,
    reusePython: false,
    pythonThreads: '1',
    merge: false,
    cold: false,
    service: true,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => argv[++i];
    if (a === '--runs') o.runs = Math.max(1, Number(next()) | 0);
    else if (a === '--python-runs') o.pythonRuns = Math.max(1, Number(next()) | 0);
    else if (a === '--quick') o.quick = true;
    else if (a === '--runs-big') o.runsBig = Math.max(1, Number(next()) | 0);
    else if (a === '--reuse-python') o.reusePython = true;
    else if (a === '--merge') o.merge = true;
    else if (a === '--cold') o.cold = true;
    else if (a === '--python-threads') o.pythonThreads = String(next());
    else if (a === '--inputs')
      o.inputs = next()
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    else if (a === '--no-python') o.python = false;
    else if (a === '--no-duckdb') o.duckdb = false;
    else if (a === '--no-browser') o.browser = false;
    else if (a === '--no-build') o.build = false;
    else if (a === '--no-docs') o.docs = false;
    else if (a === '--no-service') o.service = false;
    else if (a === '--stage-timeout') o.stageTimeoutS = Number(next());
    else if (a === '--help' || a === '-h') {
      console.error(
        readFileSync(fileURLToPath(import.meta.url), 'utf8')
          .split('\n')
          .slice(1, 21)
          .join('\n'),
      );
      process.exit(0);
    } else log(`unknown option ${a} (ignored)`);
  }
  if (o.quick) {
    if (!argv.includes('--runs')) o.runs = 2;
    o.inputs ??= ['uci', 'rfm-100k'];
  }
  o.inputs ??= Object.keys(INPUTS);
  o.inputs = o.inputs.filter((k) => {
    if (INPUTS[k]) return true;
    log(`unknown input ${k} (known: ${Object.keys(INPUTS).join(', ')})`);
    return false;
  });
  o.pythonRuns ??= o.runs;
  o.runsBig ??= o.runs;
  return o;
}

// ─────────────────────────── machine ───────────────────────────

function machineInfo() {
  const cpus = os.cpus();
  let commit = null;
  let dirty = null;
  try {
    commit = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim() || null;
    dirty = spawnSync('git', ['status', '--porcelain'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim() !== '';
  } catch {
    /* no git */
  }
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? null,
    memoryGB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    loadavgStart: os.loadavg().map((v) => Math.round(v * 100) / 100),
    env: {
      OPENBLAS_CORETYPE: process.env.OPENBLAS_CORETYPE ?? null,
      OPENBLAS_L2_SIZE: process.env.OPENBLAS_L2_SIZE ?? null,
    },
    gitCommit: commit,
    gitDirty: dirty,
  };
}

// ─────────────────────────── inputs ───────────────────────────

async function ensureInputs(keys) {
  const info = {};
  const made = new Set();
  for (const key of keys) {
    const inp = INPUTS[key];
    const abs = path.join(ROOT, inp.file);
    if (!existsSync(abs) && inp.make) {
      const script = inp.make[0];
      if (!made.has(script)) {
        made.add(script);
        log(`making ${inp.file} with ${script}`);
        const r = await runCmd(process.execPath, [path.join(ROOT, script), ...inp.make.slice(1)], {
          cwd: ROOT,
          timeoutMs: 900_000,
          prefix: '  ',
        });
        if (r.code !== 0) log(`${script} failed (${r.code})`);
      }
    }
    if (!existsSync(abs)) {
      info[key] = { file: inp.file, error: `input file missing: ${inp.file}` };
      continue;
    }
    const bytes = statSync(abs).size;
    const raw = await uncompressedBytes(abs);
    const manifest =
      key === 'x10' && existsSync(path.join(BENCH_DIR, 'online-retail-x10.json'))
        ? JSON.parse(readFileSync(path.join(BENCH_DIR, 'online-retail-x10.json'), 'utf8'))
        : null;
    const rows = inp.rows ?? manifest?.rows ?? (await countRows(abs));
    info[key] = {
      file: inp.file,
      kind: inp.kind,
      label: inp.label,
      bytes,
      uncompressedBytes: raw ?? bytes,
      gzip: raw !== null,
      rows,
    };
    log(
      `input ${key}: ${inp.file}, ${(bytes / 1e6).toFixed(1)} MB${raw ? ` (${(raw / 1e6).toFixed(1)} MB inflated)` : ''}, ${rows.toLocaleString('en')} rows`,
    );
  }
  return info;
}

// ─────────────────────────── Python baseline ───────────────────────────

/**
 * Environment of the Python child. By default scikit-learn is pinned to one thread (OMP/OpenBLAS/MKL):
 * on this 2-core machine its OpenMP threads spin whenever anything else runs (a UCI sweep took 27 s
 * with 2 threads at load average 2 and 1.3 s with 1), so one thread is its best time here and the
 * comparison is conservative. `--python-threads auto` leaves the environment as it is.
 * OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE are never changed.
 */
function pythonEnv(threads) {
  if (threads === 'auto') return process.env;
  return {
    ...process.env,
    OMP_NUM_THREADS: threads,
    OPENBLAS_NUM_THREADS: threads,
    MKL_NUM_THREADS: threads,
  };
}

async function pythonBaseline(keys, opts, inputInfo) {
  const check = spawnSync(PYTHON, ['-c', 'import pandas, sklearn'], { encoding: 'utf8', timeout: 120_000 });
  if (!existsSync(PYTHON) || check.status !== 0) {
    const reason = 'python3 with pandas and scikit-learn not found';
    log(`Python baseline skipped: ${reason} (${PYTHON})`);
    return Object.fromEntries(keys.map((k) => [k, { skipped: reason }]));
  }
  const out = {};
  for (const key of keys) {
    if (inputInfo[key]?.error) {
      out[key] = { error: inputInfo[key].error };
      continue;
    }
    const inp = INPUTS[key];
    const cache = path.join(BENCH_DIR, `python-${key}.json`);
    if (opts.reusePython && existsSync(cache)) {
      try {
        out[key] = { ...JSON.parse(readFileSync(cache, 'utf8')), reused: path.relative(ROOT, cache) };
        log(`Python baseline: ${key} reused from ${path.relative(ROOT, cache)}`);
        continue;
      } catch {
        /* run it */
      }
    }
    const runs = inp.big ? Math.min(opts.pythonRuns, opts.runsBig) : opts.pythonRuns;
    log(`Python baseline: ${key} × ${runs}`);
    const r = await runCmd(
      PYTHON,
      [
        path.join(ROOT, 'scripts', 'bench', 'python_baseline.py'),
        '--input',
        inp.file,
        '--kind',
        inp.kind,
        '--runs',
        String(runs),
      ],
      {
        cwd: ROOT,
        timeoutMs: inp.timeoutS * 1000 * runs + 120_000,
        prefix: '  ',
        env: pythonEnv(opts.pythonThreads),
      },
    );
    if (r.code === 0) {
      try {
        out[key] = { ...JSON.parse(r.stdout), date: new Date().toISOString(), threads: opts.pythonThreads };
        mkdirSync(BENCH_DIR, { recursive: true });
        writeFileSync(cache, JSON.stringify(out[key], null, 1) + '\n');
        continue;
      } catch (e) {
        out[key] = { error: `unreadable output: ${e.message}` };
        continue;
      }
    }
    out[key] = {
      error: r.timedOut
        ? `timed out after ${Math.round(r.ms / 1000)} s`
        : `exit ${r.code}: ${r.stderrTail.slice(-600)}`,
    };
  }
  return out;
}

// ─────────────────────────── app build + server ───────────────────────────

async function buildApp() {
  log('building the app (vite build → bench-data/dist)');
  const r = await runCmd('npx', ['vite', 'build', '--outDir', DIST, '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: ROOT,
    timeoutMs: 600_000,
    prefix: '  ',
  });
  return r.code === 0
    ? { ok: true, ms: r.ms }
    : { ok: false, ms: r.ms, error: `vite build failed (exit ${r.code}): ${r.stderrTail.slice(-1200)}` };
}

async function startPreview() {
  const child = spawn(
    'npx',
    ['vite', 'preview', '--port', String(PORT), '--strictPort', '--host', '127.0.0.1', '--outDir', DIST],
    {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      return { child: null, error: `vite preview exited (${child.exitCode}): ${output.slice(-600)}` };
    try {
      const res = await fetch(URL_BASE);
      if (res.ok) return { child };
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  killGroup(child.pid);
  return {
    child: null,
    error: `vite preview did not answer on ${URL_BASE} within 60 s: ${output.slice(-600)}`,
  };
}

// ─────────────────────────── browser scenario ───────────────────────────

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Polls `fn(arg)` in the page every `everyMs` until it returns a value that is neither null nor
 * `{ absent: true }`; `onTick(value)` (node side) may throw to stop. Resolves the value; rejects with a
 * readable error after `timeoutMs`. `fn` must be self-contained (it is serialised into the page).
 */
async function pollPage(page, fn, arg, { timeoutMs, everyMs = 100, what, onTick }) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await page.evaluate(fn, arg);
    if (v !== null && v !== undefined && !v.absent) return v;
    if (onTick) await onTick(v);
    if (Date.now() > deadline)
      throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}`);
    await sleep(everyMs);
  }
}

/** In page: the first transition of `cell` to ready/error after `since`, {absent} when no such cell. */
function cellStateFn({ cell, since }) {
  const b = window.__bench;
  const tr = b.transitions.find(
    (x) => x.cell === cell && x.t >= since && (x.status === 'ready' || x.status === 'error'),
  );
  if (tr) {
    if (tr.status === 'error') {
      const el = document.querySelector(`[data-testid="cell-${cell}"]`);
      const alert = el && el.querySelector('[role="alert"]');
      return { t: tr.t, status: 'error', message: ((alert || el)?.textContent || '').trim().slice(0, 400) };
    }
    return { t: tr.t, status: 'ready' };
  }
  if (!document.querySelector(`[data-testid="cell-${cell}"]`)) return { absent: true };
  return null;
}

/**
 * In page: the first 3D plot of the Segments cell drawn after `since` — a `plotly_afterplot` of a graph
 * with a 3D trace whose trace signature differs from `notSig` (when given), or data-plot-ready="true"
 * (with data-k = k when k is given). Null while there is none.
 */
function plot3dFn({ since, k, notSig }) {
  const b = window.__bench;
  const ready = b.plotReady.find(
    (p) => p.t >= since && p.cell === 'segments' && (k == null || p.k == null || String(p.k) === String(k)),
  );
  const drawn = b.plots.find(
    (p) =>
      p.is3d &&
      p.cell === 'segments' &&
      p.t >= since &&
      (notSig == null || p.sig !== notSig) &&
      (k == null || p.k == null || String(p.k) === String(k)),
  );
  const c = [ready, drawn].filter(Boolean).sort((x, y) => x.t - y.t)[0];
  return c
    ? {
        t: c.t,
        via: c === ready ? 'data-plot-ready' : 'plotly_afterplot',
        cell: c.cell,
        testid: c.testid ?? null,
      }
    : null;
}

/** In page: the signature of the last 3D plot drawn in the Segments cell. */
function lastSigFn() {
  const p = window.__bench.plots.filter((x) => x.is3d && x.cell === 'segments');
  return { sig: p.length ? p[p.length - 1].sig : null };
}

/** Waits for a cell to become ready; errors when it shows an error or is absent for 20 s. */
async function waitCell(page, cell, since, timeoutMs, rec) {
  let absentSince = null;
  let lastNudge = Date.now();
  const v = await pollPage(
    page,
    cellStateFn,
    { cell, since },
    {
      timeoutMs,
      what: `[data-testid="cell-${cell}"][data-status="ready"]`,
      onTick: async (state) => {
        if (!state?.absent) absentSince = null;
        else {
          absentSince ??= Date.now();
          if (Date.now() - absentSince > 20_000)
            throw new Error(`no [data-testid="cell-${cell}"] in the page`);
        }
        // If the notebook waits for a confirmation before computing RFM, press it (and say so).
        if (cell === 'rfm' && Date.now() - lastNudge > 15_000) {
          lastNudge = Date.now();
          const clicked = await page.evaluate(() => {
            const cells = ['columns', 'cleaning', 'rfm'].map((c) =>
              document.querySelector(`[data-testid="cell-${c}"]`),
            );
            for (const el of cells) {
              if (!el) continue;
              for (const bt of el.querySelectorAll('button:not([disabled])')) {
                const name = (bt.getAttribute('aria-label') || bt.textContent || '').trim();
                if (
                  /^(compute|continue|apply|calculate|run)\b/i.test(name) &&
                  !/preset|reference|sample|cancel/i.test(name)
                ) {
                  bt.click();
                  return name;
                }
              }
            }
            return null;
          });
          if (clicked) {
            rec.nudges.push(clicked);
            log(`    pressed "${clicked}" (the RFM cell was not ready after 15 s)`);
          }
        }
      },
    },
  );
  if (v.status === 'error') throw new Error(`cell-${cell} shows an error: ${v.message}`);
  return v.t;
}

/** In page: finds the k control of the Choose-k cell, sets it to a neighbouring k; returns {t, from, to}. */
function changeKFn() {
  const root = document.querySelector('[data-testid="cell-choose-k"]') || document;
  const el =
    document.querySelector('[data-testid="k-input"]') ||
    document.querySelector('[data-testid="choose-k-input"]') ||
    root.querySelector('input[type="range"]') ||
    root.querySelector('input[type="number"]') ||
    root.querySelector('select');
  if (!el)
    return {
      error:
        'no k control found (tried [data-testid="k-input"], range/number input, select in cell-choose-k)',
    };
  const from = Number(el.value);
  let to = from < 10 ? from + 1 : from - 1;
  if (el.tagName === 'SELECT') {
    const values = [...el.options].map((o) => o.value);
    const i = values.indexOf(el.value);
    const j = i + 1 < values.length ? i + 1 : i - 1;
    if (j < 0) return { error: 'the k select has a single option' };
    to = values[j];
  } else {
    const max = el.max !== '' ? Number(el.max) : 10;
    const min = el.min !== '' ? Number(el.min) : 1;
    if (!(from + 1 <= max)) to = from - 1;
    if (to < min) return { error: `cannot move k from ${from}` };
  }
  const proto = el.tagName === 'SELECT' ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
  const setter = Object.getOwnPropertyDescriptor(proto, 'value').set;
  const t = performance.now();
  setter.call(el, String(to));
  el.dispatchEvent(new Event('input', { bubbles: true }));
  el.dispatchEvent(new Event('change', { bubbles: true }));
  return {
    t,
    from,
    to: String(to),
    control:
      el.getAttribute('data-testid') || el.tagName.toLowerCase() + (el.type ? `[type=${el.type}]` : ''),
  };
}

/** All data-* attributes of the cells and of the elements carrying data-plot-ready / data-testid*="plot". */
function collectAttrsFn() {
  const out = {};
  const take = (el) =>
    Object.fromEntries(
      [...el.attributes].filter((a) => a.name.startsWith('data-')).map((a) => [a.name, a.value]),
    );
  for (const el of document.querySelectorAll('[data-testid^="cell-"][data-status]'))
    out[el.getAttribute('data-testid')] = take(el);
  const info = document.querySelector('[data-testid="engine-info"]');
  if (info)
    out['text:engine-info'] = { text: (info.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 300) };
  for (const el of document.querySelectorAll('[data-plot-state], [data-plot-ready]')) {
    const inner = el.querySelector('[data-testid]');
    const cell = el.closest('[data-testid^="cell-"][data-status]');
    const name = el.getAttribute('data-testid') || (inner && inner.getAttribute('data-testid')) || 'unnamed';
    out[`plot:${cell ? cell.getAttribute('data-testid').slice(5) + '/' : ''}${name}`] = {
      ...take(el),
      ...(inner ? take(inner) : {}),
    };
  }
  return out;
}

const num = (v) => (v == null || v === '' || !Number.isFinite(Number(v)) ? null : Number(v));

async function browserRun(browser, browserPid, key, info, runIdx, stop, timeoutMs, cold) {
  const rec = { run: runIdx + 1, stages: {}, inner: {}, errors: [], nudges: [], pageErrors: [] };
  // Service workers blocked: each fresh context would otherwise precache the whole build (~8.5 MB) in
  // the background while the journey is timed; a first visit is what is measured.
  const context = await browser.newContext({
    viewport: { width: 1400, height: 1000 },
    serviceWorkers: 'block',
  });
  let heapMax = 0;
  let sampler = null;
  let page;
  try {
    await context.addInitScript({ path: PROBE });
    page = await context.newPage();
    page.on('pageerror', (e) => rec.pageErrors.length < 10 && rec.pageErrors.push(String(e).slice(0, 300)));
    page.on(
      'console',
      (m) =>
        m.type() === 'error' &&
        rec.pageErrors.length < 10 &&
        rec.pageErrors.push(`console: ${m.text().slice(0, 300)}`),
    );
    try {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Performance.enable');
      let busy = false;
      sampler = setInterval(async () => {
        if (busy) return;
        busy = true;
        try {
          const { metrics } = await cdp.send('Performance.getMetrics');
          const h = metrics.find((m) => m.name === 'JSHeapUsedSize');
          if (h && h.value > heapMax) heapMax = h.value;
        } catch {
          /* page closing */
        }
        busy = false;
      }, 250);
    } catch (e) {
      rec.errors.push(`CDP Performance metrics unavailable: ${e.message}`);
    }
    await page.goto(URL_BASE, { waitUntil: 'load', timeout: 60_000 });
    const dataCell = page.locator('[data-testid="cell-data"]');
    await dataCell.waitFor({ state: 'attached', timeout: 30_000 });
    let input = dataCell.locator('input[type="file"]');
    if ((await input.count()) === 0) input = page.locator('input[type="file"]');
    if (!cold) {
      // Warm start, as the Python side (its imports are done before its clock starts): the page is
      // left alone until it has loaded its chart library (the app preloads it when idle), then 500 ms.
      const t = Date.now();
      await page
        .waitForFunction(
          () => performance.getEntriesByType('resource').some((e) => /plotly/.test(e.name)),
          null,
          { timeout: 15_000, polling: 100 },
        )
        .catch(() => rec.errors.push('warm start: plotly was not preloaded within 15 s'));
      await sleep(500);
      rec.settleMs = Date.now() - t;
    }
    const tBefore = await page.evaluate(() => performance.now());
    await input.first().setInputFiles(path.join(ROOT, info.file), { timeout: 120_000 });
    const t0 = (await page.evaluate(() => window.__bench.fileChange)) ?? tBefore;

    const stage = async (name, fn) => {
      if (stop.at === name) throw new Error(`skipped: ${stop.reason}`);
      try {
        return await fn();
      } catch (e) {
        if (runIdx === 0 && !stop.at) {
          stop.at = name;
          stop.reason = `failed in run 1 (${e.message.split('\n')[0]})`;
        }
        throw Object.assign(e, { stage: name });
      }
    };

    const tRfm = await stage('dropToRfm', () => waitCell(page, 'rfm', t0, timeoutMs, rec));
    rec.stages.dropToRfm = tRfm - t0;
    const tTransform = await stage('rfmToTransformed', () =>
      waitCell(page, 'transform', tRfm, timeoutMs, rec),
    );
    rec.stages.rfmToTransformed = tTransform - tRfm;
    const tSweep = await stage('sweep', () => waitCell(page, 'choose-k', tTransform, timeoutMs, rec));
    rec.stages.sweepWall = tSweep - tTransform;
    const plot = await stage('dropToPlot', () =>
      pollPage(
        page,
        plot3dFn,
        { since: t0, k: null, notSig: null },
        {
          timeoutMs,
          everyMs: 100,
          what: 'a 3D plot drawn in the Segments cell (plotly_afterplot of a 3D trace, or data-plot-ready="true")',
        },
      ),
    );
    rec.stages.dropToPlot = plot.t - t0;
    rec.plotVia = plot.via;
    rec.plotCell = plot.cell;
    await stage('kChange', async () => {
      await sleep(500); // let the first plot settle (its own follow-up afterplot events)
      const { sig } = await page.evaluate(lastSigFn);
      const ch = await page.evaluate(changeKFn);
      if (ch.error) throw new Error(ch.error);
      rec.kChange = { from: ch.from, to: ch.to, control: ch.control };
      const p2 = await pollPage(
        page,
        plot3dFn,
        { since: ch.t, k: ch.to, notSig: sig },
        { timeoutMs, everyMs: 50, what: `the 3D plot redrawn for k = ${ch.to}` },
      );
      rec.stages.kChange = p2.t - ch.t;
    });
    await stage('inputResponse', async () => {
      // Fast k changes with real (trusted) key presses on the k control, 250 ms apart: the Event Timing
      // API measures each from the input to the next paint.
      await sleep(500);
      const since = await stepKWithArrowKeys(page);
      await sleep(1500);
      const events = await page.evaluate(
        (t) => window.__bench.events.filter((e) => e.t >= t && e.interactionId > 0),
        since,
      );
      rec.stages.inputToPaintMax = events.length ? Math.max(...events.map((e) => e.d)) : 16;
      rec.inputEvents = events.length;
    });
    // Main-thread long tasks during the first compute after RFM (RFM ready → first 3D plot drawn).
    const long = await page.evaluate(
      ({ from, to }) => window.__bench.longTasks.filter((x) => x.t + x.d > from && x.t < to),
      { from: tRfm, to: plot.t },
    );
    rec.stages.longTaskMax = long.length ? Math.max(...long.map((x) => x.d)) : 0;
    rec.longTasksOver200 = long.filter((x) => x.d > 200).length;
  } catch (e) {
    rec.errors.push(e.stage ? `${e.stage}: ${e.message.split('\n')[0]}` : e.message.split('\n')[0]);
  }
  if (sampler) clearInterval(sampler);
  try {
    if (page) {
      const probe = await withTimeout(
        page.evaluate(() => ({
          transitions: window.__bench.transitions,
          fileChange: window.__bench.fileChange,
          heapMax: window.__bench.heapMax,
          plots: window.__bench.plots.length,
        })),
        10_000,
        null,
      );
      rec.attributes = await withTimeout(page.evaluate(collectAttrsFn), 10_000, {});
      if (probe) {
        rec.cellStatusesAtEnd = Object.fromEntries(
          Object.entries(rec.attributes)
            .filter(([k]) => k.startsWith('cell-'))
            .map(([k, v]) => [k.slice(5), v['data-status']]),
        );
        if (probe.fileChange != null) {
          const dataReady = probe.transitions.find(
            (x) =>
              (x.cell === 'data' || x.cell === 'columns') && x.status === 'ready' && x.t >= probe.fileChange,
          );
          if (dataReady) rec.stages.dataReadyWall = dataReady.t - probe.fileChange;
        }
        rec.heapProbeMB = probe.heapMax ? probe.heapMax / 2 ** 20 : null;
      }
    }
  } catch (e) {
    rec.errors.push(`reading the page: ${e.message.split('\n')[0]}`);
  }
  const a = rec.attributes ?? {};
  rec.inner = {
    parseMs: num(a['cell-data']?.['data-parse-ms']),
    rfmMs: num(a['cell-rfm']?.['data-running-ms']),
    transformMs: num(a['cell-transform']?.['data-running-ms']),
    // The Choose-k cell runs while the sweep runs: its running time is the sweep's (calibration included).
    sweepMs: num(a['cell-choose-k']?.['data-running-ms']),
    fitMs: num(a['cell-segments']?.['data-running-ms']),
    customers: num(a['cell-rfm']?.['data-customers']),
    engine: a['cell-choose-k']?.['data-engine'] ?? null,
    engineText: a['text:engine-info']?.text ?? null,
    engineReason: a['cell-choose-k']?.['data-engine-reason'] ?? null,
    // the sweep's inertia per k (k = 1..10), compared with scikit-learn's in the docs
    inertias: a['cell-choose-k']?.['data-inertias']
      ? a['cell-choose-k']['data-inertias'].split(',').map(Number)
      : null,
    restartSample: num(a['cell-choose-k']?.['data-restart-sample']),
  };
  rec.heapCdpMB = heapMax ? heapMax / 2 ** 20 : null;
  // Peak memory of the page's renderer process (page + dedicated workers + wasm), from /proc.
  let rendererPid = null;
  if (browserPid) {
    const renderers = browserProcesses(browserPid).filter((p) => p.type === 'renderer');
    const top = renderers.sort((x, y) => (y.hwmKB ?? 0) - (x.hwmKB ?? 0))[0];
    if (top) {
      rec.rendererPeakMB = top.hwmKB / 1024;
      rendererPid = top.pid;
    }
  }
  await withTimeout(context.close(), 15_000, null, () => rec.errors.push('context.close() timed out'));
  if (rendererPid) for (let i = 0; i < 50 && alive(rendererPid); i++) await sleep(100);
  return rec;
}

async function browserBench(opts, inputInfo, result) {
  const app = { url: URL_BASE, dist: path.relative(ROOT, DIST), requestedAttributes: APP_ATTRIBUTES };
  result.app = app;
  if (opts.build) app.build = await buildApp();
  else app.build = { ok: existsSync(path.join(DIST, 'index.html')), skipped: true };
  if (!app.build.ok) {
    log(`browser stages skipped: ${app.build.error ?? 'no build in bench-data/dist'}`);
    return Object.fromEntries(
      opts.inputs.map((k) => [k, { error: `app build failed: ${app.build.error ?? 'missing'}` }]),
    );
  }
  const server = await startPreview();
  if (!server.child) {
    log(server.error);
    return Object.fromEntries(opts.inputs.map((k) => [k, { error: server.error }]));
  }
  let pw;
  try {
    pw = await import('playwright-core');
  } catch {
    pw = await import('@playwright/test');
  }
  const executablePath =
    process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
  const marker = `--segment-notebook-bench=${process.pid}-${Date.now()}`;
  const out = {};
  let browser;
  try {
    browser = await pw.chromium.launch({
      ...(executablePath ? { executablePath } : {}),
      args: [...CHROMIUM_ARGS, marker],
    });
    const browserPid = findBrowserPid(marker);
    result.browser = {
      executable: executablePath ?? 'playwright chromium',
      version: browser.version(),
      args: CHROMIUM_ARGS,
      headless: true,
      pidFound: !!browserPid,
    };
    log(`Chromium ${browser.version()} (${executablePath ?? 'playwright build'})`);
    for (const key of opts.inputs) {
      const info = inputInfo[key];
      if (info.error) {
        out[key] = { error: info.error };
        continue;
      }
      const timeoutMs = (opts.stageTimeoutS ?? INPUTS[key].timeoutS) * 1000;
      const stop = { at: null, reason: null };
      const runs = [];
      const nRuns = INPUTS[key].big ? opts.runsBig : opts.runs;
      for (let r = 0; r < nRuns; r++) {
        log(`browser: ${key} run ${r + 1}/${nRuns}`);
        const rec = await browserRun(browser, browserPid, key, info, r, stop, timeoutMs, opts.cold);
        const st = Object.entries(rec.stages)
          .map(([k, v]) => `${k} ${Math.round(v)} ms`)
          .join(', ');
        log(`    ${st || 'no stage completed'}${rec.errors.length ? ` — ${rec.errors.join('; ')}` : ''}`);
        runs.push(rec);
        if (r === 0 && !Object.keys(rec.stages).length && rec.errors.length) {
          log(`    nothing measured in run 1: remaining runs of ${key} skipped`);
          break;
        }
      }
      out[key] = { runs };
    }
  } catch (e) {
    result.errors.push(`browser: ${e.message.split('\n')[0]}`);
    log(`browser error: ${e.message}`);
  } finally {
    if (browser)
      await withTimeout(browser.close(), 20_000, null, () => log('browser.close() timed out; going on'));
    killGroup(server.child.pid);
  }
  return out;
}

// ─────────────────────────── results ───────────────────────────

const MB = 1e6;

/** Summaries of the browser runs of one input, choosing the app's inner timing when it gave one. */
function summariseBrowser(b, info) {
  if (!b?.runs) return b ?? null;
  const runs = b.runs;
  const pick = (fn) => runs.map(fn).filter((v) => v != null && Number.isFinite(v));
  const innerParse = pick((r) => r.inner.parseMs);
  const parseMs = innerParse.length ? innerParse : pick((r) => r.stages.dataReadyWall);
  const innerSweep = pick((r) => r.inner.sweepMs);
  const sweepMs = innerSweep.length ? innerSweep : pick((r) => r.stages.sweepWall);
  const engines = [...new Set(runs.map((r) => r.inner.engine).filter(Boolean))];
  // Without data-engine: the name from the engine-info text ("Engine: plain — …").
  const texts = [
    ...new Set(runs.map((r) => /Engine:\s*([\w-]+)/.exec(r.inner.engineText ?? '')?.[1]).filter(Boolean)),
  ];
  const engineFromText = texts.length === 0 ? null : texts.length === 1 ? texts[0] : texts;
  return {
    stages: {
      parse: summary(parseMs) && {
        ...summary(parseMs),
        source: innerParse.length ? 'app data-parse-ms' : 'wall: drop → Data cell ready',
      },
      parseMBps: summary(parseMs.map((ms) => info.uncompressedBytes / MB / (ms / 1000))),
      dropToRfm: summary(pick((r) => r.stages.dropToRfm)),
      rfmToTransformed: summary(pick((r) => r.stages.rfmToTransformed)),
      transformInner: summary(pick((r) => r.inner.transformMs)),
      sweep: summary(sweepMs) && {
        ...summary(sweepMs),
        source: innerSweep.length
          ? 'app data-running-ms of the Choose-k cell'
          : 'wall: Transform ready → Choose-k ready',
      },
      sweepWall: summary(pick((r) => r.stages.sweepWall)),
      kChange: summary(pick((r) => r.stages.kChange)),
      longTaskMax: summary(pick((r) => r.stages.longTaskMax)),
      longTasksOver200: summary(pick((r) => r.longTasksOver200)),
      inputToPaintMax: summary(pick((r) => r.stages.inputToPaintMax)),
      dropToPlot: summary(pick((r) => r.stages.dropToPlot)),
      peakRendererMB: summary(pick((r) => r.rendererPeakMB)),
      peakJsHeapMainMB: summary(pick((r) => r.heapCdpMB ?? r.heapProbeMB)),
    },
    engine: engines.length === 0 ? engineFromText : engines.length === 1 ? engines[0] : engines,
    engineReason: runs.map((r) => r.inner.engineReason).find(Boolean) ?? null,
    engineText: runs.map((r) => r.inner.engineText).find(Boolean) ?? null,
    customers: runs.map((r) => r.inner.customers).find((v) => v != null) ?? null,
    // the same seed every run: the same inertias (the first run's)
    inertias: runs.map((r) => r.inner.inertias).find(Boolean) ?? null,
    restartSample: runs.map((r) => r.inner.restartSample).find((v) => v != null) ?? null,
    errors: [...new Set(runs.flatMap((r) => r.errors))],
    runs,
  };
}

function compare(ours, py, info) {
  const rows = {};
  const pyStages = py?.stagesMs ?? null;
  for (const [key, label, o, p, unit] of COMPARE) {
    const a = ours?.stages?.[o]?.median ?? null;
    const b = key === 'peakMemory' ? (py?.peakRssMB ?? null) : (pyStages?.[p]?.median ?? null);
    rows[key] = { label, unit, ours: a, python: b, ratio: a != null && b != null && b > 0 ? a / b : null };
  }
  const pyRead = pyStages?.read?.median;
  rows.parse.oursMBps = ours?.stages?.parseMBps?.median ?? null;
  rows.parse.pythonMBps = pyRead ? info.uncompressedBytes / MB / (pyRead / 1000) : null;
  return rows;
}

/** ours / DuckDB for the stages both have: reading the file and drop → RFM (cleaning included). */
function compareDuckdb(ours, duck) {
  if (!duck || duck.error || duck.skipped) return null;
  const ratio = (a, b) => (a != null && b != null && b > 0 ? a / b : null);
  const parse = ours?.stages?.parse?.median ?? null;
  const dropToRfm = ours?.stages?.dropToRfm?.median ?? null;
  return {
    parse: { ours: parse, duckdb: duck.readMs, ratio: ratio(parse, duck.readMs) },
    dropToRfm: { ours: dropToRfm, duckdb: duck.dropToRfmMs, ratio: ratio(dropToRfm, duck.dropToRfmMs) },
    customersModelled: { ours: ours?.customers ?? null, duckdb: duck.customersModelled },
  };
}

async function duckdbBaselines(keys, opts, inputInfo) {
  const out = {};
  for (const key of keys) {
    const inp = INPUTS[key];
    if (inp.kind !== 'transactions' || !/\.csv(\.gz)?$/.test(inp.file)) continue;
    const runs = inp.big ? opts.runsBig : opts.runs;
    log(`DuckDB baseline: ${key} × ${runs}`);
    try {
      out[key] = await duckdbBaseline(inputInfo[key]?.file ?? path.join(ROOT, inp.file), runs);
      log(
        `DuckDB ${key}: drop → RFM ${Math.round(out[key].dropToRfmMs)} ms, ${out[key].customersModelled} customers`,
      );
    } catch (e) {
      out[key] = { error: String(e?.message ?? e) };
    }
  }
  return out;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const t0 = Date.now();
  const result = {
    schema: 'segment-notebook-bench/1',
    date: new Date().toISOString(),
    command: ['node', 'scripts/bench/run.mjs', ...process.argv.slice(2)].join(' '),
    options: {
      runs: opts.runs,
      runsBig: opts.runsBig,
      pythonRuns: opts.pythonRuns,
      reusePython: opts.reusePython,
      quick: opts.quick,
      cold: opts.cold,
      inputs: opts.inputs,
      python: opts.python,
      duckdb: opts.duckdb,
      browser: opts.browser,
    },
    ratioMeaning: 'ours / Python, of times (and of peak memory): below 1 means the app is faster (smaller)',
    machine: machineInfo(),
    browser: null,
    app: null,
    inputs: {},
    errors: [],
  };
  log(
    `machine: ${result.machine.cpus} × ${result.machine.cpuModel}, ${result.machine.memoryGB} GB, node ${result.machine.node}, load ${result.machine.loadavgStart.join(' ')}`,
  );
  let inputInfo = {};
  try {
    inputInfo = await ensureInputs(opts.inputs);
  } catch (e) {
    result.errors.push(`inputs: ${e.message}`);
  }
  let py = {};
  if (opts.python) {
    try {
      py = await pythonBaseline(opts.inputs, opts, inputInfo);
    } catch (e) {
      result.errors.push(`python: ${e.message}`);
    }
  }
  let duck = {};
  if (opts.duckdb) duck = await duckdbBaselines(opts.inputs, opts, inputInfo);
  let br = {};
  if (opts.browser) {
    try {
      br = await browserBench(opts, inputInfo, result);
    } catch (e) {
      result.errors.push(`browser: ${e.message}`);
    }
  }
  for (const key of opts.inputs) {
    const info = inputInfo[key] ?? { file: INPUTS[key].file, error: 'not prepared' };
    const ours = opts.browser ? summariseBrowser(br[key], info) : { skipped: '--no-browser' };
    const python = opts.python ? (py[key] ?? null) : { skipped: '--no-python' };
    result.inputs[key] = {
      ...info,
      label: INPUTS[key].label,
      ours,
      python,
      ...(duck[key] ? { duckdb: duck[key], comparisonDuckdb: compareDuckdb(ours, duck[key]) } : {}),
      comparison: compare(ours, python, info),
    };
  }
  if (opts.service) {
    // The scoring service under a bounded loopback load (scripts/bench/service.mjs).
    try {
      log('scoring service: 1-row and 1,000-row requests, 5 s each');
      result.service = await serviceBench({ durationS: 5, connections: 8 });
    } catch (e) {
      result.errors.push(`service: ${e.message}`);
    }
  }
  const latest = path.join(BENCH_DIR, 'bench-latest.json');
  if (opts.merge && existsSync(latest)) {
    try {
      const prev = JSON.parse(readFileSync(latest, 'utf8'));
      for (const [key, v] of Object.entries(prev.inputs ?? {})) {
        if (!result.inputs[key])
          result.inputs[key] = {
            ...v,
            mergedFrom: v.mergedFrom ?? {
              date: prev.date,
              command: prev.command,
              loadavg: [prev.machine?.loadavgStart, prev.machine?.loadavgEnd],
            },
          };
      }
      result.inputs = Object.fromEntries(
        Object.keys(INPUTS)
          .filter((k) => result.inputs[k])
          .map((k) => [k, result.inputs[k]]),
      );
    } catch (e) {
      result.errors.push(`--merge: ${e.message}`);
    }
  }
  result.machine.loadavgEnd = os.loadavg().map((v) => Math.round(v * 100) / 100);
  result.totalSeconds = Math.round((Date.now() - t0) / 1000);
  mkdirSync(BENCH_DIR, { recursive: true });
  writeFileSync(latest, JSON.stringify(result, null, 2) + '\n');
  if (opts.docs) {
    try {
      const docPath = path.join(ROOT, 'docs', 'benchmarks.md');
      const existing = existsSync(docPath) ? readFileSync(docPath, 'utf8') : null;
      writeFileSync(docPath, renderDocs(result, existing, COMPARE));
      log('docs/benchmarks.md updated');
    } catch (e) {
      result.errors.push(`docs: ${e.message}`);
    }
  }
  process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  log(`done in ${result.totalSeconds} s; bench-data/bench-latest.json written`);
}

main()
  .catch((e) => {
    // Never fail: print what we know as JSON.
    process.stdout.write(
      JSON.stringify({ schema: 'segment-notebook-bench/1', fatal: String(e?.stack ?? e) }, null, 2) + '\n',
    );
  })
  .finally(() => {
    process.exitCode = 0;
    // Playwright or a child may keep handles open: leave shortly after the report.
    setTimeout(() => process.exit(0), 2000).unref();
  });
