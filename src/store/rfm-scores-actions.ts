/**
 * Actions on the RFM-score settings and rules, and the derived scores/segments (cached per RFM table
 * and settings, so the RFM-scores cell and the exports share one computation).
 */
import {
  assignSegments,
  computeScores,
  defaultRulesFor,
  R_RFM_RULES,
  savedRfmScores,
  scoreExportColumns,
  ScoreError,
  type SavedRfmScores,
  type RfmScores,
  type ScoreFeature,
  type ScoreSettings,
  type SegmentAssignment,
  type SegmentRule,
} from '../core/rfm-scores';
import type { RfmScoreColumns } from '../core/segments/exports';
import type { RfmTable } from '../core/rfm/types';
import { useNotebook } from './store';

export type DerivedScores =
  { readonly ok: true; readonly scores: RfmScores } | { readonly ok: false; readonly error: ScoreError };

const scoreCache = new WeakMap<RfmTable, Map<string, DerivedScores>>();
const segmentCache = new WeakMap<RfmScores, WeakMap<readonly SegmentRule[], SegmentAssignment>>();

/** Scores of an RFM table under settings (cached; a settings error is returned, not thrown). */
export function scoresFor(rfm: RfmTable, settings: ScoreSettings): DerivedScores {
  const key = JSON.stringify(settings);
  let m = scoreCache.get(rfm);
  if (!m) scoreCache.set(rfm, (m = new Map()));
  let d = m.get(key);
  if (!d) {
    try {
      d = { ok: true, scores: computeScores(rfm, settings) };
    } catch (e) {
      if (!(e instanceof ScoreError)) throw e;
      d = { ok: false, error: e };
    }
    if (m.size > 16) m.clear();
    m.set(key, d);
  }
  return d;
}

/** Segment assignment of scores under rules (cached by identity of both). */
export function segmentsFor(scores: RfmScores, rules: readonly SegmentRule[]): SegmentAssignment {
  let m = segmentCache.get(scores);
  if (!m) segmentCache.set(scores, (m = new WeakMap()));
  let a = m.get(rules);
  if (!a) m.set(rules, (a = assignSegments(scores, rules)));
  return a;
}

const set = (patch: Partial<ReturnType<typeof useNotebook.getState>>) => useNotebook.setState(patch);
const get = () => useNotebook.getState();

/** Number of scores (2..10); the default rule table follows the scale while it is not edited. */
export function setScoreCount(scores: number): void {
  const st = get();
  set({
    scoreSettings: { ...st.scoreSettings, scores },
    ...(st.rulesPreset === 'default' ? { scoreRules: defaultRulesFor(scores) } : {}),
  });
}

export function setScoreMethod(method: ScoreSettings['method']): void {
  set({ scoreSettings: { ...get().scoreSettings, method } });
}

/** Custom cut points for one feature; null or [] = back to quantile cuts. */
export function setCustomCuts(feature: ScoreFeature, cuts: readonly number[] | null): void {
  const s = get().scoreSettings;
  const customCuts = { ...(s.customCuts ?? {}) };
  if (cuts && cuts.length > 0) customCuts[feature] = [...cuts];
  else delete customCuts[feature];
  set({ scoreSettings: { ...s, customCuts } });
}

export function setRules(rules: readonly SegmentRule[]): void {
  set({ scoreRules: rules, rulesPreset: 'edited' });
}

export function updateRule(index: number, patch: Partial<Omit<SegmentRule, 'id'>>): void {
  setRules(get().scoreRules.map((r, i) => (i === index ? { ...r, ...patch } : r)));
}

let nextId = 1;
export function addRule(): void {
  const s = get().scoreSettings.scores;
  const full = { min: 1, max: s };
  setRules([
    ...get().scoreRules,
    { id: `rule-${Date.now()}-${nextId++}`, name: 'New segment', r: full, f: full, m: full },
  ]);
}

export function removeRule(index: number): void {
  setRules(get().scoreRules.filter((_, i) => i !== index));
}

/** Moves a rule up (−1) or down (+1) in the priority order. */
export function moveRule(index: number, by: -1 | 1): void {
  const rules = [...get().scoreRules];
  const j = index + by;
  if (j < 0 || j >= rules.length) return;
  [rules[index], rules[j]] = [rules[j]!, rules[index]!];
  setRules(rules);
}

/** The default rule table for the current number of scores. */
export function resetRules(): void {
  set({ scoreRules: defaultRulesFor(get().scoreSettings.scores), rulesPreset: 'default' });
}

/** The R package rfm 0.3.0: its binning (5 scores, quantile + 1, left-closed) and its segment rules. */
export function applyRPackagePreset(): void {
  set({
    scoreSettings: { scores: 5, method: 'r-rfm' },
    scoreRules: R_RFM_RULES,
    rulesPreset: 'r-rfm',
  });
}

/** Back to the defaults: 5 quantile scores and the default rule table. */
export function resetScoreSettings(): void {
  set({
    scoreSettings: { scores: 5, method: 'quantile' },
    scoreRules: defaultRulesFor(5),
    rulesPreset: 'default',
  });
}

/**
 * The RFM scores of an RFM table under the current settings and rules, for the exports: the CSV
 * columns and the model JSON's `rfmScores` field. Null when the settings are invalid.
 */
export function rfmScoresForExport(
  rfm: RfmTable,
): { columns: RfmScoreColumns; saved: SavedRfmScores } | null {
  const st = get();
  const d = scoresFor(rfm, st.scoreSettings);
  if (!d.ok) return null;
  const assignment = segmentsFor(d.scores, st.scoreRules);
  return {
    columns: scoreExportColumns(d.scores, assignment, st.scoreRules),
    saved: savedRfmScores(st.scoreSettings, d.scores.breaks, st.scoreRules),
  };
}
