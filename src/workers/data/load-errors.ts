/**
 * The errors of load-file.ts and load-pieces.ts (coded UserFacingErrors and internal signals), and the
 * checks both reading paths end with (`finishTable`).
 */
import type { RawTable, TablePreview } from '../../core/ingest/types';
import type { FileFacts } from '../../core/ingest/table-builder';
import { UserFacingError, type AppErrorData } from '../../core/errors';

/** Text that began as UTF-8 turned out not to be: the file is read again as windows-1252. */
export class InvalidUtf8 extends Error {}

/** The pieces could not be read as the single pass reads them: read the file again in one pass. */
export class ReadAgain extends Error {}

export { abortError } from '../rpc/abort';

export function fail(facts: AppErrorData): never {
  throw new UserFacingError(facts);
}

export function failNul(fileName: string): never {
  fail({ code: 'binary-file', fileName, why: 'nul' });
}

/** What both reading paths end with: the table builder (single pass) or the piece merger (parse workers). */
interface ReadRows {
  readonly rowCount: number;
  build(facts: FileFacts): RawTable;
  tablePreview(): TablePreview;
}

/**
 * The end of a read: a header without rows, or a single column, is refused; otherwise `typing` is told
 * the row count and the table is built, with its preview.
 */
export function finishTable(
  rows: ReadRows,
  facts: FileFacts,
  typing: (rows: number) => void,
): { table: RawTable; preview: TablePreview } {
  if (rows.rowCount === 0) fail({ code: 'header-only', fileName: facts.fileName });
  typing(rows.rowCount);
  const table = rows.build(facts);
  if (table.columns.length < 2)
    fail({ code: 'no-usable-columns', fileName: facts.fileName, column: table.columns[0]?.name ?? '' });
  return { table, preview: rows.tablePreview() };
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
    fail({ code: 'bad-gzip', fileName, why: 'truncated' });
  }
}
