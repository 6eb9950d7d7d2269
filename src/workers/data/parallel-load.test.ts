import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { parsePiece, planPieces, type PieceJob } from '../../core/ingest/pieces';
import { RawTableBuilder } from '../../core/ingest/table-builder';
import type { RawTable } from '../../core/ingest/types';
import { loadFile } from './load-file';
import { readInPieces, type PieceParser } from './parallel-load';
import { createRng } from '../../core/numeric/random';

/**
 * The parallel path in this thread: parsers that run `parsePiece` (as the parse workers do) and
 * answer after random delays, so pieces come back out of order. The merged table must be the
 * single pass's whatever the cuts, chunk sizes and answer order.
 */

const META = { fileName: 'f.csv', byteLength: 0, delimiter: ',', encoding: 'utf-8' };

const rng = createRng;

interface Counting {
  parsers: PieceParser[];
  jobs: PieceJob[];
  /** Answers with unread bytes at the end (a cut inside a quoted field). */
  unfinished: number;
  terminated: number;
}

/** In-thread parsers answering after 0–`maxDelayMs` ms (0: at once, in order). */
function inThread(n: number, rand: () => number, maxDelayMs: number): Counting {
  const c: Counting = { parsers: [], jobs: [], unfinished: 0, terminated: 0 };
  for (let k = 0; k < n; k++)
    c.parsers.push({
      parse: (job) => {
        c.jobs.push(job);
        const bytes = job.bytes.slice(); // the worker gets a transferred buffer of its own
        const out = parsePiece({ ...job, bytes });
        if (out.kind === 'piece' && out.restBytes > 0) c.unfinished++;
        const delay = Math.floor(rand() * maxDelayMs);
        return new Promise((resolve) => setTimeout(() => resolve({ out, bytes }), delay));
      },
      terminate: () => void c.terminated++,
    });
  return c;
}

function expectSameTable(got: RawTable, ref: RawTable, what: string): void {
  expect(got.rowCount, what).toBe(ref.rowCount);
  expect(got.ragged, what).toEqual(ref.ragged);
  expect(
    got.columns.map((c) => [c.name, c.dict]),
    what,
  ).toEqual(ref.columns.map((c) => [c.name, c.dict]));
  got.columns.forEach((c, j) => {
    const r = ref.columns[j]!.codes;
    let differ = c.codes.length === r.length ? 0 : -1;
    if (differ === 0) for (let i = 0; i < r.length; i++) if (c.codes[i] !== r[i]) differ++;
    expect(differ, `${what}: ${c.name}`).toBe(0);
  });
}

/** Feeds `bytes` in random-size chunks. */
function chunked(bytes: Uint8Array, rand: () => number, max: number): () => Promise<Uint8Array | null> {
  let at = 0;
  return () => {
    if (at >= bytes.length) return Promise.resolve(null);
    const n = 1 + Math.floor(rand() * max);
    const c = bytes.slice(at, at + n);
    at += n;
    return Promise.resolve(c);
  };
}

describe('readInPieces', () => {
  it('merges out-of-order answers into the single pass’s table, reading again after cuts inside quotes', async () => {
    const rand = rng(42);
    let unfinished = 0;
    let irregular = 0;
    for (let k = 0; k < 120; k++) {
      const crlf = rand() < 0.4;
      const eol = crlf ? '\r\n' : '\n';
      const lines = ['id,note,amount,when'];
      const n = 200 + Math.floor(rand() * 400);
      for (let i = 0; i < n; i++) {
        const x = rand();
        const note =
          x < 0.2
            ? `"line one, ""q""${eol}line two"`
            : x < 0.3
              ? `5" tall`
              : x < 0.35
                ? ''
                : `"é ${Math.floor(rand() * 30)}"`;
        lines.push(
          x < 0.05 ? `${i},${note}` : `${i},${note},${(rand() * 100).toFixed(2)},"2011-0${1 + (i % 9)}-01"`,
        );
      }
      if (rand() < 0.15) lines.splice(1 + Math.floor(rand() * n), 0, '7,"bad" quote,1,x'); // papaparse's own reading
      const text = lines.join(eol) + (rand() < 0.5 ? eol : '');
      const bytes = new TextEncoder().encode(text);
      const ref = new RawTableBuilder(20);
      const s = ref.pushDelimitedText(text, ',', eol as '\n' | '\r\n', true);
      const c = inThread(2, rand, 3);
      const headLen = 1 + Math.floor(rand() * 200);
      const r = await readInPieces({
        head: bytes.slice(0, headLen),
        next: chunked(bytes.subarray(headLen), rand, 300),
        plan: { delimiter: ',', newline: eol as '\n' | '\r\n', headerWidth: 4 },
        encoding: 'utf-8',
        fatal: true,
        previewRows: 20,
        pieceBytes: 200 + Math.floor(rand() * 2000),
        parsers: c.parsers,
        onRows: () => undefined,
        isCancelled: () => false,
      });
      if (!s.regular) {
        expect(r.kind, JSON.stringify(text.slice(0, 200))).toBe('irregular');
        irregular++;
        continue;
      }
      expect(r.kind).toBe('merged');
      if (r.kind !== 'merged') continue;
      expectSameTable(r.merger.build(META), ref.build(META), `text ${k}`);
      expect(r.merger.tablePreview()).toEqual(ref.tablePreview());
      unfinished += c.unfinished;
    }
    // both branches were taken, and many pieces were read again from the row they cut
    expect(irregular).toBeGreaterThan(3);
    expect(unfinished).toBeGreaterThan(50);
  });

  it('stops when cancelled', async () => {
    const bytes = new TextEncoder().encode('a,b\n' + '1,2\n'.repeat(10000));
    let calls = 0;
    const c = inThread(2, rng(1), 2);
    const r = await readInPieces({
      head: bytes.slice(0, 100),
      next: chunked(bytes.subarray(100), rng(2), 500),
      plan: { delimiter: ',', newline: '\n', headerWidth: 2 },
      encoding: 'utf-8',
      fatal: true,
      previewRows: 20,
      pieceBytes: 1000,
      parsers: c.parsers,
      onRows: () => undefined,
      isCancelled: () => ++calls > 5,
    });
    expect(r.kind).toBe('cancelled');
  });
});

describe('loadFile with parse workers (in-thread here)', () => {
  const gz = readFileSync('public/sample/online-retail.csv.gz');
  const text = new TextDecoder().decode(gunzipSync(gz));

  it('gives the single pass’s table for the full UCI file, and ends its parsers', async () => {
    const opts = { onProgress: () => undefined, isCancelled: () => false };
    const single = await loadFile(new Blob([gz]), 'online-retail.csv.gz', { ...opts, pieceParsers: null });
    const c = inThread(2, rng(3), 4);
    const rows: number[] = [];
    const par = await loadFile(new Blob([gz]), 'online-retail.csv.gz', {
      onProgress: (p) => void (p.stage === 'parsing' && rows.push(p.rows)),
      isCancelled: () => false,
      pieceParsers: () => c.parsers,
    });
    expect(c.jobs.length).toBeGreaterThan(10); // 52.5 MB in ~4 MB pieces
    expect(c.terminated).toBe(2);
    expect(par.table.rowCount).toBe(541909);
    expectSameTable(par.table, single.table, 'UCI');
    expect(par.table.delimiter).toBe(single.table.delimiter);
    expect(par.table.encoding).toBe(single.table.encoding);
    expect(par.preview).toEqual(single.preview);
    expect(rows.at(-1)).toBe(541909);
  });

  it('reads the UCI file in CR rows (old Mac, a CR LF every 100,000 rows) as the single pass', async () => {
    let k = 0;
    const cr = text.replace(/\n/g, () => (++k % 100_000 === 0 ? '\r\n' : '\r'));
    const opts = { onProgress: () => undefined, isCancelled: () => false };
    const c = inThread(2, rng(8), 4);
    const par = await loadFile(new Blob([cr]), 'old-mac.csv', { ...opts, pieceParsers: () => c.parsers });
    const single = await loadFile(new Blob([cr]), 'old-mac.csv', { ...opts, pieceParsers: null });
    const lf = await loadFile(new Blob([gz]), 'online-retail.csv.gz', { ...opts, pieceParsers: null });
    expect(c.jobs.length).toBeGreaterThan(10);
    expect(par.table.rowCount).toBe(541909);
    expectSameTable(par.table, single.table, 'CR rows, in pieces');
    expectSameTable(single.table, { ...lf.table, fileName: 'old-mac.csv' }, 'CR rows against LF rows');
    expect(par.preview).toEqual(lf.preview);
  });

  it('reads the file in one pass when a piece needs papaparse (malformed quote), with the same result', async () => {
    const lines = text.split('\n');
    lines.splice(400000, 0, '"999999","bad" quote,x,1,"2011-01-01 00:00:00",1,1,"X"');
    const bad = lines.join('\n');
    const c = inThread(2, rng(4), 2);
    const opts = { onProgress: () => undefined, isCancelled: () => false };
    const got = await loadFile(new Blob([bad]), 'bad.csv', { ...opts, pieceParsers: () => c.parsers });
    expect(c.jobs.length).toBeGreaterThan(10);
    expect(c.terminated).toBe(2);
    const ref = new RawTableBuilder(20);
    Papa.parse<string[]>(bad, {
      delimiter: ',',
      newline: '\n',
      header: false,
      skipEmptyLines: true,
      step: (r) => ref.pushRow(r.data),
    });
    expectSameTable(got.table, ref.build({ ...META, fileName: 'bad.csv' }), 'malformed');
  });

  it('retries invalid UTF-8 as windows-1252, and is cancelled like the single pass', async () => {
    // the UCI text as windows-1252 bytes with a £ (0xA3, invalid UTF-8) after the first 4 MB
    const at = text.indexOf('\n', 4 << 20) + 1;
    const latin = Buffer.from(
      text.slice(0, at) + '"1","£",x,1,"2011-01-01 00:00:00",1,1,"X"\n' + text.slice(at),
      'latin1',
    );
    const opts = { onProgress: () => undefined, isCancelled: () => false };
    const c = inThread(2, rng(5), 2);
    const got = await loadFile(new Blob([latin]), 'latin.csv', { ...opts, pieceParsers: () => c.parsers });
    const single = await loadFile(new Blob([latin]), 'latin.csv', { ...opts, pieceParsers: null });
    expect(c.jobs.length).toBeGreaterThan(10);
    expect(got.table.encoding).toBe('windows-1252');
    expectSameTable(got.table, single.table, 'windows-1252');
    expect(c.terminated).toBe(4); // the UTF-8 attempt's parsers and the retry's

    const c2 = inThread(2, rng(6), 2);
    let calls = 0;
    await expect(
      loadFile(new Blob([gz]), 'online-retail.csv.gz', {
        onProgress: () => undefined,
        isCancelled: () => ++calls > 20,
        pieceParsers: () => c2.parsers,
      }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(c2.terminated).toBe(2);
    expect(planPieces(text.slice(0, 1 << 18))).toEqual({ delimiter: ',', newline: '\n', headerWidth: 8 });
  });
});
