// Helpers of scripts/bench/run.mjs: processes, /proc memory readings, statistics.
import { spawn } from 'node:child_process';
import { createReadStream, readdirSync, readFileSync } from 'node:fs';
import { createGunzip } from 'node:zlib';

export const log = (...a) => console.error('[bench]', ...a);

/** Median of finite numbers (mean of the middle two for an even count); null when none. */
export function median(values) {
  const v = values.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

/** { median, min, max, n } of the finite numbers, or null when there are none. */
export function summary(values) {
  const v = values.filter((x) => typeof x === 'number' && Number.isFinite(x));
  if (v.length === 0) return null;
  return { median: median(v), min: Math.min(...v), max: Math.max(...v), n: v.length };
}

/** Promise with a time limit: resolves to `fallback` (and calls onTimeout) when `ms` pass first. */
export function withTimeout(promise, ms, fallback, onTimeout) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((resolve) => {
      timer = setTimeout(() => {
        onTimeout?.();
        resolve(fallback);
      }, ms);
    }),
  ]);
}

/**
 * Runs a command, forwarding its stderr (prefixed) to ours; resolves { code, stdout, ms, timedOut }.
 * The child gets its own process group so a time-out ends it and its children (by its id only).
 */
export function runCmd(cmd, args, { cwd, timeoutMs = 600_000, env, prefix = '' } = {}) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const child = spawn(cmd, args, {
      cwd,
      env: env ?? process.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderrTail = '';
    let timedOut = false;
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => {
      const s = String(d);
      stderrTail = (stderrTail + s).slice(-4000);
      for (const line of s.split('\n')) if (line.trim()) process.stderr.write(`${prefix}${line}\n`);
    });
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid);
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ code: -1, stdout, stderrTail: String(e), ms: Date.now() - t0, timedOut });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderrTail, ms: Date.now() - t0, timedOut });
    });
  });
}

/** SIGTERM to the process group we started (negative pid), SIGKILL 3 s later if still there. */
export function killGroup(pid) {
  if (!pid) return;
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    return;
  }
  setTimeout(() => {
    try {
      process.kill(-pid, 0);
      process.kill(-pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }, 3000).unref();
}

/** Byte count of a file after gunzip (of the file itself when it is not gzip). */
export async function uncompressedBytes(file) {
  const head = readFileSync(file, { encoding: null, flag: 'r' }).subarray(0, 2);
  if (!(head[0] === 0x1f && head[1] === 0x8b)) return null;
  let n = 0;
  for await (const chunk of createReadStream(file).pipe(createGunzip())) n += chunk.length;
  return n;
}

/** Data lines of a (possibly gzipped) CSV, header excluded. */
export async function countRows(file) {
  const gz = file.endsWith('.gz');
  let lines = 0;
  let last = 10;
  const stream = gz ? createReadStream(file).pipe(createGunzip()) : createReadStream(file);
  for await (const chunk of stream) {
    for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) lines++;
    last = chunk[chunk.length - 1];
  }
  if (last !== 10) lines++;
  return lines - 1;
}

// ───────────── Chromium processes, read from /proc (Linux) ─────────────

function readProc(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
    return { pid, ppid, cmdline };
  } catch {
    return null;
  }
}

function allProcs() {
  const out = new Map();
  let entries = [];
  try {
    entries = readdirSync('/proc');
  } catch {
    return out;
  }
  for (const e of entries) {
    if (!/^\d+$/.test(e)) continue;
    const p = readProc(Number(e));
    if (p) out.set(p.pid, p);
  }
  return out;
}

/** Pid of the browser process whose command line carries `marker`, or null. */
export function findBrowserPid(marker) {
  for (const p of allProcs().values())
    if (p.cmdline.includes(marker) && !p.cmdline.includes('--type=')) return p.pid;
  return null;
}

function memOf(pid) {
  try {
    const s = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k) => {
      const m = new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(s);
      return m ? Number(m[1]) : null;
    };
    return { hwmKB: kb('VmHWM'), rssKB: kb('VmRSS') };
  } catch {
    return null;
  }
}

/**
 * Processes of one browser by type ('renderer', 'gpu-process', 'utility', …) with their peak resident
 * memory (VmHWM) and current RSS in kB. A renderer holds the page, its dedicated workers and their
 * wasm memory, so its VmHWM is the page's peak memory.
 */
export function browserProcesses(browserPid) {
  const procs = allProcs();
  const out = [];
  for (const p of procs.values()) {
    const m = /--type=([\w-]+)/.exec(p.cmdline);
    if (!m) continue;
    let a = p.ppid;
    let ok = false;
    for (let i = 0; i < 6 && a > 1; i++) {
      if (a === browserPid) {
        ok = true;
        break;
      }
      a = procs.get(a)?.ppid ?? 0;
    }
    if (!ok) continue;
    const mem = memOf(p.pid);
    if (mem) out.push({ pid: p.pid, type: m[1], ...mem });
  }
  return out;
}

export function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Four real (trusted) arrow-key k changes, 250 ms apart, on the Choose-k cell's k control (focused
 * first; `settleMs` after scrolling it into view, when given). Returns the page's clock before the
 * first key, from which the Event Timing entries of the presses are read.
 */
export async function stepKWithArrowKeys(page, { settleMs = 0 } = {}) {
  const control = page
    .locator(
      '[data-testid="k-slider"], [data-testid="k-input"], [data-testid="cell-choose-k"] input[type="range"]',
    )
    .first();
  if ((await control.count()) === 0) throw new Error('no k control to press keys on');
  if (settleMs > 0) {
    await control.scrollIntoViewIfNeeded();
    await new Promise((r) => setTimeout(r, settleMs));
  }
  await control.focus();
  const since = await page.evaluate(() => performance.now());
  for (const key of ['ArrowRight', 'ArrowLeft', 'ArrowRight', 'ArrowLeft']) {
    await page.keyboard.press(key);
    await new Promise((r) => setTimeout(r, 250));
  }
  return since;
}
