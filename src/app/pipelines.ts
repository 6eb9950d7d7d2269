/**
 * The notebook's pipeline, wired in one place. The data steps run from the user's actions
 * (src/store/data-actions.ts: load → mapping → cleaning → RFM, each restarting the steps after it);
 * from there the store follows itself:
 * - RFM table → Yeo-Johnson transform → k-means sweep (src/store/model-actions.ts `installModelSync`);
 * - loaded file / mapping → column profile, transactions at a glance and extreme lines
 *   (src/store/profile-actions.ts `installProfileSync`);
 * - an applied saved model → scoring, drift and transitions whenever the RFM table changes, and the
 *   applied model restored from IndexedDB (src/store/apply-actions.ts `installApplySync`);
 * - every finished fit → a run record in IndexedDB (src/store/runs-actions.ts `installRunRecorder`).
 * The session saver starts with the session bar (src/store/session-actions.ts `initSession`).
 * See docs/architecture.md.
 */
import { installApplySync } from '../store/apply-actions';
import { installModelSync } from '../store/model-actions';
import { installProfileSync } from '../store/profile-actions';
import { installRunRecorder } from '../store/runs-actions';

/** Starts the store subscriptions that chain the steps (idempotent). Called once by main.tsx. */
export function startPipelines(): void {
  installModelSync();
  installProfileSync();
  installApplySync();
  installRunRecorder();
}
