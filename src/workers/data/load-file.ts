/**
 * Worker-side streaming load of a delimited file: Blob → (gunzip when the first bytes are 1f 8b) →
 * TextDecoder (detected encoding) → ~1M-character pieces joined into flat strings → the table
 * builder's own scanner (`RawTableBuilder.pushDelimitedText`, which reads rows exactly as papaparse
 * with `header: false` does and dictionary-encodes fields without making a string per field) →
 * dictionary-encoded RawTable. papaparse (`step`) stays the parser of record: the scanner hands it
 * the rest of the file, in pieces cut at the last row boundary outside quotes, at the first malformed
 * quote, and it reads files with no LF line ends. Space-aligned text goes to the core whitespace
 * splitter. The loop awaits the stream between pieces, so progress messages go out and cancellation
 * is seen.
 */
import Papa from 'papaparse';
import type { RawTable, TablePreview } from '../../core/types';
import { UserFacingError } from '../../core/types';
import { detectEncoding, isGzip } from '../../core/ingest/encoding';
import { lastRowBoundary, parseDelimited, sniffDelimiter, type Delimiter } from '../../core/ingest/delimited';
import { RawTableBuilder } from '../../core/ingest/table-builder';
import type { LoadProgress } from './protocol';
import { isWorkbookFile, loadWorkbook } from './load-workbook';

const SNIFF_BYTES = 65_536;
const PIECE_CHARS = 1 << 20;

export interface LoadOptions {
  readonly encoding?: string;
  /** Worksheet of an .xlsx workbook (ignored for text files). */
  readonly sheet?: string;
  readonly onProgress: (p: LoadProgress) => void;
  readonly isCancelled: () => boolean;
}

export interface LoadedFile {
  readonly table: RawTable;
  readonly preview: TablePreview;
  /** Workbooks only: the worksheets in tab order and the one read. */
  readonly sheets?: readonly string[];
  readonly sheet?: string;
}

class InvalidUtf8 extends Error {}

export function abortError(): Error {
  const e = new Error('The load was cancelled.');
  e.name = 'AbortError';
  return e;
}

/** Loads a file, retrying once as windows-1252 when text that began as UTF-8 turns out not to be. */
export async function loadFile(file: Blob, fileName: string, opts: LoadOptions): Promise<LoadedFile> {
  // An .xlsx (ZIP) or .xls (OLE2) by its first bytes: the workbook path (load-workbook.ts).
  if (await isWorkbookFile(file)) return loadWorkbook(file, fileName, opts);
  try {
    return await loadOnce(file, fileName, opts, opts.encoding);
  } catch (e) {
    if (e instanceof InvalidUtf8) return loadOnce(file, fileName, opts, 'windows-1252');
    throw e;
  }
}

function fail(code: string, message: string): never {
  throw new UserFacingError(code, message);
}

async function loadOnce(
  file: Blob,
  fileName: string,
  opts: LoadOptions,
  forcedEncoding: string | undefined,
): Promise<LoadedFile> {
  const total = file.size;
  if (total === 0)
    fail(
      'empty-file',
      `"${fileName}" is empty (0 bytes). Choose the file again or export it anew from your spreadsheet.`,
    );
  const head = new Uint8Array(await file.slice(0, 4).arrayBuffer());
  const gz = isGzip(head);
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
  try {
    while (firstLen < SNIFF_BYTES) {
      const r = await reader.read();
      if (r.done) {
        done = true;
        break;
      }
      first.push(r.value);
      firstLen += r.value.byteLength;
    }
  } catch {
    fail(
      'bad-gzip',
      `"${fileName}" looks gzip-compressed but could not be decompressed. Check the file is complete, or unzip it and load the .csv.`,
    );
  }
  const sample = concat(first, firstLen);
  if (firstLen === 0)
    fail('empty-file', `"${fileName}" is empty after decompression. Choose the file again.`);
  const guess = detectEncoding(sample.subarray(0, SNIFF_BYTES), done);
  if (!forcedEncoding && guess.binary) {
    fail(
      'binary-file',
      `"${fileName}" is not a text file (it looks like a spreadsheet workbook or other binary file). Open it in your spreadsheet program and save it as CSV, then load the CSV.`,
    );
  }
  const encoding = forcedEncoding ?? guess.encoding;
  const strict = !forcedEncoding && encoding === 'utf-8';
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(encoding, { fatal: strict });
  } catch {
    fail(
      'bad-encoding',
      `The text encoding "${encoding}" is not supported by this browser. Choose another encoding for "${fileName}".`,
    );
  }
  const decode = (bytes: Uint8Array | undefined, streamMore: boolean): string => {
    try {
      return bytes ? decoder.decode(bytes, { stream: streamMore }) : decoder.decode();
    } catch {
      throw new InvalidUtf8();
    }
  };

  const builder = new RawTableBuilder(20);
  let delimiter: Delimiter | null = null;
  let newline: '\n' | '\r\n' | null = null;
  // Decoded text not yet parsed, in parts; joined into one flat string per piece (the scanner reads
  // a flat string several times faster than a chain of concatenations).
  let parts: string[] = [];
  let partsLen = 0;
  let sawText = false;
  let nul = false;
  // The builder's own scanner reads rows exactly as papaparse does; at the first text it cannot
  // read so (a malformed quote) the rest of the file goes to papaparse, in pieces cut at row ends.
  let fast = true;

  const addText = (t: string): void => {
    if (t === '') return;
    if (!sawText && t.trim() !== '') sawText = true;
    parts.push(t);
    partsLen += t.length;
  };
  addText(decode(sample, !done));

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
      delimiter = sniffDelimiter(text.slice(0, SNIFF_BYTES));
      const nl = text.indexOf('\n');
      newline = nl > 0 && text.charCodeAt(nl - 1) === 13 ? '\r\n' : nl >= 0 ? '\n' : null;
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
    const { cut } = lastRowBoundary(text, false);
    if (cut > 0) {
      papaPiece(text.slice(0, cut));
      text = text.slice(cut);
    }
    addText(text);
  };

  if (partsLen >= PIECE_CHARS || done) flush(done);
  while (!done && !nul) {
    if (opts.isCancelled()) throw abortError();
    let r: ReadableStreamReadResult<Uint8Array>;
    try {
      r = await reader.read();
    } catch {
      fail(
        'bad-gzip',
        `"${fileName}" could not be read to the end (the compressed data is damaged or the file was truncated). Download or export it again.`,
      );
    }
    if (r.done) {
      addText(decode(undefined, false));
      flush(true);
      break;
    }
    addText(decode(r.value, true));
    if (partsLen >= PIECE_CHARS) {
      flush(false);
      progress('parsing', builder.rowCount);
    }
  }
  if (nul) {
    await reader.cancel().catch(() => undefined);
    fail(
      'binary-file',
      `"${fileName}" contains NUL bytes, so it is not a text CSV (perhaps a workbook renamed .csv). Save it as CSV from your spreadsheet program and load that.`,
    );
  }
  if (!sawText || !builder.hasHeader)
    fail('empty-file', `"${fileName}" has no text in it. Choose the file again or export it anew.`);
  if (builder.rowCount === 0) {
    fail(
      'header-only',
      `"${fileName}" has a header row but no data rows. Export the sheet again with its data.`,
    );
  }
  progress('typing', builder.rowCount);
  const table = builder.build({ fileName, byteLength: total, delimiter: delimiter ?? ',', encoding });
  if (table.columns.length < 2) {
    fail(
      'no-usable-columns',
      `"${fileName}" was read as a single column ("${table.columns[0]?.name ?? ''}"), so the columns could not be told apart. Save it as CSV with commas, semicolons or tabs between columns.`,
    );
  }
  return { table, preview: builder.tablePreview() };
}

function concat(parts: Uint8Array[], len: number): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(len);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.byteLength;
  }
  return out;
}
