import { describeSegment, levelOf, type Level, type SegmentDescription } from './describe';

/**
 * Descriptions that never contradict the centre: the levels come from the standardised centroid
 * (describe.ts), then each is checked against the segment's centre in original units compared with
 * the overall median of all modelled customers; a level is contradicted when both the centre (the
 * centroid in original units) and the segment's median sit on the other side of the overall median. "recent" (low recency), "frequent", "high spend" need
 * a centre at or beyond the overall median on that side; "lapsed", "infrequent", "low spend" the
 * other side. A level the centre contradicts becomes 'mid' (the words and the name follow), so a
 * segment whose centre is 354 days while half the customers bought within 76 days is never "recent".
 */

interface Rfm3 {
  readonly recency: number;
  readonly frequency: number;
  readonly monetary: number;
}

function contradicts(level: Level, value: number, median: number): boolean {
  if (!Number.isFinite(value) || !Number.isFinite(median)) return false;
  return (level === 'high' && value < median) || (level === 'low' && value > median);
}

function agree(level: Level, centre: number, segMedian: number, median: number): Level {
  return contradicts(level, centre, median) && contradicts(level, segMedian, median) ? 'mid' : level;
}

/**
 * describeSegment, with each level checked against the centre (see the module comment); `features` are
 * the model's (a left-out feature is never mentioned).
 */
export function describeAgainstCentre(
  z: Rfm3,
  centre: Rfm3,
  segMedian: Rfm3,
  overallMedian: Rfm3,
  features?: readonly ('recency' | 'frequency' | 'monetary')[],
): SegmentDescription {
  const raw = describeSegment(z.recency, z.frequency, z.monetary, features);
  const r = agree(levelOf(z.recency), centre.recency, segMedian.recency, overallMedian.recency);
  const f = agree(levelOf(z.frequency), centre.frequency, segMedian.frequency, overallMedian.frequency);
  const m = agree(levelOf(z.monetary), centre.monetary, segMedian.monetary, overallMedian.monetary);
  if (r === raw.recency && f === raw.frequency && m === raw.monetary) return raw;
  // Same words and names as describe.ts, from the corrected levels (±1 standard deviation stands for them).
  const at = (l: Level): number => (l === 'low' ? -1 : l === 'high' ? 1 : 0);
  return describeSegment(at(r), at(f), at(m), features);
}
