/** The hash worker: one request type, answered by hash-handler.ts. */
import { handleHashRequest } from './hash-handler';
import type { HashRequest, HashResponse } from './protocol';

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<HashRequest>) => void) | null;
  postMessage(message: HashResponse): void;
};

scope.onmessage = (e) => void handleHashRequest(e.data, (m) => scope.postMessage(m));
