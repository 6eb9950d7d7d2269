/**
 * The workbook path of the data worker's loader: an Excel .xlsx file (a ZIP package, first bytes
 * 'PK\x03\x04') → one worksheet's rows as text (src/workers/xlsx/read-workbook.ts) → the same
 * dictionary-encoded RawTable the CSV path builds (RawTableBuilder.pushRow: header = first non-blank
 * row, cells trimmed, blank rows skipped, ragged rows counted). Dates with a date style arrive as
 * 'YYYY-MM-DD HH:MM:SS' and numbers as their shortest round-trip decimal, so a workbook and the CSV
 * it was saved from give equal tables. The table's `delimiter` and `encoding` are both 'xlsx'.
 *
 * An Excel 97–2003 .xls (OLE2 compound file, first bytes D0 CF 11 E0 A1 B1 1A E1) is routed here too,
 * so the user gets the reader's "save it as .xlsx or CSV" message instead of "not a text file".
 *
 * Progress: `bytesDone` counts the compressed bytes of the package processed so far (shared strings,
 * then the sheet) against the file size; `rows` the data rows read; messages at most every ~50 ms.
 * Cancellation: `isCancelled` is polled after every row and slice (the reader yields to the event loop
 * about every 50 ms, so the worker sees the cancel message); a stopped read rejects with AbortError.
 *
 * Sheet choice: `sheet` names the worksheet (exact, else case-insensitive). Without it the first
 * visible worksheet is read; when that sheet holds no table (empty, a header only, or one column, like
 * a cover or notes sheet) the following worksheets are tried in tab order (visible ones first) and the
 * first that holds a table is loaded; the result names it and lists all worksheets so the user can
 * switch. When none does, the first sheet's error is reported.
 */
import type { AppErrorData } from '../../core/errors';
import type { RawTable, TablePreview } from '../../core/ingest/types';
import { UserFacingError } from '../../core/errors';
import { RawTableBuilder } from '../../core/ingest/table-builder';
import { looksLikeOle2, looksLikeZip } from '../../core/xlsx/zip-directory';
import { describeSheets, readWorkbook } from '../xlsx/read-workbook';
import type { LoadProgress } from './protocol';
import { abortError } from '../rpc/abort';

/** The label used as the RawTable's delimiter and encoding for a workbook. */
export const WORKBOOK_LABEL = 'xlsx';

const PROGRESS_MS = 50;

export interface LoadWorkbookOptions {
  /** Worksheet to read (exact name, else case-insensitive); default: see the module comment. */
  readonly sheet?: string;
  /** Rows above the header to skip (a title). */
  readonly skipLines?: number;
  readonly onProgress: (p: LoadProgress) => void;
  readonly isCancelled: () => boolean;
}

export interface LoadedWorkbook {
  readonly table: RawTable;
  readonly preview: TablePreview;
  /** Worksheet names in tab order (hidden sheets included, chart sheets not). */
  readonly sheets: readonly string[];
  /** The worksheet that was read. */
  readonly sheet: string;
}

/** True when the first bytes are those of a ZIP package (.xlsx) or an OLE2 file (.xls). */
export function looksLikeWorkbook(head: Uint8Array): boolean {
  return looksLikeZip(head) || looksLikeOle2(head);
}

/** Reads the first 8 bytes of a Blob and tells whether it should take the workbook path. */
export async function isWorkbookFile(file: Blob): Promise<boolean> {
  if (file.size < 4) return false;
  return looksLikeWorkbook(new Uint8Array(await file.slice(0, 8).arrayBuffer()));
}

/** Codes after which, with no sheet asked for, the next worksheet is tried. */
const TRY_NEXT = new Set(['xlsx-empty-sheet', 'header-only', 'no-usable-columns']);

/**
 * Loads one worksheet of an .xlsx Blob into a RawTable (see the module comment). Rejects with a
 * UserFacingError naming the file and sheet (the reader's xlsx-* codes; 'header-only',
 * 'no-usable-columns'), or with an Error named 'AbortError' when cancelled.
 */
export async function loadWorkbook(
  file: Blob,
  fileName: string,
  opts: LoadWorkbookOptions,
): Promise<LoadedWorkbook> {
  try {
    return await loadAny(file, fileName, opts);
  } catch (e) {
    throw notTextWhenNamedSo(e, fileName);
  }
}

const WORKBOOK_NAME = /\.(xlsx|xlsm|xltx|xltm|xls|xlsb|ods|zip)$/i;

/**
 * A ZIP or OLE2 file named like text ('export.csv') that cannot be read as a workbook: says first
 * that it is not a text file, then why it could not be opened.
 */
function notTextWhenNamedSo(e: unknown, fileName: string): unknown {
  if (!(e instanceof UserFacingError) || !e.code.startsWith('xlsx-') || WORKBOOK_NAME.test(fileName))
    return e;
  return new UserFacingError({ ...e.facts, fileName, notText: true } as AppErrorData);
}

async function loadAny(file: Blob, fileName: string, opts: LoadWorkbookOptions): Promise<LoadedWorkbook> {
  const total = file.size;
  opts.onProgress({ stage: 'reading', bytesDone: 0, bytesTotal: total, rows: 0 });
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (opts.isCancelled()) throw abortError('The load was cancelled.');
  if (opts.sheet !== undefined) return loadSheet(bytes, total, fileName, opts.sheet, opts);

  // Default: the first visible worksheet, then the others in tab order while they hold no table.
  const all = describeSheets(bytes, fileName);
  const order = [...all.filter((s) => !s.hidden), ...all.filter((s) => s.hidden)].map((s) => s.name);
  let first: unknown = null;
  for (const name of order.length > 0 ? order : [undefined]) {
    try {
      return await loadSheet(bytes, total, fileName, name, opts);
    } catch (e) {
      if (!(e instanceof UserFacingError) || !TRY_NEXT.has(e.code)) throw e;
      first ??= e;
    }
  }
  throw first;
}

async function loadSheet(
  bytes: Uint8Array,
  total: number,
  fileName: string,
  sheet: string | undefined,
  opts: LoadWorkbookOptions,
): Promise<LoadedWorkbook> {
  const builder = new RawTableBuilder(20);
  if (opts.skipLines) builder.skipLines(opts.skipLines);
  let bytesDone = 0;
  let last = 0;
  const send = (stage: LoadProgress['stage']): void => {
    opts.onProgress({ stage, bytesDone, bytesTotal: total, rows: builder.rowCount });
  };
  const res = await readWorkbook(bytes, {
    fileName,
    sheet,
    onRow: (cells) => builder.pushRow(cells),
    onProgress: (done) => {
      bytesDone = done;
      const now = Date.now();
      if (now - last >= PROGRESS_MS) {
        last = now;
        send('parsing');
      }
    },
    shouldStop: opts.isCancelled,
  });
  if (res.stopped) throw abortError('The load was cancelled.');
  const where = { fileName, sheet: res.sheet, otherSheets: res.sheets.filter((s) => s !== res.sheet) };
  if (builder.rowCount === 0) throw new UserFacingError({ code: 'header-only', ...where });
  send('typing');
  const table = builder.build({
    fileName,
    byteLength: total,
    delimiter: WORKBOOK_LABEL,
    encoding: WORKBOOK_LABEL,
  });
  if (table.columns.length < 2) {
    throw new UserFacingError({ code: 'no-usable-columns', ...where, column: table.columns[0]?.name ?? '' });
  }
  return { table, preview: builder.tablePreview(), sheets: res.sheets, sheet: res.sheet };
}
