import {
  DEFAULT_RULES,
  DEFAULT_SCORE_SETTINGS,
  type ScoreSettings,
  type SegmentRule,
} from '../core/rfm-scores';
import type { SliceCreator } from './slice';

/** Which rule table is in use: the app's default map, the R package rfm 0.3.0 preset, or edited. */
export type RulesPreset = 'default' | 'r-rfm' | 'edited';

/** Settings of the RFM scores and named segments (the scores themselves are derived, see rfm-scores-actions). */
export interface RfmScoresSlice {
  readonly scoreSettings: ScoreSettings;
  /** Named-segment rules in priority order (first match wins). */
  readonly scoreRules: readonly SegmentRule[];
  readonly rulesPreset: RulesPreset;
}

export const initialRfmScoresState: RfmScoresSlice = {
  scoreSettings: DEFAULT_SCORE_SETTINGS,
  scoreRules: DEFAULT_RULES,
  rulesPreset: 'default',
};

export const createRfmScoresSlice: SliceCreator<RfmScoresSlice> = () => ({ ...initialRfmScoresState });
