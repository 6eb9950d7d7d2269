/// <reference lib="webworker" />
/**
 * Parse worker entry (a nested worker of the data worker, see parallel-load.ts): reads one piece of
 * a delimited file into its own dictionaries (`parsePiece`) and transfers the codes and bytes back.
 */
import { parsePiece, type PieceJob } from '../../core/ingest/pieces';

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (ev: MessageEvent<{ id: number; job: PieceJob }>) => {
  const { id, job } = ev.data;
  const out = parsePiece(job);
  const transfer = out.kind === 'piece' ? out.piece.columns.map((c) => c.codes.buffer as ArrayBuffer) : [];
  // the bytes go back too: the data worker reads them again if this piece began inside a row
  transfer.push(job.bytes.buffer as ArrayBuffer);
  scope.postMessage({ id, out, bytes: job.bytes }, transfer);
};
