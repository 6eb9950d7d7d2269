/**
 * A React wrapper around `Plotly.react` (plotly.js, loaded lazily in the bundle the traces need:
 * `plotly-loader.ts`).
 *
 * - `Plotly.react` diffs against the previous figure, so updating data is cheap and the user's
 *   zoom/rotation survives: the layout gets `uirevision` (default: the constant 'keep'), which plotly
 *   uses to keep UI state such as `scene.camera` while it does not change.
 * - The element is purged on unmount (frees WebGL contexts).
 * - The mode bar is built from an allow-list (`mode-bar.ts`): no button can reach another origin.
 * - `onClick` gets the clicked point; `exportName` registers the chart for PNG export.
 * - All text passed in `data`/`layout` is rendered by plotly as (a subset of) HTML: callers must
 *   escape user-provided strings (see `escapeHtml`).
 * - Charts are drawn one at a time, each in a task of its own, those in view first (`draw-scheduler.ts`):
 *   a notebook step that shows many charts at once does not hold the main thread for all of them in
 *   one go, worker answers and user input are handled between two charts, and the chart the analyst
 *   looks at is not drawn after the ~20 above it. A chart whose figure changed before its turn is not
 *   drawn at all.
 */
import { useEffect, useRef, useState, type CSSProperties, type ReactNode } from 'react';
import type { Config, Data, Layout, PlotlyHTMLElement } from 'plotly.js-dist-min';
import { bundleFor, drawnBy, loadPlotly, markDrawnWith } from './plotly-loader';
import { scheduleDraw } from './draw-scheduler';
import { safePlotConfig } from './mode-bar';
import { registerPlot } from './registry';
import { ChartData, tableFromTraces, type ChartTable } from './chart-table';
import { makeToolbar } from './toolbar';

export type { ChartTable } from './chart-table';

export type PlotData = Data;
export type PlotLayout = Layout;
export type PlotConfig = Config;

export interface PlotPoint {
  readonly x: unknown;
  readonly y: unknown;
  readonly curveNumber: number;
  readonly pointNumber: number;
  readonly customdata?: unknown;
}

export interface PlotProps {
  readonly data: readonly PlotData[];
  readonly layout: PlotLayout;
  readonly config?: PlotConfig;
  /** Bump to force a redraw when data arrays were mutated in place. */
  readonly revision?: number | string;
  readonly onRendered?: (element: HTMLElement) => void;
  readonly onClick?: (point: PlotPoint) => void;
  readonly testId?: string;
  /** Accessible name of the chart (role="figure"). */
  readonly ariaLabel: string;
  /** Height in px (default 360). */
  readonly height?: number;
  readonly className?: string;
  readonly style?: CSSProperties;
  /** Registers the chart for PNG export under this file-name part. */
  readonly exportName?: string;
  /** Title of the chart in the export list (default: ariaLabel). */
  readonly exportTitle?: string;
  /**
   * The chart's data as a table, shown under it behind "Data as a table" (built when opened). Default:
   * one row per plotted point, read from the traces.
   */
  readonly table?: () => ChartTable;
  /** A table made by the caller, shown behind "Data as a table" instead of the generated one. */
  readonly dataTable?: ReactNode;
}

const BASE_LAYOUT: PlotLayout = {
  autosize: true,
  margin: { l: 56, r: 16, t: 36, b: 44 },
  font: { family: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif', size: 12, color: '#1f2933' },
  paper_bgcolor: '#ffffff',
  plot_bgcolor: '#ffffff',
  uirevision: 'keep',
};

export function Plot({
  data,
  layout,
  config,
  revision,
  onRendered,
  onClick,
  testId,
  ariaLabel,
  height = 360,
  className,
  style,
  exportName,
  exportTitle,
  table,
  dataTable,
}: PlotProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<'loading' | 'drawn' | 'error'>('loading');
  const [error, setError] = useState<string | null>(null);
  const onRenderedRef = useRef(onRendered);
  const onClickRef = useRef(onClick);
  // The config is compared by value: callers pass literals such as `{ displayModeBar: false }`, new
  // at each render, and a parent re-rendering (e.g. on a k change) must not redraw an unchanged chart.
  const configRef = useRef(config);
  const configKey = config === undefined ? '' : JSON.stringify(config);
  useEffect(() => {
    onRenderedRef.current = onRendered;
    onClickRef.current = onClick;
    configRef.current = config;
  });

  useEffect(() => {
    let cancelled = false;
    const el = ref.current;
    if (!el) return;
    const bundle = bundleFor(data);
    const draw = async (): Promise<void> => {
      const Plotly = await loadPlotly(bundle);
      if (cancelled) return;
      const start = performance.now();
      // Drawn before by another bundle (its traces changed type): that instance lets go of it first.
      const before = drawnBy(el);
      if (before && before !== Plotly) before.purge(el);
      markDrawnWith(el, Plotly);
      const gd = (await Plotly.react(
        el,
        data as PlotData[],
        { ...BASE_LAYOUT, height, ...layout },
        safePlotConfig(configRef.current, data),
      )) as PlotlyHTMLElement;
      // A User Timing entry per drawn chart: the benchmark attributes main-thread long tasks with it.
      performance.measure?.(`plot: ${ariaLabel}`, { start });
      if (cancelled) return;
      gd.removeAllListeners?.('plotly_click');
      gd.on('plotly_click', (e) => {
        const p = (e as { points?: PlotPoint[] }).points?.[0];
        if (p && onClickRef.current) onClickRef.current(p);
      });
      makeToolbar(el, ariaLabel);
      setState('drawn');
      setError(null);
      onRenderedRef.current?.(el);
    };
    // plotly is loaded first (outside the queue), then the chart waits for its turn.
    loadPlotly(bundle)
      .then(() => scheduleDraw(el, draw, () => cancelled))
      .catch((e: unknown) => {
        if (cancelled) return;
        setState('error');
        setError(e instanceof Error ? e.message : String(e));
      });
    return () => {
      cancelled = true;
    };
  }, [data, layout, configKey, revision, height, ariaLabel]);

  // Purge on unmount only (not between updates, which would lose the camera).
  useEffect(() => {
    const el = ref.current;
    return () => {
      if (!el) return;
      drawnBy(el)?.purge(el);
    };
  }, []);

  useEffect(() => {
    const el = ref.current;
    if (!exportName || !el || state !== 'drawn') return;
    return registerPlot({ id: exportName, name: exportName, title: exportTitle ?? ariaLabel, element: el });
  }, [exportName, exportTitle, ariaLabel, state]);

  return (
    <div className={`plot${className ? ` ${className}` : ''}`} style={style} data-plot-state={state}>
      <div
        ref={ref}
        role="figure"
        aria-label={ariaLabel}
        data-testid={testId}
        style={{ width: '100%', minHeight: height }}
      />
      {state === 'loading' ? (
        <div className="plot__loading" aria-hidden="true">
          Drawing chart…
        </div>
      ) : null}
      {state === 'error' ? (
        <p className="plot__error" role="alert">
          This chart could not be drawn: {error}
        </p>
      ) : null}
      <ChartData label={ariaLabel} table={table ?? (() => tableFromTraces(data))} content={dataTable} />
    </div>
  );
}

/** Escapes text for plotly's HTML-like text rendering (hover, legend, titles). */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
