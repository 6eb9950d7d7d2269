import { useEffect, useId, useMemo, useState } from 'react';
import { RadioChoice } from '../../components/radio-choice';
import { Cell } from '../../components/cell';
import { formatInt } from '../../components/format';
import { Message } from '../../components/message';
import { useNotebook } from '../../store/store';
import {
  DISPLAY_LIMIT,
  DISPLAY_LIMIT_2D,
  nonPositiveCount,
  Projection,
  Scatter3d,
  type Space,
} from './cluster-plots';
import { ProfilesTable } from './profiles-table';
import { SnakePlot } from './snake-plot';
import { useSegmentation } from '../../store/selectors/segmentation';
import '../../components/model-cells.css';
import { ResultsSummary } from './results-summary';

/** The RFM tables whose first results the page has already moved to (once per loaded table). */
const movedTo = new WeakSet<object>();

/**
 * After the first results of a table, the page moves to them — when the analyst is not busy elsewhere
 * (the focus is on the page, in the Data cell, on the session bar or nowhere).
 */
function useMoveToFirstResults(rfm: object | null, ready: boolean): void {
  useEffect(() => {
    if (!rfm || !ready || movedTo.has(rfm)) return;
    movedTo.add(rfm);
    const a = document.activeElement;
    const idle =
      a === null ||
      a === document.body ||
      a.id === 'main' ||
      a.closest('#cell-data, .session-region, .cell__title') !== null;
    if (!idle) return;
    document.getElementById('results-summary')?.focus();
  }, [rfm, ready]);
}

/** The customers in R/F/M space coloured by segment, and each segment's profile. */
export function SegmentsCell() {
  const seg = useSegmentation();
  const status = useNotebook((s) => s.sweepStatus);
  const hasRfm = useNotebook((s) => s.rfm !== null);
  const [space, setSpace] = useState<Space>('original');
  const name = useId();
  const hidden = useMemo(
    () => (seg && space === 'original' ? nonPositiveCount(seg.sweep.rfm, seg.sweep.features) : 0),
    [seg, space],
  );

  const n = seg?.sweep.rfm.customerIds.length ?? 0;
  // A model on two features (one left out) is drawn in 2D: no 3D view, no projections.
  const twoD = seg?.sweep.features.length === 2;
  useMoveToFirstResults(seg?.sweep.rfm ?? null, seg !== null && status === 'ready');
  const summary = seg
    ? `${seg.k} segments of ${formatInt(n)} customers`
    : hasRfm
      ? 'Waiting for the k-means sweep.'
      : 'Waiting for the RFM table.';

  return (
    <Cell
      step="segments"
      status={seg ? status : hasRfm && status === 'error' ? 'error' : 'waiting'}
      summary={summary}
      howItWorks={
        <div className="description-rule" data-testid="description-rule">
          <p>
            <strong>How descriptions are made.</strong> Each segment&apos;s centre in the model space is
            measured in standard deviations from the mean of all customers (the snake plot). A feature is{' '}
            <em>high</em> at +0.5 or more, <em>low</em> at −0.5 or less (the grey band is in between). Low
            recency means the customers bought recently.
          </p>
          <p>
            Suggested names combine recency with value (frequency and spend together): recent + high value =
            Champions, lapsed + high value = At risk, lapsed + low value = Lost, and so on. The suggested name
            is filled in; type over it to rename a segment; the names are used in the charts and the exports.
          </p>
        </div>
      }
    >
      {seg ? (
        <>
          <ResultsSummary seg={seg} />
          <fieldset className="choice-row space-toggle">
            <legend className="visually-hidden">Axes of the charts</legend>
            <RadioChoice name={name} checked={space === 'model'} onSelect={() => setSpace('model')}>
              Model space (transformed, standardised)
            </RadioChoice>
            <RadioChoice name={name} checked={space === 'original'} onSelect={() => setSpace('original')}>
              Original units (log axes)
            </RadioChoice>
          </fieldset>
          <div className="segments-plots">
            <div className="segments-plots__main">
              <Scatter3d seg={seg} space={space} />
            </div>
            {twoD ? null : (
              <div className="segments-plots__side">
                {[0, 1, 2].map((pair) => (
                  <Projection key={pair} seg={seg} space={space} pair={pair} />
                ))}
              </div>
            )}
          </div>
          <p className="muted small">
            {twoD
              ? `The model uses two features (${seg.sweep.features.join(' and ')}), so the segments are drawn in 2D. `
              : 'Drag to rotate, scroll to zoom; the view stays when you change k. '}
            Diamonds mark segment centres. Hover a point for the customer.
            {n > DISPLAY_LIMIT || (!twoD && n > DISPLAY_LIMIT_2D)
              ? ` Drawn from a seeded random sample: ${[
                  n > DISPLAY_LIMIT ? `${formatInt(DISPLAY_LIMIT)} customers in ${twoD ? '2D' : '3D'}` : null,
                  !twoD && n > DISPLAY_LIMIT_2D ? `${formatInt(DISPLAY_LIMIT_2D)} in each projection` : null,
                ]
                  .filter((x) => x !== null)
                  .join(', ')}; the model uses all ${formatInt(n)}.`
              : ''}
            {hidden > 0
              ? ` ${formatInt(hidden)} customers with a value ≤ 0 cannot be placed on log axes.`
              : ''}
          </p>
          <h3 className="subhead">Profiles</h3>
          <ProfilesTable seg={seg} />
          {seg.centroidsOriginal === null ? (
            <Message kind="warning">Centres in original units are not available.</Message>
          ) : null}
          <div className="snake-single">
            <SnakePlot seg={seg} />
          </div>
        </>
      ) : null}
    </Cell>
  );
}
