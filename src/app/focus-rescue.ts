/**
 * Keeps the keyboard focus somewhere sensible when the focused control disappears or disables itself
 * (the sample button while a file loads, Cancel when the step ends, Run again while it runs): the
 * focus would otherwise fall to the page body and a keyboard user would start again from the top.
 *
 * The focus goes to the nearest visible, enabled `[data-focus-fallback]` in the same notebook cell
 * (Cancel of a running step, the message that says what happened), else to the cell's heading.
 */
const FOCUSABLE_FALLBACK = '[data-focus-fallback]';

function usable(el: HTMLElement): boolean {
  return (
    el.isConnected &&
    !(el as HTMLButtonElement).disabled &&
    el.getAttribute('aria-hidden') !== 'true' &&
    el.getClientRects().length > 0
  );
}

/** Where the focus goes when `lost` (inside `cell`) can no longer hold it. */
function fallbackIn(cell: HTMLElement): HTMLElement | null {
  const candidates = Array.from(cell.querySelectorAll<HTMLElement>(FOCUSABLE_FALLBACK)).filter(usable);
  return candidates[0] ?? cell.querySelector<HTMLElement>('h2[tabindex]');
}

/** Starts watching `root`; returns the function that stops. */
export function startFocusRescue(root: HTMLElement): () => void {
  let last: HTMLElement | null = null;
  let lastCell: HTMLElement | null = null;
  const onFocusIn = (e: FocusEvent) => {
    const t = e.target;
    if (t instanceof HTMLElement && t !== document.body) {
      last = t;
      lastCell = t.closest<HTMLElement>('.cell');
    }
  };
  const rescue = () => {
    if (!last || !lastCell) return;
    const active = document.activeElement;
    // The focus is on another live element: nothing to rescue (and no layout forced to find out).
    if (active instanceof HTMLElement && active !== last && active !== document.body && active.isConnected)
      return;
    const lost =
      active === null ||
      active === document.body ||
      (active === last && !usable(last)) ||
      (active instanceof HTMLElement && !active.isConnected);
    if (!lost || usable(last)) return;
    const cell = lastCell.isConnected ? lastCell : null;
    const target = cell ? fallbackIn(cell) : null;
    if (target) target.focus({ preventScroll: false });
  };
  // Checked once per frame, before it is painted: `usable` reads layout (getClientRects), which done
  // after every batch of DOM changes forced a layout in the middle of chart draws and React commits.
  let queued = false;
  const observer = new MutationObserver(() => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      rescue();
    });
  });
  observer.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['disabled'] });
  document.addEventListener('focusin', onFocusIn);
  return () => {
    observer.disconnect();
    document.removeEventListener('focusin', onFocusIn);
  };
}
