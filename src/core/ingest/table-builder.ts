import type { RawTable, TablePreview } from './types';
import type { Newline } from './delimited';
import { DictColumnBuilder } from './dict-column';
import { assembleTable, previewOf, type TablePiece } from './table-parts';

/** Ragged rows a table lists as examples (`RawTable.ragged.exampleRows`). */
export const MAX_RAGGED_EXAMPLES = 5;

/** What a RawTable says of its file besides the rows: what a reader's `build` is given. */
export type FileFacts = Pick<RawTable, 'fileName' | 'byteLength' | 'delimiter' | 'encoding'>;

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
  /** Lines above the header still to skip, and how many were (`skipLines`). */
  private toSkip = 0;
  private skipped = 0;
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

  /** The first `n` non-blank lines are a title above the header: they are skipped, not read. */
  skipLines(n: number): void {
    if (this.continued || this.headerRaw !== null) throw new Error('skipLines before the first row only');
    this.toSkip = n;
  }

  pushRow(fields: readonly string[]): void {
    // a line of blanks only
    if (fields.length <= 1 && (fields[0] ?? '').trim() === '') return;
    if (this.toSkip > 0) {
      this.toSkip--;
      this.skipped++;
      return;
    }
    if (this.headerRaw === null) {
      this.headerRaw = fields.map((f) => f);
      this.headerFields = fields.length;
      this.cols = fields.map(() => new DictColumnBuilder(1 << 14));
      return;
    }
    // ragged: a field count other than the header's (not the widened table's: after one long row the
    // rows as wide as the header are still regular)
    const nh = this.headerFields;
    const nf = fields.length;
    if (nf !== nh) {
      // a trailing empty field from a trailing delimiter is not ragged
      const trailingEmpty = nf === nh + 1 && fields[nf - 1]!.trim() === '';
      if (!trailingEmpty) {
        this.raggedCount++;
        if (this.raggedExamples.length < MAX_RAGGED_EXAMPLES)
          this.raggedExamples.push(this.rows + 2 + this.skipped);
      }
      if (nf > this.cols.length && !trailingEmpty) {
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
   * read. As papaparse does, a quote inside an unquoted field is text, and so are CR (LF rows), a
   * lone CR or LF (CRLF rows) and a lone LF (CR rows: where it was meant to end a row, the two rows
   * read as one are ragged, so counted and named). In CR rows a CR LF ends one row too: an LF that
   * begins a row is skipped (papaparse, given '\r', would begin the row's first field with it). It
   * stops with `regular: false` at the start of a row where papaparse would report a quote error and
   * read on its own way (anything but the delimiter, the newline or the end after a closing quote; an
   * unterminated quote at the end); the caller hands the rest of the text to papaparse. Rows before that point are exactly papaparse's.
   */
  pushDelimitedText(text: string, delimiter: string, newline: Newline, final: boolean): ScanResult {
    const n = text.length;
    const d = delimiter.charCodeAt(0);
    const cr = newline === '\r';
    const lfRows = newline === '\n';
    let i = 0;
    let rowStart = 0;
    const more = (): ScanResult => ({ consumed: rowStart, regular: true });
    const irregular = (): ScanResult => ({ consumed: rowStart, regular: false });
    outer: while (i < n) {
      // CR rows: an LF that begins a row is the end of a CR LF row end
      if (cr && text.charCodeAt(i) === LF) {
        i++;
        continue;
      }
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
              if (lfRows) break;
            } else if (c === CR && !lfRows) {
              if (cr) break;
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
        if (lfRows) {
          if (c !== LF) return irregular();
          i++;
        } else {
          if (c !== CR) return irregular();
          if (cr) i++;
          else {
            if (i + 1 >= n) return final ? irregular() : more();
            if (text.charCodeAt(i + 1) !== LF) return irregular();
            i += 2;
          }
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

  /**
   * The columns, when a row of `nf` fields may be stored value by value into them (then call
   * `rowStored`); null when it must go through `pushRow` (the header, a preview row, a ragged or a
   * one-field row, and every row once a long row widened the table: `pushRow` pads and counts them).
   */
  columnsFor(nf: number): readonly DictColumnBuilder[] | null {
    const cols = this.cols;
    const asWide = nf === cols.length && nf === this.headerFields;
    if (!asWide || nf === 1 || this.headerRaw === null || this.preview.length < this.previewRows) return null;
    return cols;
  }

  /** Counts a row stored value by value into `columnsFor`'s columns. */
  rowStored(): void {
    this.rows++;
  }

  /** Stores the row of `nf` scanned fields. */
  private endRow(text: string, nf: number): void {
    const cols = this.columnsFor(nf);
    if (cols === null) {
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

  build(facts: FileFacts): RawTable {
    return assembleTable(
      facts,
      this.headerRaw ?? [],
      this.rows,
      this.cols.map((c) => c.build('')),
      { count: this.raggedCount, exampleRows: this.raggedExamples.slice() },
      this.skipped,
    );
  }

  tablePreview(): TablePreview {
    return previewOf(this.headerRaw ?? [], this.preview);
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

/** A field as stored: surrounding spaces/tabs make it trimmed (`String.prototype.trim`). */
export function trimField(f: string): string {
  const n = f.length;
  if (n === 0) return f;
  const a = f.charCodeAt(0);
  const z = f.charCodeAt(n - 1);
  return a === 32 || a === 9 || z === 32 || z === 9 ? f.trim() : f;
}
