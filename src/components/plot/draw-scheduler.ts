/**
 * The order in which charts are drawn: what the analyst can see first.
 *
 * A computed notebook asks for ~20 charts at once, and drawing one holds the main thread (plotly's
 * layout, WebGL for 3D on a software renderer: up to ~0.7 s). Drawing them in request order puts the
 * Segments 3D scatter — the result the analyst is looking at — behind every chart above it. So:
 * - one chart is drawn at a time, each in a task of its own (worker answers and input are handled
 *   between two charts);
 * - at each turn the next chart is one whose element is in or near the viewport (top first);
 * - each chart is drawn after the next paint (a frame, then a task): the paint that answers an input
 *   (a key press on the k control, a click) never waits for the charts that input asked for;
 * - charts out of view wait until the page is idle (`requestIdleCallback`, bounded so that they are
 *   drawn even on a page that is never fully idle) and no input came for `QUIET_MS`, or until they are
 *   scrolled into view: while the analyst steps through k with the arrow keys, only the charts on
 *   screen follow, and the ones below are drawn once, for the k the analyst stopped at (a request
 *   replaced before its turn is stale and dropped);
 * - a request whose chart changed or unmounted before its turn is dropped, not drawn.
 * Visibility is read with `getBoundingClientRect` at each turn, so scrolling changes the order at once.
 */

import { afterNextPaint } from '../after-paint';

interface DrawRequest {
  readonly element: Element;
  readonly draw: () => Promise<void>;
  readonly isStale: () => boolean;
  readonly resolve: () => void;
  readonly reject: (e: unknown) => void;
}

/** How far outside the viewport a chart still counts as in view (px). */
const NEAR_VIEW_PX = 200;
/** The longest an out-of-view chart waits for an idle period (ms). */
const IDLE_TIMEOUT_MS = 1500;

/** How long no input (key, pointer, wheel) must have come before an out-of-view chart is drawn (ms). */
export const QUIET_MS = 600;
/** The longest an out-of-view chart waits for a quiet moment (ms): a page never left alone still gets it. */
const QUIET_MAX_WAIT_MS = 8000;

const pending: DrawRequest[] = [];
let pumping = false;
let lastInput = -Infinity;
let watchingInput = false;

function watchInput(): void {
  if (watchingInput || typeof window.addEventListener !== 'function') return;
  watchingInput = true;
  const note = () => {
    lastInput = performance.now();
  };
  for (const type of ['keydown', 'pointerdown', 'wheel', 'touchstart', 'input'])
    window.addEventListener(type, note, { capture: true, passive: true });
}

/** Milliseconds since the last input event (Infinity when none was seen). */
function sinceInput(): number {
  return performance.now() - lastInput;
}

/** Whether the element is in or near the viewport and laid out (its cell may be folded). */
export function isNearView(element: Element, viewportHeight: number, margin = NEAR_VIEW_PX): boolean {
  const r = element.getBoundingClientRect();
  if (r.width === 0 && r.height === 0) return false;
  return r.bottom > -margin && r.top < viewportHeight + margin;
}

/** The index of the request to draw next among `requests`: the topmost in view, or −1 for none. */
export function pickInView(
  requests: readonly { readonly element: Element }[],
  viewportHeight: number,
): number {
  let best = -1;
  let bestTop = Infinity;
  for (let i = 0; i < requests.length; i++) {
    const el = requests[i]!.element;
    if (!isNearView(el, viewportHeight)) continue;
    const top = el.getBoundingClientRect().top;
    if (top < bestTop) {
      best = i;
      bestTop = top;
    }
  }
  return best;
}

function idle(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function')
      requestIdleCallback(() => resolve(), { timeout: IDLE_TIMEOUT_MS });
    else setTimeout(resolve, 50);
  });
}

function dropStale(): void {
  for (let i = pending.length - 1; i >= 0; i--) {
    const r = pending[i]!;
    if (r.isStale()) {
      pending.splice(i, 1);
      r.resolve();
    }
  }
}

async function pump(): Promise<void> {
  if (pumping) return;
  pumping = true;
  try {
    watchInput();
    while (pending.length > 0) {
      await afterNextPaint();
      dropStale();
      if (pending.length === 0) break;
      let i = pickInView(pending, window.innerHeight);
      const waitStart = performance.now();
      while (i < 0 && pending.length > 0) {
        // Nothing in view: wait for an idle, quiet page. Scrolling or a new request may bring a chart
        // into view meanwhile; otherwise the earliest request once the page is quiet.
        await idle();
        dropStale();
        i = pickInView(pending, window.innerHeight);
        if (i < 0 && (sinceInput() >= QUIET_MS || performance.now() - waitStart >= QUIET_MAX_WAIT_MS)) i = 0;
      }
      if (pending.length === 0) break;
      const [request] = pending.splice(i, 1);
      if (!request) continue;
      try {
        await request.draw();
        request.resolve();
      } catch (e) {
        request.reject(e);
      }
    }
  } finally {
    pumping = false;
  }
}

/**
 * Queues the drawing of the chart in `element`. `isStale` is asked before its turn: true drops the
 * request (its promise resolves without drawing).
 */
export function scheduleDraw(
  element: Element,
  draw: () => Promise<void>,
  isStale: () => boolean,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    pending.push({ element, draw, isStale, resolve, reject });
    void pump();
  });
}
