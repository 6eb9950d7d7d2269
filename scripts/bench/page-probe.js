/* global window, document, MutationObserver */
// Injected into every benchmark page before the app's scripts (context.addInitScript). Records, on the
// page's own clock (performance.now(), ms), without changing the app (but for one button press, below):
//   __bench.fileChange          the `change` event of a file input (the user's drop/choice)
//   __bench.transitions         every data-status a `[data-testid^="cell-"]` element takes, with time
//   __bench.plots               every `plotly_afterplot` of a plotly graph div: whether it has a 3D
//                               trace, its cell and data-testid, and a signature of its traces
//   __bench.plotReady           attribute data-plot-ready="true" first seen on an element, per cell
//   __bench.heapMax             max performance.memory.usedJSHeapSize seen (main thread, bytes)
//   __bench.longTasks           every main-thread task over 50 ms (Long Tasks API): start and duration
//   __bench.events              every input event slower than 16 ms to its next paint (Event Timing API,
//                               trusted events only): name, start, duration, interactionId
//   __bench.gateShown/gateClicked  when the Segments cell showed "Draw the 3D view" (a software WebGL
//                               renderer: the app draws the 3D view on request) and when it was pressed.
//                               `__bench.autoDraw3d` (default true) presses it as soon as it shows, as an
//                               analyst wanting the 3D view would; main-thread.mjs sets it to false.
// The only thing the probe does to the page is that press.
// A 25 ms interval does the polling (plotly graph divs get their `.on` method only once plotted).
(() => {
  const b = {
    fileChange: null,
    transitions: [],
    plots: [],
    plotReady: [],
    heapMax: 0,
    lastStatus: {},
    longTasks: [],
    events: [],
    autoDraw3d: true,
    gateShown: null,
    gateClicked: null,
  };
  Object.defineProperty(window, '__bench', { value: b, configurable: false, enumerable: false });
  document.addEventListener(
    'change',
    (e) => {
      const t = e.target;
      if (t && t.tagName === 'INPUT' && t.type === 'file' && t.files && t.files.length) {
        if (b.fileChange === null) b.fileChange = performance.now();
      }
    },
    true,
  );
  const cellOf = (el) => {
    const c = el.closest && el.closest('[data-testid^="cell-"][data-status]');
    return c ? c.getAttribute('data-testid').slice(5) : null;
  };
  const seenPlots = new WeakSet();
  const seenReady = new WeakSet();
  const scan = () => {
    const now = performance.now();
    for (const el of document.querySelectorAll('[data-testid^="cell-"][data-status]')) {
      const id = el.getAttribute('data-testid').slice(5);
      const st = el.getAttribute('data-status');
      if (b.lastStatus[id] !== st) {
        b.lastStatus[id] = st;
        b.transitions.push({ cell: id, status: st, t: now });
      }
    }
    for (const gd of document.querySelectorAll('.js-plotly-plot')) {
      if (seenPlots.has(gd) || typeof gd.on !== 'function') continue;
      seenPlots.add(gd);
      const rec = () => {
        const fd = gd._fullData || [];
        const is3d = fd.some((t) => /3d$/.test(String(t.type)));
        // What is drawn: trace types, names and lengths (one trace per cluster changes with k).
        const sig = fd
          .map((t) => `${t.type}:${t.name ?? ''}:${t._length ?? (t.x ? t.x.length : '')}`)
          .join('|');
        const wrap = gd.closest('[data-plot-state]');
        b.plots.push({
          t: performance.now(),
          is3d,
          cell: cellOf(gd),
          testid: gd.getAttribute('data-testid'),
          sig,
          k: (gd.closest('[data-k]') || wrap || gd).getAttribute('data-k'),
        });
      };
      gd.on('plotly_afterplot', rec);
      // Already drawn before we attached: count it as drawn now.
      if (gd._fullLayout && gd._fullData && gd._fullData.length) rec();
    }
    for (const el of document.querySelectorAll('[data-plot-ready="true"]')) {
      if (seenReady.has(el)) continue;
      seenReady.add(el);
      b.plotReady.push({ t: now, cell: cellOf(el), k: el.getAttribute('data-k') });
    }
    const gate = document.querySelector('[data-testid="segments-3d-gate"] button');
    if (gate && b.gateShown === null) b.gateShown = now;
    if (gate && b.autoDraw3d && b.gateClicked === null) {
      b.gateClicked = now;
      gate.click();
    }
    const mem = performance.memory;
    if (mem && mem.usedJSHeapSize > b.heapMax) b.heapMax = mem.usedJSHeapSize;
  };
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) b.longTasks.push({ t: e.startTime, d: e.duration });
    }).observe({ type: 'longtask', buffered: true });
    new PerformanceObserver((list) => {
      for (const e of list.getEntries())
        b.events.push({ name: e.name, t: e.startTime, d: e.duration, interactionId: e.interactionId ?? 0 });
    }).observe({ type: 'event', durationThreshold: 16, buffered: true });
  } catch {
    // An engine without these entry types: the JSON then has no main-thread figures.
  }
  setInterval(scan, 25);
  const mo = new MutationObserver(scan);
  const start = () =>
    mo.observe(document.documentElement, {
      subtree: true,
      attributes: true,
      attributeFilter: ['data-status', 'data-plot-ready'],
    });
  if (document.documentElement) start();
  else document.addEventListener('DOMContentLoaded', start);
})();
