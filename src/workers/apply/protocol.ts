/**
 * Messages between the apply client (main thread) and the apply worker: scoring with a saved model,
 * drift, transitions, the reference notebook's request body, and reading a previous customers export.
 * Every request carries an `id`; the worker answers with `progress` messages and exactly one `result`
 * or `error` for that id.
 */
import type { DriftReport } from '../../core/model/drift';
import type { SavedModel, ScoreResult } from '../../core/model/model-types';
import type { PreviousCustomers } from '../../core/model/previous-export';
import type { Transitions } from '../../core/model/transitions';
import type { Responses } from '../rpc/standard';

export interface CustomersInput {
  readonly ids: readonly string[];
  readonly recency: Float64Array;
  readonly frequency: Float64Array;
  readonly monetary: Float64Array;
}

/** The "before" side: RFM of the same file at a second date (scored here), or a previous export. */
export type BeforeInput =
  | { readonly kind: 'rfm'; readonly customers: CustomersInput }
  | { readonly kind: 'export'; readonly customers: PreviousCustomers };

export interface ScoreOutput {
  readonly now: ScoreResult;
  readonly drift: DriftReport;
  /** Scores of the "before" customers (from the model for kind 'rfm', from the export otherwise). */
  readonly before: ScoreResult | null;
  readonly transitions: Transitions | null;
}

export interface RequestOutput {
  readonly index: readonly (string | number)[];
  readonly clusterIndex: Int32Array;
  readonly distances: Float64Array;
}

export type ApplyStage = 'scoring' | 'drift' | 'before' | 'transitions' | 'reading';

export type ApplyRequest =
  | {
      readonly id: number;
      readonly type: 'score';
      readonly model: SavedModel;
      readonly now: CustomersInput;
      readonly before: BeforeInput | null;
    }
  | { readonly id: number; readonly type: 'request'; readonly model: SavedModel; readonly body: string }
  | {
      readonly id: number;
      readonly type: 'previous';
      readonly text: string;
      readonly fileName: string;
      readonly k: number;
    };

export interface ApplyResults {
  score: ScoreOutput;
  request: RequestOutput;
  previous: PreviousCustomers;
}

export type ApplyResponse = Responses<{ readonly stage: ApplyStage }, ApplyResults[keyof ApplyResults]>;
