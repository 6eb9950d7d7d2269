import { formatInt } from '../../components/format';
import type { Segmentation } from '../../store/selectors/segmentation';

const pct = (x: number) => `${Math.round(x * 100)} %`;

/**
 * The results in one line, from the real numbers: "4 segments of 4,316 customers · Champions 23 % of
 * customers, 75 % of revenue" (the segment with the largest revenue share).
 */
export function summarySentence(seg: Segmentation): string {
  const p = seg.profiles;
  const head = `${seg.k} segments of ${formatInt(p.n)} customers`;
  const top = [...p.segments]
    .filter((s) => Number.isFinite(s.revenueShare))
    .sort((a, b) => b.revenueShare - a.revenueShare)[0];
  if (!top) return head;
  const name = seg.names[top.cluster] ?? `Segment ${top.id}`;
  return `${head} · ${name} ${pct(top.share)} of customers, ${pct(top.revenueShare)} of revenue`;
}

/** The box at the top of the Segments cell; the page moves the focus here after the first results. */
export function ResultsSummary({ seg }: { seg: Segmentation }) {
  return (
    <div className="results-ready" id="results-summary" tabIndex={-1} data-testid="results-ready">
      <p>
        <strong>Your segments:</strong> {summarySentence(seg)}.
      </p>
      <p className="small">
        Name them in the table below, try another number of segments in Choose k, or download the customers
        with their segment in Export.
      </p>
    </div>
  );
}
