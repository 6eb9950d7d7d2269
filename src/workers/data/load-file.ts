/**
 * Worker-side streaming load of a delimited file: Blob → (gunzip when the first bytes are 1f 8b) →
 * for UTF-8, the bytes read straight into the table by the byte scanner (load-bytes.ts: no decoding
 * of the text; it hands back what it does not read) — otherwise, and for that rest:
 * TextDecoder (detected encoding) → ~1M-character pieces joined into flat strings → the table
 * builder's own scanner (`RawTableBuilder.pushDelimitedText`, which reads rows exactly as papaparse
 * with `header: false` does and dictionary-encodes fields without making a string per field) →
 * dictionary-encoded RawTable. papaparse (`step`) stays the parser of record: the scanner hands it
 * the rest of the file, in pieces cut at the last row boundary outside quotes, at the first malformed
 * quote, and it reads files whose row end the first piece does not show. Rows ending in CR alone
 * (old Mac files) are known from the first 65,536 characters (`decideNewline`), so a stray LF or
 * CR LF later does not make the file CR LF rows. Space-aligned text goes to the core whitespace
 * splitter. The loop awaits the stream between pieces, so progress messages go out and cancellation
 * is seen.
 *
 * On machines with ≥ 4 cores, large UTF-8 / windows-1252 files (≥ 8 MB of text) are parsed by two
 * nested parse workers instead (parallel-load.ts: pieces cut at line ends, merged in file order into
 * the same table); any file those cannot read exactly like the single pass (malformed quotes, rows
 * adding columns) is read again by the single pass.
 */
import Papa from 'papaparse';
import type { RawTable, TablePreview } from '../../core/ingest/types';
import { detectEncoding, isGzip } from '../../core/ingest/encoding';
import {
  decideNewline,
  lastRowBoundary,
  parseDelimited,
  sniffDelimiter,
  type Delimiter,
  type Newline,
} from '../../core/ingest/delimited';
import { RawTableBuilder } from '../../core/ingest/table-builder';
import type { LoadProgress } from './protocol';
import { isWorkbookFile, loadWorkbook } from './load-workbook';
import { canCutBytes } from '../../core/ingest/pieces';
import { concat, spawnWorkerParsers, type PieceParser } from './parallel-load';
import { Utf8Error } from '../../core/ingest/byte-scan';
import { scanUtf8Bytes } from './load-bytes';
import { loadInPieces, PLAN_BYTES } from './load-pieces';
import { abortError, fail, failNul, finishTable, InvalidUtf8, ReadAgain, readChunk } from './load-errors';

const SNIFF_BYTES = 65_536;
const PIECE_CHARS = 1 << 20;
/** Text (uncompressed bytes) from which a file is read by parse workers. */
const PARALLEL_MIN_BYTES = 8 << 20;
/**
 * Logical cores from which parse workers are used. On the 2-core benchmark machine the page's own
 * main thread (plotly being loaded while the file is parsed) already takes the second core, and
 * pieces cost ~1.4× the single pass's CPU per byte (each piece builds its dictionaries anew, then
 * they are merged): there the two workers measured slower (UCI data-parse-ms 1.39 s vs 1.14 s, the
 * data worker alone 1.00 s vs 0.80 s). They need free cores to win.
 */
const PARALLEL_MIN_CORES = 4;

export interface LoadOptions {
  readonly encoding?: string;
  /** Worksheet of an .xlsx workbook (ignored for text files). */
  readonly sheet?: string;
  /** Lines (rows of a sheet) above the header to skip: a title (src/core/ingest/title-rows.ts). */
  readonly skipLines?: number;
  readonly onProgress: (p: LoadProgress) => void;
  readonly isCancelled: () => boolean;
  /**
   * Parsers for reading a large file in pieces: by default two parse workers when the platform has
   * workers and ≥ PARALLEL_MIN_CORES cores; `null` reads every file in one pass. (Tests pass
   * in-thread parsers.)
   */
  readonly pieceParsers?: (() => readonly PieceParser[]) | null;
  /** false: UTF-8 is decoded and read as text, as other encodings are (tests compare the paths). */
  readonly byteScan?: boolean;
}

export interface LoadedFile {
  readonly table: RawTable;
  readonly preview: TablePreview;
  /** Workbooks only: the worksheets in tab order and the one read. */
  readonly sheets?: readonly string[];
  readonly sheet?: string;
}

/** Loads a file, retrying once as windows-1252 when text that began as UTF-8 turns out not to be. */
export async function loadFile(file: Blob, fileName: string, opts: LoadOptions): Promise<LoadedFile> {
  // An .xlsx (ZIP) or .xls (OLE2) by its first bytes: the workbook path (load-workbook.ts).
  if (await isWorkbookFile(file)) return loadWorkbook(file, fileName, opts);
  try {
    return await loadOnce(file, fileName, opts, opts.encoding);
  } catch (e) {
    if (e instanceof InvalidUtf8 || e instanceof Utf8Error)
      return loadOnce(file, fileName, opts, 'windows-1252');
    throw e;
  }
}

function defaultParsers(): (() => readonly PieceParser[]) | null {
  if (typeof Worker === 'undefined') return null;
  const cores = typeof navigator === 'undefined' ? 1 : (navigator.hardwareConcurrency ?? 1);
  return cores >= PARALLEL_MIN_CORES ? () => spawnWorkerParsers(2) : null;
}

/** The text size of a file: its size, or for gzip the size its trailer records (mod 2^32). */
async function textSize(file: Blob, gz: boolean): Promise<number> {
  if (!gz || file.size < 18) return file.size;
  const t = new DataView(await file.slice(file.size - 4).arrayBuffer());
  return t.getUint32(0, true);
}

async function loadOnce(
  file: Blob,
  fileName: string,
  opts: LoadOptions,
  forcedEncoding: string | undefined,
  inPieces = true,
): Promise<LoadedFile> {
  const total = file.size;
  if (total === 0) fail({ code: 'empty-file', fileName, why: 'zero-bytes' });
  const head = new Uint8Array(await file.slice(0, 4).arrayBuffer());
  const gz = isGzip(head);
  const makeParsers = opts.pieceParsers === undefined ? defaultParsers() : opts.pieceParsers;
  // started now, so that their start-up overlaps the first reads
  // (a file read from a later line is read in one pass: the pieces plan from the first line)
  const parsers =
    inPieces && makeParsers && !opts.skipLines && (await textSize(file, gz)) >= PARALLEL_MIN_BYTES
      ? makeParsers()
      : null;
  try {
    return await loadWith(file, fileName, opts, forcedEncoding, gz, parsers);
  } catch (e) {
    if (e instanceof ReadAgain) return loadOnce(file, fileName, opts, forcedEncoding, false);
    throw e;
  } finally {
    for (const p of parsers ?? []) p.terminate();
  }
}

async function loadWith(
  file: Blob,
  fileName: string,
  opts: LoadOptions,
  forcedEncoding: string | undefined,
  gz: boolean,
  parsers: readonly PieceParser[] | null,
): Promise<LoadedFile> {
  const total = file.size;
  let bytesDone = 0;
  const counter = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, ctl) {
      bytesDone += chunk.byteLength;
      ctl.enqueue(chunk);
    },
  });
  let stream: ReadableStream<Uint8Array> = file.stream().pipeThrough(counter);
  if (gz)
    stream = stream.pipeThrough(
      new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>,
    );
  const reader = stream.getReader();

  const progress = (stage: LoadProgress['stage'], rows: number): void =>
    opts.onProgress({ stage, bytesDone, bytesTotal: total, rows });
  progress('reading', 0);

  // First bytes: enough to detect the encoding.
  const first: Uint8Array[] = [];
  let firstLen = 0;
  let done = false;
  const sniffBytes = parsers ? PLAN_BYTES : SNIFF_BYTES;
  try {
    while (firstLen < sniffBytes) {
      const r = await reader.read();
      if (r.done) {
        done = true;
        break;
      }
      first.push(r.value);
      firstLen += r.value.byteLength;
    }
  } catch {
    fail({ code: 'bad-gzip', fileName, why: 'not-gzip' });
  }
  const sample = first.length === 1 ? first[0]! : concat(first, firstLen);
  if (firstLen === 0) fail({ code: 'empty-file', fileName, why: 'after-gunzip' });
  // (as if only the first 64 KB were read: the parallel path reads 256 KB first)
  const guess = detectEncoding(sample.subarray(0, SNIFF_BYTES), done && firstLen < SNIFF_BYTES);
  if (!forcedEncoding && guess.binary) {
    fail({ code: 'binary-file', fileName, why: 'binary' });
  }
  const encoding = forcedEncoding ?? guess.encoding;
  const strict = !forcedEncoding && encoding === 'utf-8';
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(encoding, { fatal: strict });
  } catch {
    fail({ code: 'bad-encoding', fileName, encoding });
  }
  const decode = (bytes: Uint8Array | undefined, streamMore: boolean): string => {
    try {
      return bytes ? decoder.decode(bytes, { stream: streamMore }) : decoder.decode();
    } catch {
      throw new InvalidUtf8();
    }
  };

  if (parsers && !done && canCutBytes(encoding, strict)) {
    const loaded = await loadInPieces(reader, sample, parsers, {
      fileName,
      total,
      encoding,
      strict,
      opts,
      bytesDone: () => bytesDone,
    });
    if (loaded) return loaded;
  }

  const builder = new RawTableBuilder(20);
  if (opts.skipLines) builder.skipLines(opts.skipLines);
  let delimiter: Delimiter | null = null;
  let newline: Newline | null = null;
  // UTF-8 is read from its bytes (load-bytes.ts); what that path leaves goes on below as text
  let textBytes = sample;
  let read = false;
  let nul = false;
  if (strict && opts.byteScan !== false) {
    const r = await scanUtf8Bytes({
      builder,
      head: sample,
      done,
      next: () => readChunk(reader, fileName),
      isCancelled: opts.isCancelled,
      onRows: (rows) => progress('parsing', rows),
    });
    if (r.kind === 'cancelled') throw abortError('The load was cancelled.');
    if (r.kind === 'nul') nul = read = true;
    else if (r.kind === 'read') {
      read = true;
      delimiter = r.delimiter;
    } else if (r.delimiter !== null) {
      // from a row start inside the file: papaparse reads on (a BOM-like U+FEFF there is text)
      ({ rest: textBytes, done, delimiter, newline } = r);
      decoder = new TextDecoder(encoding, { fatal: strict, ignoreBOM: true });
    } else ({ rest: textBytes, done } = r);
  }
  // Decoded text not yet parsed, in parts; joined into one flat string per piece (the scanner reads
  // a flat string several times faster than a chain of concatenations).
  let parts: string[] = [];
  let partsLen = 0;
  let sawText = read;
  // The builder's own scanner reads rows exactly as papaparse does; at the first text it cannot
  // read so (a malformed quote) the rest of the file goes to papaparse, in pieces cut at row ends.
  let fast = delimiter === null;

  const addText = (t: string): void => {
    if (t === '') return;
    if (!sawText && t.trim() !== '') sawText = true;
    parts.push(t);
    partsLen += t.length;
  };
  if (!read) addText(decode(textBytes, !done));

  const papaPiece = (text: string): void => {
    if (text === '') return;
    Papa.parse<string[]>(text, {
      delimiter: delimiter as string,
      ...(newline === null ? {} : { newline }),
      header: false,
      dynamicTyping: false,
      // 'greedy' joins and trims every row (10% of parse time); blank rows are skipped by the builder.
      skipEmptyLines: true,
      step: (r) => builder.pushRow(r.data),
    });
  };

  /** Parses the complete rows of the text gathered so far (all of it when `final`). */
  const flush = (final: boolean): void => {
    let text = parts.length === 1 ? parts[0]! : parts.join('');
    parts = [];
    partsLen = 0;
    if (text === '') return;
    if (text.indexOf('\u0000') >= 0) {
      nul = true;
      return;
    }
    if (delimiter === null) {
      const head = text.slice(0, SNIFF_BYTES);
      delimiter = sniffDelimiter(head);
      const nl = text.indexOf('\n');
      newline = decideNewline(head, nl, nl > 0 && text.charCodeAt(nl - 1) === 13);
      fast = delimiter !== 'whitespace' && newline !== null;
    }
    if (delimiter === 'whitespace') {
      const cut = final ? text.length : text.lastIndexOf('\n') + 1;
      parseDelimited(text.slice(0, cut), 'whitespace', (row) => builder.pushRow(row));
      addText(text.slice(cut));
      return;
    }
    if (fast && newline !== null) {
      const r = builder.pushDelimitedText(text, delimiter, newline, final);
      text = text.slice(r.consumed);
      if (r.regular) {
        addText(text);
        return;
      }
      fast = false;
    }
    if (final) {
      papaPiece(text);
      return;
    }
    const { cut } = lastRowBoundary(text, false, newline === '\r' ? '\r' : '\n');
    if (cut > 0) {
      papaPiece(text.slice(0, cut));
      text = text.slice(cut);
    }
    addText(text);
  };

  if (!read && (partsLen >= PIECE_CHARS || done)) flush(done);
  while (!read && !done && !nul) {
    if (opts.isCancelled()) throw abortError('The load was cancelled.');
    const chunk = await readChunk(reader, fileName);
    if (chunk === null) {
      addText(decode(undefined, false));
      flush(true);
      break;
    }
    addText(decode(chunk, true));
    if (partsLen >= PIECE_CHARS) {
      flush(false);
      progress('parsing', builder.rowCount);
    }
  }
  if (nul) {
    await reader.cancel().catch(() => undefined);
    failNul(fileName);
  }
  if (!sawText || !builder.hasHeader) fail({ code: 'empty-file', fileName, why: 'no-text' });
  return finishTable(
    builder,
    { fileName, byteLength: total, delimiter: delimiter ?? ',', encoding },
    (rows) => progress('typing', rows),
  );
}
