/**
 * Lazy loading of plotly.js (4.8 MB minified): the first chart triggers one dynamic import, so the
 * notebook's first screen does not wait for it. This folder is the only importer of plotly.
 */
import type PlotlyDefault from 'plotly.js-dist-min';

export type PlotlyApi = typeof PlotlyDefault;

let loading: Promise<PlotlyApi> | null = null;

export function loadPlotly(): Promise<PlotlyApi> {
  loading ??= import('plotly.js-dist-min').then((m) => {
    const mod = m as unknown as { default?: PlotlyApi } & PlotlyApi;
    return mod.default ?? mod;
  });
  return loading;
}

/** How long the page must have been left alone before plotly is loaded ahead of any chart. */
const PRELOAD_AFTER_MS = 1500;

/**
 * Loads plotly ahead of the first chart, once the page has been idle for a while: compiling its
 * 4.8 MB takes the main thread ~0.7 s and a second core, which a file being parsed needs (measured on
 * 2 cores: started during the parse of the UCI file, it delayed the RFM table by ~1 s). Call it while
 * no file is being read; the returned function cancels the plan (call it when a read starts). When no
 * preload happened, the first chart loads plotly itself.
 */
export function preloadPlotlyWhenIdle(): () => void {
  if (loading) return () => undefined;
  let idle: number | null = null;
  const timer = setTimeout(() => {
    const start = () => void loadPlotly().catch(() => undefined);
    if (typeof requestIdleCallback === 'function') idle = requestIdleCallback(start, { timeout: 2000 });
    else start();
  }, PRELOAD_AFTER_MS);
  return () => {
    clearTimeout(timer);
    if (idle !== null) cancelIdleCallback(idle);
  };
}
