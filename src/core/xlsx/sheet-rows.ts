/**
 * Streaming reader of a worksheet part (xl/worksheets/sheetN.xml) that turns `<row>`/`<c>` elements
 * into rows of text cells, fed in string chunks so a 541,909-row sheet never has to be one string.
 *
 * Cell value → text (what the CSV pipeline reads):
 * - `t="s"` shared string (by index), `t="inlineStr"` (`<is>` texts, phonetic runs skipped),
 *   `t="str"` (a formula's text result): the text as stored — numbers stored as text stay text
 *   ('007' keeps its zeros).
 * - `t="n"` or no `t`: a number. With a date/time style (see cell-text.ts) → 'YYYY-MM-DD HH:MM:SS',
 *   'YYYY-MM-DD' or 'HH:MM:SS' in the workbook's date system; otherwise the shortest round-trip
 *   decimal ('2.5499999999999998' → '2.55'). A value that is not a number is passed through.
 * - `t="b"` → 'TRUE' / 'FALSE'; `t="e"` → the error as Excel shows it ('#N/A', '#DIV/0!'), so a
 *   mapped numeric column reports it as unreadable instead of hiding it; `t="d"` (ISO 8601) → as dates.
 * - A formula cell gives its cached value (`<v>`); a cell without value is ''.
 *
 * Rows: a cell's column comes from its reference ('C5' → third column; a missing `r` means the next
 * column), so skipped cells become '' in the right place. Trailing empty cells are dropped; rows with
 * no non-empty cell are skipped (as blank lines are in a CSV). The first non-blank row is the header;
 * later rows are padded with '' to the header's width (a workbook omits trailing blank cells, which
 * must not look like ragged rows). A row wider than the header keeps its extra cells.
 */
import { FMT_PLAIN, isoCellToText, numberToText, serialToText, type FormatKind } from './cell-text';
import { attrValue, decodeOoxmlEscapes, decodeXmlEntities, isSpace, tagEnd } from './xml-scanner';
import {
  cellTypeAt,
  columnIndexAt,
  intAt,
  T_BOOL,
  T_DATE,
  T_ERROR,
  T_INLINE,
  T_NUMBER,
  T_SHARED,
  T_STR,
} from './sheet-cells';

export { columnIndex } from './sheet-cells';

export interface SheetContext {
  readonly sharedStrings: readonly string[];
  /** Display kind per cell-format index (parseStyles). */
  readonly formatKinds: Uint8Array;
  readonly date1904: boolean;
}

/**
 * Receives one row: `cells` (fresh array, owned by the callee) and the sheet's 1-based row number
 * (as Excel shows it at the left edge).
 */
export type RowSink = (cells: string[], sheetRow: number) => void;

export class SheetRowParser {
  private readonly ctx: SheetContext;
  private readonly sink: RowSink;
  /** Sheet row number of the header (0 until the first non-blank row). */
  headerRow = 0;
  /** Non-blank rows delivered after the header. */
  dataRows = 0;
  private carry = '';
  private headerWidth = 0;
  private lastRow = 0;
  private cells: string[] = [];
  private inRow = false;
  private col = 0;
  private nextCol = 0;
  private type = T_NUMBER;
  private style = 0;
  private inIs = false;
  private phonetic = 0;
  private v = '';
  private hasV = false;
  private text = '';
  private stopped = false;

  constructor(ctx: SheetContext, sink: RowSink) {
    this.ctx = ctx;
    this.sink = sink;
  }

  /** Stops delivering rows (the rest of the input is ignored). */
  stop(): void {
    this.stopped = true;
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  /**
   * Feeds the next piece of the sheet XML; `final` on the last one. A hand-written scanner for the
   * few elements that matter (row, c, v, is, t, rPh); everything else is skipped by jumping from '<'
   * to '<'. A token cut by the end of the piece is kept and completed by the next piece.
   */
  push(chunk: string, final = false): void {
    const buf = this.carry === '' ? chunk : this.carry + chunk;
    this.carry = '';
    const n = buf.length;
    let p = 0;
    while (!this.stopped) {
      const lt = buf.indexOf('<', p);
      if (lt < 0) {
        p = n;
        break;
      }
      p = lt;
      if (p + 1 >= n) break;
      const c1 = buf.charCodeAt(p + 1);
      if (c1 === 47) {
        // end tag
        const gt = buf.indexOf('>', p + 2);
        if (gt < 0) break;
        let ns = p + 2;
        let ne = gt;
        while (ne > ns && isSpace(buf.charCodeAt(ne - 1))) ne--;
        for (let k = ne - 1; k > ns; k--) {
          if (buf.charCodeAt(k) === 58) {
            ns = k + 1;
            break;
          }
        }
        const len = ne - ns;
        const f = buf.charCodeAt(ns);
        if (len === 1) {
          if (f === 99) this.endCell();
        } else if (len === 3) {
          if (f === 114 && buf.charCodeAt(ns + 1) === 111) this.endRow();
          else if (f === 114 && buf.charCodeAt(ns + 1) === 80 && this.phonetic > 0) this.phonetic--;
        } else if (len === 2 && f === 105 && buf.charCodeAt(ns + 1) === 115) this.inIs = false;
        p = gt + 1;
        continue;
      }
      if (c1 === 63 || c1 === 33) {
        const r = this.special(buf, p, final);
        if (r < 0) break;
        p = r;
        continue;
      }
      // start tag: local name
      let i = p + 1;
      let ns = i;
      for (; i < n; i++) {
        const c = buf.charCodeAt(i);
        if (c === 62 || c === 47 || isSpace(c)) break;
        if (c === 58) ns = i + 1;
      }
      if (i >= n) break;
      const len = i - ns;
      const f = buf.charCodeAt(ns);
      if (len === 1 && f === 99) {
        const r = this.cellTag(buf, i);
        if (r < 0) break;
        p = r;
        continue;
      }
      const gt = tagEnd(buf, i);
      if (gt < 0) break;
      const self = buf.charCodeAt(gt - 1) === 47;
      if (len === 1 && (f === 118 || f === 116)) {
        // <v> value or <t> text: read the text up to the next '<' as one unit with the tag
        if (self) {
          if (f === 118) this.hasV = true;
          p = gt + 1;
          continue;
        }
        const e = buf.indexOf('<', gt + 1);
        if (e < 0) break;
        let t = buf.slice(gt + 1, e);
        if (buf.startsWith('<![CDATA[', e)) {
          const ce = buf.indexOf(']]>', e + 9);
          if (ce < 0) break;
          t += buf.slice(e + 9, ce);
          p = ce + 3;
        } else p = e;
        if (t.indexOf('&') >= 0) t = decodeXmlEntities(t);
        if (f === 118) {
          this.v += t;
          this.hasV = true;
        } else if (this.inIs && this.phonetic === 0) this.text += t;
        continue;
      }
      if (len === 3 && f === 114) {
        const c2 = buf.charCodeAt(ns + 1);
        if (c2 === 111) {
          this.startRow(attrValue(buf, i, gt, 'r'));
          if (self) this.endRow();
        } else if (c2 === 80 && !self) this.phonetic++;
      } else if (len === 2 && f === 105 && buf.charCodeAt(ns + 1) === 115 && !self) this.inIs = true;
      p = gt + 1;
    }
    if (!final && !this.stopped && p < n) this.carry = buf.slice(p);
  }

  /** Skips a processing instruction, comment or DOCTYPE; CDATA outside <v>/<t> is skipped too. */
  private special(buf: string, p: number, final: boolean): number {
    if (buf.charCodeAt(p + 1) === 63) {
      const e = buf.indexOf('?>', p + 2);
      return e < 0 ? -1 : e + 2;
    }
    if (buf.length - p < 9 && !final) return -1;
    if (buf.startsWith('<!--', p)) {
      const e = buf.indexOf('-->', p + 4);
      return e < 0 ? -1 : e + 3;
    }
    if (buf.startsWith('<![CDATA[', p)) {
      const e = buf.indexOf(']]>', p + 9);
      return e < 0 ? -1 : e + 3;
    }
    const e = buf.indexOf('>', p + 2);
    return e < 0 ? -1 : e + 1;
  }

  /**
   * Reads the attributes of a `<c` tag whose name ends at `i` (r → column, t → type, s → style) in one
   * pass; returns the index after the tag, or -1 when the tag is cut by the end of the buffer.
   */
  private cellTag(buf: string, i: number): number {
    const n = buf.length;
    let col = -1;
    let type = T_NUMBER;
    let style = 0;
    let self = false;
    for (;;) {
      while (i < n && isSpace(buf.charCodeAt(i))) i++;
      if (i >= n) return -1;
      const c = buf.charCodeAt(i);
      if (c === 62) {
        i++;
        break;
      }
      if (c === 47) {
        if (i + 1 >= n) return -1;
        self = true;
        i += 2;
        break;
      }
      let an = i;
      while (i < n) {
        const d = buf.charCodeAt(i);
        if (d === 61 || isSpace(d)) break;
        if (d === 58) an = i + 1;
        i++;
      }
      const alen = i - an;
      while (i < n && buf.charCodeAt(i) !== 34 && buf.charCodeAt(i) !== 39) i++;
      if (i >= n) return -1;
      const close = buf.indexOf(buf[i]!, i + 1);
      if (close < 0) return -1;
      if (alen === 1) {
        const a = buf.charCodeAt(an);
        if (a === 114) col = columnIndexAt(buf, i + 1, close);
        else if (a === 116) type = cellTypeAt(buf, i + 1, close);
        else if (a === 115) style = intAt(buf, i + 1, close);
      }
      i = close + 1;
    }
    if (!this.inRow) this.startRow(undefined);
    if (col < 0) col = this.nextCol;
    this.col = col;
    this.nextCol = col + 1;
    this.type = type;
    this.style = style;
    this.v = '';
    this.hasV = false;
    this.text = '';
    this.inIs = false;
    if (self) this.endCell();
    return i;
  }

  /** Ends the input; a row left open by a truncated document is delivered. */
  finish(): void {
    this.push('', true);
    if (this.inRow && !this.stopped) this.endRow();
  }

  private startRow(r: string | undefined): void {
    if (this.inRow) this.endRow();
    const n = r === undefined ? NaN : Number(r);
    this.lastRow = Number.isInteger(n) && n > 0 ? n : this.lastRow + 1;
    this.cells = [];
    this.nextCol = 0;
    this.inRow = true;
  }

  private endCell(): void {
    const value = this.cellValue();
    const cells = this.cells;
    const col = this.col;
    if (col >= cells.length) {
      if (value === '') return;
      while (cells.length < col) cells.push('');
      cells.push(value);
    } else cells[col] = value;
  }

  private cellValue(): string {
    switch (this.type) {
      case T_SHARED: {
        if (!this.hasV) return '';
        const s = this.ctx.sharedStrings[Number(this.v)];
        return s ?? '';
      }
      case T_INLINE:
        return decodeOoxmlEscapes(this.text !== '' || !this.hasV ? this.text : this.v);
      case T_STR:
        return decodeOoxmlEscapes(this.v);
      case T_BOOL:
        return this.v === '1' ? 'TRUE' : this.v === '0' ? 'FALSE' : this.v;
      case T_ERROR:
        return this.v;
      case T_DATE:
        return this.v === '' ? '' : isoCellToText(this.v, this.kind());
      default: {
        const raw = this.v;
        if (raw === '') return '';
        const x = Number(raw);
        if (Number.isNaN(x) || raw.trim() === '') return raw;
        const kind = this.kind();
        if (kind !== FMT_PLAIN) {
          const d = serialToText(x, this.ctx.date1904, kind);
          if (d !== null) return d;
        }
        return numberToText(x);
      }
    }
  }

  private kind(): FormatKind {
    return (this.ctx.formatKinds[this.style] ?? FMT_PLAIN) as FormatKind;
  }

  private endRow(): void {
    this.inRow = false;
    const cells = this.cells;
    let n = cells.length;
    while (n > 0 && cells[n - 1] === '') n--;
    if (n === 0) return;
    if (n < cells.length) cells.length = n;
    if (this.headerRow === 0) {
      this.headerRow = this.lastRow;
      this.headerWidth = n;
    } else {
      this.dataRows++;
      while (cells.length < this.headerWidth) cells.push('');
    }
    this.sink(cells, this.lastRow);
  }
}
