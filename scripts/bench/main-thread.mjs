#!/usr/bin/env node
// Main-thread responsiveness on the sample, with attribution (issue 18 "No freezes"):
//
//   node scripts/bench/main-thread.mjs [--runs N] [--port P] [--dist DIR] [--warm] [--no-server] [--out FILE]
//
// Serves the build in dist/ (`npx vite build` first; --dist: another build) with `vite preview` on 127.0.0.1:P (default 4184;
// --no-server: one is already running there), then per run, in a fresh headless Chromium context at
// 1400×1000, opens `/?sample=online-retail` (--warm: opens `/`, waits until the page has preloaded
// plotly when idle, as `npm run bench` does by default, then presses "Try the sample data") and records on the page's own clock (page-probe.js plus
// the observers below):
// - every long task (Long Tasks API, with its attribution) and every long animation frame (LoAF, with
//   the scripts that ran in it: source file, function, invoker) from RFM ready to the first results
//   drawn — the "first compute after RFM": until the 3D plot of the Segments cell is drawn, or, on a
//   software WebGL renderer (where the app draws the 3D view on request), until the Segments cell is
//   ready with all its charts drawn and the "Draw the 3D view" button shown;
// - then, when that button is there, the press and the 3D draw it starts (`onRequest3d`);
// - four real arrow-key k changes 250 ms apart on the k control: each interaction's input → next
//   paint (Event Timing API, the largest entry per interactionId) and the long frames meanwhile.
// Prints one JSON document on stdout (progress on stderr). It reports, it never fails.
/* global window, document */
import { existsSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { killGroup, log, stepKWithArrowKeys, summary, withTimeout } from './lib.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const PROBE = path.join(ROOT, 'scripts', 'bench', 'page-probe.js');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : dflt;
};
const RUNS = Number(opt('--runs', 3));
const PORT = Number(opt('--port', process.env.E2E_PORT ?? 4184));
const OUT = opt('--out', null);
const DIST = path.resolve(ROOT, opt('--dist', 'dist'));
const WARM = args.includes('--warm');
const BASE = `http://127.0.0.1:${PORT}`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** In page, before the app: long tasks with attribution and long animation frames with scripts. */
function extraObservers() {
  const m = { longTasks: [], frames: [], draws: [] };
  Object.defineProperty(window, '__mainThread', { value: m });
  const short = (u) => String(u || '').replace(/^.*\//, '');
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries())
        m.longTasks.push({
          t: e.startTime,
          d: e.duration,
          attribution: (e.attribution || []).map((a) => `${a.name}:${a.containerType || ''}`).join(','),
        });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    /* no Long Tasks API */
  }
  try {
    // The app's User Timing entry per drawn chart (src/components/plot/plot.tsx): "plot: <label>".
    new PerformanceObserver((list) => {
      for (const e of list.getEntries())
        if (e.name.startsWith('plot: '))
          m.draws.push({ t: e.startTime, d: e.duration, chart: e.name.slice(6) });
    }).observe({ type: 'measure', buffered: true });
  } catch {
    /* no User Timing */
  }
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries())
        m.frames.push({
          t: e.startTime,
          d: e.duration,
          blocking: e.blockingDuration,
          render: e.renderStart ? e.startTime + e.duration - e.renderStart : 0,
          scripts: (e.scripts || [])
            .filter((s) => s.duration >= 20)
            .map((s) => ({
              d: Math.round(s.duration),
              compile: Math.round((s.executionStart || s.startTime) - s.startTime),
              invoker: String(s.invoker || '').slice(0, 80),
              type: s.invokerType,
              fn: s.sourceFunctionName || '',
              src: short(s.sourceURL),
            })),
        });
    }).observe({ type: 'long-animation-frame', buffered: true });
  } catch {
    /* no LoAF */
  }
}

async function startPreview() {
  const child = spawn(
    'npx',
    ['vite', 'preview', '--outDir', DIST, '--port', String(PORT), '--strictPort', '--host', '127.0.0.1'],
    {
      cwd: ROOT,
      detached: true,
      stdio: 'ignore',
    },
  );
  for (let i = 0; i < 100; i++) {
    await sleep(200);
    try {
      const r = await fetch(BASE);
      if (r.ok) return child;
    } catch {
      /* not yet */
    }
  }
  killGroup(child.pid);
  throw new Error(`vite preview did not answer on ${BASE}`);
}

function cellTime(transitions, cell, status) {
  return transitions.find((x) => x.cell === cell && x.status === status)?.t ?? null;
}

async function oneRun(browser, runIdx) {
  const rec = { run: runIdx + 1, errors: [] };
  const context = await browser.newContext({
    viewport: { width: 1400, height: 1000 },
    serviceWorkers: 'block',
  });
  try {
    await context.addInitScript({ path: PROBE });
    await context.addInitScript(extraObservers);
    // The 3D view waits for its button on a software renderer: pressed below, after the first compute.
    await context.addInitScript(() => {
      window.__bench.autoDraw3d = false;
    });
    const page = await context.newPage();
    page.on('pageerror', (e) => rec.errors.push(String(e).slice(0, 200)));
    const t0 = Date.now();
    if (WARM) {
      await page.goto(`${BASE}/`, { waitUntil: 'load' });
      await page.waitForFunction(
        () => performance.getEntriesByType('resource').some((e) => /plotly/.test(e.name)),
        null,
        { timeout: 30_000, polling: 100 },
      );
      await sleep(1000);
      await page.getByRole('button', { name: 'Try the sample data' }).click();
    } else await page.goto(`${BASE}/?sample=online-retail`, { waitUntil: 'load' });
    // The first results: the Segments cell ready with every chart in it drawn — the 3D plot, or, on a
    // software WebGL renderer, the button that draws it on request.
    await page.waitForFunction(
      () => {
        const b = window.__bench;
        if (b.plots.some((p) => p.is3d && p.cell === 'segments')) return true;
        const c = document.querySelector('[data-testid="cell-segments"]');
        return (
          b.gateShown !== null &&
          c?.getAttribute('data-status') === 'ready' &&
          c.querySelectorAll('.plot').length > 0 &&
          c.querySelectorAll('.plot:not([data-plot-state="drawn"])').length === 0
        );
      },
      null,
      { timeout: 180_000, polling: 100 },
    );
    rec.wallToFirst3dS = (Date.now() - t0) / 1000;
    await sleep(1500);
    const probe = await page.evaluate(() => ({
      transitions: window.__bench.transitions,
      plots: window.__bench.plots,
      gateShown: window.__bench.gateShown,
      m: window.__mainThread,
    }));
    const tRfm = cellTime(probe.transitions, 'rfm', 'ready');
    const first3d = probe.plots.find((p) => p.is3d && p.cell === 'segments');
    rec.threeD = first3d ? 'drawn with the results' : 'on request (software WebGL renderer)';
    const segPlots = probe.plots.filter((p) => p.cell === 'segments');
    const t3d = first3d ? first3d.t : Math.max(probe.gateShown, ...segPlots.map((p) => p.t));
    rec.rfmReadyMs = Math.round(tRfm);
    rec.first3dMs = Math.round(t3d);
    const inWindow = (x) => x.t + x.d > tRfm && x.t < t3d;
    const lt = probe.m.longTasks.filter(inWindow);
    rec.firstCompute = {
      longTaskMax: lt.length ? Math.round(Math.max(...lt.map((x) => x.d))) : 0,
      longTasksOver200: lt.filter((x) => x.d > 200).length,
      longTasksOver50: lt.length,
      longTaskSumMs: Math.round(lt.reduce((s, x) => s + x.d, 0)),
      longTasks: lt
        .filter((x) => x.d > 100)
        .map((x) => ({ at: Math.round(x.t - tRfm), d: Math.round(x.d), attribution: x.attribution })),
      chartDraws: probe.m.draws
        .filter((x) => inWindow(x) && x.d > 50)
        .map((x) => ({ at: Math.round(x.t - tRfm), d: Math.round(x.d), chart: x.chart })),
      frames: probe.m.frames
        .filter((x) => inWindow(x) && x.d > 150)
        .map((x) => ({
          at: Math.round(x.t - tRfm),
          d: Math.round(x.d),
          render: Math.round(x.render),
          scripts: x.scripts,
        })),
    };
    // Before RFM: what the page did while the file was read (the plotly preload lands there or not).
    rec.beforeRfmLongTaskMax = Math.round(
      Math.max(0, ...probe.m.longTasks.filter((x) => x.t < tRfm).map((x) => x.d)),
    );
    // On request: the 3D view drawn after its button is pressed (what the first compute no longer holds).
    const gateButton = page.getByTestId('segments-3d-gate').getByRole('button');
    if (!first3d && (await gateButton.count()) === 1) {
      await gateButton.scrollIntoViewIfNeeded();
      await sleep(500);
      const pressedAt = await page.evaluate(() => performance.now());
      await gateButton.click();
      await page.waitForFunction(
        (t) => window.__bench.plots.some((p) => p.is3d && p.cell === 'segments' && p.t >= t),
        pressedAt,
        { timeout: 60_000, polling: 100 },
      );
      await sleep(2000);
      const req = await page.evaluate(
        (t) => ({
          drawn: window.__bench.plots.find((p) => p.is3d && p.cell === 'segments' && p.t >= t).t,
          longTasks: window.__mainThread.longTasks.filter((x) => x.t >= t),
        }),
        pressedAt,
      );
      rec.onRequest3d = {
        pressToDrawnMs: Math.round(req.drawn - pressedAt),
        longTaskMax: Math.round(Math.max(0, ...req.longTasks.map((x) => x.d))),
        longTasks: req.longTasks.filter((x) => x.d > 100).map((x) => Math.round(x.d)),
      };
    }
    // Four arrow-key k changes.
    const since = await stepKWithArrowKeys(page, { settleMs: 1000 });
    await sleep(2500);
    const after = await page.evaluate(
      (t) => ({
        events: window.__bench.events.filter((e) => e.t >= t && e.interactionId > 0),
        frames: window.__mainThread.frames.filter((f) => f.t >= t && f.d > 100),
        longTasks: window.__mainThread.longTasks.filter((x) => x.t >= t),
        draws: window.__mainThread.draws.filter((x) => x.t >= t),
      }),
      since,
    );
    const byInteraction = new Map();
    for (const e of after.events)
      byInteraction.set(e.interactionId, Math.max(byInteraction.get(e.interactionId) ?? 0, e.d));
    const inp = [...byInteraction.values()];
    rec.kChanges = {
      interactions: inp.map(Math.round),
      inputToPaintMax: inp.length ? Math.max(...inp) : 16,
      longTaskMax: Math.round(Math.max(0, ...after.longTasks.map((x) => x.d))),
      events: after.events.map((e) => ({ at: Math.round(e.t - since), d: Math.round(e.d), name: e.name })),
      chartDraws: after.draws.map((x) => ({
        at: Math.round(x.t - since),
        d: Math.round(x.d),
        chart: x.chart,
      })),
      frames: after.frames.map((x) => ({
        at: Math.round(x.t - since),
        d: Math.round(x.d),
        render: Math.round(x.render),
        scripts: x.scripts,
      })),
    };
  } catch (e) {
    rec.errors.push(String(e.message ?? e).split('\n')[0]);
  }
  await withTimeout(context.close(), 15_000, null);
  return rec;
}

async function main() {
  const os = await import('node:os');
  let server = null;
  if (!args.includes('--no-server')) {
    if (!existsSync(path.join(ROOT, 'dist', 'index.html')))
      throw new Error('no dist/: run `npx vite build` first');
    server = await startPreview();
  }
  const { chromium } = await import('@playwright/test');
  const browser = await chromium.launch({
    ...(existsSync('/usr/bin/chromium') ? { executablePath: '/usr/bin/chromium' } : {}),
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--no-first-run',
      '--enable-unsafe-swiftshader',
    ],
  });
  const runs = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const load = os.loadavg()[0];
      log(`main-thread run ${i + 1}/${RUNS} (load ${load.toFixed(2)})`);
      const r = await oneRun(browser, i);
      r.loadAvg1 = Number(load.toFixed(2));
      runs.push(r);
      log(
        `  longest task ${r.firstCompute?.longTaskMax} ms (${r.firstCompute?.longTasksOver200} over 200 ms), ` +
          `INP max ${Math.round(r.kChanges?.inputToPaintMax ?? NaN)} ms; 3D ${r.threeD}` +
          (r.onRequest3d
            ? ` (${r.onRequest3d.pressToDrawnMs} ms, longest task ${r.onRequest3d.longTaskMax} ms)`
            : '') +
          ` ${r.errors.join('; ')}`,
      );
    }
  } finally {
    await browser.close();
    if (server) killGroup(server.pid);
  }
  const pick = (f) => runs.map(f).filter((v) => Number.isFinite(v));
  const out = {
    schema: 'segment-notebook-main-thread/1',
    date: new Date().toISOString(),
    chromium: browser.version(),
    start: WARM
      ? 'warm: plotly preloaded on the start page, then "Try the sample data"'
      : '/?sample=online-retail',
    summary: {
      longTaskMax: summary(pick((r) => r.firstCompute?.longTaskMax)),
      longTasksOver200: summary(pick((r) => r.firstCompute?.longTasksOver200)),
      inputToPaintMax: summary(pick((r) => r.kChanges?.inputToPaintMax)),
      onRequest3dLongTaskMax: summary(pick((r) => r.onRequest3d?.longTaskMax)),
    },
    runs,
  };
  const text = JSON.stringify(out, null, 2) + '\n';
  if (OUT) writeFileSync(OUT, text);
  process.stdout.write(text);
}

main().catch((e) => {
  process.stdout.write(
    JSON.stringify({ schema: 'segment-notebook-main-thread/1', fatal: String(e?.stack ?? e) }) + '\n',
  );
});
