/**
 * Pure-TypeScript text splitting: delimiter sniffing, a quote-aware delimited parser, a whitespace
 * splitter (space-aligned logs such as CDNOW, which papaparse cannot split), and the row-boundary
 * cutter used to stream a file in pieces.
 */

export type Delimiter = ',' | ';' | '\t' | '|' | 'whitespace';

const CANDIDATES: readonly Exclude<Delimiter, 'whitespace'>[] = [',', ';', '\t', '|'];

/** Strips a leading U+FEFF (a BOM that survived decoding). */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The first `max` logical lines of `text` (quote-aware: newlines inside quotes do not end a line). */
export function sampleLines(text: string, max: number): string[] {
  const out: string[] = [];
  let start = 0;
  let inQuotes = false;
  for (let i = 0; i < text.length && out.length < max; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) inQuotes = !inQuotes;
    else if (!inQuotes && (c === 10 || c === 13)) {
      out.push(text.slice(start, i));
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
  }
  if (out.length < max && start < text.length) out.push(text.slice(start));
  return out.filter((l) => l.trim() !== '');
}

function countOutsideQuotes(line: string, d: string): number {
  let n = 0;
  let q = false;
  const dc = d.charCodeAt(0);
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 34) q = !q;
    else if (!q && c === dc) n++;
  }
  return n;
}

/** How rows end: LF, CR LF, or CR alone (old Mac files). */
export type Newline = '\n' | '\r\n' | '\r';

/**
 * True when the rows of a text end in CR alone, from the evidence in `sample` (the file's first
 * 65,536 characters, as for `sniffDelimiter`): lone CRs (not followed by LF) more than twice as
 * many as LFs, and at most one CR in ten followed by LF. A CR file with a stray LF or CR LF later is
 * then still read as CR rows (its first LF does not decide).
 */
export function crRows(sample: string): boolean {
  let cr = 0;
  let crlf = 0;
  let lf = 0;
  for (let i = sample.indexOf('\r'); i >= 0; i = sample.indexOf('\r', i + 1)) {
    cr++;
    if (sample.charCodeAt(i + 1) === 10) crlf++;
  }
  for (let i = sample.indexOf('\n'); i >= 0; i = sample.indexOf('\n', i + 1)) lf++;
  return cr - crlf > 2 * lf && crlf * 10 <= cr;
}

/**
 * The row end of a delimited file: CR rows when `crRows(sample)`; otherwise CR LF rows when the
 * first LF of the first piece (at `firstLf`, −1 when there is none) follows a CR, LF rows when it
 * does not, and null (not known: papaparse guesses) without an LF.
 */
export function decideNewline(sample: string, firstLf: number, crBeforeFirstLf: boolean): Newline | null {
  if (crRows(sample)) return '\r';
  if (firstLf < 0) return null;
  return crBeforeFirstLf ? '\r\n' : '\n';
}

/**
 * Picks the delimiter from a text sample: the candidate that appears the same non-zero number of
 * times on most lines (header included) wins; ties go to the larger count, then the order , ; \t |.
 * When no candidate appears, lines that split into the same number (≥ 2) of whitespace-separated
 * fields give 'whitespace'; a single column gives ','.
 */
export function sniffDelimiter(sample: string): Delimiter {
  const lines = sampleLines(stripBom(sample), 50);
  if (lines.length === 0) return ',';
  let best: Delimiter = ',';
  let bestScore = 0;
  let bestCount = 0;
  for (const d of CANDIDATES) {
    const counts = lines.map((l) => countOutsideQuotes(l, d));
    const freq = new Map<number, number>();
    for (const c of counts) if (c > 0) freq.set(c, (freq.get(c) ?? 0) + 1);
    let mode = 0;
    let modeN = 0;
    for (const [c, n] of freq) if (n > modeN || (n === modeN && c > mode)) [mode, modeN] = [c, n];
    const score = modeN / lines.length;
    if (mode > 0 && (score > bestScore + 1e-9 || (Math.abs(score - bestScore) < 1e-9 && mode > bestCount))) {
      best = d;
      bestScore = score;
      bestCount = mode;
    }
  }
  if (bestScore >= 0.5) return best;
  const ws = lines.map((l) => splitWhitespace(l).length);
  const first = ws[0] ?? 0;
  const same = ws.filter((n) => n === first).length;
  if (first >= 2 && same / ws.length >= 0.8) return 'whitespace';
  return bestScore > 0 ? best : ',';
}

/** Splits a line on runs of spaces/tabs, ignoring leading and trailing blanks; "…" keeps spaces. */
export function splitWhitespace(line: string): string[] {
  const out: string[] = [];
  const n = line.length;
  let i = 0;
  while (i < n) {
    let c = line.charCodeAt(i);
    while (i < n && (c === 32 || c === 9)) c = line.charCodeAt(++i);
    if (i >= n) break;
    if (c === 34) {
      let field = '';
      i++;
      while (i < n) {
        const q = line.indexOf('"', i);
        if (q < 0) {
          field += line.slice(i);
          i = n;
          break;
        }
        field += line.slice(i, q);
        if (line.charCodeAt(q + 1) === 34) {
          field += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      out.push(field);
      while (i < n && line.charCodeAt(i) !== 32 && line.charCodeAt(i) !== 9) i++;
    } else {
      const s = i;
      while (i < n && (c = line.charCodeAt(i)) !== 32 && c !== 9) i++;
      out.push(line.slice(s, i));
    }
  }
  return out;
}

/**
 * Where a streamed piece of text can be cut: the index just after the last row terminator (`rowEnd`:
 * LF, or CR for CR rows) that lies outside quotes, given whether the piece starts inside a quoted
 * field. Returns -1 when the piece has no complete row. `inQuotesAtEnd` is the quote state at the end of the piece (for the next piece).
 * Quote parity is enough: an escaped quote "" toggles twice.
 */
export function lastRowBoundary(
  text: string,
  startsInQuotes: boolean,
  rowEnd: '\n' | '\r' = '\n',
): { cut: number; inQuotesAtEnd: boolean } {
  // Quote parity at the end of the text: one indexOf pass over the quotes.
  let quotes = 0;
  for (let i = text.indexOf('"'); i >= 0; i = text.indexOf('"', i + 1)) quotes++;
  const inQuotesAtEnd = startsInQuotes !== (quotes % 2 === 1);
  // Walk back over newlines from the end: the parity just after a newline is the end parity minus the
  // quotes that follow it. Usually the very last newline qualifies, so only the tail is scanned.
  let after = 0;
  let from = text.length;
  let nl = text.lastIndexOf(rowEnd);
  while (nl >= 0) {
    for (let i = text.indexOf('"', nl + 1); i >= 0 && i < from; i = text.indexOf('"', i + 1)) after++;
    from = nl + 1;
    const inQuotesHere = inQuotesAtEnd !== (after % 2 === 1);
    if (!inQuotesHere) return { cut: nl + 1, inQuotesAtEnd };
    nl = nl > 0 ? text.lastIndexOf(rowEnd, nl - 1) : -1;
  }
  return { cut: -1, inQuotesAtEnd };
}

/**
 * A small quote-aware delimited parser (RFC 4180 style: fields may be quoted, "" is a quote, quoted
 * fields may hold delimiters and newlines; CR, LF and CRLF end rows). Calls `onRow` per row with a
 * reused-per-call fresh array. Blank lines are skipped. Used in Node tests and as a fallback; the
 * browser worker uses papaparse.
 */
export function parseDelimited(text: string, delimiter: Delimiter, onRow: (fields: string[]) => void): void {
  if (delimiter === 'whitespace') {
    let start = 0;
    const n = text.length;
    while (start < n) {
      let e = text.indexOf('\n', start);
      if (e < 0) e = n;
      let line = text.slice(start, e);
      if (line.charCodeAt(line.length - 1) === 13) line = line.slice(0, -1);
      if (line.trim() !== '') onRow(splitWhitespace(line));
      start = e + 1;
    }
    return;
  }
  const d = delimiter.charCodeAt(0);
  const n = text.length;
  let i = 0;
  let row: string[] = [];
  while (i < n) {
    // one field
    let c = text.charCodeAt(i);
    if (c === 34) {
      let field = '';
      let s = i + 1;
      for (;;) {
        const q = text.indexOf('"', s);
        if (q < 0) {
          field += text.slice(s);
          i = n;
          break;
        }
        if (text.charCodeAt(q + 1) === 34) {
          field += text.slice(s, q + 1);
          s = q + 2;
        } else {
          field += text.slice(s, q);
          i = q + 1;
          break;
        }
      }
      // skip anything up to the delimiter / newline (malformed text after a closing quote is kept)
      const s2 = i;
      while (i < n && (c = text.charCodeAt(i)) !== d && c !== 10 && c !== 13) i++;
      if (i > s2) field += text.slice(s2, i);
      row.push(field);
    } else {
      const s = i;
      while (i < n && (c = text.charCodeAt(i)) !== d && c !== 10 && c !== 13) i++;
      row.push(text.slice(s, i));
    }
    if (i >= n) break;
    c = text.charCodeAt(i);
    if (c === d) {
      i++;
      if (i >= n) row.push('');
      continue;
    }
    // newline
    if (c === 13 && text.charCodeAt(i + 1) === 10) i += 2;
    else i++;
    if (!(row.length === 1 && row[0] === '')) onRow(row);
    row = [];
  }
  if (row.length > 0 && !(row.length === 1 && row[0] === '')) onRow(row);
}
