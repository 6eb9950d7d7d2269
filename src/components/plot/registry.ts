/**
 * A registry of the charts on screen that can be exported as PNG (the Export cell lists them).
 * A `<Plot exportName=…>` registers its element while mounted and drawn.
 */
import { drawnBy, loadPlotly } from './plotly-loader';

export interface RegisteredPlot {
  readonly id: string;
  /** File-name part, e.g. "elbow". */
  readonly name: string;
  /** Shown to users, e.g. "Choose k: elbow and scores". */
  readonly title: string;
  readonly element: HTMLElement;
}

let plots: readonly RegisteredPlot[] = [];
const listeners = new Set<() => void>();

function emit() {
  for (const l of listeners) l();
}

export function registerPlot(plot: RegisteredPlot): () => void {
  plots = [...plots.filter((p) => p.id !== plot.id), plot];
  emit();
  return () => {
    const before = plots.length;
    plots = plots.filter((p) => p !== plot);
    if (plots.length !== before) emit();
  };
}

export function subscribePlots(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function getPlots(): readonly RegisteredPlot[] {
  return plots;
}

/**
 * Renders a drawn plot as a PNG Blob (plotly's toImage: SVG layers and WebGL scenes composited).
 * `scale` multiplies the on-screen size (2 gives a sharp image for slides).
 */
export async function plotToPng(element: HTMLElement, scale = 2): Promise<Blob> {
  const Plotly = drawnBy(element) ?? (await loadPlotly());
  const rect = element.getBoundingClientRect();
  const width = Math.max(320, Math.round(rect.width));
  const height = Math.max(240, Math.round(rect.height));
  const url = await Plotly.toImage(element, { format: 'png', width, height, scale } as Parameters<
    typeof Plotly.toImage
  >[1]);
  return dataUrlToBlob(url);
}

/** Decodes a base64 data URL without fetch (the CSP's connect-src does not allow data: URLs). */
export function dataUrlToBlob(url: string): Blob {
  const comma = url.indexOf(',');
  const meta = url.slice(5, comma);
  const type = meta.split(';')[0] || 'application/octet-stream';
  const payload = url.slice(comma + 1);
  if (!meta.endsWith(';base64')) return new Blob([decodeURIComponent(payload)], { type });
  const bin = atob(payload);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Blob([bytes], { type });
}
