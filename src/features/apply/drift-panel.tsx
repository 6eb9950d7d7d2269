import { useState } from 'react';
import { DataTable } from '../../components/data-table';
import { formatInt, formatNumber } from '../../components/format';
import { Message } from '../../components/message';
import { Plot } from '../../components/plot/plot';
import type { ModelFeature } from '../../core/model/model-types';
import type { ApplyRun } from '../../store/apply-slice';

const FEATURE_LABEL: Record<ModelFeature, string> = {
  recency: 'Recency (days)',
  frequency: 'Frequency',
  monetary: 'Monetary',
};

export function pct(x: number): string {
  return Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : '—';
}

/** The usual reading of a population stability index. */
function psiWord(psi: number): string {
  if (psi < 0.1) return 'stable';
  if (psi < 0.25) return 'moderate shift';
  return 'large shift';
}

function binLabels(edges: readonly number[]): string[] {
  const f = (v: number) => formatNumber(v);
  return Array.from({ length: edges.length + 1 }, (_, b) =>
    b === 0
      ? `≤ ${f(edges[0]!)}`
      : b === edges.length
        ? `> ${f(edges[b - 1]!)}`
        : `${f(edges[b - 1]!)}–${f(edges[b]!)}`,
  );
}

/**
 * Drift: segment sizes then and now, far customers, and per feature PSI and the range check (the
 * model's features only: a two-feature model lists two).
 */
export function DriftPanel({ run, names }: { readonly run: ApplyRun; readonly names: readonly string[] }) {
  const drift = run.output.drift;
  const rows = run.model.features.flatMap((f) => {
    const d = drift.features?.[f];
    return d ? [{ f, d }] : [];
  });
  const [chosen, setFeature] = useState<ModelFeature | null>(null);
  const feature = rows.some((r) => r.f === chosen) ? chosen! : (rows[0]?.f ?? 'recency');
  const fd = drift.features?.[feature] ?? null;
  return (
    <section className="apply-section" aria-labelledby="apply-drift-title" data-testid="apply-drift">
      <h3 className="subhead" id="apply-drift-title">
        Segments and drift
      </h3>
      <DataTable
        className="apply-table"
        testId="apply-segments-table"
        caption="Segment sizes at training and now"
        rows={drift.segments}
        rowProps={(_, c) => ({ 'data-testid': `apply-segment-${c + 1}` })}
        columns={[
          { header: 'Segment', rowHeader: true, cell: (_, c) => c + 1 },
          { header: 'Name', cell: (_, c) => names[c] || `Segment ${c + 1}` },
          { header: 'Customers now', numeric: true, cell: (s) => formatInt(s.sizeNow) },
          { header: 'Share now', numeric: true, cell: (s) => pct(s.shareNow) },
          { header: 'Share at training', numeric: true, cell: (s) => pct(s.shareThen) },
          {
            header: 'Far from centre',
            numeric: true,
            cell: (s) => (s.beyond === null ? '—' : formatInt(s.beyond)),
          },
        ]}
      />
      <p className="muted small">
        “Far from centre”: customers farther from their segment’s centre than 99% of the training customers of
        that segment were (
        {drift.farCount === null ? 'unknown for this model' : `${formatInt(drift.farCount)} in all`}). Their
        label is the nearest segment, but none fits them well.
      </p>
      {drift.features === null ? (
        <Message kind="warning" title="Drift unavailable for this model" testId="apply-drift-unavailable">
          This model was saved in format 1, without a summary of its training data, so only segment sizes can
          be compared. Fit again and export the model with this version of the app to get drift.
        </Message>
      ) : (
        <>
          <DataTable
            className="apply-table"
            testId="apply-drift-table"
            caption="Drift per feature"
            rows={rows}
            rowKey={(r) => r.f}
            rowProps={({ f, d }) => ({ 'data-testid': `apply-drift-${f}`, 'data-psi': d.psi })}
            columns={[
              { header: 'Feature', rowHeader: true, cell: ({ f }) => FEATURE_LABEL[f] },
              { header: 'PSI', numeric: true, cell: ({ d }) => d.psi.toFixed(3) },
              { header: 'Reading', cell: ({ d }) => psiWord(d.psi) },
              { header: 'Below training range', numeric: true, cell: ({ d }) => pct(d.belowShare) },
              { header: 'Above training range', numeric: true, cell: ({ d }) => pct(d.aboveShare) },
            ]}
          />
          <p className="muted small">
            PSI compares the share of customers in each training decile bin, now against training (below 0.1:
            stable; 0.1–0.25: moderate; above 0.25: large).
          </p>
          <label className="apply-field">
            Distribution of{' '}
            <select value={feature} onChange={(e) => setFeature(e.target.value as ModelFeature)}>
              {rows.map(({ f }) => (
                <option key={f} value={f}>
                  {FEATURE_LABEL[f]}
                </option>
              ))}
            </select>
          </label>
          {fd ? (
            <Plot
              ariaLabel={`${FEATURE_LABEL[feature]}: share of customers per training decile bin, training and now`}
              exportName={`drift-${feature}`}
              exportTitle={`Drift: ${FEATURE_LABEL[feature]}`}
              testId="apply-drift-chart"
              height={300}
              data={[
                {
                  type: 'bar',
                  name: 'Training',
                  x: binLabels(fd.edges),
                  y: [...fd.trainShares],
                  marker: { color: '#9aa5b1' },
                },
                {
                  type: 'bar',
                  name: 'Now',
                  x: binLabels(fd.edges),
                  y: [...fd.newShares],
                  marker: { color: '#2563eb' },
                },
              ]}
              layout={{
                barmode: 'group',
                title: { text: `${FEATURE_LABEL[feature]} — PSI ${fd.psi.toFixed(3)}` },
                yaxis: { title: { text: 'Share of customers' }, tickformat: '.0%' },
                xaxis: { title: { text: 'Training decile bin' } },
              }}
            />
          ) : null}
        </>
      )}
    </section>
  );
}
