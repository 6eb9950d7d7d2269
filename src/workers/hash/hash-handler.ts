/**
 * The hash worker's work, as a plain function (tested in Node without a worker). WebCrypto's digest
 * runs on the calling thread in Chromium (108 ms for 53 MB measured on this machine), so files are
 * hashed here, off the page's main thread.
 */
import { toWireError } from '../rpc/wire-error';
import type { HashRequest, HashResponse } from './protocol';

/** Lowercase hex of a digest. */
export function hex(digest: ArrayBuffer): string {
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

export async function sha256Hex(blob: Blob): Promise<string> {
  return hex(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer()));
}

export async function handleHashRequest(req: HashRequest, post: (m: HashResponse) => void): Promise<void> {
  try {
    post({ id: req.id, type: 'result', result: await sha256Hex(req.blob) });
  } catch (e) {
    post({ id: req.id, type: 'error', error: toWireError(e, 'hash-failed') });
  }
}
