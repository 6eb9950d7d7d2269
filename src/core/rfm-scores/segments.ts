/**
 * Named segments from score rules (docs/rfm-scores.md): rules in priority order, the first rule whose
 * R, F and M ranges (inclusive) all hold gives the customer's segment; customers no rule covers, or
 * with a missing score, are "Others", counted with the reason.
 */
import { combinedCode } from './binning';
import {
  OTHERS,
  type Breaks,
  type Range,
  type RfmScores,
  type SegmentAssignment,
  type SegmentRule,
} from './types';

/** A rule from [min, max] score ranges; M left out: any score (1–5). */
const rule = (
  id: string,
  name: string,
  r: [number, number],
  f: [number, number],
  m: [number, number] = [1, 5],
) =>
  ({
    id,
    name,
    r: { min: r[0], max: r[1] },
    f: { min: f[0], max: f[1] },
    m: { min: m[0], max: m[1] },
  }) satisfies SegmentRule;

/**
 * The common R×F segment map on 1..5 scores (M is not used: any score). It covers all 25 R×F cells,
 * so on 5 scores nobody is "Others"; edited rules may leave gaps.
 */
export const DEFAULT_RULES: readonly SegmentRule[] = [
  rule('champions', 'Champions', [5, 5], [4, 5]),
  rule('loyal', 'Loyal', [3, 4], [4, 5]),
  rule('potential-loyalist', 'Potential loyalist', [4, 5], [2, 3]),
  rule('new', 'New', [5, 5], [1, 1]),
  rule('promising', 'Promising', [4, 4], [1, 1]),
  rule('need-attention', 'Need attention', [3, 3], [3, 3]),
  rule('about-to-sleep', 'About to sleep', [3, 3], [1, 2]),
  rule('cant-lose', "Can't lose them", [1, 2], [5, 5]),
  rule('at-risk', 'At risk', [1, 2], [3, 4]),
  rule('hibernating', 'Hibernating / lost', [1, 2], [1, 2]),
];

/**
 * The R package rfm 0.3.0's documented segments (`rfm_segment` example and vignette), in its order.
 * The ranges overlap; the first match wins, as in `rfm_segment`.
 */
export const R_RFM_RULES: readonly SegmentRule[] = [
  rule('r-champions', 'Champions', [5, 5], [5, 5], [5, 5]),
  rule('r-potential-loyalist', 'Potential Loyalist', [3, 5], [3, 5], [2, 5]),
  rule('r-loyal', 'Loyal Customers', [2, 4], [2, 4], [2, 4]),
  rule('r-promising', 'Promising', [3, 4], [1, 3], [3, 5]),
  rule('r-new', 'New Customers', [4, 5], [1, 3], [1, 5]),
  rule('r-cant-lose', "Can't Lose Them", [1, 2], [3, 4], [4, 5]),
  rule('r-at-risk', 'At Risk', [1, 2], [2, 5], [4, 5]),
  rule('r-need-attention', 'Need Attention', [1, 3], [3, 5], [3, 5]),
  rule('r-about-to-sleep', 'About To Sleep', [2, 3], [1, 3], [1, 4]),
  rule('r-lost', 'Lost', [1, 1], [1, 5], [1, 5]),
];

/**
 * The default rules for another number of scores: each 1..5 range is stretched to the same share of
 * the 1..n scale (score s on 5 covers ((s−1)/5, s/5] of the scale).
 */
export function defaultRulesFor(scores: number): SegmentRule[] {
  if (scores === 5) return DEFAULT_RULES.map((r) => ({ ...r }));
  const lo = (s: number) => Math.floor(((s - 1) * scores) / 5) + 1;
  const hi = (s: number) => Math.max(lo(s), Math.ceil((s * scores) / 5));
  const stretch = (x: Range): Range => ({ min: lo(x.min), max: hi(x.max) });
  return DEFAULT_RULES.map((r) => ({ ...r, r: stretch(r.r), f: stretch(r.f), m: stretch(r.m) }));
}

const inRange = (s: number, r: { min: number; max: number }) => s >= r.min && s <= r.max;

/** The first matching rule per customer (−1 = Others), counts per rule and the Others breakdown. */
export function assignSegments(scores: RfmScores, rules: readonly SegmentRule[]): SegmentAssignment {
  const n = scores.n;
  const out = new Int16Array(n).fill(-1);
  const counts = new Array<number>(rules.length).fill(0);
  let missing = 0;
  const uncovered = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const r = scores.r[i]!;
    const f = scores.f[i]!;
    const m = scores.m[i]!;
    if (r === 0 || f === 0 || m === 0) {
      missing++;
      continue;
    }
    let hit = -1;
    for (let j = 0; j < rules.length; j++) {
      const ru = rules[j]!;
      if (inRange(r, ru.r) && inRange(f, ru.f) && inRange(m, ru.m)) {
        hit = j;
        break;
      }
    }
    out[i] = hit;
    if (hit >= 0) counts[hit]!++;
    else {
      const code = combinedCode(r, f, m, scores.breaks);
      uncovered.set(code, (uncovered.get(code) ?? 0) + 1);
    }
  }
  const list = [...uncovered].map(([code, count]) => ({ code, count }));
  list.sort((a, b) => b.count - a.count || (a.code < b.code ? -1 : 1));
  const othersCount = list.reduce((s, x) => s + x.count, 0) + missing;
  return { rule: out, counts, others: { count: othersCount, missing, uncovered: list } };
}

/** The segment name of each customer ("Others" when no rule matched). */
export function segmentName(assignment: SegmentAssignment, rules: readonly SegmentRule[], i: number): string {
  const j = assignment.rule[i]!;
  return j >= 0 ? (rules[j]?.name ?? OTHERS) : OTHERS;
}

export type RuleProblem =
  | { readonly code: 'rule-range-order'; readonly index: number; readonly feature: 'r' | 'f' | 'm' }
  | { readonly code: 'rule-range-outside'; readonly index: number; readonly feature: 'r' | 'f' | 'm' }
  | { readonly code: 'rule-name-empty'; readonly index: number }
  | { readonly code: 'rule-shadowed'; readonly index: number; readonly by: number };

/** Checks rules against the score scale: min ≤ max, inside 1..scores, a name, not fully shadowed. */
export function checkRules(rules: readonly SegmentRule[], breaks: Breaks): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const scale = { r: breaks.recency.scores, f: breaks.frequency.scores, m: breaks.monetary.scores };
  rules.forEach((ru, index) => {
    if (ru.name.trim() === '') problems.push({ code: 'rule-name-empty', index });
    for (const feature of ['r', 'f', 'm'] as const) {
      const g = ru[feature];
      if (g.min > g.max) problems.push({ code: 'rule-range-order', index, feature });
      else if (g.min < 1 || g.max > scale[feature])
        problems.push({ code: 'rule-range-outside', index, feature });
    }
    for (let j = 0; j < index; j++) {
      const a = rules[j]!;
      const covers = (x: 'r' | 'f' | 'm') => a[x].min <= ru[x].min && a[x].max >= ru[x].max;
      if (covers('r') && covers('f') && covers('m')) {
        problems.push({ code: 'rule-shadowed', index, by: j });
        break;
      }
    }
  });
  return problems;
}
