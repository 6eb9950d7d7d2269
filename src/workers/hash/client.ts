/**
 * The SHA-256 of a file, computed in a worker over the one worker link (src/workers/rpc): the Blob is
 * passed by reference, read and digested there. One worker, made on first use. Where there is no
 * Worker (Node tests) the digest is computed in place.
 */
import { createLink, type WorkerLike } from '../rpc/link';
import { standardReader } from '../rpc/standard';
import { sha256Hex } from './hash-handler';
import type { HashRequest, HashResponse, HashWireError } from './protocol';

function fromWire(w: HashWireError): Error {
  const e = new Error(w.message) as Error & { code: string };
  e.code = w.code;
  return e;
}

let link: ReturnType<typeof createLink<HashRequest, HashResponse>> | null = null;

export function sha256Of(blob: Blob): Promise<string> {
  if (typeof Worker === 'undefined') return sha256Hex(blob);
  link ??= createLink<HashRequest, HashResponse>({
    create: () =>
      new Worker(new URL('./hash.worker.ts', import.meta.url), {
        type: 'module',
        name: 'hash',
      }) as unknown as WorkerLike<HashRequest, HashResponse>,
    read: standardReader<HashResponse, HashWireError, never>(fromWire, () => undefined as never),
    errors: {
      crashed: (detail) => fromWire({ code: 'hash-crashed', message: detail }),
      interrupted: () => fromWire({ code: 'cancelled', message: 'cancelled' }),
      disposed: () => fromWire({ code: 'cancelled', message: 'cancelled' }),
    },
  });
  return link.call<string>(() => [{ type: 'sha256', blob }], { resend: true });
}
