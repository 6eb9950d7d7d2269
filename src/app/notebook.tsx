import type { ComponentType } from 'react';
import { CellErrorBoundary } from '../components/cell-error-boundary';
import { DataCell } from '../features/data/data-cell';
import { ColumnsCell } from '../features/columns/columns-cell';
import { CleaningCell } from '../features/cleaning/cleaning-cell';
import { RfmCell } from '../features/rfm/rfm-cell';

/**
 * The model steps' cells, found by file name so the notebook builds while they are being written:
 * `src/features/<step>/<step>-cell.tsx` exporting `<Name>Cell`. A missing one shows a placeholder.
 */
const modelModules = import.meta.glob<Record<string, ComponentType | undefined>>('../features/*/*-cell.tsx', {
  eager: true,
});

function modelCell(step: string, exportName: string): ComponentType | null {
  return modelModules[`../features/${step}/${step}-cell.tsx`]?.[exportName] ?? null;
}

interface Entry {
  readonly id: string;
  readonly title: string;
  readonly Component: ComponentType | null;
}

export const CELLS: readonly Entry[] = [
  { id: 'data', title: 'Data', Component: DataCell },
  { id: 'columns', title: 'Columns', Component: ColumnsCell },
  { id: 'cleaning', title: 'Cleaning', Component: CleaningCell },
  { id: 'rfm', title: 'RFM', Component: RfmCell },
  { id: 'transform', title: 'Transform', Component: modelCell('transform', 'TransformCell') },
  { id: 'choose-k', title: 'Choose k', Component: modelCell('choose-k', 'ChooseKCell') },
  { id: 'segments', title: 'Segments', Component: modelCell('segments', 'SegmentsCell') },
  { id: 'export', title: 'Export', Component: modelCell('export', 'ExportCell') },
];

/** The notebook: every step in order, each behind its own error boundary. */
export function Notebook() {
  return (
    <div className="notebook">
      {CELLS.map(({ id, title, Component }) => (
        <CellErrorBoundary key={id} name={title}>
          {Component ? (
            <Component />
          ) : (
            <section
              className="cell cell--waiting"
              aria-label={title}
              data-testid={`cell-${id}`}
              data-status="waiting"
            >
              <header className="cell__header">
                <h2 className="cell__title">{title}</h2>
              </header>
              <p className="muted">This step is not available in this build.</p>
            </section>
          )}
        </CellErrorBoundary>
      ))}
    </div>
  );
}
