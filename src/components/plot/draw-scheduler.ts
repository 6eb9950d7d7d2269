/**
 * The order in which charts are drawn: what the analyst can see first.
 *
 * A computed notebook asks for ~20 charts at once, and drawing one holds the main thread (plotly's
 * layout, WebGL for 3D on a software renderer: up to ~0.7 s). Drawing them in request order puts the
 * Segments 3D scatter — the result the analyst is looking at — behind every chart above it. So:
 * - one chart is drawn at a time, each in a task of its own (worker answers and input are handled
 *   between two charts);
 * - at each turn the next chart is one whose element is in or near the viewport (top first);
 * - charts out of view wait until the page is idle (`requestIdleCallback`, bounded so that they are
 *   drawn even on a page that is never fully idle), or until they are scrolled into view;
 * - a request whose chart changed or unmounted before its turn is dropped, not drawn.
 * Visibility is read with `getBoundingClientRect` at each turn, so scrolling changes the order at once.
 */

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

const pending: DrawRequest[] = [];
let pumping = false;

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

function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
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
    while (pending.length > 0) {
      await nextTask();
      dropStale();
      if (pending.length === 0) break;
      let i = pickInView(pending, window.innerHeight);
      if (i < 0) {
        await idle();
        dropStale();
        if (pending.length === 0) break;
        // Scrolling while waiting may have brought one into view; otherwise the earliest request.
        i = Math.max(0, pickInView(pending, window.innerHeight));
      }
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
