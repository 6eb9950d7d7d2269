/*
 * Service worker of Segment Notebook: the production build keeps working offline after the first load.
 * The 'service-worker' plugin of vite.config.ts emits this file as dist/sw.js on `vite build` and puts
 * two constants in front of it:
 *   VERSION  – a hash of the build's file names and public files: a new build gets a new cache;
 *   PRECACHE – './' (index.html), every file under assets/ (JS, CSS, tfjs .wasm) and the public files
 *              except sample/ (the 7.8 MB sample is cached when it is first fetched instead).
 * URLs are relative to this file, so the app may be served under any base path.
 *
 * Strategy: navigations go to the network first (a new deploy is picked up while online) and fall
 * back to the cached page; every other same-origin GET is answered from the cache first, else from the
 * network (a successful response is then stored). Non-GET and cross-origin requests are left alone
 * (the page's Content-Security-Policy refuses other origins anyway).
 */
/* global self, caches, VERSION, PRECACHE -- a service worker; the two constants come from the plugin */

const SCOPE = self.registration.scope;
/** Our caches are named by scope, so another app on the same origin keeps its own. */
const PREFIX = `segment-notebook ${SCOPE} `;
const CACHE = PREFIX + VERSION;
const INDEX = new URL('./', self.location.href).href;

/*
 * One response is kept per URL, so lookups ignore Vary: servers commonly send `Vary: Origin` (Vite's
 * preview does), and module scripts carry an Origin header that the precache requests did not.
 */
const MATCH = { ignoreVary: true };

const inScope = (url) => url.startsWith(SCOPE);
const quiet = (promise) => promise.catch(() => undefined);

self.addEventListener('install', (event) => {
  // `reload` bypasses the HTTP cache, so index.html and the assets come from the same deploy.
  const requests = PRECACHE.map((url) => new Request(url, { cache: 'reload' }));
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(requests))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE).map((k) => caches.delete(k))),
      )
      .then(() => self.clients.claim()),
  );
});

/** Cache-first: the cached copy, else the network (a complete same-origin 200 is stored). */
async function cacheFirst(event) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(event.request, MATCH);
  if (hit) return hit;
  const response = await fetch(event.request);
  if (response.status === 200 && response.type === 'basic') {
    event.waitUntil(quiet(cache.put(event.request, response.clone())));
  }
  return response;
}

/** Network-first for pages; offline, the cached page (its query string, e.g. ?sample=…, ignored). */
async function networkFirst(event) {
  try {
    return await fetch(event.request);
  } catch (error) {
    const cache = await caches.open(CACHE);
    const hit =
      (await cache.match(event.request, { ...MATCH, ignoreSearch: true })) ??
      (await cache.match(INDEX, MATCH));
    if (hit) return hit;
    throw error;
  }
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || !inScope(request.url) || request.headers.has('range')) return;
  event.respondWith(request.mode === 'navigate' ? networkFirst(event) : cacheFirst(event));
});

/*
 * On a first visit the page fetched its files before this worker existed (e.g. the sample opened
 * with ?sample=online-retail). Once it is active, the page posts { type: 'cache', urls } with those
 * URLs; the ones in scope and not yet cached are fetched again (usually from the HTTP cache) and kept.
 */
self.addEventListener('message', (event) => {
  const data = event.data;
  if (!data || data.type !== 'cache' || !Array.isArray(data.urls)) return;
  const urls = data.urls.filter((u) => typeof u === 'string' && inScope(u));
  event.waitUntil(
    quiet(
      caches
        .open(CACHE)
        .then((cache) =>
          Promise.all(urls.map(async (url) => (await cache.match(url, MATCH)) ?? cache.add(url))),
        ),
    ),
  );
});
