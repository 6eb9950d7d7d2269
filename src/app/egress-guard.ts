/**
 * A second line behind the CSP and the plotly allow-list: nothing in the page can open or navigate to
 * another origin. The CSP's `connect-src` governs fetches, not windows or top-level navigations, and
 * no browser implements `navigate-to`, so the page itself refuses:
 * - `window.open` of a URL outside this origin (blob: and data: URLs made here are fine), and
 * - a click on a link whose target is outside this origin (in-page anchors and downloads are fine).
 * Each refusal is counted on `window.__egressRefused` (read by the end-to-end egress test).
 */

declare global {
  interface Window {
    __egressRefused?: string[];
  }
}

/** Whether `url` (resolved against the page) stays on this machine's copy of the app. */
export function isLocalUrl(url: string | URL | undefined | null, base: string = location.href): boolean {
  if (url === undefined || url === null || String(url) === '') return true; // about:blank of a same-origin popup
  let parsed: URL;
  try {
    parsed = new URL(String(url), base);
  } catch {
    return false;
  }
  if (parsed.protocol === 'blob:' || parsed.protocol === 'data:') return true;
  return parsed.origin === new URL(base).origin;
}

function refuse(url: string): void {
  (window.__egressRefused ??= []).push(url);
}

export function installEgressGuard(): void {
  const open = window.open.bind(window);
  window.open = (url?: string | URL, target?: string, features?: string) => {
    if (!isLocalUrl(url)) {
      refuse(String(url));
      return null;
    }
    return open(url, target, features);
  };
  document.addEventListener(
    'click',
    (event) => {
      const link = (event.target as Element | null)?.closest?.('a[href]');
      if (!(link instanceof HTMLAnchorElement)) return;
      if (isLocalUrl(link.href)) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      refuse(link.href);
    },
    true,
  );
  document.addEventListener(
    'submit',
    (event) => {
      event.preventDefault(); // the app has no forms that post anywhere (CSP: form-action 'none')
    },
    true,
  );
}
