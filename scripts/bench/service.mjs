// Bounded loopback load test of the scoring service (`segment-notebook serve`): requests/s and
// p50/p99 latency for 1-row and 1,000-row bodies of the reference notebook's request, with autocannon.
// The model is the committed scikit-learn reference (src/core/model/__fixtures__/scoring-reference.json)
// and the rows are its UCI customers. Needs the built CLI (npm ci / npm run build:cli).
//
//   node scripts/bench/service.mjs [--duration S] [--connections C]     (defaults 5 s, 8 connections)
//
// Run by `npm run bench` (scripts/bench/run.mjs, skipped with --no-service); prints JSON.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function requestBody(ref, rows) {
  const a = ref.after;
  const idx = Array.from({ length: rows }, (_, i) => i % a.ids.length);
  return JSON.stringify({
    input_data: {
      columns: ['Recency(Days)', 'Frequency', 'Monetary(£)'],
      index: idx.map((i) => a.ids[i]),
      data: idx.map((i) => [a.recency[i], a.frequency[i], a.monetary[i]]),
    },
  });
}

function startServer(modelPath) {
  const child = spawn(
    process.execPath,
    [path.join(ROOT, 'scripts', 'segment-notebook.mjs'), 'serve', modelPath, '--port', '0', '--quiet'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr.on('data', (d) => {
      err += d.toString();
      const m = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(err);
      if (m) resolve({ child, url: m[1] });
    });
    child.on('exit', (code) => reject(new Error(`serve exited (${code}): ${err.trim()}`)));
  });
}

/** Runs both loads; resolves to one JSON-ready object. Never leaves the server running. */
export async function serviceBench({ durationS = 5, connections = 8 } = {}) {
  const { default: autocannon } = await import('autocannon');
  const ref = JSON.parse(
    readFileSync(path.join(ROOT, 'src/core/model/__fixtures__/scoring-reference.json'), 'utf8'),
  );
  const dir = path.join(ROOT, 'bench-data');
  mkdirSync(dir, { recursive: true });
  const modelPath = path.join(dir, 'service-model.json');
  writeFileSync(modelPath, JSON.stringify(ref.model));
  const { child, url } = await startServer(modelPath);
  const out = { tool: 'autocannon', durationS, connections, url: `${url}/score`, cases: {} };
  try {
    for (const rows of [1, 1000]) {
      const body = requestBody(ref, rows);
      const r = await autocannon({
        url: `${url}/score`,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        connections,
        duration: durationS,
        timeout: 10,
      });
      out.cases[`${rows}-row`] = {
        bodyBytes: Buffer.byteLength(body),
        requests: r.requests.total,
        requestsPerSecond: r.requests.average,
        latencyMs: { p50: r.latency.p50, p99: r.latency.p99, max: r.latency.max },
        non2xx: r.non2xx,
        errors: r.errors,
        timeouts: r.timeouts,
      };
    }
  } finally {
    child.kill('SIGTERM');
  }
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const argv = process.argv.slice(2);
  const opt = (name, d) => {
    const i = argv.indexOf(name);
    return i >= 0 ? Number(argv[i + 1]) : d;
  };
  serviceBench({ durationS: opt('--duration', 5), connections: opt('--connections', 8) })
    .then((r) => process.stdout.write(`${JSON.stringify(r, null, 2)}\n`))
    .catch((e) => {
      process.stderr.write(`service bench: ${e.stack ?? e}\n`);
      process.exitCode = 1;
    });
}
