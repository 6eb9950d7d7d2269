/**
 * Offline use of the production build. `vite build` emits dist/sw.js (the 'service-worker' plugin of
 * vite.config.ts, from scripts/build/sw-template.js): it precaches the app's own files and keeps the
 * sample once fetched. It is registered after the window's `load` event so that its install (about
 * 8 MB of assets, fetched in the background) does not compete with the first render.
 *
 * The dev server has no service worker; there a worker left over from a production build served on
 * the same origin is unregistered, so that it cannot answer with stale files.
 *
 * Failures are reported with console.warn, never thrown: the app works without offline support.
 */

/**
 * Registers the service worker (production builds, browsers that have them; no-op otherwise). Once it
 * is active, it is asked to keep the sample files this page fetched before it controlled the page
 * (a first visit with ?sample=online-retail), so that they open offline too.
 */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  if (!import.meta.env.PROD) {
    void navigator.serviceWorker
      .getRegistrations()
      .then((all) => Promise.all(all.map((r) => r.unregister())))
      .catch(() => undefined);
    return;
  }
  const start = () => {
    register().catch((e: unknown) => {
      console.warn('Offline use is unavailable: the service worker could not be registered.', e);
    });
  };
  if (document.readyState === 'complete') start();
  else window.addEventListener('load', start, { once: true });
}

async function register(): Promise<void> {
  const base = import.meta.env.BASE_URL;
  // A page already served by the worker needs no call: the browser looks for a new sw.js on each
  // navigation by itself (and registering again while offline would fail for nothing).
  if (!navigator.serviceWorker.controller) await navigator.serviceWorker.register(`${base}sw.js`);
  const registration = await navigator.serviceWorker.ready;
  const samples = new URL(`${base}sample/`, location.href).href;
  new PerformanceObserver((list) => {
    const urls = list
      .getEntries()
      .map((e) => e.name)
      .filter((u) => u.startsWith(samples));
    if (urls.length > 0) registration.active?.postMessage({ type: 'cache', urls });
  }).observe({ type: 'resource', buffered: true });
}
