/**
 * plotly's mode bar, built from an allow-list.
 *
 * plotly ships buttons that reach other origins ("Share chart…" — `sendChartToCloud` in this build,
 * `sendDataToCloud` in older ones — opens plotly's cloud in a new window, which no CSP `connect-src`
 * governs; the logo links to plotly's site). A remove-list misses every such button a new plotly
 * version adds or renames, so the buttons shown are named here and nothing else is: a PNG download and
 * the view controls of the chart's kind. The config also clears the cloud settings plotly would use
 * (`plotlyServerURL: ''` makes the share action refuse to run) as a second line of defence.
 */
import type { Config, Data } from 'plotly.js-dist-min';

type ButtonName = string;

/** Buttons for charts with x/y axes (scatter, bar, histogram, heatmap, …). */
export const CARTESIAN_BUTTONS: readonly ButtonName[] = [
  'toImage',
  'zoom2d',
  'pan2d',
  'zoomIn2d',
  'zoomOut2d',
  'autoScale2d',
  'resetScale2d',
];

/** Buttons for 3D scenes. */
export const SCENE_BUTTONS: readonly ButtonName[] = [
  'toImage',
  'zoom3d',
  'pan3d',
  'orbitRotation',
  'tableRotation',
  'resetCameraDefault3d',
];

/** Charts without axes (sankey, pie, …): the PNG download only. */
export const PLAIN_BUTTONS: readonly ButtonName[] = ['toImage'];

/** Every button the app may ever show. */
export const ALLOWED_BUTTONS: ReadonlySet<ButtonName> = new Set([
  ...CARTESIAN_BUTTONS,
  ...SCENE_BUTTONS,
  ...PLAIN_BUTTONS,
]);

const SCENE_TRACES = new Set([
  'scatter3d',
  'surface',
  'mesh3d',
  'cone',
  'streamtube',
  'volume',
  'isosurface',
]);
const AXIS_FREE_TRACES = new Set([
  'pie',
  'sankey',
  'sunburst',
  'treemap',
  'icicle',
  'funnelarea',
  'table',
  'indicator',
]);

/** The allow-listed buttons for the chart's kind, read from its first trace. */
export function buttonsFor(data: readonly Data[]): readonly ButtonName[] {
  const type = (data[0] as { type?: string } | undefined)?.type ?? 'scatter';
  if (SCENE_TRACES.has(type)) return SCENE_BUTTONS;
  if (AXIS_FREE_TRACES.has(type)) return PLAIN_BUTTONS;
  return CARTESIAN_BUTTONS;
}

/**
 * The config plotly is given: the caller's options, then the mode bar from the allow-list (a caller's
 * own `modeBarButtons` is kept only where every name in it is allowed) and the cloud settings cleared.
 * Options that could add buttons or links (`modeBarButtonsToAdd`, `showLink`, `showEditInChartStudio`,
 * `showSendToCloud`, the logo) are always off.
 */
export function safePlotConfig(config: Config | undefined, data: readonly Data[]): Config {
  const requested = (config?.modeBarButtons ?? null) as unknown;
  const names =
    Array.isArray(requested) &&
    requested.length > 0 &&
    requested.every(
      (g: unknown) =>
        Array.isArray(g) && g.every((b: unknown) => typeof b === 'string' && ALLOWED_BUTTONS.has(b)),
    )
      ? (requested as ButtonName[][])
      : [[...buttonsFor(data)]];
  const rest: Config = { ...config };
  delete rest.modeBarButtonsToAdd;
  delete rest.modeBarButtonsToRemove;
  return {
    responsive: true,
    ...rest,
    modeBarButtons: names,
    displaylogo: false,
    showLink: false,
    showSendToCloud: false,
    showEditInChartStudio: false,
    showTips: false,
    plotlyServerURL: '',
    linkText: '',
  };
}
