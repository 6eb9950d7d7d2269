import { useEffect, useId, useState } from 'react';
import { Cell } from '../../components/cell';
import { DataTable } from '../../components/data-table';
import { formatInt, formatNumber } from '../../components/format';
import { Message } from '../../components/message';
import { StepProblem } from '../../components/step-problem';
import { Progress } from '../../components/progress';
import {
  cancelModel,
  dismissEngineRestart,
  MAX_SEED,
  rerunModel,
  setEngineChoice,
  setK,
  setSeed,
  FALLBACK_K,
} from '../../store/model-actions';
import type { EngineOverride } from '../../store/model-slice';
import { useNotebook } from '../../store/store';
import { useStep } from '../../store/selectors/step';
import { KControl } from './k-control';
import { SweepChart } from './sweep-chart';
import { Recommendation } from './recommendation';
import '../../components/model-cells.css';

const ENGINE_OPTIONS: readonly { value: EngineOverride; label: string }[] = [
  { value: 'auto', label: 'Automatic (measure and pick the fastest)' },
  { value: 'plain', label: 'Plain typed arrays (float64)' },
  { value: 'tfjs-wasm', label: 'TensorFlow.js WebAssembly' },
  { value: 'tfjs-webgl', label: 'TensorFlow.js WebGL (GPU)' },
];

const fixed3 = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : '—');

function SeedInput() {
  const seed = useNotebook((s) => s.seed);
  const [text, setText] = useState(String(seed));
  const id = useId();
  useEffect(() => setText(String(seed)), [seed]);
  const value = Number(text);
  const valid = text.trim() !== '' && Number.isInteger(value) && value >= 0 && value <= MAX_SEED;
  const commit = () => {
    if (valid) setSeed(value);
    else setText(String(seed));
  };
  return (
    <div className="inline-field">
      <label htmlFor={id}>Seed</label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={0}
        max={MAX_SEED}
        step={1}
        value={text}
        aria-invalid={!valid}
        aria-describedby={`${id}-help`}
        onChange={(e) => setText(e.currentTarget.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
        }}
        data-testid="seed-input"
        className="seed-input"
      />
      <span id={`${id}-help`} className="visually-hidden">
        Seed of the k-means++ starting points; the same seed gives the same segments.
      </span>
    </div>
  );
}

function EngineSelect() {
  const choice = useNotebook((s) => s.engineChoice);
  const id = useId();
  return (
    <div className="inline-field">
      <label htmlFor={id}>Engine</label>
      <select
        id={id}
        value={choice}
        onChange={(e) => setEngineChoice(e.currentTarget.value as EngineOverride)}
        data-testid="engine-select"
      >
        {ENGINE_OPTIONS.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The sweep k = 1..10 — elbow and scores — and the choice of k. */
export function ChooseKCell() {
  const { status, error } = useStep('sweep');
  const engineRestart = useNotebook((s) => s.engineRestart);
  const progress = useNotebook((s) => s.sweepProgress);
  const sweep = useNotebook((s) => s.sweep);
  const k = useNotebook((s) => s.k);
  const hasRfm = useNotebook((s) => s.rfm !== null);

  const result = sweep?.result;
  const ks = result?.points.map((p) => p.k) ?? [];
  const knee = result?.knee;
  const info = sweep?.engineInfo;

  const summary = sweep
    ? `k-means for k = ${Math.min(...ks)}…${Math.max(...ks)} on ${formatInt(sweep.rfm.customerIds.length)} customers · seed ${sweep.seed} · ${sweep.nInit} starts each${
        sweep.result.restartSample
          ? `, screened on ${formatInt(sweep.result.restartSample.size)} sampled customers`
          : ''
      }`
    : hasRfm
      ? 'Waiting for the transform.'
      : 'Waiting for the RFM table.';

  return (
    <Cell
      step="choose-k"
      status={hasRfm || sweep ? status : 'waiting'}
      summary={summary}
      metrics={{
        engine: info?.name,
        k,
        // full-precision inertia per k (comma-separated, in k order) for the benchmark's quality check
        inertias: result?.points.map((p) => p.inertia).join(','),
        'restart-sample': result?.restartSample?.size,
      }}
      howItWorks={
        <>
          <p>
            For each number of segments k from {ks.length > 0 ? Math.min(...ks) : 1} to{' '}
            {ks.length > 0 ? Math.max(...ks) : 10}, k-means is run from several seeded starting points and the
            best fit is kept. The fit (inertia) is the spread left inside the segments; it always falls as k
            grows, and the point where it stops falling steeply (the elbow) is the recommendation. Silhouette,
            Calinski-Harabasz and Davies-Bouldin score how well the segments are separated.
          </p>
          {knee ? <p data-testid="knee-explanation">{knee.explanation}</p> : null}
          <details className="engine-details">
            <summary>Compute engine</summary>
            {info ? (
              <p className="engine-info small" data-testid="engine-info">
                <strong>Engine: {info.name}</strong> — {info.reason}
                {info.renderer ? (
                  <span className="muted">
                    {' '}
                    (WebGL renderer: {info.renderer}
                    {info.software ? ', software' : ''})
                  </span>
                ) : null}
              </p>
            ) : null}
            <EngineSelect />
          </details>
        </>
      }
      actions={
        <button
          type="button"
          className="button button--secondary"
          onClick={rerunModel}
          disabled={!hasRfm || status === 'running'}
        >
          Run again
        </button>
      }
    >
      <div className="model-controls">
        <SeedInput />
      </div>
      {status === 'running' && progress ? (
        <Progress
          label="Fitting k-means for each k"
          value={progress.total > 0 ? progress.done / progress.total : null}
          detail={`${progress.done} of ${progress.total} values of k`}
          onCancel={cancelModel}
        />
      ) : null}
      {engineRestart ? (
        <Message kind="warning" title="The compute engine was restarted" testId="engine-restarted">
          <p>
            The engine stopped unexpectedly ({engineRestart}). A new one took over and computed the step
            again; the results shown are complete.
          </p>
          <button type="button" className="button button--secondary" onClick={dismissEngineRestart}>
            OK
          </button>
        </Message>
      ) : null}
      {error ? <StepProblem error={error} failedTitle="The k-means sweep failed" /> : null}
      {result && knee && k !== null ? (
        <>
          <Recommendation points={result.points} knee={knee} fallbackK={FALLBACK_K} />
          <KControl
            k={k}
            min={Math.min(...ks)}
            max={Math.max(...ks)}
            suggested={knee.suggested}
            onChange={setK}
          />
          <SweepChart result={result} k={k} onPick={setK} />
          <details className="sweep-details">
            <summary>Scores as a table</summary>
            <DataTable
              testId="sweep-table"
              caption="Scores of the k-means fit per number of segments k"
              rows={result.points}
              rowKey={(p) => p.k}
              rowProps={(p) => (p.k === k ? { 'aria-current': 'true', className: 'is-current' } : undefined)}
              columns={[
                { header: 'k', numeric: true, rowHeader: true, cell: (p) => p.k },
                { header: 'Inertia', numeric: true, cell: (p) => formatNumber(p.inertia) },
                { header: 'Silhouette', numeric: true, cell: (p) => fixed3(p.silhouette) },
                {
                  header: 'Calinski-Harabasz',
                  numeric: true,
                  cell: (p) => (Number.isFinite(p.calinskiHarabasz) ? formatInt(p.calinskiHarabasz) : '—'),
                },
                { header: 'Davies-Bouldin', numeric: true, cell: (p) => fixed3(p.daviesBouldin) },
                { header: 'Iterations', numeric: true, cell: (p) => p.result.nIter },
              ]}
            />
            <p className="muted small">
              Silhouette{' '}
              {result.silhouetteSampleSize < sweep!.rfm.customerIds.length
                ? `estimated on a random sample of ${formatInt(result.silhouetteSampleSize)} customers (seed ${sweep!.seed})`
                : 'computed on all customers'}
              . Inertia: sum of squared distances to the nearest centroid in the standardised space.
            </p>
            {result.restartSample ? (
              <p className="muted small" data-testid="restart-sample">
                With this many customers the {sweep!.nInit} k-means++ starts of each k run on a random sample
                of {formatInt(result.restartSample.size)} customers (seed {sweep!.seed}); the{' '}
                {result.restartSample.finalists} best are taken on to all customers and the best of those is
                refined, so labels, centroids and inertia are those of all{' '}
                {formatInt(sweep!.rfm.customerIds.length)} customers (P. S. Bradley and U. M. Fayyad's
                refinement from samples; on benchmark tables of 100,000 and 1,000,000 customers this gave a
                lower inertia than scikit-learn's ten starts on all rows at every k).
              </p>
            ) : null}
          </details>
        </>
      ) : null}
    </Cell>
  );
}
