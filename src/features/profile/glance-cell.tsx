import { useMemo } from 'react';
import type { Glance, OutlierLine, OutlierReport, RevenueRank } from '../../core/profile/profile-types';
import { Fact } from '../../components/fact';
import { Cell, type CellStatus } from '../../components/cell';
import { DataTable } from '../../components/data-table';
import { Message } from '../../components/message';
import { formatInt, formatMoney, formatMs, formatNumber } from '../../components/format';
import { Plot, escapeHtml, type PlotData, type PlotLayout } from '../../components/plot/plot';
import { useNotebook } from '../../store/store';
import { useStep } from '../../store/selectors/step';
import './profile.css';

const BLUE = '#3b6ea8';
const ORANGE = '#d9822b';
const RED = '#c23b22';
const GREY = '#7b8794';
const CHART_H = 280;
const SMALL_LAYOUT: PlotLayout = {
  margin: { l: 56, r: 56, t: 64, b: 44 },
  legend: { orientation: 'h', x: 0, xanchor: 'left', y: 1.02, yanchor: 'bottom', font: { size: 11 } },
};
const chartTitle = (text: string) =>
  ({ text, font: { size: 13 }, x: 0.01, xanchor: 'left', y: 0.98, yanchor: 'top' }) as PlotLayout['title'];

/** The mapped transactions at a glance (uncleaned) and their extreme lines. */
export function GlanceCell() {
  const mappingKind = useNotebook((s) => s.mappingResult?.kind ?? null);
  const { status, error } = useStep('glance');
  const glance = useNotebook((s) => s.glance);
  const outliers = useNotebook((s) => s.outliers);
  const ms = useNotebook((s) => s.glanceMs);

  const isRfm = mappingKind === 'rfm';
  const cellStatus: CellStatus = isRfm ? 'ready' : status;
  const summary = isRfm ? (
    'Not available for a ready RFM table.'
  ) : glance ? (
    <span data-testid="glance-summary">
      {formatInt(glance.rows)} lines over {formatInt(glance.months.length)} months, before cleaning
      {ms !== null ? ` · ${formatMs(ms)}` : ''}
    </span>
  ) : (
    'Map the columns first.'
  );

  return (
    <Cell
      step="glance"
      status={cellStatus}
      summary={summary}
      metrics={{
        'glance-ms': ms === null ? null : Math.round(ms),
        'outliers-flagged': outliers?.rows.length,
      }}
    >
      {error ? (
        <Message kind="error" title="The overview could not be computed" testId="glance-error">
          {error.message}
        </Message>
      ) : null}
      {isRfm ? (
        <p className="muted">
          The file is already one row per customer, so there are no transaction lines to look at.
        </p>
      ) : !glance ? (
        <p className="muted">
          Rows and revenue per month, the top countries and products, cancellations, returns and the lines
          without a customer will appear here once the columns are mapped.
        </p>
      ) : (
        <>
          <GlanceFacts g={glance} />
          <GlanceCharts g={glance} />
          {outliers ? <Outliers report={outliers} /> : null}
        </>
      )}
    </Cell>
  );
}

function GlanceFacts({ g }: { g: Glance }) {
  return (
    <dl className="facts">
      <Fact term="Lines" testId="glance-rows">
        {formatInt(g.rows)}
      </Fact>
      <Fact term="Months" testId="glance-months">
        {formatInt(g.months.length)}
      </Fact>
      <Fact term="Revenue" testId="glance-revenue">
        {g.revenueSource === null ? '—' : formatMoney(g.revenue)}
        {g.revenueSource === 'quantityTimesPrice' ? (
          <span className="facts__note"> quantity × price</span>
        ) : null}
      </Fact>
      <Fact term="Cancellation lines" testId="glance-cancellations">
        {formatInt(g.cancellations)}
      </Fact>
      <Fact term="Returns (quantity < 0)" testId="glance-returns">
        {formatInt(g.returns)}
      </Fact>
      <Fact term="Lines without a customer id" testId="glance-missing-customer" wide>
        {formatInt(g.missingCustomer)}{' '}
        <span className="facts__note">({(100 * g.missingCustomerShare).toFixed(1)}% of lines)</span>
      </Fact>
      {g.rowsWithoutDate > 0 || g.rowsWithoutRevenue > 0 ? (
        <Fact term="Left out of the charts" wide>
          {formatInt(g.rowsWithoutDate)} without a date · {formatInt(g.rowsWithoutRevenue)} without a revenue
        </Fact>
      ) : null}
    </dl>
  );
}

function rankData(ranks: readonly RevenueRank[], color: string, what: string): PlotData[] {
  const rev = [...ranks].reverse();
  return [
    {
      type: 'bar',
      orientation: 'h',
      y: rev.map((r) => escapeHtml(r.label)),
      x: rev.map((r) => r.revenue),
      customdata: rev.map((r) => [r.rows, 100 * r.share]),
      marker: { color },
      hovertemplate: `${what} %{y}: %{x:,.2f} revenue, %{customdata[0]:,} lines (%{customdata[1]:.1f}%)<extra></extra>`,
    } as PlotData,
  ];
}

type MonthRow = Glance['months'][number];

/** A per-month series: bars on the left axis, or a line with markers (on the right one). */
interface MonthSeries {
  readonly kind: 'bar' | 'line' | 'dots';
  readonly name: string;
  readonly y: (m: MonthRow) => number | null;
  readonly color: string;
  readonly hover: string;
}

/** A per-month series of kind `kind`: name, value per month, colour, hover template. */
const series =
  (kind: MonthSeries['kind']) =>
  (name: string, y: MonthSeries['y'], color: string, hover: string): MonthSeries => ({
    kind,
    name,
    y,
    color,
    hover,
  });
const bars = series('bar');

const MONTHLY: readonly MonthSeries[] = [
  bars('Revenue', (m) => m.revenue, BLUE, '%{x}: %{y:,.0f}<extra>revenue</extra>'),
  series('line')('Lines', (m) => m.rows, ORANGE, '%{x}: %{y:,} lines<extra></extra>'),
];

const RETURNS: readonly MonthSeries[] = [
  bars('Cancellation lines', (m) => m.cancellations, RED, '%{x}: %{y:,}<extra>cancellations</extra>'),
  bars('Returns (quantity < 0)', (m) => m.returns, GREY, '%{x}: %{y:,}<extra>returns</extra>'),
  series('dots')(
    'Without customer id (%)',
    (m) => (m.rows > 0 ? (100 * m.missingCustomer) / m.rows : null),
    ORANGE,
    '%{x}: %{y:.1f}% of lines without a customer<extra></extra>',
  ),
];

function monthTrace(months: readonly MonthRow[], s: MonthSeries): PlotData {
  const common = { name: s.name, x: months.map((m) => m.month), y: months.map(s.y), hovertemplate: s.hover };
  if (s.kind === 'bar') return { type: 'bar', ...common, marker: { color: s.color } } as PlotData;
  const line = s.kind === 'dots' ? { color: s.color, dash: 'dot' } : { color: s.color };
  return { type: 'scatter', mode: 'lines+markers', ...common, yaxis: 'y2', line } as PlotData;
}

/** Months along x, a count on the left axis and a second measure on the right one. */
function monthLayout(title: string, left: string, right: string, extra: PlotLayout = {}): PlotLayout {
  return {
    ...SMALL_LAYOUT,
    ...extra,
    title: chartTitle(title),
    xaxis: { type: 'category', tickfont: { size: 10 } },
    yaxis: { title: { text: left }, rangemode: 'tozero' },
    yaxis2: {
      title: { text: right },
      overlaying: 'y',
      side: 'right',
      rangemode: 'tozero',
      showgrid: false,
      ...(right.startsWith('%') ? { ticksuffix: '%' } : {}),
    },
  } as PlotLayout;
}

const NO_MODE_BAR = { displayModeBar: false };

/** A glance chart: all the same height, no mode bar, exported as `glance-<name>`. */
function GlancePlot({
  name,
  data,
  layout,
  label,
  testId = `glance-${name}`,
}: {
  name: string;
  data: PlotData[];
  layout: PlotLayout;
  label: string;
  testId?: string;
}) {
  return (
    <Plot
      data={data}
      layout={layout}
      config={NO_MODE_BAR}
      height={CHART_H}
      ariaLabel={label}
      testId={testId}
      exportName={`glance-${name}`}
    />
  );
}

function GlanceCharts({ g }: { g: Glance }) {
  const monthly = useMemo(
    () => ({
      data: MONTHLY.map((m) => monthTrace(g.months, m)),
      layout: monthLayout('Revenue and lines per month', 'revenue', 'lines'),
    }),
    [g],
  );
  const returns = useMemo(
    () => ({
      data: RETURNS.map((m) => monthTrace(g.months, m)),
      layout: monthLayout(
        'Cancellations, returns and lines without a customer',
        'lines',
        '% no customer id',
        {
          barmode: 'group',
        },
      ),
    }),
    [g],
  );
  const countries = useMemo(() => rankData(g.topCountries, BLUE, 'Country'), [g]);
  const products = useMemo(() => rankData(g.topProducts, BLUE, 'Product'), [g]);
  const rankLayout = (title: string): PlotLayout => ({
    margin: { l: 130, r: 16, t: 36, b: 40 },
    title: chartTitle(title),
    xaxis: { title: { text: 'revenue' } },
    yaxis: { type: 'category', tickfont: { size: 10 }, automargin: true },
    bargap: 0.25,
  });
  const countryLayout = useMemo(() => rankLayout('Top countries by revenue'), []);
  const productLayout = useMemo(() => rankLayout('Top products by revenue'), []);
  return (
    <div className="glance-grid">
      {g.months.length > 0 ? (
        <>
          <GlancePlot name="monthly" {...monthly} label="Revenue and lines per month" />
          {g.cancellations > 0 || g.returns > 0 || g.missingCustomer > 0 ? (
            <GlancePlot
              name="returns"
              {...returns}
              label="Cancellations, returns and lines without a customer per month"
              testId="glance-returns-chart"
            />
          ) : (
            <p className="muted glance-none" data-testid="glance-no-returns">
              No cancellation lines, no returns (negative quantities) and no line without a customer id in
              this file.
            </p>
          )}
        </>
      ) : null}
      {g.topCountries.length > 0 ? (
        <GlancePlot
          name="countries"
          data={countries}
          layout={countryLayout}
          label="Top countries by revenue"
        />
      ) : null}
      {g.topProducts.length > 0 ? (
        <GlancePlot name="products" data={products} layout={productLayout} label="Top products by revenue" />
      ) : null}
    </div>
  );
}

const MEASURE_TITLE = {
  quantity: 'Largest |quantity|',
  price: 'Largest unit prices',
  amount: 'Largest |amount|',
} as const;

function Outliers({ report }: { report: OutlierReport }) {
  const dropOutliers = useNotebook((s) => s.cleaningSettings.dropOutliers);
  const flagged = report.rows.length;
  const tables: [keyof typeof MEASURE_TITLE, readonly OutlierLine[]][] = [
    ['quantity', report.topQuantity],
    ['price', report.topPrice],
    ['amount', report.topAmount],
  ];
  return (
    <section aria-labelledby="glance-outliers-title" className="glance-outliers">
      <h3 id="glance-outliers-title" className="subhead">
        Extreme lines
      </h3>
      <p className="small">{report.explanation}</p>
      <p data-testid="outlier-advice">
        <strong>
          {flagged === 0
            ? 'No line is flagged.'
            : `${formatInt(flagged)} ${flagged === 1 ? 'line is' : 'lines are'} flagged`}
        </strong>
        {flagged > 0 ? (
          <>
            {' '}
            (marked below). They are judged on all lines before any cleaning, so they stay the same whatever
            the other rules do. The <a href="#cell-cleaning">Cleaning</a> step’s “Extreme lines” toggle
            excludes them from RFM; it is <strong>{dropOutliers ? 'on' : 'off'}</strong> now.
          </>
        ) : null}
      </p>
      <div className="outlier-tables">
        {tables
          .filter(([, lines]) => lines.length > 0)
          .map(([measure, lines]) => (
            <DataTable
              showCaption
              key={measure}
              className="outlier-table"
              caption={MEASURE_TITLE[measure]}
              rows={lines}
              rowKey={(l) => l.row}
              rowProps={(l) => ({
                className: l.flagged ? 'is-flagged' : undefined,
                'data-flagged': l.flagged ? 'true' : 'false',
              })}
              columns={[
                {
                  header: 'Row',
                  numeric: true,
                  rowHeader: true,
                  cell: (l) => formatInt(l.spreadsheetRow),
                  cellProps: () => ({ 'data-col': 'row' }),
                },
                {
                  header: measure === 'price' ? 'Unit price' : measure === 'quantity' ? 'Quantity' : 'Amount',
                  numeric: true,
                  cell: (l) => formatNumber(l.value),
                  cellProps: () => ({ 'data-col': 'value' }),
                },
                { header: 'Invoice', cell: (l) => l.invoice },
                { header: 'Product', cell: (l) => l.product },
                {
                  header: 'Customer',
                  cell: (l) => (l.customer === '' ? <span className="muted">none</span> : l.customer),
                },
                {
                  header: 'Flagged',
                  cell: (l) =>
                    l.flagged ? <span className="flag">extreme</span> : <span className="muted">—</span>,
                },
              ]}
            />
          ))}
      </div>
    </section>
  );
}
