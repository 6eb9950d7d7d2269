import { useMemo } from 'react';
import { Plot, escapeHtml, type PlotData, type PlotLayout } from '../../components/plot/plot';
import type { Segmentation } from '../../store/selectors/segmentation';
import { segmentColor } from '../../components/palette';

const WORDS = { recency: 'Recency', frequency: 'Frequency', monetary: 'Monetary' } as const;

/** Snake plot: each segment's centroid in the standardised space, one line across the model's features. */
export function SnakePlot({ seg }: { seg: Segmentation }) {
  const data = useMemo<PlotData[]>(
    () =>
      seg.profiles.segments.map((s) => ({
        type: 'scatter',
        mode: 'lines+markers',
        x: seg.sweep.features.map((f) => WORDS[f]),
        y: seg.sweep.features.map((f) => s.standardised[f]),
        name: escapeHtml(`${s.id} · ${seg.names[s.cluster] ?? ''}`),
        line: { color: segmentColor(s.cluster), width: 3 },
        marker: { size: 8, color: segmentColor(s.cluster) },
        hovertemplate: `%{x}: %{y:.2f} sd<extra>Segment ${s.id}</extra>`,
      })),
    [seg],
  );
  const layout = useMemo<PlotLayout>(
    () => ({
      margin: { l: 56, r: 16, t: 16, b: 40 },
      yaxis: {
        title: { text: 'standard deviations from the mean' },
        zeroline: true,
        zerolinecolor: '#9aa5b1',
      },
      legend: { orientation: 'v', x: 1.02, y: 1 },
      shapes: [
        {
          type: 'rect',
          xref: 'paper',
          x0: 0,
          x1: 1,
          yref: 'y',
          y0: -0.5,
          y1: 0.5,
          fillcolor: '#eef2f6',
          line: { width: 0 },
          layer: 'below',
        },
      ],
      uirevision: 'snake',
    }),
    [],
  );
  return (
    <Plot
      data={data}
      layout={layout}
      height={300}
      ariaLabel="Snake plot of standardised segment centres"
      testId="snake-plot"
      exportName="snake-plot"
      exportTitle="Snake plot"
    />
  );
}
