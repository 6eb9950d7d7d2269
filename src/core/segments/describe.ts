/**
 * Automatic plain-language descriptions of k-means segments.
 *
 * The rule (documented in the UI beside the profiles table):
 * - Input: the segment's centroid in the model space, i.e. after Yeo-Johnson and standardisation, so
 *   each feature has overall mean 0 and standard deviation 1 over all modelled customers. A centroid
 *   value z is therefore "how many standard deviations this segment sits from the overall mean" on the
 *   transformed scale (where the data is close to symmetric, so the mean is close to the median).
 * - Each feature gets one of three levels: low when z ≤ −0.5, high when z ≥ +0.5, mid otherwise
 *   (threshold `DESCRIPTION_THRESHOLD`, half a standard deviation).
 * - Recency is days since the last purchase, so a LOW recency means "recent":
 *   recency  low → "recent",   mid → "mid recency",   high → "lapsed";
 *   frequency high → "frequent", mid → "mid frequency", low → "infrequent";
 *   monetary  high → "high spend", mid → "mid spend",   low → "low spend".
 * - A suggested name combines recency with "value" (frequency and monetary together): value is high when
 *   both are high or one is high and the other mid, low when both are low or one is low and the other
 *   mid, and mid otherwise. Then
 *     recent + high → Champions,  recent + mid → Promising,       recent + low → New customers,
 *     mid    + high → Loyal,      mid    + mid → Needs attention,  mid    + low → About to sleep,
 *     lapsed + high → At risk,    lapsed + mid → Hibernating,      lapsed + low → Lost.
 *   Duplicate suggestions within one model get " 2", " 3", … appended (see `suggestNames`).
 * - A NaN coordinate (an empty cluster) gives level 'mid' for that feature.
 * - A model that leaves a feature out (two features) never mentions it: the text has two words, value
 *   is the one of frequency or monetary left (its level), and without recency the name is the value
 *   alone: High value, Mid value, Low value. The left-out feature's level is reported as 'mid'.
 */

export type Level = 'low' | 'mid' | 'high';

/** Half a standard deviation in the standardised model space. */
export const DESCRIPTION_THRESHOLD = 0.5;

export interface SegmentDescription {
  readonly recency: Level;
  readonly frequency: Level;
  readonly monetary: Level;
  /** e.g. "recent · frequent · high spend". */
  readonly text: string;
  /** e.g. "Champions" (before de-duplication). */
  readonly suggestedName: string;
}

export function levelOf(z: number, threshold = DESCRIPTION_THRESHOLD): Level {
  if (z <= -threshold) return 'low';
  if (z >= threshold) return 'high';
  return 'mid';
}

const R_WORD: Record<Level, string> = { low: 'recent', mid: 'mid recency', high: 'lapsed' };
const F_WORD: Record<Level, string> = { low: 'infrequent', mid: 'mid frequency', high: 'frequent' };
const M_WORD: Record<Level, string> = { low: 'low spend', mid: 'mid spend', high: 'high spend' };

const SCORE: Record<Level, number> = { low: -1, mid: 0, high: 1 };

/** Value of a segment from its frequency and monetary levels (see the module comment). */
export function valueLevel(f: Level, m: Level): Level {
  const s = SCORE[f] + SCORE[m];
  if (s >= 1) return 'high';
  if (s <= -1) return 'low';
  return 'mid';
}

const NAMES: Record<Level /* recency */, Record<Level /* value */, string>> = {
  low: { high: 'Champions', mid: 'Promising', low: 'New customers' },
  mid: { high: 'Loyal', mid: 'Needs attention', low: 'About to sleep' },
  high: { high: 'At risk', mid: 'Hibernating', low: 'Lost' },
};

const VALUE_NAMES: Record<Level, string> = { high: 'High value', mid: 'Mid value', low: 'Low value' };

type Feature = 'recency' | 'frequency' | 'monetary';
const ALL: readonly Feature[] = ['recency', 'frequency', 'monetary'];

/**
 * Describes one segment from its standardised centroid [zRecency, zFrequency, zMonetary]; `features`
 * are the ones the model uses (default all three: a left-out one is never mentioned).
 */
export function describeSegment(
  zRecency: number,
  zFrequency: number,
  zMonetary: number,
  features: readonly Feature[] = ALL,
): SegmentDescription {
  const uses = (f: Feature) => features.includes(f);
  const r = uses('recency') ? levelOf(zRecency) : 'mid';
  const f = uses('frequency') ? levelOf(zFrequency) : 'mid';
  const m = uses('monetary') ? levelOf(zMonetary) : 'mid';
  const words = [
    uses('recency') ? R_WORD[r] : null,
    uses('frequency') ? F_WORD[f] : null,
    uses('monetary') ? M_WORD[m] : null,
  ].filter((w): w is string => w !== null);
  const value = !uses('monetary') ? f : !uses('frequency') ? m : valueLevel(f, m);
  return {
    recency: r,
    frequency: f,
    monetary: m,
    text: words.join(' · '),
    suggestedName: uses('recency') ? NAMES[r][value] : VALUE_NAMES[value],
  };
}

/** De-duplicates suggested names in order: the second "Lost" becomes "Lost 2", and so on. */
export function suggestNames(descriptions: readonly SegmentDescription[]): string[] {
  const seen = new Map<string, number>();
  return descriptions.map((d) => {
    const count = (seen.get(d.suggestedName) ?? 0) + 1;
    seen.set(d.suggestedName, count);
    return count === 1 ? d.suggestedName : `${d.suggestedName} ${count}`;
  });
}
