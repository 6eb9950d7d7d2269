/** The errors of load-file.ts and load-pieces.ts (coded UserFacingErrors and internal signals). */
import type { RawTable } from '../../core/types';
import { UserFacingError } from '../../core/types';

/** Text that began as UTF-8 turned out not to be: the file is read again as windows-1252. */
export class InvalidUtf8 extends Error {}

/** The pieces could not be read as the single pass reads them: read the file again in one pass. */
export class ReadAgain extends Error {}

export function abortError(): Error {
  const e = new Error('The load was cancelled.');
  e.name = 'AbortError';
  return e;
}

export function fail(code: string, message: string): never {
  throw new UserFacingError(code, message);
}

export function failNul(fileName: string): never {
  fail(
    'binary-file',
    `"${fileName}" contains NUL bytes, so it is not a text CSV (perhaps a workbook renamed .csv). Save it as CSV from your spreadsheet program and load that.`,
  );
}

export function failHeaderOnly(fileName: string): never {
  fail(
    'header-only',
    `"${fileName}" has a header row but no data rows. Export the sheet again with its data.`,
  );
}

export function failOneColumn(fileName: string, table: RawTable): never {
  fail(
    'no-usable-columns',
    `"${fileName}" was read as a single column ("${table.columns[0]?.name ?? ''}"), so the columns could not be told apart. Save it as CSV with commas, semicolons or tabs between columns.`,
  );
}

/** The next chunk of the file's byte stream (null at its end); a stream error is a damaged file. */
export async function readChunk(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  fileName: string,
): Promise<Uint8Array | null> {
  try {
    const r = await reader.read();
    return r.done ? null : r.value;
  } catch {
    fail(
      'bad-gzip',
      `"${fileName}" could not be read to the end (the compressed data is damaged or the file was truncated). Download or export it again.`,
    );
  }
}
