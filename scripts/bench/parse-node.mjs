#!/usr/bin/env node
// Parse speed in Node, old (TextDecoder + string scanner) against new (byte scanner), in the same run:
//   core: the gunzipped bytes of a file read into a RawTable — old: TextDecoder of the bytes, then
//         RawTableBuilder.pushDelimitedText over 1M-character pieces (as load-file.ts fed it);
//         new: DelimitedByteScanner over 1 MB pieces (load-bytes.ts)
//   load: the worker's loadFile on the file as dropped (Blob; gzip through DecompressionStream),
//         byteScan false vs true, one pass (no parse workers)
// Runs interleaved (old, new, old, new…); prints medians and MB/s of the uncompressed text, of the wall
// time and of the process's CPU time (user + system, all threads).
// Usage: node scripts/bench/parse-node.mjs [FILE (.csv or .csv.gz)] [RUNS=5]
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { median } from './lib.mjs';
import { ROOT as root, withSources } from '../lib/sources.mjs';

const file = resolve(root, process.argv[2] ?? 'public/sample/online-retail.csv.gz');
const runs = Number(process.argv[3] ?? '5');

await withSources(async (load) => {
  const ingest = await load('/src/core/ingest/index.ts');
  const { loadFile } = await load('/src/workers/data/load-file.ts');
  const raw = readFileSync(file);
  const gz = raw[0] === 0x1f && raw[1] === 0x8b;
  let t = performance.now();
  const bytes = new Uint8Array(gz ? gunzipSync(raw) : raw);
  const gunzipMs = performance.now() - t;
  const mb = bytes.length / 1e6;
  const bom = ingest.utf8BomLength(bytes);
  const sample = new TextDecoder().decode(bytes.subarray(0, 1 << 18), { stream: true });
  const delimiter = ingest.sniffDelimiter(sample.slice(0, 65536));
  const nl = sample.indexOf('\n');
  const newline = nl > 0 && sample.charCodeAt(nl - 1) === 13 ? '\r\n' : '\n';

  const coreOld = () => {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    const b = new ingest.RawTableBuilder(20);
    let rest = '';
    for (let o = 0; o < text.length; o += 1 << 20) {
      const piece = rest + text.slice(o, o + (1 << 20));
      const final = o + (1 << 20) >= text.length;
      const r = b.pushDelimitedText(piece, delimiter, newline, final);
      if (!r.regular) throw new Error('irregular text: not a benchmark for this file');
      rest = piece.slice(r.consumed);
    }
    return b.rowCount;
  };
  const coreNew = () => {
    const b = new ingest.RawTableBuilder(20);
    const s = new ingest.DelimitedByteScanner(b, delimiter, newline, true);
    let rest = new Uint8Array(0);
    for (let o = bom; o < bytes.length; o += 1 << 20) {
      const chunk = bytes.subarray(o, o + (1 << 20));
      let piece = chunk;
      if (rest.length > 0) {
        piece = new Uint8Array(rest.length + chunk.length);
        piece.set(rest);
        piece.set(chunk, rest.length);
      }
      const r = s.push(piece, o + (1 << 20) >= bytes.length);
      if (!r.regular) throw new Error('irregular text: not a benchmark for this file');
      rest = piece.subarray(r.consumed);
    }
    return b.rowCount;
  };
  const opts = (byteScan) => ({
    onProgress: () => undefined,
    isCancelled: () => false,
    pieceParsers: null,
    byteScan,
  });
  const name = file.split('/').pop();
  const loadOld = async () => (await loadFile(new Blob([raw]), name, opts(false))).table.rowCount;
  const loadNew = async () => (await loadFile(new Blob([raw]), name, opts(true))).table.rowCount;

  const only = process.env.ONLY;
  const cases = [
    ['core old (TextDecoder + string scanner)', coreOld],
    ['core new (byte scanner)', coreNew],
    ['loadFile old (byteScan: false)', loadOld],
    ['loadFile new (byteScan: true)', loadNew],
  ].filter(([label]) => !only || label.includes(only));
  const times = cases.map(() => []);
  // CPU time of this process (all its threads) beside the wall time: on a machine shared with other
  // work the wall time mostly measures the wait for a core
  const cpu = cases.map(() => []);
  const rows = cases.map(() => 0);
  // one warm-up each, then `runs` interleaved rounds
  for (let round = -1; round < runs; round++) {
    for (let k = 0; k < cases.length; k++) {
      t = performance.now();
      const c0 = process.cpuUsage();
      rows[k] = await cases[k][1]();
      const ms = performance.now() - t;
      const c = process.cpuUsage(c0);
      if (round >= 0) {
        times[k].push(ms);
        cpu[k].push((c.user + c.system) / 1000);
      }
    }
  }
  const f = (x) => x.toFixed(0);
  console.log(
    `${name}: ${mb.toFixed(1)} MB of text${gz ? `, gunzip (node:zlib) ${f(gunzipMs)} ms` : ''}; ${runs} runs, medians`,
  );
  cases.forEach(([label], k) => {
    const m = median(times[k]);
    const mc = median(cpu[k]);
    console.log(
      `  ${label.padEnd(40)} wall ${f(m).padStart(6)} ms ${(mb / (m / 1000)).toFixed(0).padStart(4)} MB/s ` +
        `(min ${f(Math.min(...times[k]))}, max ${f(Math.max(...times[k]))}) | CPU ${f(mc).padStart(6)} ms ` +
        `${(mb / (mc / 1000)).toFixed(0).padStart(4)} MB/s (min ${f(Math.min(...cpu[k]))}); ${rows[k]} rows`,
    );
  });
  console.log(
    `  loadavg ${(await import('node:os'))
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
});
