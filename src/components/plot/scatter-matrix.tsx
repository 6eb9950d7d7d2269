/**
 * A scatter matrix (seaborn's `pairplot`): for d columns a d × d grid of axes in ONE plotly figure,
 * scatter plots of column j (x) against column i (y) off the diagonal and the histogram of column i on
 * the diagonal. Axes of the same column are linked (zooming one pans the others).
 *
 * - Points: plain SVG `scatter` traces (plotly's WebGL traces compile code at run time through
 *   `Function`, which the app's Content-Security-Policy forbids: no 'unsafe-eval'). Callers pass
 *   `indices` (e.g. a seeded `samplePairs` sample) to bound the number of points.
 * - Histograms: `histogram()` of src/core/profile ('auto' bins, numpy's rule capped at 200) over all
 *   finite values of the column (not only the sampled rows), drawn as a filled step line so that they
 *   work on log axes too (bins equal in log10 units then).
 * - `log`: every axis showing data is logarithmic; values ≤ 0 cannot be placed and are left out (the
 *   caller should say how many: see `countNonPositive`).
 */
import { useMemo } from 'react';
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
  /** One label per row (e.g. customer ids), shown on hover. */
  readonly pointLabels?: readonly string[];
  readonly ariaLabel: string;
  readonly title?: string;
  readonly testId?: string;
  readonly height?: number;
  readonly color?: string;
  readonly exportName?: string;
  readonly exportTitle?: string;
}

const GAP = 0.045;

/** Rows (among `indices`, or all) where some column is ≤ 0: not drawable on log axes. */
export function countNonPositive(columns: readonly MatrixColumn[], indices: ArrayLike<number> | null): number {
  const n = indices ? indices.length : Math.min(...columns.map((c) => c.values.length));
  let bad = 0;
  for (let k = 0; k < n; k++) {
    const r = indices ? indices[k]! : k;
    if (columns.some((c) => !(c.values[r]! > 0))) bad++;
  }
  return bad;
}

function axisId(kind: 'x' | 'y', k: number): string {
  return k === 1 ? kind : `${kind}${k}`;
}

function layoutKey(kind: 'x' | 'y', k: number): string {
  return k === 1 ? `${kind}axis` : `${kind}axis${k}`;
}

export function ScatterMatrix({
  columns,
  indices,
  log = false,
  pointLabels,
  ariaLabel,
  title,
  testId,
  height = 560,
  color = '#3b6ea8',
  exportName,
  exportTitle,
}: ScatterMatrixProps) {
  const d = columns.length;

  const data = useMemo<PlotData[]>(() => {
    const picked = (c: MatrixColumn): number[] => {
      if (!indices) return Array.from(c.values);
      const out = new Array<number>(indices.length);
      for (let k = 0; k < indices.length; k++) out[k] = c.values[indices[k]!]!;
      return out;
    };
    const cols = columns.map(picked);
    let text: string[] | undefined;
    if (pointLabels) {
      text = indices ? Array.from({ length: indices.length }, (_, k) => pointLabels[indices[k]!] ?? '') : pointLabels.slice();
    }
    const traces: PlotData[] = [];
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) {
        const k = i * d + j + 1;
        const xa = axisId('x', k);
        const ya = axisId('y', k);
        if (i === j) {
          const h = histogram(columns[i]!.values, 'auto', { log });
          const x = Array.from(h.edges);
          const y = [...Array.from(h.counts), h.counts[h.counts.length - 1] ?? 0];
          traces.push({
            type: 'scatter',
            mode: 'lines',
            x,
            y,
            xaxis: xa,
            yaxis: ya,
            line: { shape: 'hv', color, width: 1 },
            fill: 'tozeroy',
            fillcolor: `${color}55`,
            hovertemplate: `${escapeHtml(columns[i]!.name)} from %{x:.4~g}: %{y} rows<extra></extra>`,
            showlegend: false,
          } as PlotData);
        } else {
          const xName = escapeHtml(columns[j]!.name);
          const yName = escapeHtml(columns[i]!.name);
          traces.push({
            type: 'scatter',
            mode: 'markers',
            x: cols[j]!,
            y: cols[i]!,
            xaxis: xa,
            yaxis: ya,
            marker: { size: 3, color, opacity: 0.35 },
            ...(text ? { text, hovertemplate: `%{text}<br>${xName}: %{x:.4~g}<br>${yName}: %{y:.4~g}<extra></extra>` } : { hovertemplate: `${xName}: %{x:.4~g}<br>${yName}: %{y:.4~g}<extra></extra>` }),
            showlegend: false,
          } as PlotData);
        }
      }
    }
    return traces;
  }, [columns, indices, log, pointLabels, d, color]);

  const layout = useMemo<PlotLayout>(() => {
    const l: Record<string, unknown> = {
      showlegend: false,
      hovermode: 'closest',
      margin: { l: 64, r: 12, t: title ? 36 : 12, b: 52 },
      ...(title ? { title: { text: escapeHtml(title), font: { size: 13 } } } : {}),
    };
    const type = log ? 'log' : 'linear';
    for (let i = 0; i < d; i++) {
      // The first off-diagonal axis of the row: its other off-diagonal y axes follow it.
      const rowAnchor = i === 0 ? 2 : i * d + 1;
      for (let j = 0; j < d; j++) {
        const k = i * d + j + 1;
        const x0 = j / d + GAP / 2;
        const x1 = (j + 1) / d - GAP / 2;
        const y1 = 1 - i / d - GAP / 2;
        const y0 = 1 - (i + 1) / d + GAP / 2;
        const colAnchor = j + 1; // top row of the column
        l[layoutKey('x', k)] = {
          domain: [x0, x1],
          anchor: axisId('y', k),
          type,
          ...(k !== colAnchor ? { matches: axisId('x', colAnchor) } : {}),
          showticklabels: i === d - 1,
          ...(i === d - 1 ? { title: { text: escapeHtml(columns[j]!.name), standoff: 4 } } : {}),
          zeroline: false,
          automargin: false,
          tickfont: { size: 10 },
        };
        const diag = i === j;
        l[layoutKey('y', k)] = {
          domain: [y0, y1],
          anchor: axisId('x', k),
          type: diag ? 'linear' : type,
          ...(!diag && k !== rowAnchor && d > 1 ? { matches: axisId('y', rowAnchor) } : {}),
          ...(diag ? { rangemode: 'tozero' } : {}),
          showticklabels: !diag && j === 0 ? true : !diag && i === 0 && j === 1,
          ...(j === 0 ? { title: { text: escapeHtml(columns[i]!.name), standoff: 4 } } : {}),
          zeroline: false,
          automargin: false,
          tickfont: { size: 10 },
        };
      }
    }
    return l as PlotLayout;
  }, [columns, d, log, title]);

  return (
    <Plot
      data={data}
      layout={layout}
      config={{ displayModeBar: false }}
      height={height}
      ariaLabel={ariaLabel}
      {...(testId !== undefined ? { testId } : {})}
      {...(exportName !== undefined ? { exportName } : {})}
      {...(exportTitle !== undefined ? { exportTitle } : {})}
    />
  );
}
