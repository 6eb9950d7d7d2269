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
