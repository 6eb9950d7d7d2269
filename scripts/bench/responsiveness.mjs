#!/usr/bin/env node
// Responsiveness of the page on this machine (reports, never fails):
//
//   node scripts/bench/responsiveness.mjs [--url http://127.0.0.1:4173/] [--k-changes 6]
//
// Serve a production build first (`npx vite build && npx vite preview`). In headless Chromium the
// script loads the built-in sample like a user, then changes k quickly with the keyboard, while a
// PerformanceObserver in the page records
//   - every long task (> 50 ms on the main thread) from the moment the RFM cell is ready until every
//     chart is drawn — the first compute after RFM (issue 18's target: none over 200 ms);
//   - every input event's duration to the next paint (Event Timing, durationThreshold 16 ms) while k
//     changes — an INP-like number (target: ≤ 200 ms).
// Prints one JSON document: counts, the longest tasks, total blocking time (the parts over 50 ms) and
// the slowest input events.
/* global window, document */
import { existsSync } from 'node:fs';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const URL_BASE = arg('url', 'http://127.0.0.1:4173/');
const K_CHANGES = Number(arg('k-changes', '6'));

/** Runs in the page before the app: long tasks and event timings, stamped with the page's phase. */
function probe() {
  const rec = { phase: 'start', longTasks: [], events: [] };
  Object.defineProperty(window, '__resp', { value: rec });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      rec.longTasks.push({ phase: rec.phase, start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      rec.events.push({ phase: rec.phase, name: e.name, start: e.startTime, duration: e.duration });
  }).observe({ type: 'event', durationThreshold: 16, buffered: true });
}

const summarise = (tasks) => {
  const d = tasks.map((t) => t.duration).sort((a, b) => b - a);
  return {
    count: d.length,
    over200ms: d.filter((x) => x > 200).length,
    longestMs: d.slice(0, 5).map(Math.round),
    totalBlockingMs: Math.round(d.reduce((s, x) => s + Math.max(0, x - 50), 0)),
  };
};

const { chromium } = await import('@playwright/test');
const executablePath =
  process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const browser = await chromium.launch({
  ...(executablePath ? { executablePath } : {}),
  args: ['--no-sandbox', '--disable-background-networking', '--no-first-run', '--enable-unsafe-swiftshader'],
});
const out = { url: URL_BASE, when: new Date().toISOString() };
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.addInitScript(probe);
  await page.goto(URL_BASE);
  await page.getByRole('button', { name: /try the sample data/i }).click();
  const status = (id) => page.getByTestId(`cell-${id}`);
  await status('rfm').and(page.locator('[data-status="ready"]')).waitFor({ timeout: 600_000 });
  await page.evaluate(() => (window.__resp.phase = 'first-compute'));
  await status('segments').and(page.locator('[data-status="ready"]')).waitFor({ timeout: 600_000 });
  await page.waitForFunction(
    () => document.querySelectorAll('.plot[data-plot-state="loading"]').length === 0,
    null,
    {
      timeout: 600_000,
    },
  );
  await page.evaluate(() => (window.__resp.phase = 'idle'));
  await page.waitForTimeout(1000);

  // Fast k changes with the keyboard on the slider.
  await page.evaluate(() => (window.__resp.phase = 'k-changes'));
  const slider = page.getByRole('slider', { name: 'Number of segments (k)' });
  await slider.focus();
  for (let i = 0; i < K_CHANGES; i++) {
    await page.keyboard.press(i < K_CHANGES / 2 ? 'ArrowRight' : 'ArrowLeft');
    await page.waitForTimeout(150);
  }
  await page.waitForFunction(
    () => document.querySelectorAll('.plot[data-plot-state="loading"]').length === 0,
    null,
    {
      timeout: 600_000,
    },
  );
  await page.waitForTimeout(1000);
  const rec = await page.evaluate(() => window.__resp);
  const during = (phase) => rec.longTasks.filter((t) => t.phase === phase);
  const inputs = rec.events.filter((e) => e.phase === 'k-changes' && /key|pointer|click|input/.test(e.name));
  out.firstCompute = summarise(during('first-compute'));
  out.kChanges = {
    longTasks: summarise(during('k-changes')),
    inputEvents: inputs.length,
    slowestInputMs: inputs
      .map((e) => Math.round(e.duration))
      .sort((a, b) => b - a)
      .slice(0, 5),
  };
} catch (e) {
  out.error = e instanceof Error ? e.message : String(e);
} finally {
  await browser.close();
}
console.log(JSON.stringify(out, null, 2));
