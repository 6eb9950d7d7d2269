/**
 * Messages between the hash client (main thread) and the hash worker: the SHA-256 of a file, which a
 * recorded run keeps to recognise its input. Every request carries an `id`; the worker answers with
 * exactly one `result` (lowercase hex) or `error` for that id.
 */
import type { Responses } from '../rpc/standard';

export interface HashRequest {
  readonly id: number;
  readonly type: 'sha256';
  readonly blob: Blob;
}

export type HashResponse = Responses<never, string>;
