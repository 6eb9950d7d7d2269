/**
 * Worker-side streaming load of a delimited file: Blob → (gunzip when the first bytes are 1f 8b) →
 * TextDecoder (detected encoding) → pieces cut at the last row boundary outside quotes → papaparse
 * (`header: false`, `step`) or the core whitespace splitter → dictionary-encoded RawTable.
 * The loop awaits the stream between pieces, so progress messages go out and cancellation is seen.
 */
import Papa from 'papaparse';
import type { RawTable, TablePreview } from '../../core/types';
import { UserFacingError } from '../../core/types';
import { detectEncoding, isGzip } from '../../core/ingest/encoding';
import { lastRowBoundary, parseDelimited, sniffDelimiter, type Delimiter } from '../../core/ingest/delimited';
import { RawTableBuilder } from '../../core/ingest/table-builder';
import type { LoadProgress } from './protocol';

const SNIFF_BYTES = 65_536;
const PIECE_CHARS = 1 << 20;

export interface LoadOptions {
  readonly encoding?: string;
  readonly onProgress: (p: LoadProgress) => void;
  readonly isCancelled: () => boolean;
}

export interface LoadedFile {
  readonly table: RawTable;
  readonly preview: TablePreview;
}

class InvalidUtf8 extends Error {}

export function abortError(): Error {
  const e = new Error('The load was cancelled.');
  e.name = 'AbortError';
  return e;
}

/** Loads a file, retrying once as windows-1252 when text that began as UTF-8 turns out not to be. */
export async function loadFile(file: Blob, fileName: string, opts: LoadOptions): Promise<LoadedFile> {
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

async function loadOnce(file: Blob, fileName: string, opts: LoadOptions, forcedEncoding: string | undefined): Promise<LoadedFile> {
  const total = file.size;
  if (total === 0) fail('empty-file', `"${fileName}" is empty (0 bytes). Choose the file again or export it anew from your spreadsheet.`);
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
  if (gz) stream = stream.pipeThrough(new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>);
  const reader = stream.getReader();

  const progress = (stage: LoadProgress['stage'], rows: number): void => opts.onProgress({ stage, bytesDone, bytesTotal: total, rows });
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
    fail('bad-gzip', `"${fileName}" looks gzip-compressed but could not be decompressed. Check the file is complete, or unzip it and load the .csv.`);
  }
  const sample = concat(first, firstLen);
  if (firstLen === 0) fail('empty-file', `"${fileName}" is empty after decompression. Choose the file again.`);
  const guess = detectEncoding(sample.subarray(0, SNIFF_BYTES), done);
  if (!forcedEncoding && guess.binary) {
    fail('binary-file', `"${fileName}" is not a text file (it looks like a spreadsheet workbook or other binary file). Open it in your spreadsheet program and save it as CSV, then load the CSV.`);
  }
  const encoding = forcedEncoding ?? guess.encoding;
  const strict = !forcedEncoding && encoding === 'utf-8';
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(encoding, { fatal: strict });
  } catch {
    fail('bad-encoding', `The text encoding "${encoding}" is not supported by this browser. Choose another encoding for "${fileName}".`);
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
  let pending = decode(sample, !done);
  let sawText = pending.trim() !== '';
  let nul = false;

  const parsePiece = (text: string): void => {
    if (text === '') return;
    if (text.indexOf('\u0000') >= 0) nul = true;
    if (delimiter === null) {
      delimiter = sniffDelimiter(text.slice(0, SNIFF_BYTES));
      const nl = text.indexOf('\n');
      newline = nl > 0 && text.charCodeAt(nl - 1) === 13 ? '\r\n' : nl >= 0 ? '\n' : null;
    }
    if (delimiter === 'whitespace') {
      parseDelimited(text, 'whitespace', (row) => builder.pushRow(row));
      return;
    }
    Papa.parse<string[]>(text, {
      delimiter,
      ...(newline === null ? {} : { newline }),
      header: false,
      dynamicTyping: false,
      // 'greedy' joins and trims every row (10% of parse time); blank rows are skipped by the builder.
      skipEmptyLines: true,
      step: (r) => builder.pushRow(r.data),
    });
  };

  const flushComplete = (): void => {
    const { cut } = lastRowBoundary(pending, false);
    if (cut <= 0) return;
    parsePiece(pending.slice(0, cut));
    pending = pending.slice(cut);
  };

  if (pending.length >= PIECE_CHARS || done) flushComplete();
  while (!done) {
    if (opts.isCancelled()) throw abortError();
    let r: ReadableStreamReadResult<Uint8Array>;
    try {
      r = await reader.read();
    } catch {
      fail('bad-gzip', `"${fileName}" could not be read to the end (the compressed data is damaged or the file was truncated). Download or export it again.`);
    }
    if (r.done) break;
    pending += decode(r.value, true);
    if (!sawText && pending.trim() !== '') sawText = true;
    if (pending.length >= PIECE_CHARS) {
      flushComplete();
      progress('parsing', builder.rowCount);
      if (nul) break;
    }
  }
  if (!nul) {
    pending += decode(undefined, false);
    parsePiece(pending);
  }
  pending = '';
  if (nul) {
    await reader.cancel().catch(() => undefined);
    fail('binary-file', `"${fileName}" contains NUL bytes, so it is not a text CSV (perhaps a workbook renamed .csv). Save it as CSV from your spreadsheet program and load that.`);
  }
  if (!sawText || !builder.hasHeader) fail('empty-file', `"${fileName}" has no text in it. Choose the file again or export it anew.`);
  if (builder.rowCount === 0) {
    fail('header-only', `"${fileName}" has a header row but no data rows. Export the sheet again with its data.`);
  }
  progress('typing', builder.rowCount);
  const table = builder.build({ fileName, byteLength: total, delimiter: delimiter ?? ',', encoding });
  if (table.columns.length < 2) {
    fail('no-usable-columns', `"${fileName}" was read as a single column ("${table.columns[0]?.name ?? ''}"), so the columns could not be told apart. Save it as CSV with commas, semicolons or tabs between columns.`);
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
