import type { StepStatus } from '../core/step';
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { reportCellStatus } from './cell-status';
import { STEPS, type StepId, type StepNames } from './steps';

/** The step number of the cell being rendered, provided by the notebook (1-based). */
export const CellStepContext = createContext<number | undefined>(undefined);

/** The state of one notebook cell (a step's status), shown as a badge and exposed as `data-status`. */
export type CellStatus = StepStatus;

const STATUS_TEXT: Record<CellStatus, string> = {
  waiting: 'Waiting',
  running: 'Working…',
  ready: 'Ready',
  stale: 'Out of date',
  error: 'Needs attention',
};

export interface CellProps {
  /**
   * The step this cell shows: its heading and purpose sentence come from `STEPS`, and the section gets
   * `id="cell-<step>"` and `data-testid="cell-<step>"`.
   */
  readonly step: StepId;
  readonly status: CellStatus;
  /** One line under the title saying what the cell holds (counts, file name…). */
  readonly summary?: ReactNode;
  /** How the step works (methods, settings, engine details), folded behind "How this works". */
  readonly howItWorks?: ReactNode;
  /** Buttons shown at the right of the header. */
  readonly actions?: ReactNode;
  readonly children?: ReactNode;
  /**
   * Extra facts exposed as `data-<key>` attributes for benchmarks and tests (e.g. `{ 'parse-ms': 812 }`).
   * Every cell also exposes `data-running-ms`: how long its last run took (running → ready).
   */
  readonly metrics?: Readonly<Record<string, string | number | null | undefined>>;
}

/** Milliseconds the status last spent in 'running' before becoming 'ready' (null before that). */
function useRunningTime(status: CellStatus): number | null {
  const since = useRef<number | null>(null);
  const [ms, setMs] = useState<number | null>(null);
  useEffect(() => {
    if (status === 'running') {
      since.current ??= performance.now();
    } else {
      if (status === 'ready' && since.current !== null) setMs(Math.round(performance.now() - since.current));
      since.current = null;
    }
  }, [status]);
  return ms;
}

/** One step of the notebook: a labelled section with a status badge. */
export function Cell({ step: id, status, summary, howItWorks, actions, children, metrics }: CellProps) {
  const { title, purpose }: StepNames = STEPS[id];
  const headingId = `cell-${id}-title`;
  useEffect(() => reportCellStatus(id, status), [id, status]);
  const step = useContext(CellStepContext);
  const runningMs = useRunningTime(status);
  const dataAttributes: Record<string, string> = {};
  for (const [key, value] of Object.entries(metrics ?? {})) {
    if (value !== null && value !== undefined) dataAttributes[`data-${key}`] = String(value);
  }
  if (runningMs !== null) dataAttributes['data-running-ms'] = String(runningMs);
  return (
    <section
      className={`cell cell--${status}`}
      id={`cell-${id}`}
      aria-labelledby={headingId}
      aria-busy={status === 'running'}
      data-testid={`cell-${id}`}
      data-status={status}
      {...dataAttributes}
    >
      <header className="cell__header">
        <div className="cell__heading">
          <h2 id={headingId} className="cell__title" tabIndex={-1}>
            {step !== undefined ? (
              <span className="cell__step" aria-hidden="true">
                {step}
              </span>
            ) : null}
            {title}
          </h2>
          {summary !== undefined && summary !== null ? <div className="cell__summary">{summary}</div> : null}
        </div>
        <div className="cell__side">
          {actions}
          <span className={`badge badge--${status}`} data-testid={`cell-${id}-status`}>
            {STATUS_TEXT[status]}
          </span>
        </div>
      </header>
      <div className="cell__body">
        {purpose !== undefined || howItWorks !== undefined ? (
          <div className="cell__intro">
            {purpose !== undefined ? <p className="cell__purpose">{purpose}</p> : null}
            {howItWorks !== undefined ? (
              <details className="cell__how">
                <summary>How this works</summary>
                <div className="cell__how-body small">{howItWorks}</div>
              </details>
            ) : null}
          </div>
        ) : null}
        {children}
      </div>
    </section>
  );
}
