import type { ComponentType } from 'react';
import { CellStepContext } from '../components/cell';
import { CellErrorBoundary } from '../components/cell-error-boundary';
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
  readonly id: string;
  readonly title: string;
  readonly Component: ComponentType;
}

/** The notebook's steps in order (ids match each cell's `data-testid="cell-<id>"`). */
export const CELLS: readonly Entry[] = [
  { id: 'data', title: 'Data', Component: DataCell },
  { id: 'profile', title: 'Profile', Component: ProfileCell },
  { id: 'columns', title: 'Columns', Component: ColumnsCell },
  { id: 'glance', title: 'At a glance', Component: GlanceCell },
  { id: 'cleaning', title: 'Cleaning', Component: CleaningCell },
  { id: 'rfm', title: 'RFM', Component: RfmCell },
  { id: 'apply', title: 'Apply a model', Component: ApplyCell },
  { id: 'transform', title: 'Transform', Component: TransformCell },
  { id: 'pair-plots', title: 'Pair plots', Component: PairPlotsCell },
  { id: 'choose-k', title: 'Choose k', Component: ChooseKCell },
  { id: 'segments', title: 'Segments', Component: SegmentsCell },
  { id: 'rfm-scores', title: 'RFM scores', Component: RfmScoresCell },
  { id: 'export', title: 'Export', Component: ExportCell },
  { id: 'runs', title: 'Runs', Component: RunsCell },
];

/** The notebook: every step in order, each behind its own error boundary. */
export function Notebook() {
  return (
    <div className="notebook">
      {CELLS.map(({ id, title, Component }, i) => (
        <CellStepContext.Provider key={id} value={i + 1}>
          <CellErrorBoundary name={title}>
            <Component />
          </CellErrorBoundary>
        </CellStepContext.Provider>
      ))}
    </div>
  );
}
