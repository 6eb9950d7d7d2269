/** The parallel path of load-file.ts: a large file read by parse workers (parallel-load.ts). */
import { planPieces } from '../../core/ingest/pieces';
import type { LoadedFile, LoadOptions } from './load-file';
import { readInPieces, type PieceParser } from './parallel-load';
import { abortError, failNul, finishTable, InvalidUtf8, ReadAgain, readChunk } from './load-errors';

/** Bytes read before the pieces are planned (≥ 65,536 characters whatever the encoding). */
export const PLAN_BYTES = 1 << 18;
/** Bytes per piece handed to a parse worker. */
const PARALLEL_PIECE_BYTES = 4 << 20;

/**
 * The parallel path (see parallel-load.ts); null when the first bytes do not allow it (nothing read
 * beyond them then, so the single pass goes on from there).
 */
export async function loadInPieces(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  sample: Uint8Array,
  parsers: readonly PieceParser[],
  ctx: {
    fileName: string;
    total: number;
    encoding: string;
    strict: boolean;
    opts: LoadOptions;
    bytesDone: () => number;
  },
): Promise<LoadedFile | null> {
  const { fileName, total, encoding, opts } = ctx;
  let sampleText: string;
  try {
    const head = sample.subarray(0, PLAN_BYTES);
    sampleText = new TextDecoder(encoding, { fatal: ctx.strict }).decode(head, { stream: true });
  } catch {
    return null; // the single pass reports it (and the retry as windows-1252 follows)
  }
  if (sampleText.indexOf('\u0000') >= 0) return null;
  const plan = planPieces(sampleText);
  if (!plan) return null;
  const r = await readInPieces({
    head: sample,
    next: () => readChunk(reader, fileName),
    plan,
    encoding,
    fatal: ctx.strict,
    previewRows: 20,
    pieceBytes: PARALLEL_PIECE_BYTES,
    parsers,
    onRows: (rows) =>
      opts.onProgress({ stage: 'parsing', bytesDone: ctx.bytesDone(), bytesTotal: total, rows }),
    isCancelled: opts.isCancelled,
  });
  if (r.kind !== 'merged') {
    await reader.cancel().catch(() => undefined);
    if (r.kind === 'cancelled') throw abortError('The load was cancelled.');
    if (r.kind === 'bad-text') throw new InvalidUtf8();
    if (r.kind === 'nul') failNul(fileName);
    // 'irregular' (papaparse's reading needed, or a row adding columns) or a parse worker failed
    throw new ReadAgain();
  }
  return finishTable(r.merger, { fileName, byteLength: total, delimiter: plan.delimiter, encoding }, (rows) =>
    opts.onProgress({ stage: 'typing', bytesDone: ctx.bytesDone(), bytesTotal: total, rows }),
  );
}
