import { useState } from 'react';
import { formatInt, formatNumber } from '../../components/format';
import { Message } from '../../components/message';
import { Plot } from '../../components/plot/plot';
import { MODEL_FEATURES, type ModelFeature } from '../../core/model/model-types';
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

/** Drift: segment sizes then and now, far customers, and per feature PSI and the range check. */
export function DriftPanel({ run, names }: { readonly run: ApplyRun; readonly names: readonly string[] }) {
  const drift = run.output.drift;
  const [feature, setFeature] = useState<ModelFeature>('recency');
  const fd = drift.features?.[feature] ?? null;
  return (
    <section className="apply-section" aria-labelledby="apply-drift-title" data-testid="apply-drift">
      <h3 className="subhead" id="apply-drift-title">
        Segments and drift
      </h3>
      <div className="table-wrap">
        <table className="apply-table" data-testid="apply-segments-table">
          <caption className="visually-hidden">Segment sizes at training and now</caption>
          <thead>
            <tr>
              <th scope="col">Segment</th>
              <th scope="col">Name</th>
              <th scope="col" className="num">
                Customers now
              </th>
              <th scope="col" className="num">
                Share now
              </th>
              <th scope="col" className="num">
                Share at training
              </th>
              <th scope="col" className="num">
                Far from centre
              </th>
            </tr>
          </thead>
          <tbody>
            {drift.segments.map((s, c) => (
              <tr key={c} data-testid={`apply-segment-${c + 1}`}>
                <th scope="row">{c + 1}</th>
                <td>{names[c] || `Segment ${c + 1}`}</td>
                <td className="num">{formatInt(s.sizeNow)}</td>
                <td className="num">{pct(s.shareNow)}</td>
                <td className="num">{pct(s.shareThen)}</td>
                <td className="num">{s.beyond === null ? '—' : formatInt(s.beyond)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
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
          <div className="table-wrap">
            <table className="apply-table" data-testid="apply-drift-table">
              <caption className="visually-hidden">Drift per feature</caption>
              <thead>
                <tr>
                  <th scope="col">Feature</th>
                  <th scope="col" className="num">
                    PSI
                  </th>
                  <th scope="col">Reading</th>
                  <th scope="col" className="num">
                    Below training range
                  </th>
                  <th scope="col" className="num">
                    Above training range
                  </th>
                </tr>
              </thead>
              <tbody>
                {MODEL_FEATURES.map((f) => {
                  const d = drift.features![f];
                  return (
                    <tr key={f} data-testid={`apply-drift-${f}`} data-psi={d.psi}>
                      <th scope="row">{FEATURE_LABEL[f]}</th>
                      <td className="num">{d.psi.toFixed(3)}</td>
                      <td>{psiWord(d.psi)}</td>
                      <td className="num">{pct(d.belowShare)}</td>
                      <td className="num">{pct(d.aboveShare)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <p className="muted small">
            PSI compares the share of customers in each training decile bin, now against training (below 0.1:
            stable; 0.1–0.25: moderate; above 0.25: large).
          </p>
          <label className="apply-field">
            Distribution of{' '}
            <select value={feature} onChange={(e) => setFeature(e.target.value as ModelFeature)}>
              {MODEL_FEATURES.map((f) => (
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
