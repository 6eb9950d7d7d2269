/**
 * Lazy loading of plotly.js, in the smallest bundle a chart needs. This folder is the only importer
 * of plotly.
 *
 * plotly's dist bundles evaluate all their code at once, in one main-thread task that cannot be cut:
 * the full one (4.8 MB, every trace type) took ~0.6 s here on a quiet machine and 1.6–4.4 s under
 * load. The notebook's charts need few trace types, so each chart loads the official partial bundle
 * that has them (all three are the same plotly release):
 * - `cartesian` (1.5 MB: scatter, bar, heatmap, histogram, …): every 2D chart;
 * - `gl3d` (1.75 MB: scatter3d and scatter): the Segments cell's 3D view, loaded only when it is drawn;
 * - `full` (4.8 MB): anything else (the Sankey diagram of the apply step).
 * A chart is purged and exported with the instance that drew it (`drawnBy`).
 */
import type PlotlyDefault from 'plotly.js-dist-min';

export type PlotlyApi = typeof PlotlyDefault;
export type PlotlyBundle = 'cartesian' | 'gl3d' | 'full';

const IMPORTS: Record<PlotlyBundle, () => Promise<unknown>> = {
  cartesian: () => import('plotly.js-cartesian-dist-min'),
  gl3d: () => import('plotly.js-gl3d-dist-min'),
  full: () => import('plotly.js-dist-min'),
};

/** Trace types of each partial bundle (what its build registers; checked by plotly-loader.test.ts). */
export const BUNDLE_TRACES: Record<Exclude<PlotlyBundle, 'full'>, readonly string[]> = {
  cartesian: [
    'bar',
    'box',
    'contour',
    'heatmap',
    'histogram',
    'histogram2d',
    'histogram2dcontour',
    'image',
    'pie',
    'scatter',
    'scatterternary',
    'violin',
  ],
  gl3d: ['cone', 'isosurface', 'mesh3d', 'scatter', 'scatter3d', 'streamtube', 'surface', 'volume'],
};

/** The smallest bundle that draws every trace of `data` (a trace without a type is a scatter). */
export function bundleFor(data: readonly { readonly type?: unknown }[]): PlotlyBundle {
  const types = data.map((t) => (typeof t.type === 'string' ? t.type : 'scatter'));
  for (const bundle of ['cartesian', 'gl3d'] as const) {
    if (types.every((t) => BUNDLE_TRACES[bundle].includes(t))) return bundle;
  }
  return 'full';
}

const loading = new Map<PlotlyBundle, Promise<PlotlyApi>>();
const drawnWith = new WeakMap<HTMLElement, PlotlyApi>();

export function loadPlotly(bundle: PlotlyBundle = 'cartesian'): Promise<PlotlyApi> {
  let p = loading.get(bundle);
  if (!p) {
    p = IMPORTS[bundle]().then((m) => {
      const mod = m as { default?: PlotlyApi } & PlotlyApi;
      return mod.default ?? mod;
    });
    loading.set(bundle, p);
  }
  return p;
}

/** Remembers which plotly instance drew `el` (call after drawing). */
export function markDrawnWith(el: HTMLElement, plotly: PlotlyApi): void {
  drawnWith.set(el, plotly);
}

/** The plotly instance that drew `el`, if any has. */
export function drawnBy(el: HTMLElement): PlotlyApi | undefined {
  return drawnWith.get(el);
}

/** How long the page must have been left alone before plotly is loaded ahead of any chart. */
const PRELOAD_AFTER_MS = 1500;

/**
 * Loads the 2D bundle ahead of the first chart, once the page has been idle for a while: evaluating it
 * takes the main thread and a second core, which a file being parsed needs (measured on 2 cores: the
 * full bundle started during the parse of the UCI file delayed the RFM table by ~1 s). Call it while
 * no file is being read; the returned function cancels the plan (call it when a read starts). When no
 * preload happened, the first chart loads plotly itself.
 */
export function preloadPlotlyWhenIdle(): () => void {
  if (loading.has('cartesian')) return () => undefined;
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
