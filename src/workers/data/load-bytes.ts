/**
 * The single-pass reading of a UTF-8 delimited file from its bytes (load-file.ts): the byte stream
 * is gathered into ~1 MB pieces and read by `DelimitedByteScanner` (src/core/ingest/byte-scan.ts)
 * straight into the table builder, with no TextDecoder of the text. The delimiter and row end are
 * decided from the first piece exactly as the text path decides them from its first piece (the
 * first 65,536 characters sniffed for the delimiter and for CR rows; otherwise CR LF rows when the
 * first LF follows a CR).
 *
 * What this path does not read hands the bytes back to the text path (TextDecoder → scanner →
 * papaparse), which goes on from there: from the start of the file when the first piece shows a
 * space-aligned file or no row end, or from the start of the row where the scanner stopped at a quote
 * papaparse reads its own way. Invalid UTF-8 throws `Utf8Error` (the file is then read as
 * windows-1252, as when the TextDecoder throws).
 */
import { decideNewline, sniffDelimiter, type Delimiter, type Newline } from '../../core/ingest/delimited';
import { DelimitedByteScanner, utf8BomLength } from '../../core/ingest/byte-scan';
import type { RawTableBuilder } from '../../core/ingest/table-builder';
import { concat } from './parallel-load';

const LF = 10;
const CR = 13;
/** Bytes gathered before each scan. */
export const BYTE_PIECE = 1 << 20;
/** Characters the delimiter is sniffed from (as the text path: SNIFF_BYTES there). */
const SNIFF_CHARS = 65_536;

export type ByteScanOutcome =
  /** The whole file was read into the builder. */
  | { readonly kind: 'read'; readonly delimiter: Delimiter }
  /**
   * Bytes for the text path: `rest` (not yet read; more follow from the stream unless `done`)
   * begins the file when `delimiter` is null, else a row (read on with papaparse).
   */
  | {
      readonly kind: 'rest';
      readonly rest: Uint8Array;
      readonly done: boolean;
      readonly delimiter: Delimiter | null;
      readonly newline: Newline | null;
    }
  | { readonly kind: 'nul' }
  | { readonly kind: 'cancelled' };

export interface ByteScanInput {
  readonly builder: RawTableBuilder;
  /** The bytes read so far from the start of the file. */
  readonly head: Uint8Array;
  /** The stream has ended after `head`. */
  readonly done: boolean;
  /** The next bytes (null at the end). */
  readonly next: () => Promise<Uint8Array | null>;
  readonly isCancelled: () => boolean;
  /** Rows read so far (progress). */
  readonly onRows: (rows: number) => void;
  /** Bytes per piece (tests cut smaller). */
  readonly pieceBytes?: number;
}

/** Reads a strict UTF-8 file from its bytes (see the module comment). */
export async function scanUtf8Bytes(inp: ByteScanInput): Promise<ByteScanOutcome> {
  const pieceBytes = inp.pieceBytes ?? BYTE_PIECE;
  let done = inp.done;
  let parts: Uint8Array[] = [inp.head];
  let partsLen = inp.head.length;
  /** Reads until `partsLen` ≥ `target` or the end; false when cancelled. */
  const gather = async (target: number): Promise<boolean> => {
    while (!done && partsLen < target) {
      if (inp.isCancelled()) return false;
      const chunk = await inp.next();
      if (chunk === null) done = true;
      else {
        parts.push(chunk);
        partsLen += chunk.length;
      }
    }
    return true;
  };
  const take = (): Uint8Array => {
    // a plain Uint8Array view (Node hands out Buffers): the scanner's loops stay monomorphic
    const b = parts.length === 1 ? plain(parts[0]!) : concat(parts, partsLen);
    parts = [];
    partsLen = 0;
    return b;
  };

  if (!(await gather(pieceBytes))) return { kind: 'cancelled' };
  let piece = take();
  if (piece.indexOf(0) >= 0) return { kind: 'nul' };
  const bom = utf8BomLength(piece);
  // as the text path: the first 65,536 characters (at most 3 bytes per UTF-16 unit), a BOM dropped
  const sample = new TextDecoder('utf-8').decode(piece.subarray(0, bom + 3 * SNIFF_CHARS), { stream: true });
  const head = sample.slice(0, SNIFF_CHARS);
  const delimiter = sniffDelimiter(head);
  const nl = piece.indexOf(LF, bom);
  const newline = decideNewline(head, nl, nl > bom && piece[nl - 1] === CR);
  if (delimiter === 'whitespace' || newline === null)
    return { kind: 'rest', rest: piece, done, delimiter: null, newline: null };
  const scanner = new DelimitedByteScanner(inp.builder, delimiter, newline, true);
  piece = piece.subarray(bom);
  for (;;) {
    const r = scanner.push(piece, done);
    if (!r.regular) return { kind: 'rest', rest: piece.subarray(r.consumed), done, delimiter, newline };
    inp.onRows(inp.builder.rowCount);
    if (done) return { kind: 'read', delimiter };
    parts = [piece.subarray(r.consumed)];
    partsLen = parts[0]!.length;
    const before = partsLen;
    // (a piece of new bytes beyond the unfinished row: a long quoted value needs more than one)
    if (!(await gather(before + pieceBytes))) return { kind: 'cancelled' };
    piece = take();
    if (piece.indexOf(0, before) >= 0) return { kind: 'nul' };
  }
}

function plain(b: Uint8Array): Uint8Array {
  return b.constructor === Uint8Array ? b : new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}
