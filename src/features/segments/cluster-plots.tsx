/**
 * Customers in 3D (R, F, M) coloured by segment with centroids marked, plus the three 2D projections;
 * a model on two features (one left out) is one 2D scatter of those two, without projections.
 * Either the model's space (Yeo-Johnson, standardised) or original units on log axes. The camera and
 * zoom stay where the user left them when k or names change (constant `uirevision`).
 * Above DISPLAY_LIMIT customers a seeded random sample is drawn (the model uses everyone).
 */
import { useMemo } from 'react';
import { Plot, escapeHtml, type PlotData, type PlotLayout } from '../../components/plot/plot';
import { WebGlGate } from '../../components/plot/webgl-gate';
import { createRng, sampleWithoutReplacement } from '../../core/numeric/random';
import type { RfmTable } from '../../core/rfm/types';
import type { Segmentation } from '../../store/selectors/segmentation';
import { FEATURE_LABELS, segmentColor } from '../../components/palette';
import { MODEL_FEATURES } from '../../core/model/model-types';

export type Space = 'model' | 'original';

/** Most points drawn per chart (scatter3d on SwiftShader: 4k points paint in ~0.7 s, 50k in ~2.3 s). */
export const DISPLAY_LIMIT = 20_000;
/** 2D projections are drawn as SVG scatter (no WebGL, no eval); fewer points keep them responsive. */
export const DISPLAY_LIMIT_2D = 2_000;

const money = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const num = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

function hoverText(rfm: RfmTable, i: number): string {
  return (
    `Customer ${escapeHtml(rfm.customerIds[i] ?? '')}<br>` +
    `Recency: ${num.format(rfm.recency[i]!)} days<br>Frequency: ${num.format(rfm.frequency[i]!)}` +
    (rfm.noMoney ? '' : `<br>Monetary: ${money.format(rfm.monetary[i]!)}`)
  );
}

/** The R, F, M indexes (0, 1, 2) of the model's features. */
export function modelDims(seg: Segmentation): number[] {
  return seg.sweep.features.map((f) => MODEL_FEATURES.indexOf(f));
}

interface Display {
  readonly idx: Int32Array;
  readonly hover: readonly string[];
}

function useDisplay(rfm: RfmTable, seed: number, limit: number): Display {
  return useMemo(() => {
    const n = rfm.customerIds.length;
    const idx =
      n <= limit
        ? Int32Array.from({ length: n }, (_, i) => i)
        : sampleWithoutReplacement(createRng(seed), n, limit);
    return { idx, hover: Array.from(idx, (i) => hoverText(rfm, i)) };
  }, [rfm, seed, limit]);
}

function coords(seg: Segmentation, space: Space) {
  const { rfm, transform } = seg.sweep;
  const X = transform.X;
  const dims = modelDims(seg);
  const d = dims.length;
  return (i: number, j: number): number => {
    if (space === 'model') return X[i * d + dims.indexOf(j)]!;
    return j === 0 ? rfm.recency[i]! : j === 1 ? rfm.frequency[i]! : rfm.monetary[i]!;
  };
}

function axisTitle(j: number, space: Space): string {
  return space === 'model' ? `${FEATURE_LABELS[j]} (standardised)` : `${FEATURE_LABELS[j]} (log)`;
}

/** Feature j's axis in either space: titled, and logarithmic (a tick per decade) in original units. */
function spaceAxis(j: number, space: Space) {
  return {
    title: { text: axisTitle(j, space) },
    type: space === 'original' ? 'log' : 'linear',
    ...(space === 'original' ? { dtick: 1 } : {}),
  };
}

function byCluster(
  seg: Segmentation,
  display: Display,
  dims: readonly number[],
  space: Space,
  type: string,
  size: number,
): PlotData[] {
  const at = coords(seg, space);
  const labels = seg.point.result.labels;
  const k = seg.k;
  const cols = Array.from({ length: k }, () => ({ v: dims.map(() => [] as number[]), text: [] as string[] }));
  display.idx.forEach((i, s) => {
    const c = cols[labels[i]!]!;
    dims.forEach((j, d) => c.v[d]!.push(at(i, j)));
    c.text.push(display.hover[s]!);
  });
  const axes = ['x', 'y', 'z'];
  return cols.map((c, cluster) => {
    const t: PlotData = {
      type,
      mode: 'markers',
      name: escapeHtml(`${cluster + 1} · ${seg.names[cluster] ?? ''}`),
      legendgroup: `c${cluster}`,
      text: c.text,
      hovertemplate: `%{text}<extra>Segment ${cluster + 1}</extra>`,
      // Lighter in 3D, where the centres must show through the cloud.
      marker: {
        size,
        color: segmentColor(cluster),
        opacity: type === 'scatter3d' ? 0.45 : 0.75,
        line: { width: 0 },
      },
    };
    dims.forEach((_, d) => {
      t[axes[d]!] = c.v[d];
    });
    return t;
  });
}

function centroidTrace(
  seg: Segmentation,
  dims: readonly number[],
  space: Space,
  type: string,
  size: number,
  showlegend: boolean,
): PlotData | null {
  const m = space === 'model' ? seg.point.result.centroids : seg.centroidsOriginal;
  if (!m) return null;
  const axes = ['x', 'y', 'z'];
  const t: PlotData = {
    type,
    // In 3D each centre is also labelled with its segment number, readable from any angle.
    mode: type === 'scatter3d' ? 'markers+text' : 'markers',
    ...(type === 'scatter3d'
      ? {
          textposition: 'top center',
          texttemplate: Array.from({ length: seg.k }, (_, c) => `<b>${c + 1}</b>`),
          textfont: { size: 14, color: '#111827' },
        }
      : {}),
    name: 'Centroids',
    showlegend,
    legendgroup: 'centroids',
    text: Array.from({ length: seg.k }, (_, c) =>
      escapeHtml(`Centre of segment ${c + 1} · ${seg.names[c] ?? ''}`),
    ),
    hovertemplate: '%{text}<extra></extra>',
    marker: {
      size,
      symbol: 'diamond',
      // In 3D (no marker outlines in WebGL) centres are dark so they stand out inside their cloud.
      color: type === 'scatter3d' ? '#111827' : Array.from({ length: seg.k }, (_, c) => segmentColor(c)),
      line: { color: type === 'scatter3d' ? '#ffffff' : '#111827', width: 2 },
      opacity: 1,
    },
  };
  const model = modelDims(seg);
  dims.forEach((j, d) => {
    t[axes[d]!] = Array.from({ length: seg.k }, (_, c) => m[c * model.length + model.indexOf(j)]!);
  });
  return t;
}

/** The customers of each segment and the centres, as traces of `type` over the R/F/M indexes `dims`. */
function useTraces(
  seg: Segmentation,
  display: Display,
  dims: readonly number[],
  space: Space,
  type: string,
  sizes: readonly [number, number],
  centreLegend: boolean,
): PlotData[] {
  const [size, centreSize] = sizes;
  return useMemo<PlotData[]>(() => {
    const traces = byCluster(seg, display, dims, space, type, size);
    const cen = centroidTrace(seg, dims, space, type, centreSize, centreLegend);
    if (cen) traces.push(cen);
    return traces;
  }, [seg, display, dims, space, type, size, centreSize, centreLegend]);
}

const ALL_DIMS = [0, 1, 2] as const;
const SCATTER_3D_HEIGHT = 560;
const SIZES_2D = [4, 13] as const;
const SIZES_3D = [2.6, 15] as const;
const SIZES_PROJECTION = [4, 11] as const;

export function Scatter3d({ seg, space }: { seg: Segmentation; space: Space }) {
  if (seg.sweep.features.length === 2) return <Scatter2d seg={seg} space={space} />;
  return (
    <WebGlGate
      what="the 3D view"
      height={SCATTER_3D_HEIGHT}
      meanwhile="The three projections beside it show the same customers two features at a time."
      testId="segments-3d-gate"
    >
      <Scatter3dPlot seg={seg} space={space} />
    </WebGlGate>
  );
}

/** The segments of a two-feature model: one 2D scatter of the two features, centres marked. */
function Scatter2d({ seg, space }: { seg: Segmentation; space: Space }) {
  const dims = useMemo(() => modelDims(seg), [seg]);
  const display = useDisplay(seg.sweep.rfm, seg.sweep.seed, DISPLAY_LIMIT);
  const data = useTraces(seg, display, dims, space, 'scatter', SIZES_2D, true);
  const layout = useMemo<PlotLayout>(() => {
    const ax = (j: number) => ({ ...spaceAxis(j, space), zeroline: false });
    return {
      hovermode: 'closest',
      margin: { l: 60, r: 8, t: 8, b: 48 },
      legend: { orientation: 'v', bgcolor: 'rgba(255,255,255,0.85)', font: { size: 12 } },
      xaxis: ax(dims[0]!),
      yaxis: ax(dims[1]!),
      uirevision: `segments-2d-${space}`,
    };
  }, [space, dims]);
  const names = dims.map((j) => FEATURE_LABELS[j]!.replace(' (days)', '').toLowerCase());
  return (
    <Plot
      data={data}
      layout={layout}
      height={480}
      ariaLabel={`2D scatter of customers by ${names.join(' and ')} (the model's two features), coloured by segment (${space === 'model' ? 'standardised' : 'original units, log axes'})`}
      testId="segments-2d"
      exportName="segments-2d"
      exportTitle="Segments in 2D"
    />
  );
}

function Scatter3dPlot({ seg, space }: { seg: Segmentation; space: Space }) {
  const display = useDisplay(seg.sweep.rfm, seg.sweep.seed, DISPLAY_LIMIT);
  const data = useTraces(seg, display, ALL_DIMS, space, 'scatter3d', SIZES_3D, true);
  const layout = useMemo<PlotLayout>(() => {
    const ax = (j: number) => ({
      ...spaceAxis(j, space),
      backgroundcolor: '#f7f9fb',
      showbackground: true,
      gridcolor: '#d9e0e7',
    });
    return {
      margin: { l: 0, r: 0, t: 8, b: 0 },
      legend: {
        orientation: 'v',
        x: 0,
        y: 1,
        xanchor: 'left',
        yanchor: 'top',
        bgcolor: 'rgba(255,255,255,0.85)',
        font: { size: 12 },
        itemsizing: 'constant',
      },
      scene: {
        xaxis: ax(0),
        yaxis: ax(1),
        zaxis: ax(2),
        aspectmode: 'cube',
        uirevision: 'segments-3d',
        camera: { eye: { x: 1.6, y: 1.6, z: 0.9 } },
      },
      uirevision: 'segments-3d',
    };
  }, [space]);
  return (
    <Plot
      data={data}
      layout={layout}
      height={SCATTER_3D_HEIGHT}
      ariaLabel={`3D scatter of customers by recency, frequency and monetary, coloured by segment (${space === 'model' ? 'standardised' : 'original units, log axes'})`}
      testId="segments-3d"
      exportName="segments-3d"
      exportTitle="Segments in 3D"
    />
  );
}

const PAIRS: readonly (readonly [number, number])[] = [
  [0, 1],
  [1, 2],
  [0, 2],
];

export function Projection({ seg, space, pair }: { seg: Segmentation; space: Space; pair: number }) {
  const dims = PAIRS[pair]!;
  const display = useDisplay(seg.sweep.rfm, seg.sweep.seed + 1, DISPLAY_LIMIT_2D);
  const data = useTraces(seg, display, dims, space, 'scatter', SIZES_PROJECTION, false);
  const layout = useMemo<PlotLayout>(
    () => ({
      showlegend: false,
      hovermode: 'closest',
      margin: { l: 52, r: 8, t: 8, b: 40 },
      xaxis: {
        title: { text: axisTitle(dims[0], space), font: { size: 11 } },
        type: space === 'original' ? 'log' : 'linear',
        zeroline: false,
        ...(space === 'original' ? { dtick: 1 } : {}),
      },
      yaxis: {
        title: { text: axisTitle(dims[1], space), font: { size: 11 } },
        type: space === 'original' ? 'log' : 'linear',
        zeroline: false,
        ...(space === 'original' ? { dtick: 1 } : {}),
      },
      uirevision: `projection-${pair}-${space}`,
    }),
    [dims, space, pair],
  );
  const name = ['R×F', 'F×M', 'R×M'][pair]!;
  return (
    <Plot
      data={data}
      layout={layout}
      height={180}
      config={{ displayModeBar: false }}
      ariaLabel={`Projection ${name} of customers coloured by segment`}
      testId={`projection-${pair}`}
      exportName={`projection-${['rf', 'fm', 'rm'][pair]}`}
      exportTitle={`Projection ${name}`}
    />
  );
}

/** How many customers of the table cannot be drawn on log axes (a value ≤ 0 in a modelled feature). */
export function nonPositiveCount(rfm: RfmTable, features: readonly string[] = MODEL_FEATURES): number {
  const m = features.includes('monetary');
  const r = features.includes('recency');
  const f = features.includes('frequency');
  let c = 0;
  for (let i = 0; i < rfm.customerIds.length; i++) {
    if (!((!r || rfm.recency[i]! > 0) && (!f || rfm.frequency[i]! > 0) && (!m || rfm.monetary[i]! > 0))) c++;
  }
  return c;
}
