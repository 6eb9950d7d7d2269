/**
 * Reading one delimited file as several pieces at once (two parse workers) and putting the pieces
 * back together into exactly the RawTable a single pass gives.
 *
 * 1. `lastLineEnd` cuts the bytes read so far after their last line end (LF, CR LF, or CR). It works
 *    on raw bytes, which is sound for UTF-8 and single-byte encodings (their multi-byte sequences
 *    never contain the bytes of '"', ',', CR or LF); UTF-16 text must not be cut this way. A line
 *    end may lie inside a quoted field (a value spanning lines): that is found in step 3.
 * 2. `parsePiece` reads one piece (UTF-8 from its bytes with `DelimitedByteScanner`, windows-1252
 *    decoded and read with `RawTableBuilder.pushDelimitedText`) into its own dictionaries, as whole rows from its start. What it could not read because the last row
 *    was unfinished (the cut fell inside a quoted field) is reported as `restBytes`.
 * 3. The pieces are taken IN FILE ORDER. A piece's rows are right when the piece began at a row
 *    start: true of the first piece, and of a piece whose predecessor read to its last byte
 *    (`restBytes` 0). Otherwise the predecessor's unread bytes + this piece's bytes are read again
 *    as one piece (which does begin at a row start). A piece that began at a row start and is
 *    'irregular' (a malformed quote, where papaparse reads its own way, or a row that adds columns)
 *    sends the whole file to the single-pass reader, so the result never depends on the cuts.
 * 4. `PieceMerger` looks each piece's dictionary values up in (or appends them to) the column's
 *    global dictionary, so the merged dictionaries are in first-seen order over the whole file,
 *    the same arrays a single pass builds, and rewrites each piece's codes to global codes.
 */
import type { RawTable, TablePreview } from './types';
import { internAll } from './dict-column';
import { MAX_RAGGED_EXAMPLES, RawTableBuilder, type FileFacts, type ScanResult } from './table-builder';
import { assembleTable, previewOf, type TablePiece } from './table-parts';
import { DelimitedByteScanner, Utf8Error, utf8BomLength } from './byte-scan';
import { decideNewline, sniffDelimiter, type Newline } from './delimited';

const LF = 10;
const CR = 13;

/**
 * The offset just after the last line end in `bytes` (after LF; after CR LF in CR LF rows, a lone LF
 * being text then; after CR in CR rows, where an LF that begins the next piece ends the CR LF row
 * end), or 0 when there is none.
 */
export function lastLineEnd(bytes: Uint8Array, newline: Newline): number {
  if (newline === '\r') return bytes.lastIndexOf(CR) + 1;
  const crlf = newline === '\r\n';
  let at = bytes.length === 0 ? -1 : bytes.lastIndexOf(LF, bytes.length - 1);
  while (at >= 0) {
    if (!crlf || (at > 0 && bytes[at - 1] === CR)) return at + 1;
    at = at === 0 ? -1 : bytes.lastIndexOf(LF, at - 1);
  }
  return 0;
}

/** Encodings whose text can be cut at LF bytes and whose byte counts can be recovered from text. */
export function canCutBytes(encoding: string, fatal: boolean): boolean {
  const e = encoding.toLowerCase();
  return (e === 'utf-8' && fatal) || e === 'windows-1252';
}

/** One piece to read: bytes of a file from a row start (or so it is hoped: see the module comment). */
export interface PieceJob {
  readonly bytes: Uint8Array;
  /** 'utf-8' (with `fatal`) or 'windows-1252': see `canCutBytes`. */
  readonly encoding: string;
  /** Invalid bytes are an error ('bad-text') rather than U+FFFD. */
  readonly fatal: boolean;
  /** The piece begins the file: its first row is the header (and a BOM is dropped). */
  readonly first: boolean;
  /** The piece ends the file (its last row may lack a row end). */
  readonly last: boolean;
  readonly delimiter: string;
  readonly newline: Newline;
  /** Fields of the file's header row. */
  readonly headerWidth: number;
  /** Rows kept as text for the preview. */
  readonly previewRows: number;
}

export type PieceOutcome =
  /** `restBytes`: bytes at the end not read (an unfinished row: the cut fell inside a quoted field). */
  | { readonly kind: 'piece'; readonly piece: TablePiece; readonly restBytes: number }
  /** Not read as regular rows (a malformed quote as papaparse sees it, or a row adding columns). */
  | { readonly kind: 'irregular' }
  /** The bytes are not valid in the encoding (fatal decoding). */
  | { readonly kind: 'bad-text' }
  /** NUL characters: not a text file. */
  | { readonly kind: 'nul' };

/** Decodes and reads one piece (see the module comment); UTF-8 is read from its bytes. */
export function parsePiece(job: PieceJob): PieceOutcome {
  if (job.encoding.toLowerCase() === 'utf-8') return parseUtf8Piece(job);
  let text: string;
  try {
    text = new TextDecoder(job.encoding, { fatal: job.fatal, ignoreBOM: !job.first }).decode(job.bytes);
  } catch {
    return { kind: 'bad-text' };
  }
  if (text.indexOf('\u0000') >= 0) return { kind: 'nul' };
  const b = job.first
    ? new RawTableBuilder(job.previewRows)
    : new RawTableBuilder(job.previewRows, job.headerWidth);
  const r = b.pushDelimitedText(text, job.delimiter, job.newline, job.last);
  if (!r.regular || b.widened || !b.hasHeader) return { kind: 'irregular' };
  if (job.first && (b.headerWidth !== job.headerWidth || r.consumed === 0)) return { kind: 'irregular' };
  const rest = text.length - r.consumed;
  const restBytes =
    rest === 0
      ? 0
      : job.encoding === 'windows-1252'
        ? rest
        : new TextEncoder().encode(text.slice(r.consumed)).length;
  return { kind: 'piece', piece: b.toPiece(), restBytes };
}

/** `parsePiece` of UTF-8 bytes: `DelimitedByteScanner`, no decoding of the piece. */
function parseUtf8Piece(job: PieceJob): PieceOutcome {
  if (job.bytes.indexOf(0) >= 0) return { kind: 'nul' };
  const bytes = job.first ? job.bytes.subarray(utf8BomLength(job.bytes)) : job.bytes;
  const b = job.first
    ? new RawTableBuilder(job.previewRows)
    : new RawTableBuilder(job.previewRows, job.headerWidth);
  let r: ScanResult;
  try {
    r = new DelimitedByteScanner(b, job.delimiter, job.newline, job.fatal).push(bytes, job.last);
  } catch (e) {
    if (e instanceof Utf8Error) return { kind: 'bad-text' };
    throw e;
  }
  if (!r.regular || b.widened || !b.hasHeader) return { kind: 'irregular' };
  if (job.first && (b.headerWidth !== job.headerWidth || r.consumed === 0)) return { kind: 'irregular' };
  return { kind: 'piece', piece: b.toPiece(), restBytes: bytes.length - r.consumed };
}

/**
 * Puts pieces read by separate builders back together (see the module comment). `add` them in file
 * order, the first one carrying the header. The codes arrays of the pieces are rewritten in place.
 */
export class PieceMerger {
  private header: readonly string[] | null = null;
  private maps: Map<string, number>[] = [];
  private dicts: string[][] = [];
  private parts: Int32Array[][] = [];
  private rows = 0;
  private raggedCount = 0;
  private readonly raggedExamples: number[] = [];
  private readonly preview: (readonly string[])[] = [];

  constructor(private readonly previewRows = 20) {}

  get rowCount(): number {
    return this.rows;
  }

  add(piece: TablePiece): void {
    if (piece.header !== null) {
      if (this.header !== null) throw new Error('PieceMerger: a second piece carries a header.');
      this.header = piece.header;
      this.maps = piece.header.map(() => new Map());
      this.dicts = piece.header.map(() => []);
      this.parts = piece.header.map(() => []);
    } else if (this.header === null) throw new Error('PieceMerger: the first piece must carry the header.');
    if (piece.columns.length !== this.maps.length)
      throw new Error(`PieceMerger: ${piece.columns.length} columns, expected ${this.maps.length}.`);
    piece.columns.forEach((col, j) => {
      const map = this.maps[j]!;
      const dict = this.dicts[j]!;
      const lut = internAll(col.dict, dict, map);
      const codes = col.codes;
      for (let i = 0; i < codes.length; i++) {
        const c = codes[i]!;
        if (c >= 0) codes[i] = lut[c]!;
      }
      this.parts[j]!.push(codes);
    });
    this.raggedCount += piece.raggedCount;
    for (const r of piece.raggedRows)
      if (this.raggedExamples.length < MAX_RAGGED_EXAMPLES) this.raggedExamples.push(r + this.rows);
    for (const row of piece.preview) if (this.preview.length < this.previewRows) this.preview.push(row);
    this.rows += piece.rowCount;
  }

  build(facts: FileFacts): RawTable {
    const columns = this.parts.map((parts, j) => {
      const codes = new Int32Array(this.rows);
      let o = 0;
      for (const p of parts) {
        codes.set(p, o);
        o += p.length;
      }
      return { codes, dict: this.dicts[j]! };
    });
    return assembleTable(facts, this.header ?? [], this.rows, columns, {
      count: this.raggedCount,
      exampleRows: this.raggedExamples.slice(),
    });
  }

  tablePreview(): TablePreview {
    return previewOf(this.header ?? [], this.preview);
  }
}

/** How the pieces of a file are read, as decided from its first bytes (see `planPieces`). */
export interface PiecePlan {
  readonly delimiter: ',' | ';' | '\t' | '|';
  readonly newline: Newline;
  readonly headerWidth: number;
}

/** Characters of text the delimiter is sniffed from (as the single-pass reader does). */
export const SNIFF_CHARS = 65_536;
/** Characters of the sample in which the header row must be complete. */
const PLAN_CHARS = 1 << 18;

/**
 * The delimiter, row end and header width of a file from the decoded text of its first bytes
 * (at least `SNIFF_CHARS` characters), decided exactly as the single-pass reader decides them from
 * its first piece (`sniffDelimiter` and `decideNewline` of the first 65,536 characters; else CR LF
 * rows when the first LF follows a CR) — or null when the pieces cannot be read apart: too little
 * text, a space-aligned file, no row end known from the sample, or no complete regular header row in its first 262,144 characters
 * (irregular rows or a row adding columns there too).
 */
export function planPieces(sample: string): PiecePlan | null {
  if (sample.length < SNIFF_CHARS) return null;
  const delimiter = sniffDelimiter(sample.slice(0, SNIFF_CHARS));
  if (delimiter === 'whitespace') return null;
  const nl = sample.indexOf('\n');
  const newline = decideNewline(sample.slice(0, SNIFF_CHARS), nl, nl > 0 && sample.charCodeAt(nl - 1) === 13);
  if (newline === null) return null;
  const b = new RawTableBuilder(0);
  const r = b.pushDelimitedText(sample.slice(0, PLAN_CHARS), delimiter, newline, false);
  if (!r.regular || !b.hasHeader || b.widened) return null;
  return { delimiter, newline, headerWidth: b.headerWidth };
}
