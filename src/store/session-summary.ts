/** The pure parts of a saved session: the settings record of a state and the results a restore must reproduce. */
import type { NotebookState } from './store';
import { SESSION_FORMAT, type ResultSummary, type SavedSettings } from './persistence';
import type { SummaryDiff } from '../messages/session';

/** The results a restore must reproduce: customers in the RFM table and inertia per swept k. */
export function summaryOf(s: Pick<NotebookState, 'rfm' | 'sweep'>): ResultSummary {
  const customers = s.rfm ? s.rfm.customerIds.length : null;
  const inertias =
    s.sweep && s.sweep.rfm === s.rfm
      ? s.sweep.result.points.map((p) => ({ k: p.k, inertia: p.inertia }))
      : [];
  return { customers, inertias };
}

/** The settings record of the current state (null when no file is loaded). */
export function settingsOf(s: NotebookState, now: number): SavedSettings | null {
  if (s.datasetName === null || s.loadResult === null) return null;
  return {
    format: SESSION_FORMAT,
    fileName: s.datasetName,
    kind: s.kind,
    mapping: { ...s.mapping },
    dateOrder: s.dateOrder,
    ...(Object.keys(s.loadChoice).length > 0 ? { loadChoice: s.loadChoice } : {}),
    cleaningSettings: s.cleaningSettings,
    rfmSettings: s.rfmSettings,
    seed: s.seed,
    engineChoice: s.engineChoice,
    leftOut: s.leftOut,
    k: s.k,
    clusterNames: s.clusterNames,
    rfmScores: { settings: s.scoreSettings, rules: s.scoreRules, preset: s.rulesPreset },
    summary: summaryOf(s),
    savedAt: now,
  };
}

/**
 * Differences between a saved summary and a replayed one (empty = identical; src/messages/session.ts
 * writes them).
 * Inertias are compared to a relative 1e-9 (the plain engine is bit-for-bit deterministic; a tfjs
 * engine may differ in the last float32 digits, which the 1e-6 band below reports as a rounding
 * difference, not as a different model).
 */
export function compareSummary(saved: ResultSummary, now: ResultSummary): SummaryDiff[] {
  const out: SummaryDiff[] = [];
  if (saved.customers !== null && saved.customers !== now.customers)
    out.push({ what: 'customers', now: now.customers, saved: saved.customers });
  for (const { k, inertia } of saved.inertias) {
    const got = now.inertias.find((p) => p.k === k);
    if (!got) {
      out.push({ what: 'k-missing', k });
      continue;
    }
    const rel = Math.abs(got.inertia - inertia) / Math.max(Math.abs(inertia), 1e-12);
    if (!(rel <= 1e-6)) out.push({ what: 'inertia', k, now: got.inertia, saved: inertia });
  }
  return out;
}
