/** The errors of load-file.ts and load-pieces.ts (coded UserFacingErrors and internal signals). */
import type { RawTable } from '../../core/ingest/types';
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

export function failHeaderOnly(fileName: string): never {
  fail({ code: 'header-only', fileName });
}

export function failOneColumn(fileName: string, table: RawTable): never {
  fail({ code: 'no-usable-columns', fileName, column: table.columns[0]?.name ?? '' });
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
