/**
 * Reads a large delimited file with two parse workers (nested workers of the data worker): the
 * data worker keeps reading (and gunzipping) the bytes, cuts them into ~4 MB pieces at line ends,
 * hands each piece to the less busy parse worker and merges the pieces back IN FILE ORDER
 * (src/core/ingest/pieces.ts explains why the result is the single pass's, whatever the cuts).
 * Returns 'irregular' when the file needs the single-pass reader (papaparse's reading of malformed
 * quotes, rows adding columns) and the caller starts over with it.
 */
import {
  lastLineEnd,
  PieceMerger,
  type PieceJob,
  type PieceOutcome,
  type PiecePlan,
} from '../../core/ingest/pieces';

/**
 * Something that reads pieces: a parse worker, or (tests) a function in this thread. A worker takes
 * the job's bytes (transferred) and gives them back with the outcome (they are needed again when
 * the piece did not begin at a row start).
 */
export interface PieceParser {
  parse(job: PieceJob): Promise<{ readonly out: PieceOutcome; readonly bytes: Uint8Array }>;
  terminate(): void;
}

/** `n` nested parse workers. */
export function spawnWorkerParsers(n: number): PieceParser[] {
  return Array.from({ length: n }, () => {
    const worker = new Worker(new URL('./parse.worker.ts', import.meta.url), { type: 'module' });
    type Reply = { out: PieceOutcome; bytes: Uint8Array };
    const pending = new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void }>();
    let nextId = 0;
    const failAll = (e: Error): void => {
      for (const p of pending.values()) p.reject(e);
      pending.clear();
    };
    worker.onmessage = (ev: MessageEvent<{ id: number } & Reply>) => {
      const p = pending.get(ev.data.id);
      pending.delete(ev.data.id);
      p?.resolve(ev.data);
    };
    worker.onerror = (ev: ErrorEvent) => {
      ev.preventDefault();
      failAll(new Error(`parse worker failed: ${ev.message || 'no details'}`));
    };
    return {
      parse: (job) =>
        new Promise<Reply>((resolve, reject) => {
          const id = nextId++;
          pending.set(id, { resolve, reject });
          // the bytes are a buffer of their own (see `cut`)
          worker.postMessage({ id, job }, [job.bytes.buffer as ArrayBuffer]);
        }),
      terminate: () => {
        worker.terminate();
        failAll(new Error('parse worker terminated'));
      },
    };
  });
}

export interface PieceReadInput {
  /** The bytes read so far from the start of the file (the decoded sample the plan came from). */
  readonly head: Uint8Array;
  /** The next bytes of the file, null at its end (read errors are thrown). */
  readonly next: () => Promise<Uint8Array | null>;
  readonly plan: PiecePlan;
  readonly encoding: string;
  readonly fatal: boolean;
  readonly previewRows: number;
  /** Bytes per piece (a piece is cut at the last line end once this many bytes are waiting). */
  readonly pieceBytes: number;
  readonly parsers: readonly PieceParser[];
  /** Data rows merged so far (progress). */
  readonly onRows: (rows: number) => void;
  readonly isCancelled: () => boolean;
}

export type PieceReadResult =
  | { readonly kind: 'merged'; readonly merger: PieceMerger }
  | { readonly kind: 'irregular' | 'bad-text' | 'nul' | 'cancelled' }
  /** A parse worker failed (crashed): the caller reads the file in one pass. */
  | { readonly kind: 'failed'; readonly error: unknown };

interface Slot {
  bytes: Uint8Array;
  readonly last: boolean;
  outcome: PieceOutcome | null;
}

const EMPTY = new Uint8Array(0);

/** The parts joined into one new array of `len` bytes. */
export function concat(parts: readonly Uint8Array[], len: number): Uint8Array {
  const out = new Uint8Array(len);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.byteLength;
  }
  return out;
}

/** Reads the file in pieces on the parsers and merges them (see the module comment). */
export async function readInPieces(inp: PieceReadInput): Promise<PieceReadResult> {
  const { plan } = inp;
  const merger = new PieceMerger(inp.previewRows);
  const slots: Slot[] = [];
  const load = inp.parsers.map(() => 0);
  let merged = 0; // pieces merged
  // unread bytes at the end of the last merged piece: they begin the row the next piece continues
  let carry: Uint8Array | null = null;
  let failure: PieceReadResult | null = null;
  let wake: (() => void) | null = null;
  const notify = (): void => {
    const w = wake;
    wake = null;
    w?.();
  };

  const dispatch = (i: number): void => {
    const slot = slots[i]!;
    let w = 0;
    for (let k = 1; k < load.length; k++) if (load[k]! < load[w]!) w = k;
    const n = slot.bytes.length + 1;
    load[w]! += n;
    inp.parsers[w]!.parse({
      bytes: slot.bytes,
      encoding: inp.encoding,
      fatal: inp.fatal,
      first: i === 0,
      last: slot.last,
      delimiter: plan.delimiter,
      newline: plan.newline,
      headerWidth: plan.headerWidth,
      previewRows: inp.previewRows,
    }).then(
      ({ out, bytes }) => {
        load[w]! -= n;
        slot.bytes = bytes;
        slot.outcome = out;
        drain();
        notify();
      },
      (e: unknown) => {
        load[w]! -= n;
        failure ??= { kind: 'failed', error: e };
        notify();
      },
    );
  };

  /** Merges the pieces that are back, in order; re-reads a piece that did not begin at a row start. */
  const drain = (): void => {
    while (failure === null && merged < slots.length) {
      const slot = slots[merged]!;
      if (slot.outcome === null) return;
      if (carry !== null) {
        // read from inside the previous piece's unfinished last row: read again with that row's start
        slot.bytes = concat([carry, slot.bytes], carry.length + slot.bytes.length);
        slot.outcome = null;
        carry = null;
        dispatch(merged);
        return;
      }
      const o = slot.outcome;
      if (o.kind !== 'piece') {
        failure = { kind: o.kind };
        return;
      }
      merger.add(o.piece);
      if (o.restBytes > 0) {
        if (slot.last) {
          failure = { kind: 'irregular' };
          return;
        }
        carry = slot.bytes.subarray(slot.bytes.length - o.restBytes);
      }
      slot.bytes = EMPTY;
      slot.outcome = null;
      merged++;
      inp.onRows(merger.rowCount);
    }
  };

  const add = (bytes: Uint8Array, last: boolean): void => {
    let b = bytes;
    if (carry !== null && merged === slots.length) {
      // the previous piece is merged and left a row unfinished: this piece continues it
      b = concat([carry, b], carry.length + b.length);
      carry = null;
    }
    slots.push({ bytes: b, last, outcome: null });
    dispatch(slots.length - 1);
  };

  let pending: Uint8Array[] = [];
  let pendingLen = 0;
  /** Makes a piece of the waiting bytes up to their last line end (all of them when `final`). */
  const cut = (final: boolean): void => {
    // the chunk holding the last line end, and the offset after it
    let c = pending.length - 1;
    let at = final ? (pending[c]?.length ?? 0) : 0;
    if (!final) {
      for (; c >= 0; c--) {
        at = lastLineEnd(pending[c]!, plan.newline);
        if (at > 0) break;
        // CR LF split across two chunks
        if (plan.newline === '\r\n' && c > 0 && pending[c]![0] === 10 && pending[c - 1]!.at(-1) === 13) {
          at = 1;
          break;
        }
      }
      if (c < 0) return; // no line end yet: read on
    }
    let len = at;
    for (let k = 0; k < c; k++) len += pending[k]!.length;
    // one copy into a buffer of the piece's own (transferred to a parse worker)
    const piece = new Uint8Array(len);
    let o = 0;
    for (let k = 0; k < c; k++) {
      piece.set(pending[k]!, o);
      o += pending[k]!.length;
    }
    if (c >= 0) piece.set(pending[c]!.subarray(0, at), o);
    add(piece, final);
    const rest = c >= 0 ? pending[c]!.subarray(at) : new Uint8Array(0);
    pending = [rest, ...pending.slice(c + 1)];
    pendingLen = pending.reduce((a, p) => a + p.length, 0);
  };

  /** Queues bytes read, in views of at most a piece, cutting pieces as they fill up. */
  const take = (chunk: Uint8Array): void => {
    for (let o = 0; o < chunk.length; o += inp.pieceBytes) {
      const part = chunk.subarray(o, o + inp.pieceBytes);
      pending.push(part);
      pendingLen += part.length;
      if (pendingLen >= inp.pieceBytes) cut(false);
    }
  };
  take(inp.head);
  for (;;) {
    if (inp.isCancelled()) return { kind: 'cancelled' };
    if (failure !== null) return failure;
    const chunk = await inp.next();
    if (chunk === null) break;
    take(chunk);
  }
  cut(true);
  while (failure === null && merged < slots.length) {
    if (inp.isCancelled()) return { kind: 'cancelled' };
    await new Promise<void>((resolve) => {
      wake = resolve;
      setTimeout(resolve, 50);
    });
  }
  return failure ?? { kind: 'merged', merger };
}
