import { useEffect, type ReactNode } from 'react';
import type { ColumnProfile, ColumnType } from '../../core/profile/profile-types';
import { Fact } from '../../components/fact';
import { Cell, type CellStatus } from '../../components/cell';
import { DataTable, type DataColumn } from '../../components/data-table';
import { Message } from '../../components/message';
import { preloadPlotlyWhenIdle } from '../../components/plot/plotly-loader';
import { formatInt, formatMs, formatNumber } from '../../components/format';
import { useNotebook } from '../../store/store';
import { useStep } from '../../store/selectors/step';
import './profile.css';

const TYPE_LABEL: Record<ColumnType, string> = {
  integer: 'whole number',
  number: 'number',
  date: 'date',
  text: 'text',
  'id-like': 'identifier',
  empty: 'empty',
};

/** What each column of the parsed file holds, before any mapping or cleaning. */
export function ProfileCell() {
  const hasData = useNotebook((s) => s.loadResult !== null);
  const rowCount = useNotebook((s) => s.loadResult?.rowCount ?? null);
  const { status, error } = useStep('profile');
  const columns = useNotebook((s) => s.columnProfile);
  const source = useNotebook((s) => s.profileSource);
  const ms = useNotebook((s) => s.profileMs);
  const loading = useNotebook((s) => s.loadStatus === 'running');

  // The charts after this cell need plotly (its 2D bundle, 1.5 MB): it is loaded while the page is
  // left alone, not while a file is parsed (both would compete for the same cores; see
  // preloadPlotlyWhenIdle).
  useEffect(() => (loading ? undefined : preloadPlotlyWhenIdle()), [loading]);

  const cellStatus: CellStatus = hasData ? status : 'waiting';
  const rows = columns?.[0]?.rows ?? rowCount;
  const summary = columns ? (
    <span data-testid="profile-summary">
      {formatInt(columns.length)} columns · {formatInt(rows ?? 0)} rows{source ? ` of ${source}` : ''}
      {ms !== null ? ` · profiled in ${formatMs(ms)}` : ''}
    </span>
  ) : hasData ? (
    'Reading every column…'
  ) : (
    'Load data first.'
  );

  return (
    <Cell
      step="profile"
      status={cellStatus}
      summary={summary}
      metrics={{ 'profile-ms': ms === null ? null : Math.round(ms), columns: columns?.length }}
    >
      {error ? (
        <Message kind="error" title="The profile could not be computed" testId="profile-error">
          {error.message}
        </Message>
      ) : null}
      {!columns ? (
        <p className="muted">
          {hasData
            ? 'Counting missing and distinct values, types and ranges of every column…'
            : 'Each column’s type, missing values, distinct values, ranges and most frequent values will appear here.'}
        </p>
      ) : (
        <>
          <dl className="facts profile-facts">
            <Fact term="Rows" testId="profile-rows">
              {formatInt(rows ?? 0)}
            </Fact>
            <Fact term="Columns">{formatInt(columns.length)}</Fact>
            <Fact term="Columns with missing cells">
              {formatInt(columns.filter((c) => c.missing > 0).length)}
            </Fact>
            <Fact term="Columns with unreadable cells">
              {formatInt(columns.filter((c) => c.unparseable !== null).length)}
            </Fact>
          </dl>
          <DataTable
            className="profile-table"
            caption="Column profile"
            rows={columns}
            rowKey={(c) => c.index}
            rowProps={(c) => ({ 'data-column': c.name })}
            columns={PROFILE_COLUMNS}
          />
        </>
      )}
    </Cell>
  );
}

function pct(part: number, whole: number): string {
  if (whole <= 0) return '';
  const p = (100 * part) / whole;
  return `${p < 0.1 && p > 0 ? '<0.1' : p.toFixed(1)}%`;
}

const col = (name: string) => () => ({ 'data-col': name });

/** The columns of the profile table, one row per column of the file. */
const PROFILE_COLUMNS: readonly DataColumn<ColumnProfile>[] = [
  {
    header: 'Column',
    rowHeader: true,
    cell: (c) => (c.name === '' ? <span className="muted">(no header, column {c.index + 1})</span> : c.name),
    cellProps: () => ({ className: 'profile-table__name' }),
  },
  {
    header: 'Type',
    cell: (c) => (
      <>
        <span className={`type-chip type-chip--${c.type}`}>{TYPE_LABEL[c.type]}</span>
        <p className="muted small profile-table__why">{c.typeReason}</p>
      </>
    ),
    cellProps: col('type'),
  },
  {
    header: 'Missing',
    numeric: true,
    cell: (c) => (
      <>
        {formatInt(c.missing)}
        {c.missing > 0 ? (
          <span className="muted small profile-table__pct">{pct(c.missing, c.rows)}</span>
        ) : null}
        {c.naLike > 0 ? (
          <span className="muted small profile-table__pct">+ {formatInt(c.naLike)} “NA”-like</span>
        ) : null}
      </>
    ),
    cellProps: col('missing'),
  },
  { header: 'Distinct', numeric: true, cell: (c) => formatInt(c.distinct), cellProps: col('distinct') },
  { header: 'Values', cell: (c) => <Values c={c} />, cellProps: col('values') },
  { header: 'Unreadable cells', cell: (c) => <Unreadable c={c} />, cellProps: col('unparseable') },
];

function Unreadable({ c }: { c: ColumnProfile }): ReactNode {
  if (!c.unparseable) return <span className="muted">—</span>;
  const u = c.unparseable;
  return (
    <div className="profile-bad">
      <span className="error-text">
        {formatInt(u.count)} {u.count === 1 ? 'cell does' : 'cells do'} not read as{' '}
        {c.type === 'date' ? 'a date' : 'a number'}
      </span>
      <ul className="small profile-bad__list">
        {u.exampleRows.map((r, k) => (
          <li key={r}>
            row {formatInt(r)}: <code>{u.exampleValues[k] ?? ''}</code>
          </li>
        ))}
      </ul>
    </div>
  );
}

function Values({ c }: { c: ColumnProfile }): ReactNode {
  if (c.numeric) {
    const n = c.numeric;
    const items: [string, string][] = [
      ['min', formatNumber(n.min)],
      ['25%', formatNumber(n.q25)],
      ['median', formatNumber(n.median)],
      ['75%', formatNumber(n.q75)],
      ['max', formatNumber(n.max)],
      ['mean', formatNumber(n.mean)],
      ['std', formatNumber(n.std)],
    ];
    return (
      <div>
        <dl className="describe">
          {items.map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
        <p className="muted small">
          {formatInt(n.count)} numbers · {formatInt(n.negatives)} negative · {formatInt(n.zeros)} zero
        </p>
      </div>
    );
  }
  if (c.dates) {
    const d = c.dates;
    return (
      <div>
        <span data-testid={`profile-range-${c.index}`}>
          {d.earliestText} → {d.latestText}
        </span>
        <p className="muted small">
          {formatInt(d.count)} dates, read as {d.order}
          {d.orderAmbiguous ? ' (day-first and month-first both fit: check the Columns step)' : ''}
        </p>
      </div>
    );
  }
  if (c.top.length > 0) {
    return (
      <ol className="top-values small" aria-label={`Most frequent values of ${c.name}`}>
        {c.top.map((t) => (
          <li key={t.value}>
            <span className="top-values__v">{t.value}</span>{' '}
            <span className="muted">{formatInt(t.count)}</span>
          </li>
        ))}
      </ol>
    );
  }
  return <span className="muted">—</span>;
}
