import { useMemo, type ReactNode } from 'react';
import { DataTable } from '../../components/data-table';
import { formatInt, formatMoney, formatNumber } from '../../components/format';
import { Plot, escapeHtml, type PlotData, type PlotLayout } from '../../components/plot/plot';
import type { Crosstab, RfGrid, SegmentSummaryRow } from '../../core/rfm-scores';

const pct = (x: number) => (Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : '—');

/** A median only where the segment has customers. */
const ifAny = (r: SegmentSummaryRow, text: string) => (r.customers ? text : '—');

/**
 * A chart with a caption. Its data as a table (the accessible alternative) is behind the chart's own
 * "Data as a table" (the `dataTable` of `Plot`), or, for `tableBelow`, in the table under the figure.
 */
function Figure(props: { title: string; testId: string; chart: ReactNode; tableBelow?: boolean }) {
  return (
    <figure className="rfm-figure" data-testid={props.testId}>
      <figcaption className="subhead">{props.title}</figcaption>
      {props.chart}
      {props.tableBelow ? <p className="small muted">The table below holds the same numbers.</p> : null}
    </figure>
  );
}

/** Segment sizes and revenue shares (bars) and the per-segment table with median R, F, M. */
export function SegmentSizes({ rows }: { rows: readonly SegmentSummaryRow[] }) {
  const shown = rows.filter((r) => r.customers > 0 || r.rule >= 0);
  const data = useMemo<PlotData[]>(() => {
    const y = shown.map((r) => escapeHtml(r.name));
    return [
      {
        type: 'bar',
        orientation: 'h',
        name: 'Customers',
        y,
        x: shown.map((r) => r.share),
        marker: { color: '#3b5bdb' },
        hovertemplate: '%{y}: %{x:.1%} of customers<extra></extra>',
      },
      {
        type: 'bar',
        orientation: 'h',
        name: 'Revenue',
        y,
        x: shown.map((r) => r.revenueShare),
        marker: { color: '#e8590c' },
        hovertemplate: '%{y}: %{x:.1%} of revenue<extra></extra>',
      },
    ];
  }, [shown]);
  const layout = useMemo<PlotLayout>(
    () => ({
      barmode: 'group',
      margin: { l: 150, r: 16, t: 16, b: 40 },
      xaxis: { tickformat: '.0%', title: { text: 'share' } },
      yaxis: { autorange: 'reversed' },
      legend: { orientation: 'h', y: -0.15 },
      uirevision: 'rfm-sizes',
    }),
    [],
  );
  return (
    <>
      <Figure
        title="Segment sizes and revenue share"
        testId="rfm-sizes"
        tableBelow
        chart={
          <Plot
            data={data}
            layout={layout}
            height={Math.max(260, 34 * shown.length + 80)}
            ariaLabel="Bar chart: share of customers and of revenue per named segment"
            exportName="rfm-segment-sizes"
            exportTitle="RFM segment sizes"
          />
        }
      />
      <DataTable
        showCaption
        testId="rfm-segment-table"
        caption="Named segments: size, revenue and median recency, frequency and monetary"
        rows={rows}
        rowKey={(r) => `${r.rule}-${r.name}`}
        columns={[
          { header: 'Segment', rowHeader: true, cell: (r) => r.name },
          {
            header: 'Customers',
            numeric: true,
            cell: (r) => formatInt(r.customers),
            cellProps: (r) => ({ 'data-testid': `rfm-size-${r.rule}` }),
          },
          { header: 'Share', numeric: true, cell: (r) => pct(r.share) },
          { header: 'Revenue', numeric: true, cell: (r) => formatMoney(r.revenue) },
          { header: 'Revenue share', numeric: true, cell: (r) => pct(r.revenueShare) },
          { header: 'Median R (days)', numeric: true, cell: (r) => ifAny(r, formatNumber(r.medianRecency)) },
          { header: 'Median F', numeric: true, cell: (r) => ifAny(r, formatNumber(r.medianFrequency)) },
          { header: 'Median M', numeric: true, cell: (r) => ifAny(r, formatMoney(r.medianMonetary)) },
        ]}
      />
    </>
  );
}

/** The R×F grid: colour = mean monetary, text = customers. */
export function RfGridView({ grid }: { grid: RfGrid }) {
  const { rScores, fScores } = grid;
  const data = useMemo<PlotData[]>(() => {
    const z: (number | null)[][] = [];
    const text: string[][] = [];
    for (let r = 1; r <= rScores; r++) {
      const zr: (number | null)[] = [];
      const tr: string[] = [];
      for (let f = 1; f <= fScores; f++) {
        const i = (r - 1) * fScores + (f - 1);
        zr.push(grid.count[i]! > 0 ? grid.meanMonetary[i]! : null);
        tr.push(formatInt(grid.count[i]!));
      }
      z.push(zr);
      text.push(tr);
    }
    return [
      {
        type: 'heatmap',
        x: Array.from({ length: fScores }, (_, i) => `F ${i + 1}`),
        y: Array.from({ length: rScores }, (_, i) => `R ${i + 1}`),
        z,
        text,
        texttemplate: '%{text}',
        colorscale: 'Blues',
        reversescale: true,
        colorbar: { title: { text: 'mean M' } },
        hovertemplate: '%{y}, %{x}: %{text} customers, mean monetary %{z:,.2f}<extra></extra>',
      } as PlotData,
    ];
  }, [grid, rScores, fScores]);
  const layout = useMemo<PlotLayout>(
    () => ({ margin: { l: 56, r: 16, t: 16, b: 40 }, uirevision: 'rfm-grid' }),
    [],
  );
  return (
    <Figure
      title="Recency × frequency scores: customers per cell, coloured by mean monetary"
      testId="rfm-grid"
      chart={
        <Plot
          data={data}
          layout={layout}
          height={320}
          ariaLabel="Heat map of recency score by frequency score, coloured by mean monetary, with customer counts"
          exportName="rfm-rf-grid"
          exportTitle="RFM R×F grid"
          dataTable={
            <DataTable
              wrap={false}
              caption="Customers and mean monetary per recency and frequency score"
              rows={Array.from({ length: rScores }, (_, r) => r)}
              columns={[
                { header: 'R \\ F', rowHeader: true, cell: (r) => `R ${r + 1}` },
                ...Array.from({ length: fScores }, (_, f) => ({
                  header: `F ${f + 1}`,
                  numeric: true,
                  cell: (r: number) => {
                    const i = r * fScores + f;
                    return `${formatInt(grid.count[i]!)}${grid.count[i]! > 0 ? ` · ${formatMoney(grid.meanMonetary[i]!)}` : ''}`;
                  },
                })),
              ]}
            />
          }
        />
      }
    />
  );
}

/** Named segments × k-means clusters: colour = row share, text = count and share. */
export function CrosstabView({ ct }: { ct: Crosstab & { clusterNames: readonly string[] } }) {
  const rows = ct.rows.map((_, r) => r).filter((r) => ct.rowTotals[r]! > 0);
  const data = useMemo<PlotData[]>(() => {
    const z = rows.map((r) => Array.from({ length: ct.k }, (_, c) => ct.rowShares[r * ct.k + c]!));
    const text = rows.map((r) =>
      Array.from(
        { length: ct.k },
        (_, c) => `${formatInt(ct.counts[r * ct.k + c]!)}<br>${pct(ct.rowShares[r * ct.k + c]!)}`,
      ),
    );
    return [
      {
        type: 'heatmap',
        x: ct.clusterNames.map((n) => escapeHtml(n)),
        y: rows.map((r) => escapeHtml(ct.rows[r]!)),
        z,
        text,
        texttemplate: '%{text}',
        zmin: 0,
        zmax: 1,
        colorscale: 'Oranges',
        colorbar: { title: { text: 'row share' }, tickformat: '.0%' },
        hovertemplate: '%{y} in %{x}: %{text}<extra></extra>',
      } as PlotData,
    ];
  }, [ct, rows]);
  const layout = useMemo<PlotLayout>(
    () => ({
      margin: { l: 150, r: 16, t: 16, b: 80 },
      yaxis: { autorange: 'reversed' },
      uirevision: 'rfm-crosstab',
    }),
    [],
  );
  return (
    <Figure
      title="Named segments × k-means clusters (customers and share of each named segment)"
      testId="rfm-crosstab"
      chart={
        <Plot
          data={data}
          layout={layout}
          height={Math.max(280, 34 * rows.length + 120)}
          ariaLabel="Heat map of named RFM segments by k-means cluster, with counts and row shares"
          exportName="rfm-crosstab"
          exportTitle="RFM segments × clusters"
          dataTable={
            <DataTable
              wrap={false}
              testId="rfm-crosstab-table"
              caption="Customers per named segment and k-means cluster, with row shares"
              rows={rows}
              rowKey={(r) => r}
              columns={[
                { header: 'Named segment', rowHeader: true, cell: (r) => ct.rows[r] },
                ...ct.clusterNames.map((n, c) => ({
                  header: n,
                  numeric: true,
                  cell: (r: number) =>
                    `${formatInt(ct.counts[r * ct.k + c]!)} (${pct(ct.rowShares[r * ct.k + c]!)})`,
                })),
                { header: 'Total', numeric: true, cell: (r) => formatInt(ct.rowTotals[r]!) },
              ]}
            />
          }
        />
      }
    />
  );
}
