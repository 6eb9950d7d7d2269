import { ActionItem } from '../../components/action-item';
import { downloadBlob, textBlob } from '../../components/download';
import { formatInt } from '../../components/format';
import { movesCsv } from '../../core/model/moves-csv';
import { customersCsv } from '../../core/segments/exports';
import { savedScoreColumnsFor } from '../../core/rfm-scores';
import { isoDay, sanitiseFileStem } from '../../core/segments/naming';
import type { ApplyRun } from '../../store/apply-slice';

const CSV = 'text/csv;charset=utf-8';

/** `<dataset>-model-<id>-<model day>-scored-<today>-<what>`: every export names the model and its date. */
export function applyFileName(run: ApplyRun, dataset: string | null, what: string): string {
  const m = run.model;
  const modelDay = m.createdAt ? m.createdAt.slice(0, 10) : 'undated';
  return `${sanitiseFileStem(dataset)}-model-${m.id}-${modelDay}-scored-${isoDay(new Date())}-${what}`;
}

/** Downloads of the scored customers (same columns as the fit's export) and of the per-customer moves. */
export function ApplyExports(props: {
  readonly run: ApplyRun;
  readonly names: readonly string[];
  readonly dataset: string | null;
}) {
  const { run, names, dataset } = props;
  const rfm = run.rfm;
  const t = run.output.transitions;
  const customers = () =>
    downloadBlob(
      textBlob(
        customersCsv({
          customerIds: rfm.customerIds,
          recency: rfm.recency,
          frequency: rfm.frequency,
          monetary: rfm.monetary,
          labels: run.output.now.clusterIndex,
          names,
          // RFM scores with the model's SAVED break values and rules (nothing re-computed).
          rfmScores: savedScoreColumnsFor(run.model.rfmScores, rfm),
        }),
        CSV,
      ),
      applyFileName(run, dataset, 'customers.csv'),
    );
  const moves = () => {
    if (!t || !run.before || !run.output.before) return;
    const b = run.before.kind === 'day' ? run.before.rfm : run.before.customers;
    const csv = movesCsv(
      t,
      {
        clusterIndex: run.output.before.clusterIndex,
        recency: b.recency,
        frequency: b.frequency,
        monetary: b.monetary,
      },
      {
        clusterIndex: run.output.now.clusterIndex,
        recency: rfm.recency,
        frequency: rfm.frequency,
        monetary: rfm.monetary,
      },
      names,
    );
    downloadBlob(textBlob(csv, CSV), applyFileName(run, dataset, 'moves.csv'));
  };
  return (
    <section className="apply-section" aria-labelledby="apply-exports-title">
      <h3 className="subhead" id="apply-exports-title">
        Downloads
      </h3>
      <ul className="apply-exports">
        <ActionItem label="Scored customers (CSV)" onClick={customers} testId="apply-export-customers">
          {' '}
          <span className="muted small">
            {formatInt(rfm.customerIds.length)} rows: customer_id, recency, frequency, monetary, cluster_id,
            cluster_name
          </span>
        </ActionItem>
        {t ? (
          <ActionItem label="Customer moves (CSV)" onClick={moves} testId="apply-export-moves">
            {' '}
            <span className="muted small">
              {formatInt(t.ids.length)} rows: id, move, segment before and after, R/F/M at both sides
            </span>
          </ActionItem>
        ) : null}
      </ul>
    </section>
  );
}
