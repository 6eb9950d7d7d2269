import { useMemo } from 'react';
import type { PowerFit } from '../../core/transform/types';
import { DataTable } from '../../components/data-table';
import { Cell } from '../../components/cell';
import { formatInt, formatNumber } from '../../components/format';
import { Message } from '../../components/message';
import { StepProblem } from '../../components/step-problem';
import { Histogram } from '../../components/plot/histogram';
import { Progress } from '../../components/progress';
import { cancelModel, rerunModel } from '../../store/model-actions';
import { useNotebook } from '../../store/store';
import { useStep } from '../../store/selectors/step';
import { FEATURE_LABELS } from '../../components/palette';
import '../../components/model-cells.css';
import { MODEL_FEATURES } from '../../core/model/model-types';
import { FeatureChoice } from './feature-choice';

const WORDS = { recency: 'Recency', frequency: 'Frequency', monetary: 'Monetary' } as const;

function column(X: Float64Array, d: number, j: number): Float64Array {
  const n = X.length / d;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = X[i * d + j]!;
  return out;
}

function fmt(x: number | undefined, digits = 4): string {
  if (x === undefined || !Number.isFinite(x)) return '—';
  // A tiny non-zero value (the scale after a limited λ) is not shown as 0.0000.
  return x !== 0 && Math.abs(x) < 10 ** -digits ? x.toExponential(3) : x.toFixed(digits);
}

/** The features whose λ the fit limited (see fitPowerTransform), with the MLE and the λ used. */
function limitedNotes(
  fit: PowerFit,
  labels: readonly string[],
): { label: string; mle: number; used: number }[] {
  const from = fit.limitedFrom;
  if (!from) return [];
  return labels.flatMap((label, j) =>
    Number.isNaN(from[j]!) ? [] : [{ label, mle: from[j]!, used: fit.lambdas[j]! }],
  );
}

/** Yeo-Johnson per feature, then standardisation; what it did to the skew. */
export function TransformCell() {
  const { status, error } = useStep('transform');
  const transform = useNotebook((s) => s.transform);
  const hasRfm = useNotebook((s) => s.rfm !== null);

  // The modelled features (two when one was left out); λ, means, scales and X follow their order.
  const features = transform?.result.features ?? MODEL_FEATURES;
  const labels: string[] = features.map((f) => FEATURE_LABELS[MODEL_FEATURES.indexOf(f)]!);
  const after = useMemo(() => {
    if (!transform) return null;
    const d = transform.result.features?.length ?? 3;
    return Array.from({ length: d }, (_, j) => column(transform.result.X, d, j));
  }, [transform]);
  const before = transform ? features.map((f) => transform.rfm[f]) : null;
  const r = transform?.result;

  const summary = transform
    ? `Yeo-Johnson and standardisation of ${formatInt(transform.rfm.customerIds.length)} customers`
    : hasRfm
      ? 'Computing…'
      : 'Waiting for the RFM table.';

  return (
    <Cell
      step="transform"
      status={hasRfm || transform ? status : 'waiting'}
      summary={summary}
      howItWorks={
        <>
          <p>
            k-means measures plain distances, so skewed features with big ranges would dominate it. Each
            feature is made closer to a normal shape with a Yeo-Johnson power transform (λ fitted by maximum
            likelihood, as scikit-learn&apos;s <code>PowerTransformer</code>), then standardised to mean 0 and
            standard deviation 1 so R, F and M weigh the same.
          </p>
          <p>
            A measure that cannot separate customers (almost everyone has the same value) or that you do not
            want to segment on can be left out: the model then uses the other two, and the segment plots are
            drawn in 2D. A file without a money column is segmented on recency and frequency.
          </p>
        </>
      }
      actions={
        status === 'error' || error?.code === 'cancelled' ? (
          <button type="button" className="button button--secondary" onClick={rerunModel}>
            Run again
          </button>
        ) : null
      }
    >
      {hasRfm ? <FeatureChoice /> : null}
      {status === 'running' ? (
        <Progress label="Fitting the Yeo-Johnson transform" value={null} onCancel={cancelModel} />
      ) : null}
      {error ? (
        <StepProblem error={error} failedTitle="The transform failed">
          {error.code === 'power-constant-column' ? (
            <> To leave it out, choose the two other features under “Features in the model” above.</>
          ) : null}
        </StepProblem>
      ) : null}
      {r && before && after ? (
        <>
          <DataTable
            testId="transform-table"
            caption="Transform parameters per feature"
            rows={labels}
            rowKey={(label) => label}
            columns={[
              { header: 'Feature', rowHeader: true, cell: (label) => label },
              { header: 'λ', numeric: true, cell: (_, j) => fmt(r.fit.lambdas[j]) },
              { header: 'Mean after Yeo-Johnson', numeric: true, cell: (_, j) => fmt(r.fit.means[j]) },
              { header: 'Scale (std)', numeric: true, cell: (_, j) => fmt(r.fit.scales[j]) },
              { header: 'Skewness before', numeric: true, cell: (_, j) => fmt(r.skewBefore[j], 2) },
              { header: 'Skewness after', numeric: true, cell: (_, j) => fmt(r.skewAfter[j], 2) },
            ]}
          />
          {limitedNotes(r.fit, labels).map((note) => (
            <Message key={note.label} kind="info" title={`λ of ${note.label} limited`}>
              <span data-testid="lambda-limited">
                The maximum-likelihood λ of {note.label} is {fmt(note.mle, 2)}, where its transformed values
                agree to about 15 digits and their spread is lost to rounding (almost every customer has the
                same {note.label.toLowerCase()}; scikit-learn returns a column of zeros there). The λ used is{' '}
                {fmt(note.used, 4)}, the nearest one at which the customers who differ stay apart.
              </span>
            </Message>
          ))}
          <p className="muted small">
            Skewness 0 is symmetric; above 1 is strongly right-skewed. Transformed value = (YJ(x, λ) − mean) /
            scale.
          </p>
          <div className="hist-grid" role="group" aria-label="Histograms before and after the transform">
            {(['before', 'after'] as const).flatMap((when) =>
              labels.map((label, j) => {
                const skew = fmt((when === 'before' ? r.skewBefore : r.skewAfter)[j], 2);
                return (
                  <Histogram
                    key={`${when[0]}${j}`}
                    values={(when === 'before' ? before : after)[j]!}
                    title={`${label}: ${when} (skew ${formatNumber(Number(skew))})`}
                    {...(when === 'before' ? { color: '#9aa5b1' } : { xTitle: 'standard deviations' })}
                    exportName={`transform-${when}-${features[j]}`}
                    exportTitle={`${WORDS[features[j]!]} ${when} transform`}
                  />
                );
              }),
            )}
          </div>
        </>
      ) : null}
    </Cell>
  );
}
