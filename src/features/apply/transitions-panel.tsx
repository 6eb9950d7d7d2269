import { DataTable } from '../../components/data-table';
import { formatInt, formatMoney } from '../../components/format';
import { Plot } from '../../components/plot/plot';
import type { ApplyRun } from '../../store/apply-slice';
import { BeforeControls } from './before-controls';

const COLORS = [
  '#2563eb',
  '#16a34a',
  '#dc2626',
  '#9333ea',
  '#ea580c',
  '#0891b2',
  '#ca8a04',
  '#db2777',
  '#4b5563',
  '#65a30d',
];

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function beforeLabel(run: ApplyRun): string {
  if (!run.before) return '';
  return run.before.kind === 'day' ? `RFM at ${run.before.day}` : run.before.fileName;
}

/** Who moved: from × to counts with new and gone, a Sankey, and per-segment flows. */
export function TransitionsPanel({
  run,
  names,
}: {
  readonly run: ApplyRun | null;
  readonly names: readonly string[];
}) {
  const t = run?.output.transitions ?? null;
  const label = (c: number) => names[c] || `Segment ${c + 1}`;
  return (
    <section
      className="apply-section"
      aria-labelledby="apply-transitions-title"
      data-testid="apply-transitions"
    >
      <h3 className="subhead" id="apply-transitions-title">
        Who moved
      </h3>
      <BeforeControls />
      {run === null ? null : t === null ? (
        <p className="muted small">Choose a second date or a previous export to see transitions.</p>
      ) : (
        <>
          <p className="small">
            Before: {beforeLabel(run)}; after: this file at its analysis date. Rows: segment before (or new);
            columns: segment after (or gone).
          </p>
          <DataTable
            className="apply-table"
            testId="apply-transition-matrix"
            caption="Customers by segment before (rows) and after (columns)"
            rows={t.matrix}
            rowProps={(_, r) => ({ 'data-testid': `apply-transition-row-${r < t.k ? r + 1 : 'new'}` })}
            columns={[
              {
                header: 'Before \\ after',
                rowHeader: true,
                cell: (_, r) => (r < t.k ? `${r + 1}. ${label(r)}` : 'New'),
              },
              ...Array.from({ length: t.k + 1 }, (_, c) => ({
                header: c < t.k ? `${c + 1}. ${label(c)}` : 'Gone',
                numeric: true,
                cell: (row: readonly number[]) => formatInt(row[c]!),
                cellProps: (_: readonly number[], r: number) =>
                  r === c ? { className: 'apply-diag' } : undefined,
              })),
            ]}
          />
          <DataTable
            className="apply-table"
            testId="apply-flows"
            caption="Customers and revenue moving in and out of each segment"
            rows={t.perSegment}
            columns={[
              { header: 'Segment', rowHeader: true, cell: (_, c) => `${c + 1}. ${label(c)}` },
              { header: 'Stayed', numeric: true, cell: (s) => formatInt(s.stayed) },
              { header: 'In', numeric: true, cell: (s) => formatInt(s.in) },
              { header: 'Out', numeric: true, cell: (s) => formatInt(s.out) },
              { header: 'Revenue in', numeric: true, cell: (s) => formatMoney(s.revenueIn) },
              { header: 'Revenue out', numeric: true, cell: (s) => formatMoney(s.revenueOut) },
            ]}
          />
          <p className="muted small">
            Revenue in: monetary (after) of the customers who moved into the segment; revenue out: monetary
            (before) of those who left it.
          </p>
          <Plot
            ariaLabel="Sankey diagram of customers moving between segments, before on the left and after on the right"
            exportName="transitions-sankey"
            exportTitle="Transitions (Sankey)"
            testId="apply-sankey"
            height={420}
            data={[sankey(t.matrix, t.k, label)]}
            layout={{ title: { text: 'Customers from segment (before) to segment (after)' } }}
          />
        </>
      )}
    </section>
  );
}

function sankey(matrix: readonly (readonly number[])[], k: number, label: (c: number) => string) {
  // nodes 0..k: before (segments, new); k+1..2k+1: after (segments, gone)
  const nodes = [
    ...Array.from({ length: k }, (_, c) => `${escapeHtml(label(c))} (before)`),
    'New',
    ...Array.from({ length: k }, (_, c) => `${escapeHtml(label(c))} (after)`),
    'Gone',
  ];
  const color = [...Array.from({ length: k }, (_, c) => COLORS[c % COLORS.length]!), '#9aa5b1'];
  const source: number[] = [];
  const target: number[] = [];
  const value: number[] = [];
  matrix.forEach((row, r) =>
    row.forEach((v, c) => {
      if (v > 0) {
        source.push(r);
        target.push(k + 1 + c);
        value.push(v);
      }
    }),
  );
  return {
    type: 'sankey' as const,
    node: { label: nodes, color: [...color, ...color], pad: 12 },
    link: { source, target, value },
  };
}
