/**
 * The engine worker's helper (spawned by it for large sweeps): only a message switch over
 * restart-handler.ts. Requests run one at a time in arrival order.
 */
import type { RestartRequest, RestartResponse } from './restart-protocol';
import { handleRestartRequest, type RestartState } from './restart-handler';

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<RestartRequest>) => void) | null;
  postMessage(message: RestartResponse, transfer: Transferable[]): void;
};

let state: RestartState | null = null;
scope.onmessage = (e) => {
  state = handleRestartRequest(state, e.data, (message, transfer) => scope.postMessage(message, transfer));
};
