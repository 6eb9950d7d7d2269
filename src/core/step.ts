/**
 * The state of one notebook step, shared by the store (src/store) and the cells' badge
 * (src/components/cell.tsx): plain data, one definition for every step.
 */

/** Status of a step; the same words as the UI's cell badge (`data-status`). */
export type StepStatus = 'waiting' | 'running' | 'ready' | 'stale' | 'error';

/** An error to show: `code` for programs, `message` a plain sentence saying what to do. */
export interface StepError {
  readonly code: string;
  readonly message: string;
}
