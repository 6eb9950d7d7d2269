import { useMemo, type ReactNode } from 'react';
import { DataTable } from '../../components/data-table';
import { formatInt } from '../../components/format';
import { scoreDistributions, type RfmScores } from '../../core/rfm-scores';

const TOP = 12;

/** The most common combined scores (e.g. 545) and the customers per sum score (R + F + M). */
export function ScoreDistributions({ scores }: { scores: RfmScores }) {
  const d = useMemo(() => scoreDistributions(scores), [scores]);
  return (
    <div className="rfm-distributions" data-testid="rfm-score-distributions">
      <CountTable
        caption={
          <>
            Most common combined scores (R F M){' '}
            <span className="muted small">
              — {formatInt(d.combined.length)} combinations in use
              {d.combined.length > TOP ? `, the ${TOP} largest shown` : ''}
            </span>
          </>
        }
        label="Combined score"
        rows={d.combined.slice(0, TOP).map((c) => ({ key: c.code, count: c.count }))}
      />
      <CountTable
        caption="Sum score (R + F + M)"
        label="Sum"
        rows={d.sum.map((s) => ({ key: s.sum, count: s.count }))}
      />
    </div>
  );
}

/** Customers per value of a score. */
function CountTable({
  caption,
  label,
  rows,
}: {
  readonly caption: ReactNode;
  readonly label: string;
  readonly rows: readonly { readonly key: string | number; readonly count: number }[];
}) {
  return (
    <DataTable
      showCaption
      wrap={false}
      caption={caption}
      rows={rows}
      rowKey={(r) => r.key}
      columns={[
        { header: label, rowHeader: true, cell: (r) => r.key },
        { header: 'Customers', numeric: true, cell: (r) => formatInt(r.count) },
      ]}
    />
  );
}
