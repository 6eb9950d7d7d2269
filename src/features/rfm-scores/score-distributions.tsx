import { useMemo } from 'react';
import { formatInt } from '../../components/format';
import { scoreDistributions, type RfmScores } from '../../core/rfm-scores';

const TOP = 12;

/** The most common combined scores (e.g. 545) and the customers per sum score (R + F + M). */
export function ScoreDistributions({ scores }: { scores: RfmScores }) {
  const d = useMemo(() => scoreDistributions(scores), [scores]);
  return (
    <div className="rfm-distributions" data-testid="rfm-score-distributions">
      <table className="model-table">
        <caption>
          Most common combined scores (R F M){' '}
          <span className="muted small">
            — {formatInt(d.combined.length)} combinations in use
            {d.combined.length > TOP ? `, the ${TOP} largest shown` : ''}
          </span>
        </caption>
        <thead>
          <tr>
            <th scope="col">Combined score</th>
            <th scope="col" className="num">
              Customers
            </th>
          </tr>
        </thead>
        <tbody>
          {d.combined.slice(0, TOP).map((c) => (
            <tr key={c.code}>
              <th scope="row">{c.code}</th>
              <td className="num">{formatInt(c.count)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="model-table">
        <caption>Sum score (R + F + M)</caption>
        <thead>
          <tr>
            <th scope="col">Sum</th>
            <th scope="col" className="num">
              Customers
            </th>
          </tr>
        </thead>
        <tbody>
          {d.sum.map((s) => (
            <tr key={s.sum}>
              <th scope="row">{s.sum}</th>
              <td className="num">{formatInt(s.count)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
