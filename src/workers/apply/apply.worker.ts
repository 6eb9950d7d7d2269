/** The apply worker: a message switch over apply-handler.ts. */
import { handleApplyRequest } from './apply-handler';
import type { ApplyRequest, ApplyResponse } from './protocol';

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<ApplyRequest>) => void) | null;
  postMessage(message: ApplyResponse): void;
};

scope.onmessage = (e) => handleApplyRequest(e.data, (m) => scope.postMessage(m));
