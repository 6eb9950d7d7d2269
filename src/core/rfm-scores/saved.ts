/**
 * RFM scores in the model JSON (the optional `rfmScores` field) and scoring new customers with the
 * SAVED break values (not re-computed ones), for the saved-model apply mode.
 */
import { combinedCode, scoreValue, sumScore } from './binning';
import type { RfmScoreColumns } from '../segments/exports';
import {
  SCORE_FEATURES,
  OTHERS,
  type Breaks,
  type FeatureBreaks,
  type RfmScores,
  type ScoreFeature,
  type ScoreSettings,
  type SegmentAssignment,
  type SegmentRule,
} from './types';

export const RFM_SCORES_JSON_VERSION = 1;

export interface SavedRfmScores {
  readonly version: number;
  readonly method: ScoreSettings['method'];
  readonly breaks: Breaks;
  /** Rules in priority order (first match wins); customers matching none are "Others". */
  readonly rules: readonly SegmentRule[];
  readonly othersName: string;
  readonly howToApply: string;
}

export function savedRfmScores(
  settings: ScoreSettings,
  breaks: Breaks,
  rules: readonly SegmentRule[],
): SavedRfmScores {
  return {
    version: RFM_SCORES_JSON_VERSION,
    method: settings.method,
    breaks,
    rules: rules.map((r) => ({ id: r.id, name: r.name, r: { ...r.r }, f: { ...r.f }, m: { ...r.m } })),
    othersName: OTHERS,
    howToApply:
      "For each feature: position = 1 + number of cuts below the value ('right': cut < x; 'left': cut <= x); score = reversed ? scores + 1 - position : position. Segment = the first rule whose r, f, m ranges (inclusive) contain the scores, else othersName.",
  };
}

export interface SavedScore {
  readonly r: number;
  readonly f: number;
  readonly m: number;
  /** e.g. "545" ("" when a score is missing). */
  readonly combined: string;
  /** R + F + M (NaN when a score is missing). */
  readonly sum: number;
  readonly segment: string;
}

function isBreaks(b: unknown): b is FeatureBreaks {
  if (typeof b !== 'object' || b === null) return false;
  const o = b as Record<string, unknown>;
  return (
    Array.isArray(o.cuts) &&
    o.cuts.every((c) => typeof c === 'number' && Number.isFinite(c)) &&
    (o.closed === 'right' || o.closed === 'left') &&
    typeof o.reversed === 'boolean' &&
    typeof o.scores === 'number' &&
    o.scores === o.cuts.length + 1
  );
}

/** Why a model's `rfmScores` field cannot be used: its code and the field at fault. */
export interface SavedRfmScoresProblem {
  readonly code: 'rfm-scores-invalid';
  /** 'rfmScores' (break values or the rule list) or 'rfmScores.rules[i]' (one rule). */
  readonly field: string;
}

const isRange = (x: unknown) =>
  typeof x === 'object' &&
  x !== null &&
  typeof (x as { min?: unknown }).min === 'number' &&
  typeof (x as { max?: unknown }).max === 'number' &&
  (x as { min: number }).min <= (x as { max: number }).max;

function isRule(r: unknown): boolean {
  if (typeof r !== 'object' || r === null) return false;
  const o = r as Record<string, unknown>;
  return typeof o.name === 'string' && isRange(o.r) && isRange(o.f) && isRange(o.m);
}

/**
 * The one check of a model's `rfmScores` field (browser model reader and CLI settings): break values
 * for recency, frequency and monetary, and a list of rules each with a name and r, f, m ranges
 * (min ≤ max). Null when usable.
 */
export function savedRfmScoresProblem(saved: unknown): SavedRfmScoresProblem | null {
  const whole = { code: 'rfm-scores-invalid', field: 'rfmScores' } as const;
  if (typeof saved !== 'object' || saved === null) return whole;
  const o = saved as Record<string, unknown>;
  const b = o.breaks as Record<string, unknown> | undefined;
  if (!b || !SCORE_FEATURES.every((f) => isBreaks(b[f]))) return whole;
  if (!Array.isArray(o.rules)) return whole;
  const bad = o.rules.findIndex((r) => !isRule(r));
  return bad < 0 ? null : { code: 'rfm-scores-invalid', field: `rfmScores.rules[${bad}]` };
}

/** Error code when a model's `rfmScores` field cannot be used ('rfm-scores-invalid'), else null. */
export function checkSavedRfmScores(saved: unknown): 'rfm-scores-invalid' | null {
  return savedRfmScoresProblem(saved)?.code ?? null;
}

/** The score settings a saved `rfmScores` field was made with (its custom cuts kept), and its rules. */
export function savedScoreSettings(saved: SavedRfmScores): {
  readonly settings: ScoreSettings;
  readonly rules: readonly SegmentRule[];
} {
  const customCuts: Partial<Record<ScoreFeature, readonly number[]>> = {};
  for (const f of SCORE_FEATURES)
    if (saved.breaks[f].source === 'custom') customCuts[f] = saved.breaks[f].cuts;
  return {
    settings: {
      scores: saved.breaks.recency.scores,
      method: saved.method,
      ...(Object.keys(customCuts).length > 0 ? { customCuts } : {}),
    },
    rules: saved.rules,
  };
}

/**
 * Scores customers with a saved model's break values and rules. Values outside the saved range get
 * the outer scores (the outer bins are open-ended); a missing (non-finite) value gives score 0, no
 * combined score and "Others".
 */
export function scoreWithSavedBreaks(
  saved: Pick<SavedRfmScores, 'breaks' | 'rules'> & { readonly othersName?: string },
  customers: {
    readonly recency: ArrayLike<number>;
    readonly frequency: ArrayLike<number>;
    readonly monetary: ArrayLike<number>;
  },
): SavedScore[] {
  const out: SavedScore[] = [];
  const others = saved.othersName ?? OTHERS;
  for (let i = 0; i < customers.recency.length; i++) {
    const r = scoreValue(customers.recency[i]!, saved.breaks.recency);
    const f = scoreValue(customers.frequency[i]!, saved.breaks.frequency);
    const m = scoreValue(customers.monetary[i]!, saved.breaks.monetary);
    const ok = r > 0 && f > 0 && m > 0;
    let segment = others;
    if (ok) {
      for (const ru of saved.rules) {
        if (
          r >= ru.r.min &&
          r <= ru.r.max &&
          f >= ru.f.min &&
          f <= ru.f.max &&
          m >= ru.m.min &&
          m <= ru.m.max
        ) {
          segment = ru.name;
          break;
        }
      }
    }
    out.push({
      r,
      f,
      m,
      combined: ok ? combinedCode(r, f, m, saved.breaks) : '',
      sum: sumScore(r, f, m),
      segment,
    });
  }
  return out;
}

/** The export columns (customer CSV, per-segment zip) of scores and their segment assignment. */
export function scoreExportColumns(
  scores: RfmScores,
  assignment: SegmentAssignment,
  rules: readonly SegmentRule[],
): RfmScoreColumns {
  const n = scores.n;
  const nan = (v: number) => (v === 0 ? NaN : v);
  const combined: string[] = new Array<string>(n);
  const segment: string[] = new Array<string>(n);
  const sum = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const r = scores.r[i]!;
    const f = scores.f[i]!;
    const m = scores.m[i]!;
    const ok = r > 0 && f > 0 && m > 0;
    combined[i] = ok ? combinedCode(r, f, m, scores.breaks) : '';
    sum[i] = sumScore(r, f, m);
    const j = assignment.rule[i]!;
    segment[i] = j >= 0 ? (rules[j]?.name ?? OTHERS) : OTHERS;
  }
  return {
    r: Float64Array.from(scores.r, nan),
    f: Float64Array.from(scores.f, nan),
    m: Float64Array.from(scores.m, nan),
    combined,
    sum,
    segment,
  };
}

/** The export columns of customers scored with a saved model's break values and rules. */
export function savedScoreColumns(scores: readonly SavedScore[]): RfmScoreColumns {
  const nan = (v: number) => (v === 0 ? NaN : v);
  return {
    r: Float64Array.from(scores, (s) => nan(s.r)),
    f: Float64Array.from(scores, (s) => nan(s.f)),
    m: Float64Array.from(scores, (s) => nan(s.m)),
    combined: scores.map((s) => s.combined),
    sum: Float64Array.from(scores, (s) => s.sum),
    segment: scores.map((s) => s.segment),
  };
}

/** A saved model's score columns for new customers (its saved breaks and rules); none without them. */
export function savedScoreColumnsFor(
  saved: SavedRfmScores | null,
  customers: Parameters<typeof scoreWithSavedBreaks>[1],
): RfmScoreColumns | undefined {
  return saved ? savedScoreColumns(scoreWithSavedBreaks(saved, customers)) : undefined;
}
