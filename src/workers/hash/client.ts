/**
 * The SHA-256 of a file, computed in a worker over the one worker link (src/workers/rpc): the Blob is
 * passed by reference, read and digested there. One worker, made on first use. Where there is no
 * Worker (Node tests) the digest is computed in place.
 */
import { createLink, type WorkerLike } from '../rpc/link';
import { standardReader } from '../rpc/standard';
import { sha256Hex } from './hash-handler';
import { fromWireError } from '../rpc/wire-error';
import type { HashRequest, HashResponse } from './protocol';

const cancelled = () => fromWireError({ name: 'Error', code: 'cancelled', message: 'cancelled' });

let link: ReturnType<typeof createLink<HashRequest, HashResponse>> | null = null;

export function sha256Of(blob: Blob): Promise<string> {
  if (typeof Worker === 'undefined') return sha256Hex(blob);
  link ??= createLink<HashRequest, HashResponse>({
    create: () =>
      new Worker(new URL('./hash.worker.ts', import.meta.url), {
        type: 'module',
        name: 'hash',
      }) as unknown as WorkerLike<HashRequest, HashResponse>,
    read: standardReader<HashResponse, never>(() => undefined as never),
    errors: {
      crashed: (detail) => fromWireError({ name: 'Error', code: 'hash-crashed', message: detail }),
      interrupted: cancelled,
      disposed: cancelled,
    },
  });
  return link.call<string>(() => [{ type: 'sha256', blob }], { resend: true });
}
