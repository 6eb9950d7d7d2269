/**
 * The recommended number of segments in plain words, with the reason computed from the real sweep
 * (core/choose-k/recommend.ts) and the criteria's disagreement explained once.
 */
import type { KneeResult, SweepPoint } from '../../core/sweep/types';
import { recommendK, type KRecommendation } from '../../core/choose-k/recommend';

const pct = (x: number) => `${Math.round(x * 100)} %`;

/** "the gain in fit flattens after 3 (…); 3 segments also have well-separated centres (…)". */
export function reasonSentence(r: KRecommendation): string {
  const parts: string[] = [];
  if (r.source === 'fallback') {
    parts.push(`the fit improves at a similar rate for every k, so ${r.k} is a common starting point`);
  } else if (r.gainAt !== null && r.gainAfterMean !== null) {
    parts.push(
      `the gain in fit flattens after ${r.k}: the ${ordinal(r.k)} segment removes ${pct(r.gainAt)} of the remaining spread, each one after it ${pct(r.gainAfterMean)} on average`,
    );
  } else {
    parts.push(`the gain in fit flattens after ${r.k}`);
  }
  const above = r.comparedAbove2 ? ' of all choices above 2' : '';
  const sil = r.silhouetteAt !== null ? ` (silhouette ${r.silhouetteAt.toFixed(2)})` : '';
  if (r.separation === 'best')
    parts.push(`${r.k} segments also have the best-separated centres${above}${sil}`);
  else if (r.separation === 'good')
    parts.push(`${r.k} segments also have well-separated centres, close to the best${above}${sil}`);
  else if (r.separation === 'fair') parts.push(`their centres are fairly well separated${sil}`);
  else if (r.separation === 'weak')
    parts.push(`but their centres overlap more than with other choices${sil}`);
  return parts.join('; ');
}

function ordinal(n: number): string {
  if (n % 100 >= 11 && n % 100 <= 13) return `${n}th`;
  return `${n}${n % 10 === 1 ? 'st' : n % 10 === 2 ? 'nd' : n % 10 === 3 ? 'rd' : 'th'}`;
}

/** One paragraph saying why the scores point to different k, or null when they agree. */
export function disagreementSentence(r: KRecommendation, knee: KneeResult): string | null {
  const elbows = [knee.kneedle, knee.gradientRule].filter((x): x is number => x !== null);
  const elbowSplit = elbows.length === 2 && elbows[0] !== elbows[1];
  const silOther = r.bestBySilhouette !== null && r.bestBySilhouette !== r.k;
  if (!elbowSplit && !silOther) return null;
  const s: string[] = ['The measures do not all agree, as is usual on customer data.'];
  if (elbowSplit)
    s.push(
      `The two elbow rules see the bend at ${elbows[0]} and at ${elbows[1]} segments: the curve bends gently, so both are reasonable.`,
    );
  if (silOther)
    s.push(
      `The separation score (silhouette) is highest at ${r.bestBySilhouette}${r.bestBySilhouette === 2 ? ', as it often is: two segments usually just split recent from lapsed customers, which is rarely enough to act on' : ''}.`,
    );
  s.push(
    `The recommendation follows the elbow; look at the segments of the neighbouring k and keep what you can act on.`,
  );
  return s.join(' ');
}

export function Recommendation({
  points,
  knee,
  fallbackK,
}: {
  points: readonly SweepPoint[];
  knee: KneeResult;
  fallbackK: number;
}) {
  const r = recommendK(points, knee, fallbackK);
  const disagree = disagreementSentence(r, knee);
  return (
    <div className="knee-box" data-testid="knee" data-recommended-k={r.k}>
      <p>
        <strong>Recommended: {r.k} segments</strong> — {reasonSentence(r)}.
      </p>
      {disagree !== null ? (
        <p className="small" data-testid="knee-disagreement">
          {disagree}
        </p>
      ) : null}
    </div>
  );
}
