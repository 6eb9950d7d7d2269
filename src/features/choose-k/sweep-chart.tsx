import { useMemo } from 'react';
import { Plot, type PlotData, type PlotLayout } from '../../components/plot/plot';
import type { SweepResult } from '../../core/sweep/types';

/**
 * Elbow (inertia, knee marked), silhouette, Calinski-Harabasz and Davies-Bouldin on one shared k axis:
 * four stacked y axes over one x axis, a solid line at the chosen k, a dotted one at the suggested k.
 * Clicking a point chooses that k.
 */
export function SweepChart({
  result,
  k,
  onPick,
}: {
  result: SweepResult;
  k: number;
  onPick: (k: number) => void;
}) {
  const ks = result.points.map((p) => p.k);
  const suggested = result.knee.suggested;
  const data = useMemo<PlotData[]>(() => {
    const pts = result.points;
    const line = (y: number[], axis: string, name: string, color: string, hover: string): PlotData => ({
      type: 'scatter',
      mode: 'lines+markers',
      x: pts.map((p) => p.k),
      y,
      yaxis: axis,
      name,
      line: { color, width: 2 },
      marker: { size: 7, color },
      hovertemplate: `k = %{x}<br>${name}: %{y:${hover}}<extra></extra>`,
      connectgaps: false,
    });
    const finite = (v: number) => (Number.isFinite(v) ? v : null) as number;
    const traces: PlotData[] = [
      line(
        pts.map((p) => p.inertia),
        'y',
        'Inertia',
        '#3b6ea8',
        ',.1f',
      ),
      line(
        pts.map((p) => finite(p.silhouette)),
        'y2',
        'Silhouette',
        '#59a14f',
        '.3f',
      ),
      line(
        pts.map((p) => finite(p.calinskiHarabasz)),
        'y3',
        'Calinski-Harabasz',
        '#b07aa1',
        ',.0f',
      ),
      line(
        pts.map((p) => finite(p.daviesBouldin)),
        'y4',
        'Davies-Bouldin',
        '#e15759',
        '.3f',
      ),
    ];
    const knee = result.knee.kneedle ?? result.knee.suggested;
    const kneePoint = pts.find((p) => p.k === knee);
    if (kneePoint) {
      traces.push({
        type: 'scatter',
        mode: 'markers',
        x: [kneePoint.k],
        y: [kneePoint.inertia],
        yaxis: 'y',
        name: 'Knee',
        marker: { symbol: 'star', size: 16, color: '#f28e2b', line: { color: '#7a4100', width: 1 } },
        hovertemplate: 'Knee at k = %{x}<extra></extra>',
      });
    }
    return traces;
  }, [result]);

  const layout = useMemo<PlotLayout>(() => {
    const gap = 0.045;
    const h = (1 - 3 * gap) / 4;
    const dom = (row: number) => [1 - (row + 1) * h - row * gap, 1 - row * h - row * gap];
    const y = (row: number, title: string, extra: Record<string, unknown> = {}) => ({
      domain: dom(row),
      anchor: 'x',
      title: { text: title, font: { size: 11 } },
      automargin: true,
      zeroline: false,
      ...extra,
    });
    const shapes: Record<string, unknown>[] = [
      {
        type: 'line',
        xref: 'x',
        yref: 'paper',
        x0: k,
        x1: k,
        y0: 0,
        y1: 1,
        line: { color: '#1f2933', width: 2 },
      },
    ];
    if (suggested !== null && suggested !== k) {
      shapes.push({
        type: 'line',
        xref: 'x',
        yref: 'paper',
        x0: suggested,
        x1: suggested,
        y0: 0,
        y1: 1,
        line: { color: '#f28e2b', width: 2, dash: 'dot' },
      });
    }
    return {
      showlegend: false,
      hovermode: 'x unified',
      margin: { l: 70, r: 16, t: 16, b: 44 },
      xaxis: {
        anchor: 'y4',
        title: { text: 'k (number of segments)' },
        dtick: 1,
        range: [Math.min(...ks) - 0.3, Math.max(...ks) + 0.3],
        showspikes: false,
      },
      yaxis: y(0, 'Inertia<br>(elbow)'),
      yaxis2: y(1, 'Silhouette<br>(higher better)'),
      yaxis3: y(2, 'Calinski-H.<br>(higher better)'),
      yaxis4: y(3, 'Davies-B.<br>(lower better)'),
      shapes,
      uirevision: 'sweep',
    };
  }, [k, suggested, ks]);

  return (
    <Plot
      data={data}
      layout={layout}
      height={560}
      ariaLabel="Elbow and cluster scores by k"
      testId="sweep-chart"
      exportName="choose-k"
      exportTitle="Choose k: elbow and scores"
      onClick={(p) => {
        const x = Number(p.x);
        if (Number.isInteger(x)) onPick(x);
      }}
    />
  );
}
