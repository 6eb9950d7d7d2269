/**
 * The notebook's pipeline, wired in one place. The data steps run from the user's actions
 * (src/store/data-actions.ts: load → mapping → cleaning → RFM, each restarting the steps after it);
 * from there the store follows itself:
 * - RFM table → Yeo-Johnson transform → k-means sweep (src/store/model-actions.ts `installModelSync`);
 * - loaded file / mapping → column profile, transactions at a glance and extreme lines
 *   (src/store/profile-actions.ts `installProfileSync`).
 * The session saver starts with the session bar (src/store/session-actions.ts `initSession`).
 * See docs/architecture.md.
 */
import { installModelSync } from '../store/model-actions';
import { installProfileSync } from '../store/profile-actions';

/** Starts the store subscriptions that chain the steps (idempotent). Called once by main.tsx. */
export function startPipelines(): void {
  installModelSync();
  installProfileSync();
}
