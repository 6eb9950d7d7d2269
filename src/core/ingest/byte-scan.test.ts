import { describe, expect, it } from 'vitest';
import { DelimitedByteScanner, Utf8Error } from './byte-scan';
import { RawTableBuilder } from './table-builder';
import type { Newline } from './delimited';
import { createRng } from '../numeric/random';
import { CSV_TOKENS, generatedCsv } from './test-texts';
import type { RawTable } from './types';

/**
 * The byte scanner must read exactly what `pushDelimitedText` reads from the decoded text (which
 * load-file.test.ts holds to papaparse's rows): same rows, fields, dictionaries (in first-seen order),
 * ragged rows, preview, and the same place to stop at a malformed quote, whatever the cuts.
 */

const META = { fileName: 'f.csv', byteLength: 0, delimiter: ',', encoding: 'utf-8' };
const enc = new TextEncoder();

function viaText(text: string, d: string, nl: Newline, previewRows: number) {
  const b = new RawTableBuilder(previewRows);
  const r = b.pushDelimitedText(text, d, nl, true);
  return { b, regular: r.regular, rest: text.slice(r.consumed) };
}

function viaBytes(text: string, d: string, nl: Newline, cuts: readonly number[], previewRows: number) {
  const bytes = enc.encode(text);
  const b = new RawTableBuilder(previewRows);
  const s = new DelimitedByteScanner(b, d, nl, true);
  let pending: Uint8Array = new Uint8Array(0);
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    const next = new Uint8Array(pending.length + cut - from);
    next.set(pending);
    next.set(bytes.subarray(from, cut), pending.length);
    from = cut;
    const final = cut === bytes.length;
    const r = s.push(next, final);
    pending = next.subarray(r.consumed);
    if (!r.regular) {
      const rest = new Uint8Array(pending.length + bytes.length - from);
      rest.set(pending);
      rest.set(bytes.subarray(from), pending.length);
      return { b, regular: false, rest: new TextDecoder().decode(rest) };
    }
  }
  return { b, regular: true, rest: new TextDecoder().decode(pending) };
}

function dump(t: RawTable): unknown {
  return {
    ...t,
    columns: t.columns.map((c) => ({ name: c.name, dict: c.dict, codes: Array.from(c.codes) })),
  };
}

/** Both readings agree; `nl` by default as the text's first LF says (CR LF or LF rows). */
function same(text: string, d: string, cuts: readonly number[], previewRows: number, nl?: Newline): boolean {
  if (nl === undefined) {
    const nlAt = text.indexOf('\n');
    nl = nlAt > 0 && text.charCodeAt(nlAt - 1) === 13 ? '\r\n' : '\n';
  }
  const want = viaText(text, d, nl, previewRows);
  const got = viaBytes(text, d, nl, cuts, previewRows);
  const label = JSON.stringify(text) + ' cuts ' + cuts.join(',');
  expect(got.regular, label).toBe(want.regular);
  expect(got.rest, label).toBe(want.rest);
  expect(dump(got.b.build(META)), label).toEqual(dump(want.b.build(META)));
  expect(got.b.tablePreview(), label).toEqual(want.b.tablePreview());
  return got.regular;
}

describe('DelimitedByteScanner reads the bytes as pushDelimitedText reads the text', () => {
  it('on hand-made tricky text (CR rows too), cut at every byte', () => {
    // [text, delimiter, row end (default: as the first LF says)]
    const cases: [string, string, Newline?][] = [
      ['h1,h2\r\n"a,1","say ""hi"""\r\n"two\r\nlines",x\r\n\r\nlast,\r\n', ','],
      ['a,b\n"""",""\n" x ", y \n\t1\t,2\n,\n', ','],
      ['a,b\n5" tall,x\n"q"\n', ','],
      ['a,b\r\n1\r2,3\n4\r\n', ','],
      ['a,b\n1,2\r\n3,4\n', ','],
      ['a;b\n"1;5";2\n3;"x"', ';'],
      ['a,b,c\n1,2\n1,2,3,4\n1,2,3,\n', ','],
      ['a,b\n"x" ,y\n1,2\n', ','],
      ['a,b\n"x"y,z\n1,2\n', ','],
      ['a,b\n1,"unterminated\n2,3\n', ','],
      ['id|name\n1|"A|B"\n2|ünï€😀\n3|ünï€😀\n', '|'],
      ['a\tb\n"1\t2"\t3\n', '\t'],
      ['only\n1\n\n2\n', ','],
      ['k,v\n£1,\ufeffx\n£1,\ufeffx\n€ 2, é \n', ','],
      // CR rows (old Mac): CR LF ends one row, a lone LF is text
      ['a,b\r1,2\r3,4\r\n5,6\r7,8\n9\r"x\ny",z\r"q"\r\n€,😀\r\r', ',', '\r'],
      ['a;b\r"1\r5";2\r3;"x"\r4;5\r\n', ';', '\r'],
      ['a,b\r1,2\r"x"y,z\r1,2\r', ',', '\r'],
      ['a,b\r"x"\n,y\r', ',', '\r'],
      ['a,b\r1,"unterminated\r2,3\r', ',', '\r'],
    ];
    for (const [text, d, nl] of cases) {
      const n = enc.encode(text).length;
      for (let cut = 1; cut < n; cut++) same(text, d, [cut], cut % 2 === 0 ? 0 : 20, nl);
    }
  });

  it('reads CR rows: CR LF ends one row, a lone LF stays in its field', () => {
    // what the CR reading gives: CR LF is one row end, the lone LF stays in its field
    const { b } = viaText('a,b\r1,2\r\n3,4\n5\r6,7', ',', '\r', 20);
    expect(b.tablePreview().rows).toEqual([
      ['1', '2'],
      ['3', '4\n5'],
      ['6', '7'],
    ]);
  });

  it('on 3,000 generated texts (multi-byte characters, quotes, CR/LF) cut at random bytes', () => {
    const rand = createRng(20261207);
    const tokens = [...CSV_TOKENS, '€', '😀'];
    let irregular = 0;
    for (let k = 0; k < 3000; k++) {
      const text = generatedCsv(rand, tokens);
      const n = enc.encode(text).length;
      const cuts = [Math.floor(rand() * n), Math.floor(rand() * n)].sort((x, y) => x - y);
      if (!same(text, ',', cuts, k % 4 === 0 ? 20 : 0)) irregular++;
      // and the same text as CR rows
      if (k % 3 === 0) same(text, ',', cuts, k % 4 === 0 ? 20 : 0, '\r');
    }
    expect(irregular).toBeGreaterThan(50);
    expect(irregular).toBeLessThan(2900);
  });

  it('throws Utf8Error on invalid UTF-8 in a new value, in a header and in a preview row', () => {
    const bad = (prefix: string, suffix: string, previewRows: number) => {
      const a = enc.encode(prefix);
      const z = enc.encode(suffix);
      const bytes = new Uint8Array(a.length + 1 + z.length);
      bytes.set(a);
      bytes[a.length] = 0xa3; // '£' in windows-1252: a lone continuation byte in UTF-8
      bytes.set(z, a.length + 1);
      const s = new DelimitedByteScanner(new RawTableBuilder(previewRows), ',', '\n', true);
      return () => s.push(bytes, true);
    };
    expect(bad('a,b\n1,2\n1,', '5\n', 0)).toThrow(Utf8Error);
    expect(bad('a,', 'b\n1,2\n', 0)).toThrow(Utf8Error);
    expect(bad('a,b\n1,', '5\n', 20)).toThrow(Utf8Error);
    // not strict: U+FFFD, as TextDecoder reads the whole text
    const bytes = new Uint8Array([...enc.encode('a,b\n1,'), 0xa3, ...enc.encode('\n1,'), 0xa4, 10]);
    const b = new RawTableBuilder(0);
    new DelimitedByteScanner(b, ',', '\n', false).push(bytes, true);
    const want = new RawTableBuilder(0);
    want.pushDelimitedText(new TextDecoder().decode(bytes), ',', '\n', true);
    expect(dump(b.build(META))).toEqual(dump(want.build(META)));
  });
});
