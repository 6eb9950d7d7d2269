import type { ComponentType } from 'react';
import { CellStepContext } from '../components/cell';
import { CellErrorBoundary } from '../components/cell-error-boundary';
import { STEPS, type StepId } from '../components/steps';
import { DataCell } from '../features/data/data-cell';
import { ProfileCell } from '../features/profile/profile-cell';
import { ColumnsCell } from '../features/columns/columns-cell';
import { GlanceCell } from '../features/profile/glance-cell';
import { CleaningCell } from '../features/cleaning/cleaning-cell';
import { RfmCell } from '../features/rfm/rfm-cell';
import { TransformCell } from '../features/transform/transform-cell';
import { PairPlotsCell } from '../features/profile/pair-plots-cell';
import { ChooseKCell } from '../features/choose-k/choose-k-cell';
import { SegmentsCell } from '../features/segments/segments-cell';
import { RfmScoresCell } from '../features/rfm-scores/rfm-scores-cell';
import { ExportCell } from '../features/export/export-cell';
import { RunsCell } from '../features/runs/runs-cell';
import { ApplyCell } from '../features/apply/apply-cell';

interface Entry {
  readonly id: StepId;
  readonly Component: ComponentType;
}

/**
 * The notebook's steps in order, each with the component that renders it (names: `STEPS`). Every
 * step id must appear: a missing one fails to compile below, an unknown one fails here.
 */
export const CELLS = [
  { id: 'data', Component: DataCell },
  { id: 'profile', Component: ProfileCell },
  { id: 'columns', Component: ColumnsCell },
  { id: 'glance', Component: GlanceCell },
  { id: 'cleaning', Component: CleaningCell },
  { id: 'rfm', Component: RfmCell },
  { id: 'apply', Component: ApplyCell },
  { id: 'transform', Component: TransformCell },
  { id: 'pair-plots', Component: PairPlotsCell },
  { id: 'choose-k', Component: ChooseKCell },
  { id: 'segments', Component: SegmentsCell },
  { id: 'rfm-scores', Component: RfmScoresCell },
  { id: 'export', Component: ExportCell },
  { id: 'runs', Component: RunsCell },
] as const satisfies readonly Entry[];

/** `true` only when every step id is listed in CELLS; otherwise the ids left out (a compile error). */
type Unlisted = Exclude<StepId, (typeof CELLS)[number]['id']>;
const everyStepListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyStepListed;

/** The notebook: every step in order, each behind its own error boundary. */
export function Notebook() {
  return (
    <div className="notebook">
      {CELLS.map(({ id, Component }, i) => (
        <CellStepContext.Provider key={id} value={i + 1}>
          <CellErrorBoundary name={STEPS[id].short}>
            <Component />
          </CellErrorBoundary>
        </CellStepContext.Provider>
      ))}
    </div>
  );
}
