/**
 * Reads one sheet of an .xlsx workbook held in memory and delivers its rows as text cells, for the
 * same pipeline that reads CSV files. Runs in the data worker (or in Node for tests and scripts).
 *
 * How: the ZIP central directory is read first (src/core/xlsx/zip-directory.ts), then only the parts
 * needed are inflated, each as a stream: fflate's `Inflate` gets 64 KiB slices of compressed bytes,
 * a streaming TextDecoder turns its output into text pieces, and the pure parsers in src/core/xlsx
 * consume the pieces. The sheet XML of the 541,909-row Online Retail workbook (165 MB of text) is
 * never one string; memory is the input bytes, the shared-string table and the caller's rows.
 *
 * fflate's streaming `Unzip` is not used: it finds entries by scanning local headers front to back,
 * which (a) cannot read entries written with data descriptors reliably (fflate issues #208, #243:
 * a signature inside compressed bytes ends the entry early) and (b) delivers parts in archive order,
 * while Excel stores sharedStrings.xml after the sheets. With the whole file in memory the central
 * directory gives true sizes and random access.
 */
import { Inflate } from 'fflate';
import { UserFacingError, type AppErrorData } from '../../core/errors';
import { SheetRowParser } from '../../core/xlsx/sheet-rows';
import {
  parseRelationships,
  parseStyles,
  parseWorkbook,
  relsPathOf,
  SharedStringsParser,
  type Relationship,
  type WorkbookInfo,
} from '../../core/xlsx/workbook-parts';
import { looksLikeOle2, looksLikeZip, readZipDirectory, type ZipEntry } from '../../core/xlsx/zip-directory';

export interface ReadWorkbookOptions {
  /** Used to name the file in error messages ('"orders.xlsx": This workbook is encrypted. …'). */
  readonly fileName?: string | undefined;
  /** Sheet name (exact, else case-insensitive); default: the first visible worksheet. */
  readonly sheet?: string | undefined;
  /** Bytes of the file processed so far and the file size; called per 64 KiB slice and at the end. */
  readonly onProgress?: ((done: number, total: number) => void) | undefined;
  /**
   * One non-blank row as text: the first call is the header row; `sheetRow` is the 1-based row number
   * Excel shows (blank rows are skipped, so it can jump).
   */
  readonly onRow: (cells: string[], sheetRow: number) => void;
  /** Polled after every row; when it returns true reading stops and the promise resolves with `stopped`. */
  readonly shouldStop?: (() => boolean) | undefined;
}

export interface ReadWorkbookResult {
  /** Worksheet names in tab order (chart sheets excluded; hidden sheets included). */
  readonly sheets: string[];
  /** The sheet that was read. */
  readonly sheet: string;
  /** Data rows delivered after the header (541,909 for the UCI workbook). */
  readonly rows: number;
  /** Sheet row number of the header (1 unless blank rows precede it; 0 for an empty sheet). */
  readonly headerRow: number;
  /** True when `shouldStop` ended the read early. */
  readonly stopped: boolean;
  /** The workbook uses the 1904 date system (dates were converted accordingly). */
  readonly date1904: boolean;
}

export interface WorkbookSheet {
  readonly name: string;
  readonly hidden: boolean;
}

const SLICE = 65536;

interface Pkg {
  readonly bytes: Uint8Array;
  readonly entries: Map<string, ZipEntry>;
}

function openPackage(bytes: Uint8Array): Pkg {
  if (looksLikeOle2(bytes)) {
    throw new UserFacingError({ code: 'xlsx-old-format' });
  }
  if (!looksLikeZip(bytes)) {
    throw new UserFacingError({ code: 'xlsx-not-workbook', why: 'not-xlsx' });
  }
  const entries = new Map<string, ZipEntry>();
  for (const e of readZipDirectory(bytes)) entries.set(e.name.replace(/^\//, '').toLowerCase(), e);
  return { bytes, entries };
}

function entryOf(pkg: Pkg, name: string): ZipEntry | undefined {
  return pkg.entries.get(name.replace(/^\//, '').toLowerCase());
}

function checkReadable(e: ZipEntry): void {
  if (e.encrypted) {
    throw new UserFacingError({ code: 'xlsx-encrypted' });
  }
  if (e.method !== 0 && e.method !== 8) {
    throw new UserFacingError({ code: 'xlsx-corrupt', why: 'zip-method', method: e.method });
  }
}

function makeDecoder(head: Uint8Array): TextDecoder {
  if (head[0] === 0xff && head[1] === 0xfe) return new TextDecoder('utf-16le');
  if (head[0] === 0xfe && head[1] === 0xff) return new TextDecoder('utf-16be');
  return new TextDecoder('utf-8');
}

/** Where a read of the package broke: a part while inflating it, or a sheet while parsing it. */
type Damage =
  | { readonly why: 'damaged-part'; readonly part: string }
  | {
      readonly why: 'damaged-sheet';
      readonly sheet: string;
      readonly offset: number;
      readonly length: number;
    };

/** What a failed read throws: a coded error as it is, anything else as xlsx-corrupt saying where. */
function damaged(err: unknown, where: Damage): UserFacingError {
  if (err instanceof UserFacingError) return err;
  return new UserFacingError({
    code: 'xlsx-corrupt',
    ...where,
    detail: err instanceof Error ? err.message : String(err),
  });
}

/**
 * Inflates one entry in slices and hands its text to `onText` piece by piece (the last call has
 * `final` true). `afterSlice` runs after each compressed slice with its byte count and returns false
 * to stop early.
 */
function streamEntryText(
  pkg: Pkg,
  e: ZipEntry,
  onText: (text: string, final: boolean) => void,
  afterSlice: (compressedBytes: number) => boolean,
): void {
  checkReadable(e);
  let decoder: TextDecoder | null = null;
  const onData = (data: Uint8Array): void => {
    if (data.length === 0) return;
    decoder ??= makeDecoder(data);
    const text = decoder.decode(data, { stream: true });
    if (text !== '') onText(text, false);
  };
  const src = pkg.bytes.subarray(e.dataStart, e.dataStart + e.compressedSize);
  const inflate = e.method === 8 ? new Inflate((data) => onData(data)) : null;
  try {
    if (src.length === 0 && inflate) inflate.push(new Uint8Array(0), true);
    for (let off = 0; off < src.length; off += SLICE) {
      const piece = src.subarray(off, Math.min(src.length, off + SLICE));
      const last = off + SLICE >= src.length;
      if (inflate) inflate.push(piece, last);
      else onData(piece);
      if (!afterSlice(piece.length)) return;
    }
  } catch (err) {
    throw damaged(err, { why: 'damaged-part', part: e.name });
  }
  const tail = decoder === null ? '' : (decoder as TextDecoder).decode();
  onText(tail, true);
}

function readPartText(pkg: Pkg, name: string): string | null {
  const e = entryOf(pkg, name);
  if (!e) return null;
  const parts: string[] = [];
  streamEntryText(
    pkg,
    e,
    (t) => parts.push(t),
    () => true,
  );
  return parts.join('');
}

interface WorkbookModel {
  readonly workbookPart: string;
  readonly info: WorkbookInfo;
  readonly rels: readonly Relationship[];
  /** Worksheets in tab order with their part names. */
  readonly worksheets: readonly { name: string; hidden: boolean; part: string }[];
}

function relTypeIs(r: Relationship, kind: string): boolean {
  return r.type.endsWith(`/${kind}`);
}

function loadModel(pkg: Pkg): WorkbookModel {
  let workbookPart = 'xl/workbook.xml';
  const rootRels = readPartText(pkg, '_rels/.rels');
  if (rootRels !== null) {
    const doc = parseRelationships(rootRels, '').find((r) => relTypeIs(r, 'officeDocument') && !r.external);
    if (doc) workbookPart = doc.target;
  }
  const wbXml = readPartText(pkg, workbookPart);
  if (wbXml === null) {
    if (entryOf(pkg, 'xl/workbook.bin')) {
      throw new UserFacingError({ code: 'xlsx-binary' });
    }
    if (entryOf(pkg, 'content.xml')) {
      throw new UserFacingError({ code: 'xlsx-ods' });
    }
    throw new UserFacingError({ code: 'xlsx-not-workbook', why: 'no-workbook-xml' });
  }
  const info = parseWorkbook(wbXml);
  const relsXml = readPartText(pkg, relsPathOf(workbookPart));
  const rels = relsXml === null ? [] : parseRelationships(relsXml, workbookPart);
  const byId = new Map(rels.map((r) => [r.id, r]));
  const worksheets: { name: string; hidden: boolean; part: string }[] = [];
  info.sheets.forEach((s, i) => {
    const rel = byId.get(s.relId);
    if (rel) {
      if (relTypeIs(rel, 'worksheet') && !rel.external)
        worksheets.push({ name: s.name, hidden: s.state !== 'visible', part: rel.target });
      return;
    }
    // No relationship part: fall back to Excel's default naming when that part exists.
    const guess = `xl/worksheets/sheet${i + 1}.xml`;
    if (entryOf(pkg, guess)) worksheets.push({ name: s.name, hidden: s.state !== 'visible', part: guess });
  });
  return { workbookPart, info, rels, worksheets };
}

/** The worksheets of a workbook, in tab order, with whether each is hidden. */
export function describeSheets(bytes: Uint8Array, fileName?: string): WorkbookSheet[] {
  try {
    return loadModel(openPackage(bytes)).worksheets.map((s) => ({ name: s.name, hidden: s.hidden }));
  } catch (e) {
    throw named(e, fileName);
  }
}

/** Worksheet names in tab order (chart sheets excluded). Throws UserFacingError when not a workbook. */
export function listSheets(bytes: Uint8Array, fileName?: string): string[] {
  return describeSheets(bytes, fileName).map((s) => s.name);
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Reads one worksheet, delivering the header and then every non-blank row as text (see
 * src/core/xlsx/sheet-rows.ts for how each cell type becomes text). Yields to the event loop about
 * every 50 ms so a worker can receive a cancel message and `shouldStop` can see it.
 * Rejects with UserFacingError (codes xlsx-old-format, xlsx-not-workbook, xlsx-binary, xlsx-ods,
 * xlsx-encrypted, xlsx-corrupt, xlsx-no-sheet, xlsx-empty-sheet).
 */
export async function readWorkbook(
  bytes: Uint8Array,
  options: ReadWorkbookOptions,
): Promise<ReadWorkbookResult> {
  try {
    return await readSheet(bytes, options);
  } catch (e) {
    throw named(e, options.fileName);
  }
}

/** Prefixes a UserFacingError's sentence with the file name, when known. */
function named(e: unknown, fileName: string | undefined): unknown {
  if (!(e instanceof UserFacingError) || fileName === undefined || fileName === '') return e;
  return e.facts.code.startsWith('xlsx-') ? new UserFacingError({ ...e.facts, fileName } as AppErrorData) : e;
}

async function readSheet(bytes: Uint8Array, options: ReadWorkbookOptions): Promise<ReadWorkbookResult> {
  const pkg = openPackage(bytes);
  const model = loadModel(pkg);
  const names = model.worksheets.map((s) => s.name);
  if (model.worksheets.length === 0) {
    throw new UserFacingError({ code: 'xlsx-no-sheet' });
  }
  let chosen = model.worksheets.find((s) => !s.hidden) ?? model.worksheets[0]!;
  if (options.sheet !== undefined) {
    const want = options.sheet;
    const found =
      model.worksheets.find((s) => s.name === want) ??
      model.worksheets.find((s) => s.name.toLowerCase() === want.toLowerCase());
    if (!found) {
      throw new UserFacingError({ code: 'xlsx-no-sheet', want, sheets: names });
    }
    chosen = found;
  }
  const sheetEntry = entryOf(pkg, chosen.part);
  if (!sheetEntry) {
    throw new UserFacingError({
      code: 'xlsx-corrupt',
      why: 'missing-sheet',
      sheet: chosen.name,
      part: chosen.part,
    });
  }

  const total = bytes.length;
  let done = 0;
  const progress = options.onProgress;
  const report = (n: number): void => {
    done += n;
    progress?.(Math.min(done, total), total);
  };

  const stylesRel = model.rels.find((r) => relTypeIs(r, 'styles') && !r.external);
  const stylesXml = readPartText(pkg, stylesRel?.target ?? 'xl/styles.xml');
  const formatKinds = stylesXml === null ? new Uint8Array(0) : parseStyles(stylesXml);

  const sstRel = model.rels.find((r) => relTypeIs(r, 'sharedStrings') && !r.external);
  const sstEntry = entryOf(pkg, sstRel?.target ?? 'xl/sharedStrings.xml');
  const sst = new SharedStringsParser();
  let lastYield = Date.now();
  if (sstEntry) {
    streamEntryText(
      pkg,
      sstEntry,
      (t, final) => sst.push(t, final),
      (n) => {
        report(n);
        return true;
      },
    );
  }
  if (Date.now() - lastYield > 50) {
    await yieldToEventLoop();
    lastYield = Date.now();
  }

  const shouldStop = options.shouldStop;
  const onRow = options.onRow;
  const parser = new SheetRowParser(
    { sharedStrings: sst.strings, formatKinds, date1904: model.info.date1904 },
    (cells, row) => {
      onRow(cells, row);
      if (shouldStop?.()) parser.stop();
    },
  );

  // Inflate synchronously in runs of ~50 ms, yielding between runs.
  checkReadable(sheetEntry);
  const src = bytes.subarray(sheetEntry.dataStart, sheetEntry.dataStart + sheetEntry.compressedSize);
  let decoder: TextDecoder | null = null;
  const feed = (data: Uint8Array): void => {
    if (data.length === 0 || parser.isStopped) return;
    decoder ??= makeDecoder(data);
    parser.push(decoder.decode(data, { stream: true }));
  };
  const inflate = sheetEntry.method === 8 ? new Inflate((data) => feed(data)) : null;
  let off = 0;
  try {
    if (src.length === 0 && inflate) inflate.push(new Uint8Array(0), true);
    while (off < src.length && !parser.isStopped) {
      const end = Math.min(src.length, off + SLICE);
      const piece = src.subarray(off, end);
      if (inflate) inflate.push(piece, end >= src.length);
      else feed(piece);
      off = end;
      report(piece.length);
      if (shouldStop?.()) parser.stop();
      if (Date.now() - lastYield > 50) {
        await yieldToEventLoop();
        lastYield = Date.now();
        if (shouldStop?.()) parser.stop();
      }
    }
  } catch (err) {
    throw damaged(err, { why: 'damaged-sheet', sheet: chosen.name, offset: off, length: src.length });
  }
  const stopped = parser.isStopped;
  if (!stopped) {
    if (decoder !== null) parser.push((decoder as TextDecoder).decode());
    parser.finish();
    if (parser.headerRow === 0) {
      throw new UserFacingError({ code: 'xlsx-empty-sheet', sheet: chosen.name, sheets: names });
    }
  }
  progress?.(total, total);
  return {
    sheets: names,
    sheet: chosen.name,
    rows: parser.dataRows,
    headerRow: parser.headerRow,
    stopped,
    date1904: model.info.date1904,
  };
}
