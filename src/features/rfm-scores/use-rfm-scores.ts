/** The current RFM scores, named segments and their tables, derived from the store (memoised). */
import { useDeferredValue, useMemo } from 'react';
import {
  checkRules,
  rfGrid,
  segmentClusterCrosstab,
  segmentSummary,
  type Crosstab,
  type RfGrid,
  type RuleProblem,
  type SegmentAssignment,
  type SegmentSummaryRow,
} from '../../core/rfm-scores';
import { profilesFor } from '../../store/selectors/segmentation';
import { suggestNames } from '../../core/segments/describe';
import type { RfmTable } from '../../core/rfm/types';
import { scoresFor, segmentsFor, type DerivedScores } from '../../store/rfm-scores-actions';
import { useNotebook } from '../../store/store';

export interface RfmScoresView {
  readonly rfm: RfmTable;
  readonly derived: DerivedScores;
  readonly assignment: SegmentAssignment | null;
  readonly summary: readonly SegmentSummaryRow[];
  readonly grid: RfGrid | null;
  readonly problems: readonly RuleProblem[];
  /** Null while there are no clusters for this RFM table. */
  readonly crosstab: (Crosstab & { readonly clusterNames: readonly string[] }) | null;
}

export function useRfmScores(): RfmScoresView | null {
  // Deferred (as the pair plots): the scores of a new RFM table are computed in a background render,
  // not in the task that shows the table.
  const rfm = useDeferredValue(useNotebook((s) => s.rfm));
  const settings = useNotebook((s) => s.scoreSettings);
  const rules = useNotebook((s) => s.scoreRules);
  const sweep = useNotebook((s) => s.sweep);
  const k = useNotebook((s) => s.k);
  const typed = useNotebook((s) => (s.k !== null ? s.clusterNames[s.k] : undefined));
  const derived = useMemo(() => (rfm ? scoresFor(rfm, settings) : null), [rfm, settings]);
  const base = useMemo(() => {
    if (!rfm || !derived) return null;
    if (!derived.ok) return { assignment: null, summary: [], grid: null, problems: [] };
    const assignment = segmentsFor(derived.scores, rules);
    return {
      assignment,
      summary: segmentSummary(rfm, assignment, rules),
      grid: rfGrid(derived.scores, rfm.monetary),
      problems: checkRules(rules, derived.scores.breaks),
    };
  }, [rfm, derived, rules]);
  const crosstab = useMemo(() => {
    if (!base?.assignment || !sweep || k === null || sweep.rfm !== rfm) return null;
    const point = sweep.result.points.find((p) => p.k === k);
    if (!point) return null;
    // Names as the Segments cell shows them: typed by the user, else the suggestion.
    // (the store's profiles: the model's features, one or two of which may be left out)
    const profiles = profilesFor(sweep, point);
    const suggested = suggestNames(profiles.segments.map((x) => x.description));
    const clusterNames = suggested.map((sn, c) => {
      const t = (typed?.[c] ?? '').trim();
      return `${c + 1} · ${t !== '' ? t : sn}`;
    });
    return { ...segmentClusterCrosstab(base.assignment, rules, point.result.labels, k), clusterNames };
  }, [base, sweep, k, rfm, rules, typed]);
  if (!rfm || !derived || !base) return null;
  return { rfm, derived, ...base, crosstab };
}
