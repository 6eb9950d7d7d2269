/**
 * Reading delimited UTF-8 text from its bytes, without decoding the file to a string: the twin of
 * `RawTableBuilder.pushDelimitedText` (same rows, same fields, same stops) over a Uint8Array. Every
 * byte that matters to the reading (quote, delimiter, CR, LF, space, tab) is ASCII, and in UTF-8 no
 * byte of a multi-byte character is below 0x80, so the reading of the bytes is the reading of the
 * text. Each field is hashed as it is scanned and looked up by its bytes in its column's dictionary
 * (`DictColumnBuilder.pushBytes`); a string is made only for bytes not met before (and for fields
 * with "" escapes or surrounding blanks, and rows that are the header, preview rows or ragged).
 *
 * Decoding is strict (fatal) when asked: invalid UTF-8 in any field throws `Utf8Error` (every byte
 * of a field is either decoded or equal to bytes decoded before), so the caller can read the file
 * again in another encoding exactly as when the TextDecoder of the whole text throws.
 */
import { FNV_OFFSET, FNV_PRIME } from './dict-column';
import type { Newline } from './delimited';
import { trimField, type RawTableBuilder, type ScanResult } from './table-builder';

// module-level copies: an imported binding read in the hot loop may be a property access (Vite SSR)
const HASH_START = FNV_OFFSET;
const HASH_PRIME = FNV_PRIME;
const QUOTE = 34;
const SPACE = 32;
const TAB = 9;
const LF = 10;
const CR = 13;
const F_ESCAPED = 1; // quoted field holding "" pairs
const F_SLOW = 2; // read through a string (escapes, surrounding blanks)

/** The bytes are not valid UTF-8 (strict decoding). */
export class Utf8Error extends Error {
  constructor() {
    super('invalid UTF-8');
    this.name = 'Utf8Error';
  }
}

/** Bytes of a UTF-8 byte-order mark at the start of `bytes` (0 or 3). */
export function utf8BomLength(bytes: Uint8Array): number {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
}

/** Decodes fields: ASCII bytes straight to a string, others through a TextDecoder (a BOM is kept). */
export class FieldDecoder {
  private readonly td: { decode(bytes: Uint8Array): string };

  constructor(private readonly fatal: boolean) {
    this.td = new TextDecoder('utf-8', { fatal, ignoreBOM: true });
  }

  readonly decode = (bytes: Uint8Array, start: number, end: number): string => {
    let hi = 0;
    for (let i = start; i < end; i++) hi |= bytes[i]!;
    const part = bytes.subarray(start, end);
    if (hi < 0x80 && end - start <= 4096) return String.fromCharCode.apply(null, part as unknown as number[]);
    try {
      return this.td.decode(part);
    } catch {
      if (this.fatal) throw new Utf8Error();
      throw new Error('TextDecoder failed');
    }
  };
}

/**
 * Scans delimited UTF-8 bytes into a `RawTableBuilder` (see the module comment), piece by piece as
 * `pushDelimitedText` reads text: `push` reads whole rows from the start of `bytes` and returns how
 * many bytes it read; the caller keeps the rest for the next call. A BOM must have been skipped.
 */
export class DelimitedByteScanner {
  private fStart = new Int32Array(64);
  private fEnd = new Int32Array(64);
  private fHash = new Int32Array(64);
  private fFlags = new Uint8Array(64);
  private readonly d: number;
  private readonly crlf: boolean;
  private readonly cr: boolean;
  /** 1 for the bytes that may end an unquoted field: the delimiter, and LF (LF rows) or CR (CR LF and CR rows). */
  private readonly stop = new Uint8Array(256);
  readonly decoder: FieldDecoder;

  constructor(
    private readonly builder: RawTableBuilder,
    delimiter: string,
    newline: Newline,
    fatal: boolean,
  ) {
    this.d = delimiter.charCodeAt(0);
    this.crlf = newline === '\r\n';
    this.cr = newline === '\r';
    this.stop[this.d] = 1;
    this.stop[newline === '\n' ? LF : CR] = 1;
    this.decoder = new FieldDecoder(fatal);
  }

  /** Reads the rows of `bytes` as `RawTableBuilder.pushDelimitedText` reads those of text. */
  push(bytes: Uint8Array, final: boolean): ScanResult {
    const n = bytes.length;
    const d = this.d;
    const crlf = this.crlf;
    const cr = this.cr;
    const lfRows = !crlf && !cr;
    const stop = this.stop;
    let i = 0;
    let rowStart = 0;
    const more = (): ScanResult => ({ consumed: rowStart, regular: true });
    const irregular = (): ScanResult => ({ consumed: rowStart, regular: false });
    outer: while (i < n) {
      // CR rows: an LF that begins a row is the end of a CR LF row end
      if (cr && bytes[i] === LF) {
        i++;
        continue;
      }
      rowStart = i;
      let nf = 0;
      for (;;) {
        // one field
        if (nf === this.fStart.length) this.growScratch();
        let c = i < n ? bytes[i]! : -1;
        let vs: number;
        let ve: number;
        let flags = 0;
        let h = HASH_START;
        if (c === QUOTE) {
          vs = i + 1;
          let j = vs;
          for (;;) {
            if (j >= n) return final ? irregular() : more();
            const q = bytes[j]!;
            if (q === QUOTE) {
              if (j + 1 >= n) {
                if (!final) return more();
                ve = j;
                i = j + 1;
                break;
              }
              if (bytes[j + 1] === QUOTE) {
                flags = F_ESCAPED | F_SLOW;
                j += 2;
                continue;
              }
              ve = j;
              i = j + 1;
              break;
            }
            h = Math.imul(h ^ q, HASH_PRIME);
            j++;
          }
          c = i < n ? bytes[i]! : -1;
        } else {
          vs = i;
          for (;;) {
            if (i >= n) {
              c = -1;
              break;
            }
            c = bytes[i]!;
            if (stop[c] !== 0) {
              // (a CR: the row end of CR rows)
              if (c === d || c === LF || cr) break;
              // CR of CR LF rows
              if (i + 1 >= n) {
                if (!final) return more();
              } else if (bytes[i + 1] === LF) break;
            }
            h = Math.imul(h ^ c, HASH_PRIME);
            i++;
          }
          ve = i;
        }
        if (vs < ve) {
          const a = bytes[vs]!;
          const z = bytes[ve - 1]!;
          if (a === SPACE || a === TAB || z === SPACE || z === TAB) flags |= F_SLOW;
        }
        this.fStart[nf] = vs;
        this.fEnd[nf] = ve;
        this.fHash[nf] = h;
        this.fFlags[nf] = flags;
        nf++;
        // what ends the field (after a quoted field anything else is a quote error for papaparse)
        if (c === d) {
          i++;
          continue;
        }
        if (c === -1) {
          if (!final) return more();
          this.endRow(bytes, nf);
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
            if (bytes[i + 1] !== LF) return irregular();
            i += 2;
          }
        }
        this.endRow(bytes, nf);
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
    this.fHash = grow(this.fHash, new Int32Array(k));
    this.fFlags = grow(this.fFlags, new Uint8Array(k));
  }

  /** Stores the row of `nf` scanned fields. */
  private endRow(bytes: Uint8Array, nf: number): void {
    const b = this.builder;
    const cols = b.columnsFor(nf);
    if (cols === null) {
      const fields: string[] = [];
      for (let j = 0; j < nf; j++) fields.push(this.fieldText(bytes, j));
      b.pushRow(fields);
      return;
    }
    const { fStart, fEnd, fHash, fFlags } = this;
    const decode = this.decoder.decode;
    for (let j = 0; j < nf; j++) {
      const col = cols[j]!;
      const s = fStart[j]!;
      const e = fEnd[j]!;
      if (s === e) col.push(undefined);
      else if (fFlags[j] === 0) col.pushBytes(bytes, s, e, fHash[j]!, decode);
      else col.push(trimField(this.fieldText(bytes, j)));
    }
    b.rowStored();
  }

  private fieldText(bytes: Uint8Array, j: number): string {
    const s = this.decoder.decode(bytes, this.fStart[j]!, this.fEnd[j]!);
    return (this.fFlags[j]! & F_ESCAPED) !== 0 ? s.replace(/""/g, '"') : s;
  }
}
