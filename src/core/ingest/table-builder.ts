import type { DictColumn, RawTable, TablePreview } from '../types';

/** FNV-1a over UTF-16 code units. */
const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

/**
 * Dictionary-encodes one text column: each distinct string is stored once in `dict` and every row
 * holds an Int32 code (-1 for an empty/missing field). The 541,909-row UCI file has ~26k distinct
 * invoices, ~4k codes, ~23k dates, so the table is a few MB instead of millions of strings, and typed
 * conversions parse each distinct string once.
 *
 * The distinct values sit in an open-addressing hash table (FNV-1a of the UTF-16 code units, linear
 * probing, load ≤ 1/2) so that `pushRange` can look a field up straight from the text it was read
 * from: no string is created for a value already seen.
 */
export class DictColumnBuilder {
  private codes: Int32Array;
  private length = 0;
  /** slot → code + 1 (0 = empty). */
  private slots = new Int32Array(1024);
  private mask = 1023;
  /** code → hash and length of the value (compared before the strings). */
  private hashes = new Int32Array(512);
  private lengths = new Int32Array(512);
  private lastCode = -1;
  /** > 0 while equal neighbours are common enough to be worth checking for first. */
  private runScore = 64;
  private runSkipped = 0;
  readonly dict: string[] = [];

  constructor(initialCapacity = 1024) {
    this.codes = new Int32Array(Math.max(16, initialCapacity));
  }

  get size(): number {
    return this.length;
  }

  /** Appends a value; '' (after no trimming) is stored as -1. */
  push(value: string | undefined): void {
    if (value === undefined || value === '') {
      this.append(-1);
      return;
    }
    this.pushRange(value, 0, value.length);
  }

  /**
   * Appends the value `text.slice(start, end)` (start < end) without making a string unless the
   * value is new: a value equal to the previous row's is taken from it, others are found by hash.
   */
  pushRange(text: string, start: number, end: number): void {
    const len = end - start;
    const lengths = this.lengths;
    // Runs of equal values (an invoice's lines share invoice, date, customer, country).
    const last = this.lastCode;
    if (last >= 0 && lengths[last] === len) {
      if (this.runScore > 0) {
        if (text.startsWith(this.dict[last]!, start)) {
          if (this.runScore < 64) this.runScore += 4;
          this.append(last);
          return;
        }
        this.runScore--;
      } else if (++this.runSkipped === 256) {
        // a column without runs so far is tried again now and then
        this.runSkipped = 0;
        this.runScore = 1;
      }
    }
    let h = FNV_OFFSET;
    for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
    const slots = this.slots;
    const hashes = this.hashes;
    const mask = this.mask;
    let slot = (h ^ (h >>> 15)) & mask;
    for (;;) {
      const s = slots[slot]!;
      if (s === 0) break;
      const code = s - 1;
      if (hashes[code] === h && lengths[code] === len && text.startsWith(this.dict[code]!, start)) {
        this.lastCode = code;
        this.append(code);
        return;
      }
      slot = (slot + 1) & mask;
    }
    const code = this.add(text, start, end, h, slot);
    this.lastCode = code;
    this.append(code);
  }

  private append(code: number): void {
    if (this.length === this.codes.length) {
      const next = new Int32Array(this.codes.length * 2);
      next.set(this.codes);
      this.codes = next;
    }
    this.codes[this.length++] = code;
  }

  /** Stores a new distinct value at an empty slot; returns its code. */
  private add(text: string, start: number, end: number, h: number, slot: number): number {
    const code = this.dict.length;
    if (code === this.hashes.length) {
      this.hashes = grown(this.hashes, code * 2);
      this.lengths = grown(this.lengths, code * 2);
    }
    this.dict.push(copyOf(text, start, end));
    this.hashes[code] = h;
    this.lengths[code] = end - start;
    this.slots[slot] = code + 1;
    if ((code + 1) * 2 > this.slots.length) this.rehash();
    return code;
  }

  private rehash(): void {
    const size = this.slots.length * 2;
    const slots = new Int32Array(size);
    const mask = size - 1;
    for (let code = 0; code < this.dict.length; code++) {
      const h = this.hashes[code]!;
      let slot = (h ^ (h >>> 15)) & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = code + 1;
    }
    this.slots = slots;
    this.mask = mask;
  }

  /** Pads with missing values up to `n` rows (a column that appears only on ragged rows). */
  padTo(n: number): void {
    while (this.length < n) this.append(-1);
  }

  build(name: string): DictColumn {
    return { name, codes: this.codes.slice(0, this.length), dict: this.dict };
  }
}

const SCRATCH = new Uint16Array(4096);

/**
 * `text.slice(start, end)` as a string of its own: V8 makes a slice of 13 or more characters a view
 * that keeps the whole (1M-character) piece of text alive; the dictionary would then pin the file.
 */
function copyOf(text: string, start: number, end: number): string {
  const len = end - start;
  if (len < 13 || len > SCRATCH.length) return text.slice(start, end);
  for (let i = 0; i < len; i++) SCRATCH[i] = text.charCodeAt(start + i);
  return String.fromCharCode.apply(null, SCRATCH.subarray(0, len) as unknown as number[]);
}

function grown(a: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(size);
  b.set(a);
  return b;
}

/**
 * Header names made usable: trimmed; blank → "Column N" (1-based); duplicates get " (2)", " (3)"…
 */
export function uniqueHeaders(raw: readonly string[]): string[] {
  const seen = new Map<string, number>();
  const out: string[] = [];
  raw.forEach((h, i) => {
    let name = h.trim();
    if (name === '') name = `Column ${i + 1}`;
    const key = name.toLowerCase();
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    if (n > 0) {
      let k = n + 1;
      while (seen.has(`${key} (${k})`)) k++;
      name = `${name} (${k})`;
      seen.set(name.toLowerCase(), 1);
    }
    out.push(name);
  });
  return out;
}

const MAX_RAGGED_EXAMPLES = 5;

/** Result of `RawTableBuilder.pushDelimitedText`. */
export interface ScanResult {
  /** Characters consumed: the text from here on was not read (an unfinished row, or irregular text). */
  readonly consumed: number;
  /** false when the scan stopped at text it does not read exactly like papaparse (see below). */
  readonly regular: boolean;
}

const QUOTE = 34;
const SPACE = 32;
const TAB = 9;
const LF = 10;
const CR = 13;
// per-field flags kept by the scanner
const F_ESCAPED = 1; // quoted field holding "" pairs
const F_SLOW = 2; // read through a string (escapes, surrounding blanks)

/**
 * Builds a RawTable from rows of strings; the first row pushed is the header. Rows with more
 * fields than the header add generated columns; rows with a different count are counted as ragged
 * (spreadsheet row numbers: header = row 1). Fields are trimmed of surrounding blanks.
 */
export class RawTableBuilder {
  private headerRaw: string[] | null = null;
  /** Fields of the header row as read (before rows with more fields added columns); 0 before it. */
  private headerFields = 0;
  /** The header was given (a piece of a file after its first piece): see the constructor. */
  private readonly continued: boolean;
  private cols: DictColumnBuilder[] = [];
  private rows = 0;
  private raggedCount = 0;
  private readonly raggedExamples: number[] = [];
  readonly preview: string[][] = [];
  // scanner scratch: per field of the current row, value start, end, hash and flags
  private fStart = new Int32Array(64);
  private fEnd = new Int32Array(64);
  private fFlags = new Uint8Array(64);

  /**
   * `headerWidth` given: the builder reads a later piece of a file whose header row (of that many
   * fields) was in an earlier piece: every row pushed is a data row (ragged rows are numbered as if
   * this piece began the file: spreadsheet row = data row index + 2). See `toPiece`.
   */
  constructor(
    private readonly previewRows = 20,
    headerWidth?: number,
  ) {
    this.continued = headerWidth !== undefined;
    if (headerWidth !== undefined) {
      this.headerRaw = new Array<string>(headerWidth).fill('');
      this.headerFields = headerWidth;
      this.cols = this.headerRaw.map(() => new DictColumnBuilder(1 << 14));
    }
  }

  get rowCount(): number {
    return this.rows;
  }

  get hasHeader(): boolean {
    return this.headerRaw !== null;
  }

  /** Fields of the header row (0 before it was read). */
  get headerWidth(): number {
    return this.headerFields;
  }

  /** true once a row with more fields than the header added columns. */
  get widened(): boolean {
    return this.cols.length > this.headerFields;
  }

  pushRow(fields: readonly string[]): void {
    // a line of blanks only
    if (fields.length <= 1 && (fields[0] ?? '').trim() === '') return;
    if (this.headerRaw === null) {
      this.headerRaw = fields.map((f) => f);
      this.headerFields = fields.length;
      this.cols = fields.map(() => new DictColumnBuilder(1 << 14));
      return;
    }
    const nh = this.headerRaw.length;
    const nf = fields.length;
    if (nf !== nh) {
      // a trailing empty field from a trailing delimiter is not ragged
      const trailingEmpty = nf === nh + 1 && fields[nf - 1]!.trim() === '';
      if (!trailingEmpty) {
        this.raggedCount++;
        if (this.raggedExamples.length < MAX_RAGGED_EXAMPLES) this.raggedExamples.push(this.rows + 2);
      }
      if (nf > nh && !trailingEmpty) {
        for (let j = this.cols.length; j < nf; j++) {
          const b = new DictColumnBuilder(1 << 10);
          b.padTo(this.rows);
          this.cols.push(b);
          this.headerRaw.push('');
        }
      }
    }
    const cols = this.cols;
    const m = cols.length;
    for (let j = 0; j < m; j++) {
      const f = fields[j];
      cols[j]!.push(f === undefined ? undefined : trimField(f));
    }
    if (this.preview.length < this.previewRows)
      this.preview.push(cols.map((_, j) => trimField(fields[j] ?? '')));
    this.rows++;
  }

  /**
   * Reads delimited text straight into the columns, giving exactly what `pushRow` gets from papaparse
   * for the same text (`header: false`, quote and escape '"', the given `newline`, `skipEmptyLines:
   * true`), without making a string per field: each field is looked up in its column's dictionary
   * from the text itself, and a string is made only for a new distinct value (or a field with ""
   * escapes or surrounding blanks, or a row that is the header, a preview row or ragged).
   *
   * Reads whole rows from the start of `text`: a row ends at `newline` outside quotes, or at the end
   * of the text when `final` (otherwise an unfinished last row is left unread). Returns how far it
   * read. As papaparse does, a quote inside an unquoted field is text, and so are CR (LF rows) and a
   * lone CR or LF (CRLF rows). It stops with `regular: false` at the start of a row where papaparse
   * would report a quote error and read on its own way (anything but the delimiter, the newline or
   * the end after a closing quote; an unterminated quote at the end); the caller hands the rest of
   * the text to papaparse. Rows before that point are exactly papaparse's.
   */
  pushDelimitedText(text: string, delimiter: string, newline: '\n' | '\r\n', final: boolean): ScanResult {
    const n = text.length;
    const d = delimiter.charCodeAt(0);
    const crlf = newline === '\r\n';
    let i = 0;
    let rowStart = 0;
    const more = (): ScanResult => ({ consumed: rowStart, regular: true });
    const irregular = (): ScanResult => ({ consumed: rowStart, regular: false });
    outer: while (i < n) {
      rowStart = i;
      let nf = 0;
      for (;;) {
        // one field
        if (nf === this.fStart.length) this.growScratch();
        let c = i < n ? text.charCodeAt(i) : -1;
        let vs: number;
        let ve: number;
        let flags = 0;
        if (c === QUOTE) {
          vs = i + 1;
          let j = vs;
          for (;;) {
            const q = text.indexOf('"', j);
            if (q < 0) return final ? irregular() : more();
            if (q + 1 >= n) {
              if (!final) return more();
              ve = q;
              i = q + 1;
              break;
            }
            if (text.charCodeAt(q + 1) === QUOTE) {
              flags = F_ESCAPED | F_SLOW;
              j = q + 2;
              continue;
            }
            ve = q;
            i = q + 1;
            break;
          }
          c = i < n ? text.charCodeAt(i) : -1;
        } else {
          vs = i;
          for (;;) {
            if (i >= n) {
              c = -1;
              break;
            }
            c = text.charCodeAt(i);
            if (c === d) break;
            if (c === LF) {
              if (!crlf) break;
            } else if (c === CR && crlf) {
              if (i + 1 >= n) {
                if (!final) return more();
              } else if (text.charCodeAt(i + 1) === LF) break;
            }
            i++;
          }
          ve = i;
        }
        if (vs < ve) {
          const a = text.charCodeAt(vs);
          const z = text.charCodeAt(ve - 1);
          if (a === SPACE || a === TAB || z === SPACE || z === TAB) flags |= F_SLOW;
        }
        this.fStart[nf] = vs;
        this.fEnd[nf] = ve;
        this.fFlags[nf] = flags;
        nf++;
        // what ends the field (after a quoted field anything else is a quote error for papaparse)
        if (c === d) {
          i++;
          continue;
        }
        if (c === -1) {
          if (!final) return more();
          this.endRow(text, nf);
          break outer;
        }
        if (!crlf) {
          if (c !== LF) return irregular();
          i++;
        } else {
          if (c !== CR) return irregular();
          if (i + 1 >= n) return final ? irregular() : more();
          if (text.charCodeAt(i + 1) !== LF) return irregular();
          i += 2;
        }
        this.endRow(text, nf);
        continue outer;
      }
    }
    return { consumed: n, regular: true };
  }

  private growScratch(): void {
    const k = this.fStart.length * 2;
    const grow = <T extends Int32Array | Uint8Array>(a: T, b: T): T => {
      b.set(a);
      return b;
    };
    this.fStart = grow(this.fStart, new Int32Array(k));
    this.fEnd = grow(this.fEnd, new Int32Array(k));
    this.fFlags = grow(this.fFlags, new Uint8Array(k));
  }

  /** Stores the row of `nf` scanned fields. */
  private endRow(text: string, nf: number): void {
    const cols = this.cols;
    if (nf !== cols.length || nf === 1 || this.headerRaw === null || this.preview.length < this.previewRows) {
      const fields: string[] = [];
      for (let j = 0; j < nf; j++) fields.push(this.fieldText(text, j));
      this.pushRow(fields);
      return;
    }
    const fStart = this.fStart;
    const fEnd = this.fEnd;
    const fFlags = this.fFlags;
    for (let j = 0; j < nf; j++) {
      const col = cols[j]!;
      const s = fStart[j]!;
      const e = fEnd[j]!;
      if (s === e) col.push(undefined);
      else if (fFlags[j] === 0) col.pushRange(text, s, e);
      else col.push(trimField(this.fieldText(text, j)));
    }
    this.rows++;
  }

  private fieldText(text: string, j: number): string {
    const s = text.slice(this.fStart[j]!, this.fEnd[j]!);
    return (this.fFlags[j]! & F_ESCAPED) !== 0 ? s.replace(/""/g, '"') : s;
  }

  headers(): string[] {
    return uniqueHeaders(this.headerRaw ?? []);
  }

  build(meta: { fileName: string; byteLength: number; delimiter: string; encoding: string }): RawTable {
    const names = this.headers();
    return {
      ...meta,
      rowCount: this.rows,
      columns: this.cols.map((c, j) => c.build(names[j]!)),
      ragged: { count: this.raggedCount, exampleRows: this.raggedExamples.slice() },
    };
  }

  tablePreview(): TablePreview {
    const headers = this.headers();
    return { headers, rows: this.preview.map((r) => headers.map((_, j) => r[j] ?? '')) };
  }

  /**
   * What this builder read as one piece of a file, for `PieceMerger` (pieces.ts): the raw header
   * fields (null for a builder made with `headerWidth`), each column's codes and dictionary in
   * first-seen order, the ragged rows and the preview rows. The codes are copies (transferable).
   */
  toPiece(): TablePiece {
    return {
      rowCount: this.rows,
      header: this.continued || this.headerRaw === null ? null : this.headerRaw.slice(),
      columns: this.cols.map((c) => c.build('')).map((c) => ({ codes: c.codes, dict: c.dict })),
      raggedCount: this.raggedCount,
      raggedRows: this.raggedExamples.slice(),
      preview: this.preview,
    };
  }
}

/**
 * One piece of a delimited file read by its own `RawTableBuilder` (see `toPiece`): the data rows of
 * a run of whole rows, dictionary-encoded with the piece's own dictionaries.
 */
export interface TablePiece {
  /** Data rows read. */
  readonly rowCount: number;
  /** Raw header fields when the piece began the file (its first row is the header), else null. */
  readonly header: readonly string[] | null;
  /** Per column: a code per data row (-1 = empty), indexes into `dict` (values in first-seen order). */
  readonly columns: readonly { readonly codes: Int32Array; readonly dict: readonly string[] }[];
  readonly raggedCount: number;
  /** The first (≤ 5) ragged rows, numbered as if the piece began the file (header = row 1). */
  readonly raggedRows: readonly number[];
  /** The first rows as text (trimmed fields), as many as the builder keeps. */
  readonly preview: readonly (readonly string[])[];
}

function trimField(f: string): string {
  const n = f.length;
  if (n === 0) return f;
  const a = f.charCodeAt(0);
  const z = f.charCodeAt(n - 1);
  return a === 32 || a === 9 || z === 32 || z === 9 ? f.trim() : f;
}

/** Text of given 0-based data rows of a RawTable (missing rows give empty cells). */
export function rawRows(raw: RawTable, rowIndexes: readonly number[]): TablePreview {
  const headers = raw.columns.map((c) => c.name);
  const rows = rowIndexes.map((i) =>
    raw.columns.map((c) => {
      if (i < 0 || i >= raw.rowCount) return '';
      const code = c.codes[i]!;
      return code < 0 ? '' : (c.dict[code] ?? '');
    }),
  );
  return { headers, rows };
}
