declare module 'plotly.js-dist-min' {
  // A minimal surface of plotly.js used by src/components/plot; plotly ships no types for the dist build.
  export type Data = Record<string, unknown>;
  export type Layout = Record<string, unknown>;
  export type Config = Record<string, unknown>;
  export interface PlotlyHTMLElement extends HTMLDivElement {
    layout?: Layout;
    on(event: string, handler: (e: unknown) => void): void;
    removeAllListeners?(event: string): void;
  }
  export function react(
    el: HTMLElement,
    data: Data[],
    layout?: Layout,
    config?: Config,
  ): Promise<PlotlyHTMLElement>;
  export function newPlot(
    el: HTMLElement,
    data: Data[],
    layout?: Layout,
    config?: Config,
  ): Promise<PlotlyHTMLElement>;
  export function purge(el: HTMLElement): void;
  export function toImage(
    el: HTMLElement,
    opts: { format: 'png' | 'svg'; width?: number; height?: number },
  ): Promise<string>;
  export function relayout(el: HTMLElement, layout: Layout): Promise<PlotlyHTMLElement>;
  const Plotly: {
    react: typeof react;
    newPlot: typeof newPlot;
    purge: typeof purge;
    toImage: typeof toImage;
    relayout: typeof relayout;
  };
  export default Plotly;
}
