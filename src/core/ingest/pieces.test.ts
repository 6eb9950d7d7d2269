import { describe, expect, it } from 'vitest';
import { Buffer } from 'node:buffer';
import { repoFile } from '../rfm/test-data';
import type { RawTable } from './types';
import { RawTableBuilder } from './table-builder';
import { lastLineEnd, parsePiece, PieceMerger, planPieces, type PieceJob, type PiecePlan } from './pieces';
import { createRng } from '../numeric/random';
import type { Newline } from './delimited';

/**
 * Pieces read apart and merged in file order must give exactly the single pass's RawTable: the same
 * rows, dictionaries (in first-seen order), codes, ragged rows and preview.
 */

const META = { fileName: 'f.csv', byteLength: 0, delimiter: ',', encoding: 'utf-8' };

/** Single-pass reference: the builder's scanner over the whole text. */
function single(text: string, d: string, nl: Newline): { b: RawTableBuilder; regular: boolean } {
  const b = new RawTableBuilder(20);
  const r = b.pushDelimitedText(text, d, nl, true);
  return { b, regular: r.regular && !b.widened };
}

function expectSameTable(got: RawTable, ref: RawTable, what: string): void {
  expect(got.rowCount, what).toBe(ref.rowCount);
  expect(got.ragged, what).toEqual(ref.ragged);
  expect(got.columns.length, what).toBe(ref.columns.length);
  got.columns.forEach((c, j) => {
    const r = ref.columns[j]!;
    expect(c.name, what).toBe(r.name);
    expect(c.dict, what).toEqual(r.dict);
    expect(c.codes.length, what).toBe(r.codes.length);
    let differ = 0;
    for (let i = 0; i < c.codes.length; i++) if (c.codes[i] !== r.codes[i]) differ++;
    expect(differ, `${what}: column ${c.name}`).toBe(0);
  });
}

/**
 * Reads `bytes` in pieces cut at row ends found by the single-pass builder's row count: each cut
 * target is moved back to the last line end; the pieces are then parsed and merged in order with
 * the carry rule of parallel-load.ts (unread bytes of a piece begin the next one).
 */
function viaPieces(
  bytes: Uint8Array,
  targets: readonly number[],
  job: Omit<PieceJob, 'bytes' | 'first' | 'last' | 'headerWidth' | 'previewRows' | 'delimiter' | 'newline'>,
  plan: PiecePlan,
): { merger: PieceMerger | null; pieces: number; rereads: number } {
  const cuts: number[] = [];
  let from = 0;
  for (const t of [...targets].sort((a, b) => a - b)) {
    if (t <= from) continue;
    const at = lastLineEnd(bytes.subarray(from, t), plan.newline);
    if (at > 0) {
      cuts.push(from + at);
      from += at;
    }
  }
  cuts.push(bytes.length);
  const merger = new PieceMerger(20);
  let carry = new Uint8Array(0);
  let start = 0;
  let rereads = 0;
  for (let k = 0; k < cuts.length; k++) {
    const own = bytes.subarray(start, cuts[k]);
    start = cuts[k]!;
    const piece = new Uint8Array(carry.length + own.length);
    piece.set(carry);
    piece.set(own, carry.length);
    if (carry.length > 0) rereads++;
    const o = parsePiece({
      ...job,
      ...plan,
      bytes: piece,
      first: k === 0,
      last: k === cuts.length - 1,
      previewRows: 20,
    });
    if (o.kind !== 'piece') return { merger: null, pieces: cuts.length, rereads };
    merger.add(o.piece);
    carry = piece.slice(piece.length - o.restBytes);
  }
  expect(carry.length).toBe(0);
  return { merger, pieces: cuts.length, rereads };
}

const rng = createRng;

/**
 * A header of 2–5 columns and 5–84 rows: quoted line breaks (LF, CR LF, CR), escapes, blanks, some
 * ragged rows, blank lines, rarely a row adding a column or a malformed quote.
 */
function generatedRows(rand: () => number): { rows: string[]; width: number } {
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rand() * a.length)]!;
  const words = ['a', 'b c', '1', '2.5', 'é', '€', '5" tall', ' x ', '\t', '', 'q"q', 'Ω'];
  const width = 2 + Math.floor(rand() * 4);
  const header = Array.from({ length: width }, (_, j) => `h${j}`).join(',');
  const rows: string[] = [header];
  const n = 5 + Math.floor(rand() * 80);
  for (let r = 0; r < n; r++) {
    const x = rand();
    if (x < 0.04) {
      rows.push(''); // blank line
      continue;
    }
    // mostly full rows; some short (ragged), rarely a long one (adds columns: single pass only)
    const f = x < 0.1 ? 1 + Math.floor(rand() * width) : x < 0.102 ? width + 1 : width;
    const cells: string[] = [];
    for (let j = 0; j < f; j++) {
      let v = pick(words);
      if (rand() < 0.25) v += pick(['\n', '\r\n', '\r', ',', '""']) + pick(words);
      const needsQuotes = /[",\r\n]/.test(v) && !/^[^",\r\n]*"[^",\r\n]*$/.test(v);
      cells.push(needsQuotes || rand() < 0.3 ? `"${v.replace(/"/g, '""')}"` : v.replace(/[,\r\n]/g, ''));
    }
    // now and then a malformed quote (text after a closing quote): papaparse's own reading
    if (rand() < 0.002) cells[0] = '"bad"x';
    rows.push(cells.join(','));
  }
  return { rows, width };
}

/**
 * `text` (a BOM sometimes put in front) read in pieces cut at random places must give the single
 * pass's table, or no table where the single pass stops or widens; counts what happened.
 */
function piecesAsSinglePass(
  rand: () => number,
  text: string,
  newline: Newline,
  width: number,
  count: { merged: number; irregular: number; rereads: number },
): void {
  const plan: PiecePlan = { delimiter: ',', newline, headerWidth: width };
  const withBom = rand() < 0.2 ? '\ufeff' + text : text;
  const bytes = new TextEncoder().encode(withBom);
  const targets = Array.from({ length: 1 + Math.floor(rand() * 12) }, () =>
    Math.floor(rand() * bytes.length),
  );
  const got = viaPieces(bytes, targets, { encoding: 'utf-8', fatal: true }, plan);
  count.rereads += got.rereads;
  const s = single(text, ',', newline);
  if (!s.regular) {
    // the single pass had to stop (or widen): the pieces must not claim a table
    expect(got.merger, JSON.stringify(text)).toBeNull();
    count.irregular++;
    return;
  }
  expect(got.merger, JSON.stringify(text)).not.toBeNull();
  count.merged++;
  expectSameTable(got.merger!.build(META), s.b.build(META), JSON.stringify(text));
  expect(got.merger!.tablePreview(), JSON.stringify(text)).toEqual(s.b.tablePreview());
}

describe('lastLineEnd', () => {
  const b = (s: string) => new TextEncoder().encode(s);
  it('cuts after the last LF, CR LF, or CR (CR rows)', () => {
    expect(lastLineEnd(b('a,b\n1,2\n3'), '\n')).toBe(8);
    expect(lastLineEnd(b('a,b\n1,2\n'), '\n')).toBe(8);
    expect(lastLineEnd(b('a,b'), '\n')).toBe(0);
    expect(lastLineEnd(b(''), '\n')).toBe(0);
    expect(lastLineEnd(b('\n'), '\r\n')).toBe(0);
    expect(lastLineEnd(b('a\r\nb\nc\rd'), '\r\n')).toBe(3);
    expect(lastLineEnd(b('a\r\nb\r\n'), '\r\n')).toBe(6);
    expect(lastLineEnd(b('a\rb\r\nc\rd'), '\r')).toBe(7);
    // (the LF of a CR LF then begins the next piece: the scanners skip an LF that begins a row)
    expect(lastLineEnd(b('a\rb\r\n'), '\r')).toBe(4);
    expect(lastLineEnd(b('a\rb\r'), '\r')).toBe(4);
    expect(lastLineEnd(b('a\nb'), '\r')).toBe(0);
  });
});

describe('planPieces', () => {
  it('decides delimiter, row end and header width as the single pass', () => {
    const rows = Array.from({ length: 9000 }, (_, i) => `${i};"x;${i}";${i % 7}`);
    expect(planPieces('id;note;n\r\n' + rows.join('\r\n'))).toEqual({
      delimiter: ';',
      newline: '\r\n',
      headerWidth: 3,
    });
    expect(planPieces('id;note\n1;2\n')).toBeNull(); // too little text to sniff like the single pass
    const ws = Array.from({ length: 9000 }, (_, i) => `  ${i}   19970101   1   ${i}.5`).join('\n');
    expect(planPieces(ws)).toBeNull(); // space-aligned
    // CR rows (old Mac), an LF later or not
    const cr = 'a,b\r' + Array.from({ length: 20000 }, (_, i) => `${i},${i}`).join('\r');
    expect(planPieces(cr)).toEqual({ delimiter: ',', newline: '\r', headerWidth: 2 });
    expect(planPieces(cr.replace('\r9', '\r\n9'))?.newline).toBe('\r');
    // no row end in the first 65,536 characters nor LF in the sample
    expect(planPieces(`a,"${'x'.repeat(70_000)}"\r1,2\r`)).toBeNull();
  });
});

describe('pieces merged in order give the single pass’s table', () => {
  const uci = repoFile('public/sample/online-retail.csv.gz');
  const uciText = new TextDecoder().decode(uci);
  const ref = single(uciText, ',', '\n').b;
  const refTable = ref.build(META);

  it('on the full UCI file (541,909 rows) cut at random places, in UTF-8 and windows-1252', () => {
    const plan = planPieces(uciText.slice(0, 1 << 18))!;
    expect(plan).toEqual({ delimiter: ',', newline: '\n', headerWidth: 8 });
    const rand = rng(7);
    const targets = Array.from({ length: 40 }, () => Math.floor(rand() * uci.length));
    const got = viaPieces(uci, targets, { encoding: 'utf-8', fatal: true }, plan);
    expect(got.pieces).toBe(41);
    const table = got.merger!.build(META);
    expect(table.rowCount).toBe(541909);
    expectSameTable(table, refTable, 'utf-8');
    expect(got.merger!.tablePreview()).toEqual(ref.tablePreview());

    // the same text as windows-1252 bytes (é etc. one byte each), in even 4 MB pieces
    const latin = new Uint8Array(Buffer.from(uciText, 'latin1'));
    const even = Array.from({ length: 15 }, (_, i) => (i + 1) * (4 << 20));
    const w = viaPieces(latin, even, { encoding: 'windows-1252', fatal: false }, plan);
    expectSameTable(w.merger!.build(META), refTable, 'windows-1252');
  });

  it('on 1,500 generated texts with quoted line breaks, CR LF, escapes, ragged and blank rows', () => {
    const rand = rng(20261126);
    const count = { merged: 0, irregular: 0, rereads: 0 };
    for (let k = 0; k < 1500; k++) {
      const eol = rand() < 0.6 ? '\n' : '\r\n';
      const { rows, width } = generatedRows(rand);
      const text = rows.join(eol) + (rand() < 0.5 ? eol : '');
      // the plan needs 65,536 characters of sample; here it is decided on the text itself
      const nl = text.indexOf('\n');
      piecesAsSinglePass(rand, text, nl > 0 && text.charCodeAt(nl - 1) === 13 ? '\r\n' : '\n', width, count);
    }
    // every branch was taken: merged, irregular, pieces read again after a cut inside quotes
    expect(count.merged).toBeGreaterThan(1000);
    expect(count.irregular).toBeGreaterThan(20);
    expect(count.rereads).toBeGreaterThan(200);
  });

  it('on 500 generated texts in CR rows (old Mac), some with a CR LF row end', () => {
    const rand = rng(20261207);
    const count = { merged: 0, irregular: 0, rereads: 0 };
    for (let k = 0; k < 500; k++) {
      const { rows, width } = generatedRows(rand);
      const crlfAt = rand() < 0.5 ? Math.floor(rand() * rows.length) : -1;
      const text = rows.map((r, i) => r + (i === crlfAt ? '\r\n' : '\r')).join('');
      piecesAsSinglePass(rand, text, '\r', width, count);
    }
    expect(count.merged).toBeGreaterThan(300);
    expect(count.rereads).toBeGreaterThan(50);
  });
});
