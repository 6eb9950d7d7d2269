import { useId } from 'react';
import { RadioChoice } from '../../components/radio-choice';
import { Cell } from '../../components/cell';
import { formatInt } from '../../components/format';
import { Message } from '../../components/message';
import { MAX_SCORES, MIN_SCORES, SCORE_FEATURES, type ScoreError } from '../../core/rfm-scores';
import {
  applyRPackagePreset,
  resetScoreSettings,
  setScoreCount,
  setScoreMethod,
} from '../../store/rfm-scores-actions';
import { useNotebook } from '../../store/store';
import { BreaksTable, FEATURE_LABEL } from './breaks-panel';
import { RulesEditor } from './rules-editor';
import { ScoreDistributions } from './score-distributions';
import { CrosstabView, RfGridView, SegmentSizes } from './segment-views';
import { useRfmScores } from './use-rfm-scores';
import './rfm-scores.css';

function scoreErrorText(e: ScoreError): string {
  const f = e.feature ? FEATURE_LABEL[e.feature] : 'a feature';
  switch (e.code) {
    case 'scores-out-of-range':
      return `Choose between ${MIN_SCORES} and ${MAX_SCORES} scores.`;
    case 'cuts-count':
      return `The custom cut points of ${f} must be 1 to 9 numbers.`;
    case 'cuts-not-ascending':
      return `The custom cut points of ${f} must be in ascending order.`;
    case 'cuts-not-finite':
      return `The custom cut points of ${f} must be numbers.`;
  }
}

/** RFM scores (1..n per feature, with their breaks) and named segments, beside the k-means clusters. */
export function RfmScoresCell() {
  const view = useRfmScores();
  const settings = useNotebook((s) => s.scoreSettings);
  const rules = useNotebook((s) => s.scoreRules);
  const hasSweep = useNotebook((s) => s.sweep !== null);
  const countId = useId();
  const methodName = useId();
  const scores = view?.derived.ok ? view.derived.scores : null;

  const summary = !view
    ? 'Waiting for the RFM table.'
    : view.derived.ok && view.assignment
      ? `${formatInt(view.rfm.customerIds.length)} customers scored 1–${settings.scores} on ${view.rfm.noMoney ? 'R and F (no money column)' : 'R, F and M'}; ${
          rules.length
        } named segments${view.assignment.others.count > 0 ? ` and ${formatInt(view.assignment.others.count)} in Others` : ''}`
      : 'The score settings need attention.';

  return (
    <Cell
      step="rfm-scores"
      status={!view ? 'waiting' : view.derived.ok ? 'ready' : 'error'}
      summary={summary}
    >
      {view ? (
        <>
          <div className="rfm-score-controls">
            <label htmlFor={countId}>
              Scores per feature{' '}
              <select
                id={countId}
                value={settings.scores}
                onChange={(e) => setScoreCount(Number(e.target.value))}
                data-testid="rfm-score-count"
              >
                {Array.from({ length: MAX_SCORES - MIN_SCORES + 1 }, (_, i) => i + MIN_SCORES).map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
            </label>
            <fieldset className="choice-row">
              <legend>Bins</legend>
              <RadioChoice
                name={methodName}
                checked={settings.method === 'quantile'}
                onSelect={() => setScoreMethod('quantile')}
                testId="rfm-method-quantile"
              >
                Quantiles (pandas qcut; a value on a cut gets the lower score)
              </RadioChoice>
              <RadioChoice
                name={methodName}
                checked={settings.method === 'r-rfm'}
                onSelect={() => setScoreMethod('r-rfm')}
                testId="rfm-method-r"
              >
                R package rfm 0.3.0 (quantiles + 1, a value on a cut gets the higher score)
              </RadioChoice>
            </fieldset>
            <div className="button-row">
              <button type="button" className="button button--secondary" onClick={applyRPackagePreset}>
                Use the R package rfm 0.3.0 preset (bins and segments)
              </button>
              <button type="button" className="button button--secondary" onClick={resetScoreSettings}>
                Reset scores and rules
              </button>
            </div>
          </div>
          {!view.derived.ok || !scores ? (
            <Message kind="error" title="Scores cannot be computed">
              {view.derived.ok ? null : scoreErrorText(view.derived.error)}
            </Message>
          ) : (
            <>
              {view.rfm.noMoney ? (
                <p className="small" data-testid="rfm-scores-no-money">
                  This file has no money column, so every customer has the same monetary value and the same M
                  score: read R and F only. The default segment rules use R and F alone.
                </p>
              ) : null}
              <h3 className="subhead">Scores and their break values</h3>
              <p className="small muted">
                Ties always share a score: bins are cut by value, so customers with the same value never get
                different scores. Recency is reversed: the most recent customers get the highest score. The
                combined score (e.g. 545) and the sum (R + F + M) are in the customer export.
              </p>
              <div className="rfm-breaks-row">
                {SCORE_FEATURES.map((f) => (
                  <BreaksTable
                    key={f}
                    report={view.derived.ok ? view.derived.scores.reports[f] : undefined!}
                  />
                ))}
              </div>
              <details className="rfm-figure">
                <summary>Combined scores (e.g. 545) and sum scores</summary>
                <ScoreDistributions scores={scores} />
              </details>
              <h3 className="subhead">Named segments</h3>
              <p className="small muted">
                Each customer gets the first rule (from the top) whose R, F and M score ranges hold; customers
                no rule covers are counted in Others with the scores no rule covers. Edit names and ranges,
                add, remove or move rules: the counts follow.
              </p>
              {view.assignment ? (
                <RulesEditor
                  rules={rules}
                  assignment={view.assignment}
                  breaks={scores.breaks}
                  problems={view.problems}
                />
              ) : null}
              <SegmentSizes rows={view.summary} />
              {view.grid ? <RfGridView grid={view.grid} /> : null}
              {view.crosstab ? (
                <CrosstabView ct={view.crosstab} />
              ) : (
                <p className="small muted" data-testid="rfm-crosstab-waiting">
                  {hasSweep
                    ? 'The clusters are being recomputed for this RFM table; the crosstab with the k-means clusters follows.'
                    : 'The crosstab with the k-means clusters appears once the clusters are computed (Choose k).'}
                </p>
              )}
            </>
          )}
        </>
      ) : null}
    </Cell>
  );
}
