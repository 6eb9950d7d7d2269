import { useDeferredValue, useMemo } from 'react';
import { samplePairs } from '../../core/profile/sample';
import type { PairSample } from '../../core/profile/profile-types';
import { Cell, type CellStatus } from '../../components/cell';
import { formatInt } from '../../components/format';
import { ScatterMatrix, countNonPositive, type MatrixColumn } from '../../components/plot/scatter-matrix';
import { setPairLogAxes } from '../../store/profile-actions';
import { useNotebook } from '../../store/store';
import './profile.css';

/** Points drawn per figure at most (customers beyond it are sampled with the seed). */
export const PAIR_MAX_POINTS = 20_000;

/**
 * Step 5b: scatter matrices of Recency, Frequency and Monetary (histograms on the diagonal), before
 * and after the Yeo-Johnson + standardisation transform — the reference notebook's seaborn pairplot.
 */
const RF = ['recency', 'frequency'] as const;
const RFM = ['recency', 'frequency', 'monetary'] as const;
const BEFORE_NAMES = { recency: 'Recency (days)', frequency: 'Frequency', monetary: 'Monetary' } as const;

export function PairPlotsCell() {
  // Deferred: a new RFM table is first shown by the cells above; this cell's sampling and matrix are
  // worked out in a background render React can interrupt (they held the RFM table's task here).
  const rfm = useDeferredValue(useNotebook((s) => s.rfm));
  const rfmStatus = useNotebook((s) => s.rfmStatus);
  const transform = useNotebook((s) => s.transform);
  const transformStatus = useNotebook((s) => s.transformStatus);
  const seed = useNotebook((s) => s.seed);
  const log = useNotebook((s) => s.pairLogAxes);

  const sample = useMemo<PairSample | null>(
    () => (rfm ? samplePairs([rfm.recency, rfm.frequency, rfm.monetary], PAIR_MAX_POINTS, seed) : null),
    [rfm, seed],
  );
  // The modelled features (two when one is left out, or without money); monetary-less files show R, F.
  const features =
    transform?.rfm === rfm && transform?.result.features
      ? transform.result.features
      : rfm?.noMoney
        ? RF
        : RFM;
  const before = useMemo<MatrixColumn[] | null>(
    () => (rfm ? features.map((f) => ({ name: BEFORE_NAMES[f], values: rfm[f] })) : null),
    [rfm, features],
  );
  const current = transform !== null && rfm !== null && transform.rfm === rfm;
  const after = useMemo<MatrixColumn[] | null>(() => {
    if (!transform || !rfm || transform.rfm !== rfm) return null;
    const X = transform.result.X;
    const used = transform.result.features ?? RFM;
    const d = used.length;
    const n = X.length / d;
    return used.map((name, j) => {
      const values = new Float64Array(n);
      for (let i = 0; i < n; i++) values[i] = X[i * d + j]!;
      return { name: `${BEFORE_NAMES[name].replace(' (days)', '')}′`, values };
    });
  }, [transform, rfm]);
  const hiddenOnLog = useMemo(
    () => (before && sample && log ? countNonPositive(before, sample.indices) : 0),
    [before, sample, log],
  );

  const status: CellStatus = !rfm
    ? rfmStatus === 'error'
      ? 'waiting'
      : rfmStatus === 'running'
        ? 'running'
        : 'waiting'
    : rfmStatus === 'running' || rfmStatus === 'stale'
      ? 'stale'
      : 'ready';
  const summary = sample ? (
    <span data-testid="pair-sample">
      {sample.sampled
        ? `${formatInt(sample.size)} of ${formatInt(sample.eligible)} customers drawn (seed ${sample.seed})`
        : `all ${formatInt(sample.size)} customers`}
    </span>
  ) : (
    'Compute the RFM table first.'
  );

  return (
    <Cell
      step="pair-plots"
      status={status}
      summary={summary}
      metrics={{ points: sample?.size, sampled: sample ? String(sample.sampled) : null }}
    >
      {!rfm || !before || !sample ? (
        <p className="muted">
          Scatter plots of recency, frequency and monetary against each other, with their histograms, will
          appear here once the RFM table is ready.
        </p>
      ) : (
        <>
          <div className="pair-controls">
            <label className="choice">
              <input type="checkbox" checked={log} onChange={(e) => setPairLogAxes(e.target.checked)} />
              Log axes for the raw values
            </label>
            <span className="muted small">
              {sample.sampled
                ? `More than ${formatInt(PAIR_MAX_POINTS)} customers: ${sample.label}, the same points each time for this seed. Histograms use every customer.`
                : `Every customer is drawn (${formatInt(sample.size)} points).`}
              {log && hiddenOnLog > 0
                ? ` ${formatInt(hiddenOnLog)} with a value of 0 or less cannot be placed on log axes and are left out of the scatter plots.`
                : ''}
            </span>
          </div>
          <div className="pair-grid">
            <figure>
              <figcaption>Before the transform (raw R, F, M{log ? ', log axes' : ''})</figcaption>
              <ScatterMatrix
                columns={before}
                indices={sample.indices}
                log={log}
                ariaLabel="Pair plot of recency, frequency and monetary before the transform"
                testId="pair-plot-before"
                exportName="pair-plot-raw"
                exportTitle="Pair plot: raw recency, frequency, monetary"
              />
            </figure>
            <figure>
              <figcaption>After the transform (′ = Yeo-Johnson, then standardised)</figcaption>
              {after ? (
                <ScatterMatrix
                  columns={after}
                  indices={sample.indices}
                  color="#2f7d5b"
                  ariaLabel="Pair plot of recency, frequency and monetary after the transform"
                  testId="pair-plot-after"
                  exportName="pair-plot-transformed"
                  exportTitle="Pair plot: transformed recency, frequency, monetary"
                />
              ) : (
                <p className="muted" data-testid="pair-plot-after-waiting">
                  {transformStatus === 'running' || (transform !== null && !current)
                    ? 'Waiting for the transform of this RFM table…'
                    : 'Appears when the Transform step has run.'}
                </p>
              )}
            </figure>
          </div>
        </>
      )}
    </Cell>
  );
}
