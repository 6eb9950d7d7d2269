/**
 * Differential test of the two single-pass readings of a file: UTF-8 read from its bytes
 * (load-bytes.ts, `byteScan: true`, the default) against the text path (`byteScan: false`:
 * TextDecoder → string scanner → papaparse). Every column, every row, the preview, the detected
 * delimiter and encoding, and the errors (code and message) must be identical, on every fixture,
 * the variants of scripts/data/make-variants.mjs, the real UCI file and hand-made hard cases.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserFacingError } from '../../core/errors';
import { rawRows } from '../../core/ingest/table-parts';
import { loadFile, type LoadedFile } from './load-file';

type Outcome = { ok: LoadedFile } | { error: { code: string; message: string } };

async function load(bytes: Uint8Array, name: string, byteScan: boolean): Promise<Outcome> {
  try {
    const ok = await loadFile(new Blob([bytes as BlobPart]), name, {
      onProgress: () => undefined,
      isCancelled: () => false,
      pieceParsers: null,
      byteScan,
    });
    return { ok };
  } catch (e) {
    if (e instanceof UserFacingError) return { error: { code: e.code, message: e.message } };
    throw e;
  }
}

/** The outcome in comparable form (codes as plain arrays would be slow for 541,909 rows: compared apart). */
function expectSame(got: Outcome, want: Outcome, label: string): void {
  if ('error' in want) {
    expect(got, label).toEqual(want);
    return;
  }
  expect('ok' in got, label).toBe(true);
  if (!('ok' in got)) return;
  const a = got.ok.table;
  const b = want.ok.table;
  const meta = (t: typeof a) => ({ ...t, columns: t.columns.map((c) => ({ name: c.name, dict: c.dict })) });
  expect(meta(a), label).toEqual(meta(b));
  a.columns.forEach((c, j) => {
    const other = b.columns[j]!.codes;
    let differ = c.codes.length === other.length ? 0 : -1;
    for (let i = 0; differ === 0 && i < c.codes.length; i++) if (c.codes[i] !== other[i]) differ = i + 1;
    expect(differ, `${label}: column ${c.name} (first differing row + 1)`).toBe(0);
  });
  expect(got.ok.preview, label).toEqual(want.ok.preview);
}

async function bothPaths(bytes: Uint8Array, name: string): Promise<Outcome> {
  const want = await load(bytes, name, false);
  const got = await load(bytes, name, true);
  expectSame(got, want, name);
  return got;
}

const enc = new TextEncoder();
const utf8 = (s: string) => enc.encode(s);

describe('the byte path reads every file as the text path does', () => {
  it('the fixtures and the real UCI file (gzip and gunzipped)', async () => {
    const files = [
      ...readdirSync('fixtures')
        .filter((f) => /\.(csv|txt)$/.test(f))
        .map((f) => join('fixtures', f)),
      ...readdirSync('fixtures/real').map((f) => join('fixtures/real', f)),
    ];
    expect(files.length).toBeGreaterThanOrEqual(5);
    for (const f of files) await bothPaths(new Uint8Array(readFileSync(f)), f);
    const gz = new Uint8Array(readFileSync('public/sample/online-retail.csv.gz'));
    const a = await bothPaths(gz, 'online-retail.csv.gz');
    expect('ok' in a && a.ok.table.rowCount).toBe(541909);
    await bothPaths(new Uint8Array(gunzipSync(gz)), 'online-retail.csv');
  }, 120_000);

  describe('the variants of make-variants.mjs (first 60,000 rows)', () => {
    let dir = '';
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'variants-'));
      execFileSync(
        process.execPath,
        ['scripts/data/make-variants.mjs', '--rows', '60000', '--out', dir, '--no-verify', '--level', '0'],
        { stdio: 'ignore' },
      );
    }, 120_000);
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('windows-1252 with its first £ after 64 KB (UTF-8 at first, then read again), ; with BOM, xlsx', async () => {
      const names = readdirSync(dir).sort();
      expect(names).toEqual([
        'online-retail-semicolon-dmy.csv',
        'online-retail-win1252-mdy.csv',
        'online-retail.xlsx',
      ]);
      for (const n of names) {
        const out = await bothPaths(new Uint8Array(readFileSync(join(dir, n))), n);
        expect('ok' in out && out.ok.table.rowCount, n).toBe(60000);
        if (n.includes('win1252')) expect('ok' in out && out.ok.table.encoding).toBe('windows-1252');
        if (n.includes('semicolon')) expect('ok' in out && out.ok.table.delimiter).toBe(';');
      }
    }, 120_000);
  });

  it('a CR-only file (old Mac) with an LF later: read as CR rows, never a header of one column per line', async () => {
    const n = 60_000;
    const crlfAt = 50_000; // past the first MB
    const quotedAt = 50_010;
    const crFile = (end: (i: number) => string) => {
      let s = 'id,name,amount\r';
      for (let i = 0; i < n; i++)
        s += `${i},${i === quotedAt ? '"two\nlines"' : `name ${i % 50}`},${i}.25${end(i)}`;
      return utf8(s);
    };
    const row = (i: number) => [String(i), i === quotedAt ? 'two\nlines' : `name ${i % 50}`, `${i}.25`];
    // one row ends in CR LF, one quoted value holds an LF
    const bytes = crFile((i) => (i === crlfAt ? '\r\n' : '\r'));
    expect(bytes.length).toBeGreaterThan(1 << 20);
    const out = await bothPaths(bytes, 'old-mac.csv');
    if (!('ok' in out)) throw new Error(JSON.stringify(out.error));
    const t = out.ok.table;
    expect(t.columns.map((c) => c.name)).toEqual(['id', 'name', 'amount']);
    expect(t.rowCount).toBe(n);
    expect(t.ragged.count).toBe(0);
    const rows = [0, 1, crlfAt, crlfAt + 1, quotedAt, n - 1];
    expect(rawRows(t, rows).rows).toEqual(rows.map(row));

    // a lone LF ending a row: the two rows read as one are one ragged row, named; the rows after it,
    // as wide as the header, are regular although the long row added columns
    const merged = await bothPaths(
      crFile((i) => (i === crlfAt ? '\n' : '\r')),
      'old-mac-lf.csv',
    );
    if (!('ok' in merged)) throw new Error(JSON.stringify(merged.error));
    const m = merged.ok.table;
    expect(m.rowCount).toBe(n - 1);
    expect(m.ragged).toEqual({ count: 1, exampleRows: [crlfAt + 2] });
    expect(rawRows(m, [crlfAt]).rows[0]!.slice(0, 3)).toEqual([
      String(crlfAt),
      `name ${crlfAt % 50}`,
      `${crlfAt}.25\n${crlfAt + 1}`,
    ]);
    expect(rawRows(m, [crlfAt + 1]).rows[0]!.slice(0, 3)).toEqual(row(crlfAt + 2));
  }, 120_000);

  it('hand-made hard cases and every error', async () => {
    const big = (row: (i: number) => string, n: number, head = 'id,name,amount\n') => {
      let s = head;
      for (let i = 0; i < n; i++) s += row(i);
      return s;
    };
    const cases: [string, Uint8Array][] = [
      ['empty.csv', new Uint8Array(0)],
      ['blank.csv', utf8(' \n\n \r\n')],
      ['header-only.csv', utf8('a,b\n')],
      ['one-column.csv', utf8('name\nx\ny\n')],
      ['bom.csv', utf8('\ufeffa,b\n\ufeff1,2\n3,\ufeff\n')],
      ['cr-only.csv', utf8('a,b\r1,2\r3,4\r')],
      ['crlf.csv', utf8('a,b\r\n"x\r\ny",2\r\n3,4')],
      ['spaces.txt', utf8('00001 19970101 1 11.77\n00002 19970112 1 12.00\n')],
      ['ragged.csv', utf8('a,b,c\n1,2\n1,2,3,4\n1,2,3,\n5,6,7\n')],
      ['unicode.csv', utf8(big((i) => `${i},Zoë ${i % 7} 😀 € ${' '.repeat(i % 2)},${i % 3},5\n`, 3000))],
      [
        'malformed.csv',
        utf8(big((i) => (i === 40000 ? '7,"bad" quote,1\n' : `${i},"a ""q""\nb",${i}.5\n`), 60000)),
      ],
      ['long-quoted.csv', utf8(`a,b\n1,"${'x\n'.repeat(1_500_000)}"\n2,3\n`)],
      // no LF in the first MB: the text path reads it from the start
      ['no-lf-early.csv', utf8(`"${'x'.repeat(1_100_000)}",b\n1,2\n`)],
    ];
    // a NUL far into the file, and invalid UTF-8 after the sniffed bytes (read again as windows-1252)
    const withByte = (s: string, at: number, byte: number) => {
      const b = utf8(s);
      b[at] = byte;
      return b;
    };
    const plain = big((i) => `${i},name ${i % 50},${i}.25\n`, 100_000);
    cases.push(['nul.csv', withByte(plain, 1_500_000, 0)]);
    cases.push(['latin1.csv', withByte(plain, 1_500_001, 0xa3)]);
    const truncated = utf8(plain + '1,é');
    cases.push(['cut-character.csv', truncated.subarray(0, truncated.length - 1)]);
    cases.push(['bad-gzip.csv.gz', new Uint8Array([0x1f, 0x8b, 8, 0, 1, 2, 3, 4, 5, 6, 7])]);
    const codes: string[] = [];
    for (const [name, bytes] of cases) {
      const out = await bothPaths(bytes, name);
      codes.push('error' in out ? `${name}: ${out.error.code}` : `${name}: ${out.ok.table.encoding}`);
    }
    expect(codes).toEqual([
      'empty.csv: empty-file',
      'blank.csv: empty-file',
      'header-only.csv: header-only',
      'one-column.csv: no-usable-columns',
      'bom.csv: utf-8',
      'cr-only.csv: utf-8',
      'crlf.csv: utf-8',
      'spaces.txt: utf-8',
      'ragged.csv: utf-8',
      'unicode.csv: utf-8',
      'malformed.csv: utf-8',
      'long-quoted.csv: utf-8',
      'no-lf-early.csv: utf-8',
      'nul.csv: binary-file',
      'latin1.csv: windows-1252',
      'cut-character.csv: windows-1252',
      'bad-gzip.csv.gz: bad-gzip',
    ]);
  }, 120_000);
});
