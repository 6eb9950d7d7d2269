/**
 * A scatter matrix (seaborn's `pairplot`): for d columns a d × d grid of axes in ONE plotly figure,
 * column j (x) against column i (y) off the diagonal and the histogram of column i on the diagonal.
 * Axes of the same column are linked (zooming one zooms the others).
 *
 * Drawing the points: plotly's WebGL traces (scattergl, splom) compile code at run time through
 * `Function`, which the app's Content-Security-Policy forbids (no 'unsafe-eval'), and SVG `scatter`
 * traces took ~10 s of blocked main thread for 6 panels × 4,338 points on the 2-core test machine. So
 * the points of each panel are painted on a canvas (≈ 5 ms for 20,000 points) and placed in the panel
 * as a layout image anchored to the panel's axis ranges (data URL; the CSP allows `img-src data:`).
 * Axes therefore have fixed ranges: the finite values of the column (all rows) ± 4%. The panels are
 * painted after the render, one per task, and encoded by `canvas.toBlob` (off the main thread); the
 * chart is drawn once, when every panel is ready.
 *
 * - `log`: values are drawn at log10(x) on linear axes labelled 1, 10, 100, 1k…; values ≤ 0 cannot be
 *   placed and are left out (the caller should say how many: see `countNonPositive`).
 * - Histograms: `histogram()` of src/core/profile ('auto' bins: numpy's rule capped at 200; equal in
 *   log10 units with `log`) over every finite value of the column (not only the sampled rows), drawn
 *   as a filled step line with hover.
 * - `indices` bounds the points drawn (e.g. a seeded `samplePairs` sample); all rows when null.
 */
import { useEffect, useMemo, useState } from 'react';
import { histogram } from '../../core/profile/sample';
import { Plot, escapeHtml, type PlotData, type PlotLayout } from './plot';

export interface MatrixColumn {
  readonly name: string;
  readonly values: ArrayLike<number>;
}

export interface ScatterMatrixProps {
  readonly columns: readonly MatrixColumn[];
  /** Rows drawn as points (all rows when null). */
  readonly indices: ArrayLike<number> | null;
  readonly log?: boolean;
  readonly ariaLabel: string;
  readonly title?: string;
  readonly testId?: string;
  readonly height?: number;
  /** '#rrggbb' */
  readonly color?: string;
  readonly exportName?: string;
  readonly exportTitle?: string;
}

const GAP = 0.05;
/** Canvas size of one panel's points (stretched to the panel; ≈ 2× its on-screen size). */
const PX = 360;
const RADIUS = 4;
const ALPHA = 0.4;

/** Rows (among `indices`, or all) where some column is ≤ 0 or not finite: not drawable on log axes. */
export function countNonPositive(
  columns: readonly MatrixColumn[],
  indices: ArrayLike<number> | null,
): number {
  const n = indices ? indices.length : Math.min(...columns.map((c) => c.values.length));
  let bad = 0;
  for (let k = 0; k < n; k++) {
    const r = indices ? indices[k]! : k;
    if (columns.some((c) => !(c.values[r]! > 0) || c.values[r] === Infinity)) bad++;
  }
  return bad;
}

function axisId(kind: 'x' | 'y', k: number): string {
  return k === 1 ? kind : `${kind}${k}`;
}

function layoutKey(kind: 'x' | 'y', k: number): string {
  return k === 1 ? `${kind}axis` : `${kind}axis${k}`;
}

/** Values as drawn: log10 for log axes (NaN for ≤ 0), as is otherwise. */
function drawn(values: ArrayLike<number>, log: boolean): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    out[i] = log ? (v > 0 ? Math.log10(v) : NaN) : v;
  }
  return out;
}

/** [lo, hi] of the finite values ± 4% (± 0.5 when all are equal; [0, 1] when none). */
function paddedRange(t: Float64Array): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < t.length; i++) {
    const v = t[i]!;
    if (v - v !== 0) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo > hi) return [0, 1];
  if (lo === hi) return [lo - 0.5, hi + 0.5];
  const pad = 0.04 * (hi - lo);
  return [lo - pad, hi + pad];
}

function powerLabel(p: number): string {
  const v = 10 ** p;
  if (v >= 1e6) return `${v / 1e6}M`;
  if (v >= 1e3) return `${v / 1e3}k`;
  return String(Number(v.toPrecision(3)));
}

/** Integer powers of ten inside [lo, hi] (log10 units) as tick values and labels. */
function logTicks([lo, hi]: [number, number]): { tickvals: number[]; ticktext: string[] } {
  const tickvals: number[] = [];
  for (let p = Math.ceil(lo); p <= Math.floor(hi); p++) tickvals.push(p);
  return { tickvals, ticktext: tickvals.map(powerLabel) };
}

/** What one off-diagonal panel shows: column j (x) against column i (y), and where its image goes. */
interface Panel {
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly xr: [number, number];
  readonly yr: [number, number];
  readonly xa: string;
  readonly ya: string;
}

/** The panel's points as a PNG data URL, encoded off the main thread (null without a DOM canvas). */
async function panelImage(p: Panel, rows: ArrayLike<number> | null, color: string): Promise<string | null> {
  const canvas = paintPoints(p.x, p.y, rows, p.xr, p.yr, color);
  if (!canvas) return null;
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) return null;
  return new Promise((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : null);
    reader.onerror = () => resolve(null);
    reader.readAsDataURL(blob);
  });
}

/** Paints the points (x, y) of the given rows on a PX × PX canvas (null without a DOM). */
function paintPoints(
  x: Float64Array,
  y: Float64Array,
  rows: ArrayLike<number> | null,
  xr: [number, number],
  yr: [number, number],
  color: string,
): HTMLCanvasElement | null {
  if (typeof document === 'undefined') return null;
  const canvas = document.createElement('canvas');
  canvas.width = PX;
  canvas.height = PX;
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.fillStyle = color;
  ctx.globalAlpha = ALPHA;
  const sx = PX / (xr[1] - xr[0]);
  const sy = PX / (yr[1] - yr[0]);
  const n = rows ? rows.length : x.length;
  ctx.beginPath();
  for (let k = 0; k < n; k++) {
    const r = rows ? rows[k]! : k;
    const a = x[r]!;
    const b = y[r]!;
    if (a - a !== 0 || b - b !== 0) continue;
    const px = (a - xr[0]) * sx;
    const py = PX - (b - yr[0]) * sy;
    ctx.moveTo(px + RADIUS, py);
    ctx.arc(px, py, RADIUS, 0, 2 * Math.PI);
    // Flush now and then: one huge path is slow to fill.
    if (k % 2000 === 1999) {
      ctx.fill();
      ctx.beginPath();
    }
  }
  ctx.fill();
  return canvas;
}

export function ScatterMatrix({
  columns,
  indices,
  log = false,
  ariaLabel,
  title,
  testId,
  height = 560,
  color = '#3b6ea8',
  exportName,
  exportTitle,
}: ScatterMatrixProps) {
  const d = columns.length;

  const base = useMemo<{ data: PlotData[]; layout: Record<string, unknown>; panels: Panel[] }>(() => {
    const t = columns.map((c) => drawn(c.values, log));
    const ranges = t.map(paddedRange);
    const traces: PlotData[] = [];
    const panels: Panel[] = [];
    const l: Record<string, unknown> = {
      showlegend: false,
      hovermode: 'closest',
      margin: { l: 64, r: 12, t: title ? 36 : 12, b: 52 },
      ...(title ? { title: { text: escapeHtml(title), font: { size: 13 } } } : {}),
    };
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) {
        const k = i * d + j + 1;
        const xa = axisId('x', k);
        const ya = axisId('y', k);
        const xr = ranges[j]!;
        const yr = ranges[i]!;
        const diag = i === j;
        if (diag) {
          const h = histogram(columns[i]!.values, 'auto', { log });
          const edges = Array.from(h.edges, (e) => (log ? Math.log10(e) : e));
          const counts = Array.from(h.counts);
          traces.push({
            type: 'scatter',
            mode: 'lines',
            x: edges,
            y: [...counts, counts[counts.length - 1] ?? 0],
            customdata: Array.from(h.edges),
            xaxis: xa,
            yaxis: ya,
            line: { shape: 'hv', color, width: 1 },
            fill: 'tozeroy',
            fillcolor: `${color}59`,
            hovertemplate: `${escapeHtml(columns[i]!.name)} from %{customdata:.4~g}: %{y:,} rows<extra></extra>`,
          } as PlotData);
        } else {
          panels.push({ x: t[j]!, y: t[i]!, xr, yr, xa, ya });
          // An empty trace so that the panel's axes are drawn.
          traces.push({
            type: 'scatter',
            mode: 'markers',
            x: [],
            y: [],
            xaxis: xa,
            yaxis: ya,
            hoverinfo: 'skip',
          } as PlotData);
        }
        const colAnchor = j + 1;
        const rowAnchor = i === 0 ? 2 : i * d + 1;
        const xTicks = log ? logTicks(xr) : {};
        const yTicks = log && !diag ? logTicks(yr) : {};
        l[layoutKey('x', k)] = {
          domain: [j / d + GAP / 2, (j + 1) / d - GAP / 2],
          anchor: ya,
          range: [...xr],
          ...xTicks,
          ...(k !== colAnchor ? { matches: axisId('x', colAnchor) } : {}),
          showticklabels: i === d - 1,
          ...(i === d - 1 ? { title: { text: escapeHtml(columns[j]!.name), standoff: 4 } } : {}),
          zeroline: false,
          showline: true,
          linecolor: '#d5dbe1',
          tickfont: { size: 10 },
        };
        l[layoutKey('y', k)] = {
          domain: [1 - (i + 1) / d + GAP / 2, 1 - i / d - GAP / 2],
          anchor: xa,
          ...(diag ? { rangemode: 'tozero', showgrid: false } : { range: [...yr], ...yTicks }),
          ...(!diag && k !== rowAnchor ? { matches: axisId('y', rowAnchor) } : {}),
          showticklabels: !diag && j === 0,
          ...(j === 0 ? { title: { text: escapeHtml(columns[i]!.name), standoff: 4 } } : {}),
          zeroline: false,
          showline: true,
          linecolor: '#d5dbe1',
          tickfont: { size: 10 },
        };
      }
    }
    return { data: traces, layout: l, panels };
  }, [columns, log, d, title, color]);

  // The panels' images, painted after the render (one panel per task) for this `base`.
  const [painted, setPainted] = useState<{ base: typeof base; images: Record<string, unknown>[] } | null>(
    null,
  );
  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const images: Record<string, unknown>[] = [];
      for (const p of base.panels) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        if (cancelled) return;
        const source = await panelImage(p, indices, color);
        if (cancelled) return;
        if (source === null) continue;
        images.push({
          source,
          xref: p.xa,
          yref: p.ya,
          x: p.xr[0],
          y: p.yr[1],
          sizex: p.xr[1] - p.xr[0],
          sizey: p.yr[1] - p.yr[0],
          sizing: 'stretch',
          xanchor: 'left',
          yanchor: 'top',
          layer: 'above',
        });
      }
      if (!cancelled) setPainted({ base, images });
    })();
    return () => {
      cancelled = true;
    };
  }, [base, indices, color]);

  // Until the panels of a new `base` are painted, the previous figure stays (drawn once per change).
  const figure = useMemo<{ data: PlotData[]; layout: PlotLayout } | null>(
    () =>
      painted
        ? {
            data: painted.base.data,
            layout: { ...painted.base.layout, images: painted.images } as PlotLayout,
          }
        : null,
    [painted],
  );

  if (!figure) {
    return (
      <div className="plot" data-plot-state="loading" style={{ minHeight: height }}>
        <div
          role="img"
          aria-label={ariaLabel}
          data-testid={testId}
          style={{ width: '100%', minHeight: height }}
        />
        <div className="plot__loading" aria-hidden="true">
          Drawing chart…
        </div>
      </div>
    );
  }
  return (
    <Plot
      data={figure.data}
      layout={figure.layout}
      config={{ displayModeBar: false }}
      height={height}
      ariaLabel={ariaLabel}
      {...(testId !== undefined ? { testId } : {})}
      {...(exportName !== undefined ? { exportName } : {})}
      {...(exportTitle !== undefined ? { exportTitle } : {})}
    />
  );
}
