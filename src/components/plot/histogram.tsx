/**
 * A histogram drawn as bars from bins computed in JS (`binValues`). With `logX` the bins are equal in
 * log10 units and the axis is labelled in powers of ten; values ≤ 0 cannot be shown on it and are
 * counted in a note under the chart.
 */
import { useMemo } from 'react';
import { binValues } from '../../core/segments/bins';
import { Plot, type PlotData, type PlotLayout } from './plot';

export interface HistogramProps {
  readonly values: Float64Array;
  readonly title: string;
  readonly bins?: number;
  readonly logX?: boolean;
  readonly xTitle?: string;
  readonly color?: string;
  readonly height?: number;
  readonly testId?: string;
  readonly exportName?: string;
  /** Title in the PNG export list (default: "Histogram: <title>"). */
  readonly exportTitle?: string;
}

function powerLabel(p: number): string {
  const v = 10 ** p;
  return v >= 1000 ? `${v / 1000}k`.replace('000k', 'M') : String(Number(v.toPrecision(3)));
}

export function Histogram({
  values,
  title,
  bins = 40,
  logX = false,
  xTitle,
  color = '#3b6ea8',
  height = 220,
  testId,
  exportName,
  exportTitle,
}: HistogramProps) {
  const b = useMemo(() => binValues(values, bins, logX), [values, bins, logX]);
  const data = useMemo<PlotData[]>(() => {
    const x = Array.from(b.lefts, (l) => l + b.width / 2);
    const customdata = Array.from(b.lefts, (l) => (logX ? [10 ** l, 10 ** (l + b.width)] : [l, l + b.width]));
    return [
      {
        type: 'bar',
        x,
        y: Array.from(b.counts),
        width: b.width,
        marker: { color, line: { width: 0 } },
        customdata,
        hovertemplate: '%{customdata[0]:.4~g} to %{customdata[1]:.4~g}: %{y} customers<extra></extra>',
      },
    ];
  }, [b, logX, color]);
  const layout = useMemo<PlotLayout>(() => {
    let xaxis: Record<string, unknown> = { title: { text: xTitle ?? '' }, zeroline: false };
    if (logX && b.lefts.length > 0) {
      const lo = Math.floor(b.lefts[0]!);
      const hi = Math.ceil(b.lefts[b.lefts.length - 1]! + b.width);
      const tickvals: number[] = [];
      for (let p = lo; p <= hi; p++) tickvals.push(p);
      xaxis = { ...xaxis, tickvals, ticktext: tickvals.map(powerLabel) };
    }
    return {
      title: { text: title, font: { size: 13 } },
      bargap: 0.02,
      showlegend: false,
      margin: { l: 48, r: 8, t: 32, b: 40 },
      xaxis,
      yaxis: { title: { text: 'customers' }, rangemode: 'tozero' },
    };
  }, [b, logX, title, xTitle]);
  return (
    <div className="histogram">
      <Plot
        data={data}
        layout={layout}
        config={{ displayModeBar: false }}
        height={height}
        ariaLabel={`Histogram: ${title}`}
        {...(testId !== undefined ? { testId } : {})}
        {...(exportName !== undefined ? { exportName } : {})}
        {...(exportTitle !== undefined ? { exportTitle } : {})}
      />
      {b.excluded > 0 ? (
        <p className="histogram__note">
          {b.excluded.toLocaleString('en-US')} {b.excluded === 1 ? 'value' : 'values'}{' '}
          {logX ? '≤ 0 or missing' : 'missing'} not shown.
        </p>
      ) : null}
    </div>
  );
}
