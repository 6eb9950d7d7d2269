/**
 * plotly's mode bar as one keyboard stop (the WAI-ARIA toolbar pattern): the bar is a labelled
 * toolbar, only one of its buttons is in the tab order at a time, the arrow keys (and Home/End) move
 * between the buttons (plotly's own <button>s, so Enter and Space press them). Without this each chart adds 6–10 tab stops.
 */

function buttons(bar: Element): HTMLElement[] {
  return Array.from(bar.querySelectorAll<HTMLElement>('.modebar-btn'));
}

/** Applies the toolbar roles and the roving tab stop to the mode bar in `root` (idempotent). */
export function makeToolbar(root: HTMLElement, label: string): void {
  const bar = root.querySelector<HTMLElement>('.modebar');
  if (!bar) return;
  bar.setAttribute('role', 'toolbar');
  bar.setAttribute('aria-label', `Chart options: ${label}`);
  const list = buttons(bar);
  const current = list.findIndex((b) => b.tabIndex === 0 && b.dataset.roving === 'on');
  list.forEach((b, i) => {
    b.dataset.roving = i === Math.max(0, current) ? 'on' : 'off';
    b.tabIndex = i === Math.max(0, current) ? 0 : -1;
  });
  if (bar.dataset.keyboard === 'on') return;
  bar.dataset.keyboard = 'on';
  bar.addEventListener('keydown', (e) => {
    const all = buttons(bar);
    const at = all.indexOf(document.activeElement as HTMLElement);
    if (at < 0) return;
    let next = at;
    if (e.key === 'ArrowRight' || e.key === 'ArrowDown') next = (at + 1) % all.length;
    else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') next = (at - 1 + all.length) % all.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = all.length - 1;
    else return;
    e.preventDefault();
    all.forEach((b, i) => {
      b.tabIndex = i === next ? 0 : -1;
      b.dataset.roving = i === next ? 'on' : 'off';
    });
    all[next]!.focus();
  });
}
