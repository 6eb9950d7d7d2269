/**
 * State of apply mode: a saved model opened and applied to the loaded file (nothing refitted).
 * Errors keep the core's `code`, the field `path` and `row` so the UI can name them; a failed open or
 * run never clears what was there (the status and error say what happened instead).
 */
import type { SavedModel } from '../core/model/model-types';
import type { PreviousCustomers } from '../core/model/previous-export';
import type { RfmTable } from '../core/rfm/types';
import type { ApplyStage, ScoreOutput } from '../workers/apply/client';
import type { StepStatus } from '../core/step';
import type { SliceCreator } from './slice';

export interface ApplyIssue {
  readonly code: string;
  readonly message: string;
  readonly path: string | null;
  readonly row: number | null;
  /** The file the issue is about (a model JSON, a previous export), when there is one. */
  readonly fileName?: string;
}

export interface AppliedModel {
  readonly model: SavedModel;
  /** The JSON text as opened (kept for persistence). */
  readonly text: string;
  readonly fileName: string;
  /** Saved settings not replayed on the new file ('cleaning.dateWindow', 'rfm.analysisDate', …). */
  readonly notReplayed: readonly string[];
}

export interface PreviousExport {
  readonly fileName: string;
  readonly text: string;
  readonly customers: PreviousCustomers;
}

/** The "before" side of transitions as scored. */
export type BeforeSide =
  | { readonly kind: 'day'; readonly day: string; readonly rfm: RfmTable }
  | { readonly kind: 'export'; readonly fileName: string; readonly customers: PreviousCustomers };

export interface ApplyRun {
  readonly model: SavedModel;
  readonly rfm: RfmTable;
  readonly output: ScoreOutput;
  readonly before: BeforeSide | null;
  readonly finishedAt: number;
}

export interface ApplySlice {
  readonly applied: AppliedModel | null;
  readonly applyOpenError: ApplyIssue | null;
  /** A second analysis date on the same file ('YYYY-MM-DD'), the "before" of transitions. */
  readonly applyBeforeDay: string | null;
  readonly applyPrevious: PreviousExport | null;
  readonly applyStatus: StepStatus;
  readonly applyStage: ApplyStage | 'before-rfm' | null;
  readonly applyError: ApplyIssue | null;
  readonly applyRun: ApplyRun | null;
}

export const initialApplyState: ApplySlice = {
  applied: null,
  applyOpenError: null,
  applyBeforeDay: null,
  applyPrevious: null,
  applyStatus: 'waiting',
  applyStage: null,
  applyError: null,
  applyRun: null,
};

export const createApplySlice: SliceCreator<ApplySlice> = () => ({ ...initialApplyState });
