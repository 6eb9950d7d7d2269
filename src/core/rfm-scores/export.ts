/**
 * The RFM scores of a fit, ready for the exports: the customer CSV columns and the model JSON's
 * `rfmScores` field (break values and rules). Used by the browser's Export cell (through the store,
 * with the user's settings and rules) and by the CLI's `fit` (defaults, or a settings model's).
 */
import type { RfmTable } from '../rfm/types';
import type { RfmScoreColumns } from '../segments/exports';
import { computeScores, ScoreError } from './binning';
import { savedRfmScores, scoreExportColumns, type SavedRfmScores } from './saved';
import { assignSegments } from './segments';
import type { ScoreSettings, SegmentRule } from './types';

export interface RfmScoresExport {
  readonly columns: RfmScoreColumns;
  readonly saved: SavedRfmScores;
}

/** Scores, segments and saved breaks of a table; null when the settings cannot score it (ScoreError). */
export function rfmScoresExport(
  rfm: RfmTable,
  settings: ScoreSettings,
  rules: readonly SegmentRule[],
): RfmScoresExport | null {
  let scores;
  try {
    scores = computeScores(rfm, settings);
  } catch (e) {
    if (e instanceof ScoreError) return null;
    throw e;
  }
  return {
    columns: scoreExportColumns(scores, assignSegments(scores, rules), rules),
    saved: savedRfmScores(settings, scores.breaks, rules),
  };
}
