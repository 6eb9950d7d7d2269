import { useMemo, type ReactNode } from 'react';
import { formatInt, formatMoney, formatNumber } from '../../components/format';
import { Plot, escapeHtml, type PlotData, type PlotLayout } from '../../components/plot/plot';
import type { Crosstab, RfGrid, SegmentSummaryRow } from '../../core/rfm-scores';

const pct = (x: number) => (Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : '—');

/** A chart with its data as a table behind a disclosure (the accessible alternative). */
function Figure(props: { title: string; testId: string; chart: ReactNode; table?: ReactNode }) {
  return (
    <figure className="rfm-figure" data-testid={props.testId}>
      <figcaption className="subhead">{props.title}</figcaption>
      {props.chart}
      {props.table ? (
        <details>
          <summary>Show the data as a table</summary>
          {props.table}
        </details>
      ) : (
        <p className="small muted">The table below holds the same numbers.</p>
      )}
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
      <div className="table-wrap">
        <table className="model-table" data-testid="rfm-segment-table">
          <caption>Named segments: size, revenue and median recency, frequency and monetary</caption>
          <thead>
            <tr>
              <th scope="col">Segment</th>
              <th scope="col" className="num">
                Customers
              </th>
              <th scope="col" className="num">
                Share
              </th>
              <th scope="col" className="num">
                Revenue
              </th>
              <th scope="col" className="num">
                Revenue share
              </th>
              <th scope="col" className="num">
                Median R (days)
              </th>
              <th scope="col" className="num">
                Median F
              </th>
              <th scope="col" className="num">
                Median M
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.rule}-${r.name}`}>
                <th scope="row">{r.name}</th>
                <td className="num" data-testid={`rfm-size-${r.rule}`}>
                  {formatInt(r.customers)}
                </td>
                <td className="num">{pct(r.share)}</td>
                <td className="num">{formatMoney(r.revenue)}</td>
                <td className="num">{pct(r.revenueShare)}</td>
                <td className="num">{r.customers ? formatNumber(r.medianRecency) : '—'}</td>
                <td className="num">{r.customers ? formatNumber(r.medianFrequency) : '—'}</td>
                <td className="num">{r.customers ? formatMoney(r.medianMonetary) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
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
        />
      }
      table={
        <table className="model-table">
          <caption className="visually-hidden">
            Customers and mean monetary per recency and frequency score
          </caption>
          <thead>
            <tr>
              <th scope="col">R \ F</th>
              {Array.from({ length: fScores }, (_, f) => (
                <th scope="col" key={f} className="num">
                  F {f + 1}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: rScores }, (_, r) => (
              <tr key={r}>
                <th scope="row">R {r + 1}</th>
                {Array.from({ length: fScores }, (_, f) => {
                  const i = r * fScores + f;
                  return (
                    <td key={f} className="num">
                      {formatInt(grid.count[i]!)}
                      {grid.count[i]! > 0 ? ` · ${formatMoney(grid.meanMonetary[i]!)}` : ''}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
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
        />
      }
      table={
        <table className="model-table" data-testid="rfm-crosstab-table">
          <caption className="visually-hidden">
            Customers per named segment and k-means cluster, with row shares
          </caption>
          <thead>
            <tr>
              <th scope="col">Named segment</th>
              {ct.clusterNames.map((n) => (
                <th scope="col" key={n} className="num">
                  {n}
                </th>
              ))}
              <th scope="col" className="num">
                Total
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r}>
                <th scope="row">{ct.rows[r]}</th>
                {Array.from({ length: ct.k }, (_, c) => (
                  <td key={c} className="num">
                    {formatInt(ct.counts[r * ct.k + c]!)} ({pct(ct.rowShares[r * ct.k + c]!)})
                  </td>
                ))}
                <td className="num">{formatInt(ct.rowTotals[r]!)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}
