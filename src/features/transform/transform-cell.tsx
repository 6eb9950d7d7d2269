import { useMemo } from 'react';
import type { PowerFit } from '../../core/types';
import { DataTable } from '../../components/data-table';
import { Cell } from '../../components/cell';
import { formatInt, formatNumber } from '../../components/format';
import { Message } from '../../components/message';
import { Histogram } from '../../components/plot/histogram';
import { Progress } from '../../components/progress';
import { cancelModel, rerunModel } from '../../store/model-actions';
import { useNotebook } from '../../store/store';
import { FEATURE_LABELS } from '../../components/palette';
import '../../components/model-cells.css';

const FEATURE_KEYS = ['recency', 'frequency', 'monetary'] as const;
const FEATURE_NAMES = ['Recency', 'Frequency', 'Monetary'] as const;

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
function limitedNotes(fit: PowerFit): { label: string; mle: number; used: number }[] {
  const from = fit.limitedFrom;
  if (!from) return [];
  return FEATURE_LABELS.flatMap((label, j) =>
    Number.isNaN(from[j]!) ? [] : [{ label, mle: from[j]!, used: fit.lambdas[j]! }],
  );
}

/** Step 5: Yeo-Johnson per feature, then standardisation; what it did to the skew. */
export function TransformCell() {
  const status = useNotebook((s) => s.transformStatus);
  const error = useNotebook((s) => s.transformError);
  const transform = useNotebook((s) => s.transform);
  const hasRfm = useNotebook((s) => s.rfm !== null);

  const after = useMemo(
    () => (transform ? [0, 1, 2].map((j) => column(transform.result.X, 3, j)) : null),
    [transform],
  );
  const before = transform ? [transform.rfm.recency, transform.rfm.frequency, transform.rfm.monetary] : null;
  const r = transform?.result;

  const summary = transform
    ? `Yeo-Johnson and standardisation of ${formatInt(transform.rfm.customerIds.length)} customers`
    : hasRfm
      ? 'Computing…'
      : 'Waiting for the RFM table.';

  return (
    <Cell
      id="transform"
      purpose="Make the three measures comparable so no single one dominates the segments."
      title="Transform"
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
      {status === 'running' ? (
        <Progress label="Fitting the Yeo-Johnson transform" value={null} onCancel={cancelModel} />
      ) : null}
      {error ? (
        <Message
          kind={error.code === 'cancelled' ? 'info' : 'error'}
          title={error.code === 'cancelled' ? 'Cancelled' : 'The transform failed'}
        >
          {error.message}
        </Message>
      ) : null}
      {r && before && after ? (
        <>
          <DataTable
            testId="transform-table"
            caption="Transform parameters per feature"
            captionHidden
            rows={FEATURE_LABELS}
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
          {limitedNotes(r.fit).map((note) => (
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
              FEATURE_LABELS.map((label, j) => {
                const skew = fmt((when === 'before' ? r.skewBefore : r.skewAfter)[j], 2);
                return (
                  <Histogram
                    key={`${when[0]}${j}`}
                    values={(when === 'before' ? before : after)[j]!}
                    title={`${label}: ${when} (skew ${formatNumber(Number(skew))})`}
                    {...(when === 'before' ? { color: '#9aa5b1' } : { xTitle: 'standard deviations' })}
                    exportName={`transform-${when}-${FEATURE_KEYS[j]}`}
                    exportTitle={`${FEATURE_NAMES[j]} ${when} transform`}
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
